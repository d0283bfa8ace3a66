"""Composing the home page: the editors' pins first, the latest published stories in every slot left open."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from articles.models import Article, BreakingNews, FrontPagePin, Section
from articles.querysets import ids_from

TOP_STORIES = 6
PER_SECTION = 4


@dataclass
class FrontPage:
    lead: Article | None = None
    top: list[Article] = field(default_factory=list)
    sections: list[tuple[Section, list[Article]]] = field(default_factory=list)
    banner: BreakingNews | None = None


def compose_front_page(*, sections: list[Section]) -> FrontPage:
    """A fixed number of queries whatever the archive's size: pins, banner, then one fetch of every story shown."""
    now = timezone.now()
    # Pins in force, whatever their story's state: the stories' fetch below applies the publication rule, and a pin
    # whose story it does not return is skipped. (FrontPagePin.objects.active() asks the same with a join that SQLite
    # plans as a walk over every published story.)
    pins = list(FrontPagePin.objects.in_force(now=now).order_by("slot", "order", "pk"))
    banner = BreakingNews.objects.active(now=now).select_related("article").first()
    published = Article.objects.published(now=now)
    latest_count = TOP_STORIES + 1 + len(pins)
    # Every part of the candidates applies the publication rule (see ids_from: the fetch must not repeat it).
    fetched = Article.objects.for_listing().filter(pk__in=_candidates(published, pins, sections, latest_count))
    # The fetch holds the newest few overall and of every section, all published: so the newest among those fetched
    # are the newest there are, overall and in each section.
    newest_first = sorted(fetched, key=lambda story: (story.publish_at, story.pk), reverse=True)
    latest_ids = [story.pk for story in newest_first[:latest_count]]
    stories = {story.pk: story for story in newest_first}

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
        block += [story for story in newest_first if story.section_id == section.pk and story.pk not in pinned]
        if block:
            page.sections.append((section, block[:PER_SECTION]))
    return page


def _candidates(published, pins: list[FrontPagePin], sections: list[Section], latest_count: int):
    """The ids of every story the page may show: the pinned ones, the newest overall and the newest of each section.

    Each part is a short walk down an index on publish time (per section: ``article_section_order_idx``), put
    together in one UNION ALL: the cost stays the same at any archive size, where ranking every published story per
    section (a window function) grew with the archive."""
    pinned = published.filter(pk__in=[pin.article_id for pin in pins]).values("pk")
    newest = published.latest_first().values("pk")[:latest_count]
    per_section = [published.filter(section=section).latest_first().values("pk")[:PER_SECTION] for section in sections]
    return ids_from(pinned, newest, *per_section)
