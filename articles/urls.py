from django.urls import path, register_converter

from articles import feeds, quote_views, report_views, views
from articles.cache import cache_public_page


class TwoDigitConverter:
    """Month and day as two digits (``/2024/12/19/``), so every story has exactly one spelling of its address."""

    regex = "[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


class YearConverter(TwoDigitConverter):
    regex = "[0-9]{4}"

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class TagSlugConverter:
    """A tag's address part as taggit makes it: Django's slugify with Unicode kept (“café”, “日本”), so a story tagged
    with an accented or non-Latin name links to that tag's page instead of failing to build the link."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TwoDigitConverter, "dd")
register_converter(YearConverter, "yyyy")
register_converter(TagSlugConverter, "tagslug")

app_name = "articles"
# Feeds are read by aggregators every few minutes: served from the page cache like the pages (articles/cache.py).
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("rss/", cache_public_page(feeds.LatestStoriesFeed()), name="feed"),
    path("atom/", cache_public_page(feeds.LatestStoriesAtomFeed()), name="atom_feed"),
    path("seksi/<slug:slug>/rss/", cache_public_page(feeds.SectionStoriesFeed()), name="section_feed"),
    path("seksi/<slug:slug>/atom/", cache_public_page(feeds.SectionStoriesAtomFeed()), name="section_atom_feed"),
    path("penulis/<slug:slug>/rss/", cache_public_page(feeds.ContributorStoriesFeed()), name="contributor_feed"),
    path(
        "penulis/<slug:slug>/atom/",
        cache_public_page(feeds.ContributorStoriesAtomFeed()),
        name="contributor_atom_feed",
    ),
    path("topik/<tagslug:slug>/rss/", cache_public_page(feeds.TagStoriesFeed()), name="tag_feed"),
    path("topik/<tagslug:slug>/atom/", cache_public_page(feeds.TagStoriesAtomFeed()), name="tag_atom_feed"),
    path("cari/", views.SearchView.as_view(), name="search"),
    path("seksi/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("topik/<tagslug:slug>/", views.TagView.as_view(), name="tag"),
    path("penulis/<slug:slug>/", views.ContributorView.as_view(), name="contributor"),
    path("narasumber/<int:pk>/", quote_views.SourceView.as_view(), name="source"),
    path("kutipan/", quote_views.QuoteSearchView.as_view(), name="quote_search"),
    path("redaksi/laporan/narasumber/", report_views.SourceReportView.as_view(), name="source_report"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("pratinjau/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path(
        "pratinjau/<int:pk>/revisi/<int:version_id>/",
        views.ArticleRevisionPreviewView.as_view(),
        name="preview_revision",
    ),
    path("koreksi/", views.CorrectionListView.as_view(), name="corrections"),
]
