"""RSS feeds of published stories: the whole site and each section. They start from published() like every page."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section
from articles.text.xml_chars import xml_safe

FEED_LENGTH = 30


class XmlSafeRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose every text — the feed's and each story's — is XML 1.0, whatever characters were typed: one
    control character pasted into one headline would otherwise make the feed a server error for every reader."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_safe, args), **{name: xml_safe(value) for name, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(xml_safe, args), **{name: xml_safe(value) for name, value in kwargs.items()})


class LatestStoriesFeed(Feed):
    feed_type = XmlSafeRssFeed
    title = _("Newsroom — latest news")
    description = _("The latest stories published by the newsroom.")

    def link(self):
        return reverse("articles:home")

    def stories(self):
        return Article.objects.published().select_related("section").prefetch_related("bylines__contributor")

    def items(self):
        return self.stories().latest_first()[:FEED_LENGTH]

    def item_title(self, article: Article) -> str:
        return article.headline

    def item_description(self, article: Article) -> str:
        return article.dek

    def item_pubdate(self, article: Article):
        return article.publish_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_author_name(self, article: Article) -> str:
        return ", ".join(byline.contributor.name for byline in article.ordered_bylines)

    def item_categories(self, article: Article) -> list[str]:
        return [article.section.name]


class SectionStoriesFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, section: Section) -> str:
        return _("Newsroom — %(section)s") % {"section": section.name}

    def link(self, section: Section) -> str:
        return section.get_absolute_url()

    def items(self, section: Section):
        return self.stories().filter(section=section).latest_first()[:FEED_LENGTH]
