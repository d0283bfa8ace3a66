"""
The rules readers' pages start from, each written once:

- a story is public only when ``ArticleQuerySet.published()`` says so;
- a photo is public only when ``PhotoQuerySet.public()`` says so;
- a quote is public only when ``QuoteQuerySet.public()`` says so;
- a correction or update notice is public only when its story is (``CorrectionQuerySet.public()``).

Views, feeds, sitemaps and template tags call these; nothing else filters on status.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, F, Func, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.choices import ArticleStatus, CreditStatus, QuoteStatus

# How many stories on each side of a story, in publish order, are candidates for its related stories. Counting shared
# tags over the whole archive made the story page the slowest page and slower with every story published (issue 22);
# a window read off the publish-time index costs the same at 1,000 stories and at 1,000,000. What readers lose: a
# story published further away than that (at 50 stories a day, more than about ten days before or after) is not
# offered however many tags it shares; the related stories of a story are those of its time.
RELATED_WINDOW = 500


def published_q(*, prefix: str = "", now: datetime | None = None) -> Q:
    """The publication rule as a Q, so a related query (``article__…``) applies the very same rule.

    Published status, a publish time that has come, and no expiry time that has passed: scheduling and expiry
    need no job, the query itself decides at every request.
    """
    now = now or timezone.now()
    return Q(**{f"{prefix}status": ArticleStatus.PUBLISHED, f"{prefix}publish_at__lte": now}) & (
        Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now})
    )


def ids_from(*parts: models.QuerySet) -> models.QuerySet:
    """The ids of ``parts`` (each a short, ordered and limited queryset of ids) in one UNION ALL, to fetch with
    ``pk__in``: the database looks those rows up by id, however many there are around them.

    The fetch itself should not repeat the parts' filters: given the publication rule there too, SQLite walks every
    published story checking each against the list. A part is wrapped in ``pk__in`` because SQLite takes no LIMIT or
    ORDER BY in a member of a UNION (Django refuses it)."""
    members = [part.model.objects.filter(pk__in=part).order_by().values("pk") for part in parts]
    return members[0].union(*members[1:], all=True)


def _related_model(queryset: models.QuerySet, field_name: str) -> type[models.Model]:
    """The model at the other end of ``field_name``: how these rules reach related models without importing
    articles.models, which imports this module."""
    return queryset.model._meta.get_field(field_name).related_model


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now: datetime | None = None) -> ArticleQuerySet:
        """Stories readers may see: published status, a publish time that has come and no expiry time passed."""
        return self.filter(published_q(now=now))

    def touch(self) -> int:
        """Count these stories as changed (version + 1) when their parts change outside the story's own form, so an
        editor's form opened before is refused on save instead of writing over the change."""
        return self.update(version=F("version") + 1)

    def latest_first(self) -> ArticleQuerySet:
        return self.order_by("-publish_at", "-pk")

    def related_to(self, article, *, tag_ids: list[int], limit: int = 4) -> ArticleQuerySet:
        """Stories sharing the most tags with ``article``, then others from its section, newest first: among the
        stories published around it only (``RELATED_WINDOW`` on each side), so the story page costs the same at any
        archive size."""
        anchor = article.publish_at or timezone.now()
        before = self.filter(publish_at__lte=anchor).latest_first().values("pk")[:RELATED_WINDOW]
        after = self.filter(publish_at__gt=anchor).order_by("publish_at", "pk").values("pk")[:RELATED_WINDOW]
        return (
            # These stories' own rules (published()) are in the two parts: the fetch looks the candidates up by id.
            self.model.objects.filter(pk__in=ids_from(before, after))
            .exclude(pk=article.pk)
            .annotate(shared_tags=self._shared_tags_with(tag_ids))
            .filter(Q(shared_tags__gt=0) | Q(section_id=article.section_id))
            .order_by("-shared_tags", "-publish_at", "-pk")[:limit]
        )

    def _shared_tags_with(self, tag_ids: list[int]) -> Coalesce | Value:
        """How many of ``tag_ids`` each story has: one probe of the tag table's (content type, story) index per
        candidate, the candidates being few (where a join counted over every story having one of the tags)."""
        if not tag_ids:
            return Value(0, output_field=models.IntegerField())
        TaggedItem = self.model.tags.through
        shared = (
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk"), tag_id__in=tag_ids
            )
            .order_by()
            .values("object_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(shared), Value(0), output_field=models.IntegerField())

    def counted(self) -> Subquery:
        """How many these stories are, as a subquery: a count another query carries instead of running its own."""
        # COUNT as a plain function, not an aggregate: an aggregate would group the subquery by story.
        return Subquery(self.order_by().values(n=Func("pk", function="COUNT")), output_field=models.IntegerField())

    def with_public_photos(self) -> ArticleQuerySet:
        """Each story's public photos in order (``Article.public_photos``) and which photo is in first place
        (``Article.lead_photo_use``), in one query for every story together and none per story."""
        ArticlePhoto = _related_model(self, "photo_uses")
        # The lead is the use in first place whether or not readers may see its photo: a lead that is not public
        # leaves the story without one rather than promoting the next photo.
        first_place = ArticlePhoto.objects.filter(article=OuterRef("pk")).order_by("order").values("photo_id")[:1]
        return self.annotate(first_place_photo_id=Subquery(first_place)).prefetch_related(
            Prefetch(
                "photo_uses",
                queryset=ArticlePhoto.objects.filter(public_photo_q(prefix="photo__"))
                .select_related("photo")
                .order_by("order"),
                to_attr="public_photo_uses",
            ),
        )

    def for_listing(self) -> ArticleQuerySet:
        """Everything a story card shows, fetched in a fixed number of queries however many cards there are."""
        Byline = _related_model(self, "bylines")
        return (
            self.select_related("section")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("contributor").order_by("order"))
            )
            .with_public_photos()
        )

    def for_story_page(self) -> ArticleQuerySet:
        """What a story page shows: the listing's parts plus its correction and update notices, oldest first."""
        Correction = _related_model(self, "corrections")
        return self.for_listing().prefetch_related(
            Prefetch("corrections", queryset=Correction.objects.order_by("created_at", "pk"))
        )


