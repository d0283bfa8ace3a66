from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from articles import robots, site_files, sitemaps
from newsroom.languages import set_language

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    # Two-factor sign-in steps (articles/logins/): before the admin's own routes, which end in a catch-all.
    path("admin/two-factor/", include("articles.logins.urls")),
    path("admin/", admin.site.urls),
    # The desk's language choice (a cookie); readers change language by address. Exempt from CSRF: it only sets a
    # cookie, and the form may sit on a cached page that carries no per-visitor token.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # Asked for by browsers at these fixed addresses, in no language (articles/site_files.py).
    path("favicon.ico", site_files.favicon, name="favicon"),
    path("manifest.webmanifest", site_files.web_manifest, name="web_manifest"),
    # Sitemaps and robots.txt, in no language: each sitemap lists both languages' addresses (articles/sitemaps.py).
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap_news"),
    path("sitemap-stories-<slug:slug>.xml", sitemaps.story_sitemap, name="sitemap_stories"),
    path("sitemap-<section>.xml", sitemaps.listing_sitemap, name="sitemap_listing"),
    # The content API, in no language: each story carries its own (api/).
    path("api/", include("api.urls")),
]

# A dead link on the readers' side answers with a page of the site (its menu, search, the latest stories).
handler404 = "articles.error_views.page_not_found"

# Readers' pages in Indonesian at /… and in English at /en/… (newsroom/languages.py).
urlpatterns += i18n_patterns(path("", include("articles.urls")), prefix_default_language=False)

if settings.DEBUG:
    # Uploaded photos in development; production serves MEDIA_ROOT from the web server or object storage.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
