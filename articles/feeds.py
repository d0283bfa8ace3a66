"""RSS 2.0 and Atom 1.0 feeds of published stories: the whole site, each section, each contributor and each tag.

They start from published() like every page, in a fixed number of queries (the listing's prefetches plus tags).
Each story carries its lead public photo (an enclosure and Media RSS ``media:content`` with credit and caption),
times in the newsroom's zone (WIB, +07:00), a summary that is never empty, and its byline and topics. Text is
written XML-safe (articles/text/xml_chars.py) as a second line of defence: models strip control characters on
save, but a bulk update or an old row never passes through a save.
"""

from __future__ import annotations

import copy
import mimetypes
from posixpath import basename
from urllib.parse import unquote

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import Article, ArticlePhoto, Contributor, Section
from articles.photos.renditions import sorted_renditions
from articles.querysets import public_photo_q
from articles.text.html_paragraphs import body_paragraphs
from articles.text.snippets import opening
from articles.text.xml_chars import xml_safe
from articles.times import newsroom_time

FEED_LENGTH = 30
SUMMARY_CHARS = 300
MEDIA_RSS = "http://search.yahoo.com/mrss/"


def _xml_safe_kwargs(values: dict) -> dict:
    return {name: xml_safe(value) for name, value in values.items()}


class MediaRssMixin:
    """A feed generator's additions: every text XML-safe, and the Media RSS namespace with one ``media:content``
    per item for the lead photo (``media`` in the item's extra arguments)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_safe, args), **_xml_safe_kwargs(kwargs))

    def add_item(self, *args, **kwargs):
        media = kwargs.get("media")
        if media:
            kwargs["media"] = _xml_safe_kwargs(media)
        super().add_item(*map(xml_safe, args), **_xml_safe_kwargs(kwargs))

    def namespaces(self, attributes: dict) -> dict:
        return {**attributes, "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        media = item.get("media")
        if not media:
            return
        attributes = {"url": media["url"], "medium": "image", "type": media["type"]}
        attributes.update({name: str(media[name]) for name in ("width", "height", "fileSize") if media.get(name)})
        handler.startElement("media:content", attributes)
        if media.get("credit"):
            handler.addQuickElement("media:credit", media["credit"])
        if media.get("caption"):
            handler.addQuickElement("media:description", media["caption"], {"type": "plain"})
        handler.endElement("media:content")


class MediaRssFeed(MediaRssMixin, Rss201rev2Feed):
    def rss_attributes(self):
        return self.namespaces(super().rss_attributes())


class MediaAtomFeed(MediaRssMixin, Atom1Feed):
    def root_attributes(self):
        return self.namespaces(super().root_attributes())


def plain_summary(article: Article) -> str:
    """What a feed reader shows under the headline, never empty: the dek, else the SEO description, else the body's
    first sentences (plain text, up to SUMMARY_CHARS), else the headline itself."""
    for text in (article.dek, article.seo_description):
        if text.strip():
            return text.strip()
    return opening(body_paragraphs(article.body or ""), limit=SUMMARY_CHARS) or article.headline


def with_media(articles) -> list[Article]:
    """The stories, each with its lead photo as feeds show it (``article.feed_media``), the files' sizes read in one
    cache request.

    A size is asked of the storage once per file, then kept in the cache for good: photo files and renditions get
    generated names and are never rewritten, so it cannot change, and a feed of 30 stories would otherwise ask the
    storage (an HTTP request on object storage) 30 times per render. 0 — what the RSS board advises when the length
    is unknown — if the storage cannot tell."""
    articles = list(articles)
    for article in articles:
        article.feed_media = lead_media(article)
    media = [article.feed_media for article in articles if article.feed_media and article.feed_media["name"]]
    keys = {item["name"]: f"feed-file-size:{item['name']}" for item in media}
    known = cache.get_many(list(keys.values())) if keys else {}
    for item in media:
        size = known.get(keys[item["name"]])
        if size is None:
            try:
                size = default_storage.size(item["name"])
            except (OSError, NotImplementedError):
                size = 0
            else:
                cache.set(keys[item["name"]], size, None)
                known[keys[item["name"]]] = size
        item["fileSize"] = size
    return articles


def lead_media(article: Article) -> dict | None:
    """The lead public photo as feeds show it: the largest web rendition (WebP, no EXIF or GPS data), else the
    original while renditions are being made."""
    use = article.lead_photo_use
    if use is None:
        return None
    photo = use.photo
    renditions = sorted_renditions(photo)
    if renditions:
        largest = renditions[-1]
        url, width, height = largest["url"], largest.get("width"), largest.get("height")
        base = default_storage.base_url or ""
        name = unquote(url[len(base) :]) if base and url.startswith(base) else ""
    else:
        url, width, height, name = photo.image.url, photo.width, photo.height, photo.image.name
    return {
        "url": url,
        "type": mimetypes.guess_type(basename(name or url))[0] or "image/jpeg",
        "width": width,
        "height": height,
        "name": name,
        "fileSize": 0,
        "credit": photo.credit,
        "caption": use.display_caption,
    }


class LatestStoriesFeed(Feed):
    """The whole site in RSS 2.0."""

    feed_type = MediaRssFeed
    title = _("Newsroom — latest news")
    description = _("The latest stories published by the newsroom.")

    def __call__(self, request, *args, **kwargs):
        # One feed object serves every request (it is the URL's view): each request gets its own copy to remember
        # the request in, which photo addresses are made absolute with.
        feed = copy.copy(self)
        feed.request = request
        return super(LatestStoriesFeed, feed).__call__(request, *args, **kwargs)

    def link(self):
        return reverse("articles:home")

    def stories(self):
        return Article.objects.published().for_listing().prefetch_related("tags")

    def items(self):
        return with_media(self.stories().latest_first()[:FEED_LENGTH])

    def as_feed_text(self, text: str) -> str:
        """Escaped once more than XML needs, like Django's default ``item_title``: RSS readers take titles and
        descriptions as HTML, and a headline (or a section's, a contributor's, a tag's name) about “<script>” must
        show as those words."""
        return escape(text)

    def item_title(self, article: Article) -> str:
        return self.as_feed_text(article.headline)

    def item_description(self, article: Article) -> str:
        # A summary is HTML in Atom too (type="html"): escaped in both.
        return escape(plain_summary(article))

    def item_pubdate(self, article: Article):
        # Written as given: in the newsroom's zone, whole seconds (readers show WIB, not UTC).
        return newsroom_time(article.publish_at)

    def item_updateddate(self, article: Article):
        return newsroom_time(article.updated_at)

    def item_author_name(self, article: Article) -> str:
        return ", ".join(byline.contributor.name for byline in article.ordered_bylines)

    def item_categories(self, article: Article) -> list[str]:
        return [article.section.display_name, *sorted(tag.name for tag in article.tags.all())]

    def item_enclosures(self, article: Article) -> list[Enclosure]:
        media = article.feed_media
        if media is None:
            return []
        return [Enclosure(self._absolute(media["url"]), str(media["fileSize"]), media["type"])]

    def item_extra_kwargs(self, article: Article) -> dict:
        media = article.feed_media
        return {"media": dict(media, url=self._absolute(media["url"]))} if media else {}

    def _absolute(self, url: str) -> str:
        return self.request.build_absolute_uri(url)


class AtomFeedMixin:
    """The same feed in Atom 1.0. Atom titles are plain text (no ``type``), so they are written as they are: XML
    escaping alone keeps “<script>” as words."""

    feed_type = MediaAtomFeed

    def subtitle(self, obj=None):
        description = self.description
        if not callable(description):
            return description
        return description(obj) if obj is not None else description()

    def as_feed_text(self, text: str) -> str:
        return text


class LatestStoriesAtomFeed(AtomFeedMixin, LatestStoriesFeed):
    pass


class SectionStoriesFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, section: Section) -> str:
        return _("Newsroom — %(section)s") % {"section": self.as_feed_text(section.display_name)}

    def description(self, section: Section) -> str:
        return _("The latest stories in %(section)s.") % {"section": self.as_feed_text(section.display_name)}

    def link(self, section: Section) -> str:
        return section.get_absolute_url()

    def items(self, section: Section):
        return with_media(self.stories().filter(section=section).latest_first()[:FEED_LENGTH])


class SectionStoriesAtomFeed(AtomFeedMixin, SectionStoriesFeed):
    pass


class PublicOnlyFeed(LatestStoriesFeed):
    """A feed for something drafts may use too (a tag, a contributor): without a published story it is a 404, as
    its page is, so the feed never tells what the desk is working on."""

    def get_object(self, request, slug: str):
        obj = get_object_or_404(self.model, slug=slug)
        if not self.stories_of(obj).exists():
            raise Http404(_("Nothing published here yet."))
        return obj

    def items(self, obj):
        return with_media(self.stories_of(obj).latest_first()[:FEED_LENGTH])

    def link(self, obj) -> str:
        return obj.get_absolute_url()


class ContributorStoriesFeed(PublicOnlyFeed):
    model = Contributor

    def stories_of(self, contributor: Contributor):
        # The contributor page's rule: bylined, or credited for one of the story's public photos.
        bylined = Article.objects.filter(bylines__contributor=contributor).values("pk")
        photographed = ArticlePhoto.objects.filter(
            public_photo_q(prefix="photo__"), photo__photographer=contributor
        ).values("article")
        return self.stories().filter(Q(pk__in=bylined) | Q(pk__in=photographed))

    def title(self, contributor: Contributor) -> str:
        return _("Newsroom — stories by %(name)s") % {"name": self.as_feed_text(contributor.name)}

    def description(self, contributor: Contributor) -> str:
        return _("The latest stories by %(name)s.") % {"name": self.as_feed_text(contributor.name)}


class ContributorStoriesAtomFeed(AtomFeedMixin, ContributorStoriesFeed):
    pass


class TagStoriesFeed(PublicOnlyFeed):
    model = Tag

    def stories_of(self, tag: Tag):
        return self.stories().filter(tags=tag)

    def link(self, tag: Tag) -> str:
        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def title(self, tag: Tag) -> str:
        return _("Newsroom — topic: %(tag)s") % {"tag": self.as_feed_text(tag.name)}

    def description(self, tag: Tag) -> str:
        return _("The latest stories about %(tag)s.") % {"tag": self.as_feed_text(tag.name)}


class TagStoriesAtomFeed(AtomFeedMixin, TagStoriesFeed):
    pass


__all__ = [
    "ContributorStoriesAtomFeed",
    "ContributorStoriesFeed",
    "LatestStoriesAtomFeed",
    "LatestStoriesFeed",
    "SectionStoriesAtomFeed",
    "SectionStoriesFeed",
    "TagStoriesAtomFeed",
    "TagStoriesFeed",
]
