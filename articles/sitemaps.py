"""Sitemaps for search engines, all starting from published() like every page, in a fixed number of queries.

- The index (``/sitemap.xml``) is built from one aggregate — how many published stories each section has and when
  the latest changed, GROUP BY section — not from a scan of the stories, and kept in the cache under the version of
  readers' pages (articles/cache.py): a publish, an edit or a takedown makes a new one at once, and it never outlives
  the next scheduled change.
- Stories are listed per section (``/sitemap-stories-<section>.xml``, in pages of ``StorySitemap.limit``), each with
  its lead photo as an ``image:image`` and its address in every language (``xhtml:link hreflang``); sections, tags
  and contributors likewise; ``/sitemap-news.xml`` is the Google News sitemap of the last 48 hours.
"""

from __future__ import annotations

import io
import math
from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import InvalidPage
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_safe
from taggit.models import Tag

from articles.cache import cache_public_page
from articles.models import Article, Byline, Contributor, Photo, Section
from articles.photos.renditions import sorted_renditions
from articles.text.xml_chars import xml_safe
from articles.times import newsroom_iso

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 stories per news sitemap
XML = "application/xml; charset=utf-8"


def absolute(url: str, *, protocol: str, domain: str) -> str:
    return url if "://" in url else f"{protocol}://{domain}{url}"


class BilingualSitemap(Sitemap):
    """Each address in every language of the site (``/…`` and ``/en/…``), each version naming the others with
    ``xhtml:link rel="alternate" hreflang`` — Google's way of telling that two pages are one page translated.

    Django's own ``i18n = True`` lists every item once per language as a separate entry and loads the whole list
    to do so; here the paging stays on the database (one story is one row of a page) and the template writes one
    ``<url>`` per language."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        protocol, domain = self.get_protocol(protocol), self.get_domain(site)
        for url in urls:
            url["alternates"] = []
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    location = absolute(self.location(url["item"]), protocol=protocol, domain=domain)
                url["alternates"].append({"lang_code": code, "location": location})
            url["images"] = [absolute(image, protocol=protocol, domain=domain) for image in self.images(url["item"])]
        return urls

    def images(self, item) -> list[str]:
        return []


def lead_image_url(article: Article) -> str | None:
    """The lead public photo's largest web rendition (the original while the renditions are being made)."""
    use = article.lead_photo_use
    if use is None:
        return None
    renditions = sorted_renditions(use.photo)
    return renditions[-1]["url"] if renditions else use.photo.image.url


class StorySitemap(BilingualSitemap):
    """One section's published stories, newest first, each with its lead photo."""

    changefreq = "daily"
    # Stories per page: with two languages 2,000 addresses (a sitemap may hold 50,000), a page written in ~0.15 s
    # (benchmarks/sitemap_index.py; 5,000 took 0.7 s). A section of 100,000 stories is 100 pages in the index.
    limit = 1000

    def __init__(self, section: Section) -> None:
        self.section = section

    def items(self):
        return (
            Article.objects.published()
            .filter(section=self.section)
            .only("slug", "publication_date", "updated_at", "status", "publish_at", "section_id")
            .with_public_photos()
            .latest_first()
        )

    def lastmod(self, article: Article):
        return article.updated_at.replace(microsecond=0)

    def images(self, article: Article) -> list[str]:
        image = lead_image_url(article)
        return [image] if image else []