def public_photo_q(*, prefix: str = "", now: datetime | None = None) -> Q:
    """The photo rule as a Q: an approved credit, an image to show, and rights that have not expired."""
    now = now or timezone.now()
    return (
        Q(**{f"{prefix}credit_status": CreditStatus.APPROVED})
        & ~Q(**{f"{prefix}image": ""})
        & (Q(**{f"{prefix}rights_expire_at__isnull": True}) | Q(**{f"{prefix}rights_expire_at__gt": now}))
    )


class PhotoQuerySet(models.QuerySet):
    def public(self, *, now: datetime | None = None) -> PhotoQuerySet:
        """Photos readers may see: approved credit, an image, rights still valid (a query-time rule, no job)."""
        return self.filter(public_photo_q(now=now))

    def expiring_within(self, days: int, *, now: datetime | None = None) -> PhotoQuerySet:
        """Photos whose rights end in the next ``days`` days: what the desk must renew or replace."""
        now = now or timezone.now()
        return self.filter(rights_expire_at__gt=now, rights_expire_at__lte=now + timedelta(days=days))


class QuoteQuerySet(models.QuerySet):
    def confirmed(self) -> QuoteQuerySet:
        """Quotes an editor has confirmed (what a staff preview shows)."""
        return self.filter(status=QuoteStatus.CONFIRMED)

    def public(self, *, now: datetime | None = None) -> QuoteQuerySet:
        """Quotes readers may see: confirmed by an editor, in a published story."""
        return self.confirmed().filter(published_q(prefix="article__", now=now))


class CorrectionQuerySet(models.QuerySet):
    def public(self) -> CorrectionQuerySet:
        """Notices readers may see: those on stories ``published()`` shows, whatever their own state."""
        Article = _related_model(self, "article")
        return self.filter(article__in=Article.objects.published())
