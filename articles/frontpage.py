"""Composing the home page: the editors' pins first, the latest published stories in every slot left open."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from articles.models import Article, BreakingNews, FrontPagePin, Section

TOP_STORIES = 6
PER_SECTION = 4


@dataclass
class FrontPage:
    lead: Article | None = None
    top: list[Article] = field(default_factory=list)
    sections: list[tuple[Section, list[Article]]] = field(default_factory=list)
    banner: BreakingNews | None = None


def compose_front_page(*, sections: list[Section]) -> FrontPage:
    """A fixed number of queries whatever the archive's size: pins, banner, candidates, then one fetch of them all."""
    now = timezone.now()
    pins = list(FrontPagePin.objects.active(now=now))
    banner = BreakingNews.objects.active(now=now).select_related("article").first()
    published = Article.objects.published(now=now)
    latest_ids = list(published.latest_first().values_list("pk", flat=True)[: TOP_STORIES + 1 + len(pins)])
    # The newest few of every section in one query (a window function), not one query per section.
    per_section = (
        published.annotate(
            rank=Window(RowNumber(), partition_by=[F("section_id")], order_by=[F("publish_at").desc(), F("pk").desc()])
        )
        .filter(rank__lte=PER_SECTION)
        .values_list("pk", "section_id")
    )
    section_rows = list(per_section)
    wanted = {pin.article_id for pin in pins} | set(latest_ids) | {pk for pk, _ in section_rows}
    stories = published.for_listing().in_bulk(wanted)

    page = FrontPage(banner=banner)
    shown: set[int] = set()

    def take(pk: int) -> Article | None:
        if pk in stories and pk not in shown:
            shown.add(pk)
            return stories[pk]
        return None

    for pin in pins:
        if pin.slot == FrontPagePin.Slot.LEAD and page.lead is None:
            page.lead = take(pin.article_id)
    if page.lead is None:
        page.lead = next(filter(None, (take(pk) for pk in latest_ids)), None)
    page.top = [s for s in (take(p.article_id) for p in pins if p.slot == FrontPagePin.Slot.TOP) if s]
    for pk in latest_ids:
        if len(page.top) >= TOP_STORIES:
            break
        if story := take(pk):
            page.top.append(story)
    for section in sections:
        pinned = [p.article_id for p in pins if p.slot == FrontPagePin.Slot.SECTION and p.section_id == section.pk]
        block = [stories[pk] for pk in pinned if pk in stories]
        block += [stories[pk] for pk, section_id in section_rows if section_id == section.pk and pk not in pinned]
        if block:
            page.sections.append((section, block[:PER_SECTION]))
    return page