class SectionSitemap(BilingualSitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Section.objects.filter(pk__in=Article.objects.published().values("section"))


class TagSitemap(BilingualSitemap):
    """Topics with a published story (a topic only drafts use has no public page)."""

    changefreq = "daily"

    def items(self):
        return Tag.objects.filter(article__in=Article.objects.published()).distinct().order_by("name")

    def location(self, tag: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class ContributorSitemap(BilingualSitemap):
    """People with a public page: a byline on a published story, or a photo readers may see."""

    changefreq = "daily"

    def items(self):
        bylined = Byline.objects.filter(article__in=Article.objects.published()).values("contributor")
        photographed = Photo.objects.public().values("photographer")
        return Contributor.objects.filter(Q(pk__in=bylined) | Q(pk__in=photographed)).order_by("name")


SITEMAPS = {"sections": SectionSitemap, "tags": TagSitemap, "contributors": ContributorSitemap}
NAMESPACES = {
    "xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xmlns:xhtml": "http://www.w3.org/1999/xhtml",
    "xmlns:image": "http://www.google.com/schemas/sitemap-image/1.1",
}


def write_urlset(urls: list[dict]) -> str:
    """The urlset of ``BilingualSitemap.get_urls``: one ``<url>`` per language version. Written with Django's XML
    writer (as feeds are) rather than a template: a page of 10,000 addresses renders in a fraction of the time."""
    stream = io.StringIO()
    handler = SimplerXMLGenerator(stream, "utf-8")
    handler.startDocument()
    handler.startElement("urlset", NAMESPACES)
    for url in urls:
        lastmod = newsroom_iso(url.get("lastmod")) or None
        for version in url["alternates"]:
            handler.startElement("url", {})
            handler.addQuickElement("loc", version["location"])
            if lastmod:
                handler.addQuickElement("lastmod", lastmod)
            for name in ("changefreq", "priority"):
                if url.get(name):
                    handler.addQuickElement(name, str(url[name]))
            for alternate in [*url["alternates"], {"lang_code": "x-default", "location": url["location"]}]:
                attributes = {"rel": "alternate", "hreflang": alternate["lang_code"], "href": alternate["location"]}
                handler.addQuickElement("xhtml:link", attrs=attributes)
            for image in url["images"]:
                handler.startElement("image:image", {})
                handler.addQuickElement("image:loc", image)
                handler.endElement("image:image")
            handler.endElement("url")
    handler.endElement("urlset")
    return stream.getvalue()


def urlset_response(request: HttpRequest, sitemap: BilingualSitemap) -> HttpResponse:
    """One page (``?p=``) of a sitemap; a page past the end is a 404, as in Django's own sitemap view."""
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1), site=get_current_site(request), protocol=request.scheme)
    except InvalidPage:
        raise Http404(_("No such sitemap page.")) from None
    response = HttpResponse(write_urlset(urls), content_type=XML)
    if getattr(sitemap, "latest_lastmod", None):  # set by get_urls when every item has one
        response.headers["Last-Modified"] = http_date(sitemap.latest_lastmod.timestamp())
    return response


@require_safe
def listing_sitemap(request: HttpRequest, section: str) -> HttpResponse:
    """Sections, tags or contributors (``/sitemap-<name>.xml``)."""
    if section not in SITEMAPS:
        raise Http404(_("No such sitemap."))
    return urlset_response(request, SITEMAPS[section]())


@require_safe
def story_sitemap(request: HttpRequest, slug: str) -> HttpResponse:
    """One section's stories (``/sitemap-stories-<section>.xml?p=2``)."""
    return urlset_response(request, StorySitemap(get_object_or_404(Section, slug=slug)))


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """The Google News sitemap: stories published in the last 48 hours, newest first, at most 1,000; each at its
    address in its own language, with its publication time in WIB."""
    now = timezone.now()
    stories = (
        Article.objects.published(now=now)
        .filter(publish_at__gte=now - NEWS_WINDOW)
        .only("headline", "slug", "publication_date", "publish_at", "language", "status")
        .latest_first()[:NEWS_LIMIT]
    )
    entries = []
    for article in stories:
        with translation.override(article.language):
            location = request.build_absolute_uri(article.get_absolute_url())
        entries.append(
            {
                "location": location,
                "language": article.language,
                "published": newsroom_iso(article.publish_at),
                "title": xml_safe(article.headline),
            }
        )
    context = {"entries": entries, "publication": settings.NEWSROOM_SITE_NAME}
    return HttpResponse(render_to_string("sitemaps/news.xml", context), content_type=XML)


def index_entries(request: HttpRequest) -> list[dict]:
    """The index's sitemaps, from one aggregate over the published stories: per section, how many (hence how many
    pages) and the latest change."""
    per_section = (
        Article.objects.published()
        .order_by()
        .values("section__slug")
        .annotate(stories=Count("pk"), lastmod=Max("updated_at"))
        .order_by("section__slug")
    )
    entries = []
    for row in per_section:
        location = request.build_absolute_uri(reverse("sitemap_stories", kwargs={"slug": row["section__slug"]}))
        for page in range(1, math.ceil(row["stories"] / StorySitemap.limit) + 1):
            entries.append({"location": location if page == 1 else f"{location}?p={page}", "lastmod": row["lastmod"]})
    latest = max((entry["lastmod"] for entry in entries), default=None)
    for name in SITEMAPS:
        location = request.build_absolute_uri(reverse("sitemap_listing", kwargs={"section": name}))
        entries.append({"location": location, "lastmod": latest})
    entries.append({"location": request.build_absolute_uri(reverse("sitemap_news")), "lastmod": latest})
    for entry in entries:
        if entry["lastmod"] is not None:
            entry["lastmod"] = newsroom_iso(entry["lastmod"])
    return entries


@require_safe
def _render_sitemap_index(request: HttpRequest) -> HttpResponse:
    return HttpResponse(render_to_string("sitemaps/index.xml", {"entries": index_entries(request)}), content_type=XML)


# From the page cache while nothing readers see has changed, as readers' pages are (articles/cache.py).
sitemap_index = cache_public_page(_render_sitemap_index)
