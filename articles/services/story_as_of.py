"""The story as readers would have seen it in one saved version, for the staff preview of a revision.

``story_as_of`` answers with a ``PastStory``: a plain, read-only object built from the version's saved fields and
parts, never saved and never mistaken for today's row. It offers what the story page (templates/articles/
article_detail.html, its template tags and articles/body_images.py) reads from a story, under the same names as
``Article``, so one template shows both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.choices import ArticleStatus, QuoteStatus
from articles.models import Article, ArticlePhoto, Byline, Contributor, Correction, Photo, Quote, Section, Source
from articles.services.revisions import snapshot


class _Rows(tuple):
    """A story's related rows already in memory, answering the few queryset calls the page makes on them."""

    def all(self) -> _Rows:
        return self

    def select_related(self, *fields) -> _Rows:
        return self


@dataclass(frozen=True)
class PastStory:
    """One saved version of a story, read-only, with the attributes the story page uses."""

    pk: int
    kicker: str
    headline: str
    dek: str
    slug: str
    body: str
    language: str
    status: str
    section: Section | None
    publish_at: datetime | None
    publication_date: date | None
    seo_title: str
    seo_description: str
    social_title: str
    ordered_bylines: list[Byline] = field(default_factory=list)
    # Every photo use of the version (the preview shows pictures of photos not cleared yet), and the ones readers
    # may see, in order.
    photo_uses: _Rows = field(default_factory=_Rows)
    public_photos: list[ArticlePhoto] = field(default_factory=list)
    corrections: _Rows = field(default_factory=_Rows)
    tags: _Rows = field(default_factory=_Rows)

    # Django's documented Model _meta API: body_images reads the body field's cleaning from it.
    _meta = Article._meta

    @property
    def id(self) -> int:
        return self.pk

    @property
    def section_id(self) -> int | None:
        return self.section.pk if self.section else None

    @property
    def display_title(self) -> str:
        return self.seo_title or self.headline

    @property
    def lead_photo_use(self) -> ArticlePhoto | None:
        # The use in first place, as for Article: none when its photo is not public, never the next one promoted.
        first = self.photo_uses[0] if self.photo_uses else None
        return first if first is not None and first in self.public_photos else None

    def get_status_display(self) -> str:
        return str(dict(ArticleStatus.choices).get(self.status, self.status))

    def get_absolute_url(self) -> str:
        day = self.publication_date or timezone.localdate()
        return reverse(
            "articles:detail", kwargs={"year": day.year, "month": day.month, "day": day.day, "slug": self.slug}
        )

    def __str__(self) -> str:
        return self.headline


@dataclass(frozen=True)
class StoryAsOf:
    article: PastStory
    quotes: list[Quote]
    version: Version


def story_as_of(version: Version) -> StoryAsOf:
    """The story as readers would have seen it in one saved version, in memory, for the staff preview.

    The version's own bylines, photos and quotes stand in for today's; as on the live page, photos and quotes
    readers may not see are left out (the body's pictures show every photo of the version, as the preview of
    today's story does). Notices are those written by the time of that version; topics are today's (a revision
    does not keep them)."""
    old = snapshot(version)
    fields, parts = old.fields, old.parts
    pk = int(version.object_id)
    contributors = Contributor.objects.in_bulk([data["contributor_id"] for data in parts["bylines"].values()])
    photo_ids = [data["photo_id"] for data in parts["photo_uses"].values()]
    photos = Photo._base_manager.in_bulk(photo_ids)
    public = set(Photo.objects.public().filter(pk__in=photo_ids).values_list("pk", flat=True))
    sources = Source.objects.in_bulk([data["source_id"] for data in parts["quotes"].values() if data["source_id"]])
    bylines = [
        Byline(**data, contributor=contributors[data["contributor_id"]])
        for data in sorted(parts["bylines"].values(), key=lambda data: data["order"])
        if data["contributor_id"] in contributors
    ]
    uses = [
        ArticlePhoto(**data, photo=photos[data["photo_id"]])
        for data in sorted(parts["photo_uses"].values(), key=lambda data: data["order"])
        if data["photo_id"] in photos
    ]
    quotes = [
        Quote(**data, source=sources.get(data["source_id"]))
        for data in sorted(parts["quotes"].values(), key=lambda data: (data["position"], data["id"]))
        if data["status"] == QuoteStatus.CONFIRMED
    ]
    notices = Correction.objects.filter(article_id=pk, created_at__lte=version.revision.date_created)
    today = Article.objects.filter(pk=pk).first()
    story = PastStory(
        pk=pk,
        kicker=fields.get("kicker") or "",
        headline=fields.get("headline") or "",
        dek=fields.get("dek") or "",
        slug=fields.get("slug") or "",
        body=fields.get("body") or "",
        language=fields.get("language") or "",
        status=fields.get("status") or "",
        section=Section.objects.filter(pk=fields.get("section_id")).first(),  # type: ignore[misc]  # None: no section
        publish_at=fields.get("publish_at"),
        publication_date=fields.get("publication_date"),
        seo_title=fields.get("seo_title") or "",
        seo_description=fields.get("seo_description") or "",
        social_title=fields.get("social_title") or "",
        ordered_bylines=bylines,
        photo_uses=_Rows(uses),
        public_photos=[use for use in uses if use.photo_id in public],
        corrections=_Rows(notices.order_by("created_at", "pk")),
        tags=_Rows(today.tags.all() if today else ()),
    )
    return StoryAsOf(article=story, quotes=quotes, version=version)
