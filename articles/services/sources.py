"""Sources: finding the record for a speaker named in a story, keeping their titles over time, merging duplicates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from articles.models import Quote, Source, SourceTitle
from articles.models.text_fields import strip_control_characters
from articles.signals import stories_changed
from articles.text.names import name_key


def source_for_speaker(name: str | None, title: str = "", *, seen_on: date | None = None) -> Source | None:
    """The source with this name (ignoring case, spacing and accents), created as proposed when there is none yet.

    A confirmed record wins over proposed duplicates of the same name. The title as printed is remembered among the
    source's titles over time, seen on ``seen_on`` (today when not given).
    """
    key = name_key(name or "")
    if not key:
        return None
    assert name is not None  # a key comes only from a name
    candidates = list(Source.objects.filter(name_key=key).order_by("pk")[:10])
    source = next((s for s in candidates if s.status == Source.Status.CONFIRMED), None) or next(iter(candidates), None)
    if source is None:
        source = Source.objects.create(
            name=" ".join(name.split())[:160], title=title[:255], status=Source.Status.PROPOSED
        )
    note_title(source=source, title=title, seen_on=seen_on)
    return source


def note_title(*, source: Source, title: str, seen_on: date | None = None) -> SourceTitle | None:
    """Remember that a story gave ``source`` this title on ``seen_on``: a new row, or wider first/last dates."""
    title = " ".join((title or "").split())[:255]
    if not title:
        return None
    seen_on = seen_on or timezone.localdate()
    with transaction.atomic():
        row, created = SourceTitle.objects.select_for_update().get_or_create(
            source=source,
            title=title,
            defaults={"first_seen": seen_on, "last_seen": seen_on, "organisation": source.organisation},
        )
        if not created and not row.first_seen <= seen_on <= row.last_seen:
            row.first_seen, row.last_seen = min(row.first_seen, seen_on), max(row.last_seen, seen_on)
            row.save(update_fields=["first_seen", "last_seen"])
    return row


def sources_for_speakers(speakers: Sequence[tuple[str | None, str]], *, seen_on: date) -> dict[str, Source]:
    """The source of each named speaker, by ``name_key``, for (name, title as printed) pairs: the rules of
    ``source_for_speaker`` and ``note_title`` above, for all of a story's speakers in four queries.

    A confirmed record wins over proposed duplicates of the same name, else the oldest; a speaker with none gets a
    proposed one (its name and title from their first quote). Each title printed is remembered among the source's
    titles, seen on ``seen_on``: a new row, or wider first/last dates for one it had."""
    first_mentions: dict[str, tuple[str, str]] = {}
    for name, title in speakers:
        key = name_key(name or "")
        if key:
            first_mentions.setdefault(key, (name or "", title))
    if not first_mentions:
        return {}
    sources: dict[str, Source] = {}
    for source in Source.objects.filter(name_key__in=first_mentions).order_by("pk"):
        chosen = sources.get(source.name_key)
        if chosen is None or (chosen.status != Source.Status.CONFIRMED and source.status == Source.Status.CONFIRMED):
            sources[source.name_key] = source
    new_sources = []
    for key, (name, title) in first_mentions.items():
        if key not in sources:
            source = Source(name=" ".join(name.split())[:160], title=title[:255], status=Source.Status.PROPOSED)
            source.name_key = name_key(source.name)  # what Source.save() does, then the pre_save receiver's cleaning
            source.suggest_kind()
            strip_control_characters(source)
            new_sources.append(source)
            sources[key] = source
    Source.objects.bulk_create(new_sources)
    _note_titles(sources, speakers, seen_on=seen_on)
    return sources


def _note_titles(sources: dict[str, Source], speakers: Sequence[tuple[str | None, str]], *, seen_on: date) -> None:
    printed: dict[tuple[int, str], Source] = {}
    for name, title in speakers:
        source = sources.get(name_key(name or ""))
        title = " ".join((title or "").split())[:255]
        if source is not None and title:
            printed.setdefault((source.pk, title), source)
    if not printed:
        return
    # Locked, as note_title() locks the row it widens: two imports at once both widen the dates.
    known = (
        SourceTitle.objects.select_for_update()
        .filter(source__in={pk for pk, _ in printed}, title__in={title for _, title in printed})
        .order_by()  # no join to the sources for the default order: only the titles are locked
    )
    widened = []
    for row in known:
        if printed.pop((row.source_id, row.title), None) is not None and not row.first_seen <= seen_on <= row.last_seen:
            row.first_seen, row.last_seen = min(row.first_seen, seen_on), max(row.last_seen, seen_on)
            widened.append(row)
    SourceTitle.objects.bulk_update(widened, ["first_seen", "last_seen"])
    new_rows = [
        SourceTitle(source=source, title=title, first_seen=seen_on, last_seen=seen_on, organisation=source.organisation)
        for (_, title), source in printed.items()
    ]
    for row in new_rows:
        strip_control_characters(row)
    # A title another import added since it was looked up above stays as that import wrote it.
    SourceTitle.objects.bulk_create(new_rows, ignore_conflicts=True)


def quote_day(quote: Quote) -> date:
    """The day a quote was said, as far as the desk knows: its story's publication day, else today."""
    return quote.article.publication_date or timezone.localdate()


@transaction.atomic
def confirm_quote_sources(*, quotes: Iterable[Quote]) -> int:
    """What confirming these quotes means for their speakers: each source becomes confirmed, and the title the story
    printed joins the source's titles (the newest one becomes the source's current title). Returns sources confirmed.
    """
    confirmed: set[int] = set()
    for quote in quotes:
        source = quote.source
        if source is None:
            continue
        row = note_title(source=source, title=quote.speaker_title, seen_on=quote_day(quote))
        changed = []
        if source.status != Source.Status.CONFIRMED:
            source.status = Source.Status.CONFIRMED
            changed.append("status")
            confirmed.add(source.pk)
        latest = source.titles.order_by("-last_seen", "-pk").first()
        if row is not None and latest == row and source.title != row.title:
            source.title = row.title
            changed.append("title")
        if changed:
            source.save(update_fields=changed)
    return len(confirmed)


@transaction.atomic
def merge_sources(*, keep: Source, duplicates: Iterable[Source]) -> dict[str, int]:
    """Move every quote and title of ``duplicates`` to ``keep``, then delete them; no quote is ever lost.

    A title ``keep`` already has takes the wider first/last dates; blank name details of ``keep`` (and its kind with
    its level) are filled from a duplicate, and its suggested kind follows its title and organisation; ``keep`` is
    confirmed when any of them was. Returns counts of what moved.
    """
    moved = {"quotes": 0, "titles": 0, "sources": 0}
    keep = Source.objects.select_for_update().get(pk=keep.pk)
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        duplicate = Source.objects.select_for_update().get(pk=duplicate.pk)
        quoted = set(Quote.objects.filter(source=duplicate).values_list("article_id", flat=True))
        moved["quotes"] += Quote.objects.filter(source=duplicate).update(source=keep)
        # update() sends no signal: the stories quoting the duplicate now name ``keep`` in search and on pages.
        stories_changed(quoted)
        kept_titles = {row.title: row for row in keep.titles.select_for_update()}
        for row in duplicate.titles.select_for_update():
            same = kept_titles.get(row.title)
            if same is None:
                row.source = keep
                row.save(update_fields=["source"])
                kept_titles[row.title] = row
                moved["titles"] += 1
            else:
                same.first_seen, same.last_seen = (
                    min(same.first_seen, row.first_seen),
                    max(same.last_seen, row.last_seen),
                )
                same.save(update_fields=["first_seen", "last_seen"])
                row.delete()
        for field in ("title", "organisation"):
            if not getattr(keep, field) and getattr(duplicate, field):
                setattr(keep, field, getattr(duplicate, field))
        if not keep.source_type and duplicate.source_type:  # a kind and its level go together
            keep.source_type, keep.level = duplicate.source_type, duplicate.level
        if duplicate.status == Source.Status.CONFIRMED:
            keep.status = Source.Status.CONFIRMED
        duplicate.delete()
        moved["sources"] += 1
    keep.save()
    return moved
