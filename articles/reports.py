"""“Who gets quoted”: the editors' report on the sources of a period's published stories.

Figures count the quotes readers can see (``Quote.objects.public()``: confirmed, in a published story) of stories
published in the period, by the story's publication day in newsroom time. Each figure is one aggregate query, so the
report costs the same handful of queries for a week or for a year.

The kinds of voices are the ones editors chose (``Source.source_type``). A kind only suggested from the source's
title (``Source.suggested_type``) has rows of its own, “Suggested: … (not confirmed)”, so it is visible and never
counted as a confirmed kind; quotes of a group or an organisation (``Quote.speaker_kind``) have no source and their
own rows too.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from io import StringIO

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.choices import SourceType, SpeakerKind
from articles.filters import section_choices
from articles.models import Article, Quote
from articles.text.xml_chars import xml_safe

DEFAULT_DAYS = 30
MAX_DAYS = 3660  # ten years: enough for any look back, small enough to stay a sensible query
TOP = 10
THIN_LISTED = 100
BAR_WIDTH = 320  # pixels of the longest bar in the chart
LABEL_WIDTH = 240  # pixels for the labels left of the bars
ROW_HEIGHT = 28


@dataclass(frozen=True)
class Share:
    """One row of a breakdown: how many quotes, and their share of all the period's quotes."""

    label: str
    quotes: int
    share: float  # percent, 0 to 100
    bar: str = "0"  # the bar's width in the chart, in pixels, as SVG wants it (never localised)
    detail: str = ""
    stories: int | None = None


@dataclass(frozen=True)
class ThinStory:
    """A story that quotes a single source, or none."""

    article: Article
    sources: int
    only_source: str


@dataclass(frozen=True)
class KindCell:
    """One month of one kind: its quotes and their share of the month's quotes in the section."""

    quotes: int
    share: float  # percent, 0 to 100


@dataclass(frozen=True)
class KindRow:
    label: str
    cells: list[KindCell]


@dataclass(frozen=True)
class KindTable:
    """Share of quotes by kind in one section, a column per month of the period."""

    section: str
    months: list[date]  # the first day of each month
    totals: list[int]  # the section's quotes in each month
    rows: list[KindRow]


@dataclass
class SourceReport:
    start: date
    end: date
    section_name: str
    quotes: int = 0
    stories: int = 0
    by_type: list[Share] = field(default_factory=list)
    by_organisation: list[Share] = field(default_factory=list)
    top_sources: list[Share] = field(default_factory=list)
    thin_stories: list[ThinStory] = field(default_factory=list)
    thin_total: int = 0
    kind_by_month: list[KindTable] = field(default_factory=list)

    @property
    def type_chart(self) -> dict:
        return bar_chart(self.by_type)

    @property
    def organisation_chart(self) -> dict:
        return bar_chart(self.by_organisation)

    def csv(self) -> str:
        """The report as CSV: one table, its first column saying which part of the report a row belongs to."""
        out = StringIO()
        writer = csv.writer(out)
        writer.writerow(["table", "label", "detail", "count", "share_percent"])
        for table, rows in [
            ("source_type", self.by_type),
            ("organisation", self.by_organisation),
            ("top_source", self.top_sources),
        ]:
            for row in rows:
                writer.writerow([table, _cell(row.label), _cell(row.detail), row.quotes, f"{row.share:.1f}"])
        for kind_table in self.kind_by_month:
            for kind_row in kind_table.rows:
                for month, cell in zip(kind_table.months, kind_row.cells, strict=True):
                    if cell.quotes:
                        label, detail = _cell(kind_row.label), _cell(f"{kind_table.section} {month:%Y-%m}")
                        writer.writerow(["kind_by_section_month", label, detail, cell.quotes, f"{cell.share:.1f}"])
        for thin in self.thin_stories:
            detail = f"{thin.article.publication_date:%Y-%m-%d} {thin.only_source}".strip()
            writer.writerow(["story_one_or_no_source", _cell(thin.article.headline), _cell(detail), thin.sources, ""])
        return out.getvalue()


def bar_chart(rows: list[Share]) -> dict:
    """What the template's SVG needs, every coordinate a plain string so no locale turns 12.5 into “12,5”, every label
    without the control characters XML forbids (a name pasted with one would make the chart unreadable as SVG)."""
    rows = [replace(row, label=xml_safe(row.label)) for row in rows]
    return {
        "width": LABEL_WIDTH + BAR_WIDTH + 90,
        "height": max(ROW_HEIGHT * len(rows), ROW_HEIGHT),
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "rows": [
            {
                "row": row,
                "bar_y": index * ROW_HEIGHT + 5,
                "text_y": index * ROW_HEIGHT + 19,
                "value_x": f"{LABEL_WIDTH + float(row.bar) + 6:.1f}",
            }
            for index, row in enumerate(rows)
        ],
    }


def _cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet; a leading apostrophe keeps it text.
    value = str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _shares(rows: list[tuple[str, int]], total: int) -> list[Share]:
    longest = max((count for _, count in rows), default=0)
    return [
        Share(
            label=label,
            quotes=count,
            share=round(100 * count / total, 1) if total else 0.0,
            bar=f"{BAR_WIDTH * count / longest:.1f}" if longest else "0",
        )
        for label, count in rows
    ]


def who_gets_quoted(*, start: date, end: date, section_slug: str = "", section_name: str = "") -> SourceReport:
    """The report's figures for stories published from ``start`` to ``end`` (both included), in one section or all."""
    stories = Article.objects.published().filter(publication_date__range=(start, end))
    quotes = Quote.objects.public().filter(article__publication_date__range=(start, end))
    if section_slug:
        stories = stories.filter(section__slug=section_slug)
        quotes = quotes.filter(article__section__slug=section_slug)
    report = SourceReport(start=start, end=end, section_name=section_name)
    report.quotes = quotes.count()

    types = dict(SourceType.choices)
    by_type = quotes.values_list("source__source_type").annotate(n=Count("pk")).order_by()
    report.by_type = _shares(_ranked((_type_label(kind, types), count) for kind, count in by_type), report.quotes)

    report.kind_by_month = kind_by_section_month(quotes, start=start, end=end)

    by_org = quotes.values_list("source__organisation").annotate(n=Count("pk")).order_by()
    ranked = _ranked((org or str(_("No organisation given")), count) for org, count in by_org)
    rows = ranked[:TOP]
    if rest := sum(count for _, count in ranked[TOP:]):
        rows.append((str(_("Other organisations (%(count)d)") % {"count": len(ranked) - TOP}), rest))
    report.by_organisation = _shares(rows, report.quotes)

    top = list(
        quotes.exclude(source=None)
        .values_list("source", "source__name", "source__organisation")
        .annotate(n=Count("pk"), stories=Count("article", distinct=True))
        .order_by("-n", "source__name", "source")[:TOP]
    )
    shares = _shares([(name, n) for _pk, name, _org, n, _stories in top], report.quotes)
    report.top_sources = [
        Share(label=share.label, quotes=share.quotes, share=share.share, bar=share.bar, detail=org, stories=stories)
        for share, (_pk, _name, org, _n, stories) in zip(shares, top, strict=True)
    ]

    # Distinct sources of a story's confirmed quotes, as a subquery so each story is counted in the same query.
    confirmed = Quote.objects.confirmed().filter(article=OuterRef("pk")).exclude(source=None)
    source_count = confirmed.order_by().values("article").annotate(n=Count("source", distinct=True)).values("n")
    only_source = confirmed.order_by("source__name").values("source__name")[:1]
    counted = stories.annotate(
        source_count=Coalesce(Subquery(source_count, output_field=IntegerField()), Value(0)),
        only_source=Subquery(only_source),
    )
    report.stories = stories.count()
    thin = counted.filter(source_count__lte=1).select_related("section").order_by("-publish_at", "-pk")
    report.thin_total = thin.count()
    report.thin_stories = [
        ThinStory(article=article, sources=article.source_count, only_source=article.only_source or "")
        for article in thin[:THIN_LISTED]
    ]
    return report


def kind_by_section_month(quotes, *, start: date, end: date) -> list[KindTable]:
    """Share of ``quotes`` by kind of speaker, per section (in the sections' order) and month, in one grouped query.

    The month is that of the story's publication day, a date already in newsroom time (Asia/Jakarta), so the
    database truncates a date and no time zone can move a story into the next month."""
    months = _months(start, end)
    column = {month: index for index, month in enumerate(months)}
    grouped = (
        quotes.annotate(month=TruncMonth("article__publication_date"))
        .values_list(
            "article__section__order",
            "article__section__name",
            "month",
            "source__source_type",
            "source__suggested_type",
            "speaker_kind",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    sections: dict[tuple[int, str], dict[tuple[int, int, str], list[int]]] = {}
    for order, section, month, kind, suggested, speaker_kind, count in grouped:
        rows = sections.setdefault((order, section), {})
        counts = rows.setdefault(_kind_key(kind, suggested, speaker_kind), [0] * len(months))
        counts[column[month]] += count
    tables = []
    for (_order, section), rows in sorted(sections.items()):
        totals = [sum(column_counts) for column_counts in zip(*rows.values(), strict=True)]
        tables.append(
            KindTable(
                section=section,
                months=months,
                totals=totals,
                rows=[
                    KindRow(
                        label=_kind_label(key),
                        cells=[
                            KindCell(quotes=n, share=round(100 * n / total, 1) if total else 0.0)
                            for n, total in zip(counts, totals, strict=True)
                        ],
                    )
                    for key, counts in sorted(rows.items())
                ],
            )
        )
    return tables


_TYPES = list(SourceType.values)
CONFIRMED_KIND, SUGGESTED_KIND, NOT_CLASSIFIED, NO_SOURCE = range(4)
_NO_SOURCE_ORDER = [SpeakerKind.GROUP, SpeakerKind.ORGANISATION, ""]


def _kind_key(kind: str | None, suggested: str | None, speaker_kind: str) -> tuple[int, int, str]:
    # A sortable key: confirmed kinds in the choices' order, then suggestions, unclassified sources, then quotes with
    # no source (a group, an organisation, an unknown speaker).
    if kind is None:
        code = speaker_kind if speaker_kind in (SpeakerKind.GROUP, SpeakerKind.ORGANISATION) else ""
        return (NO_SOURCE, _NO_SOURCE_ORDER.index(code), code)
    if kind:
        return (CONFIRMED_KIND, _TYPES.index(kind) if kind in _TYPES else len(_TYPES), kind)
    if suggested:
        return (SUGGESTED_KIND, _TYPES.index(suggested) if suggested in _TYPES else len(_TYPES), suggested)
    return (NOT_CLASSIFIED, 0, "")


def _kind_label(key: tuple[int, int, str]) -> str:
    group, _index, code = key
    types = dict(SourceType.choices)
    if group == CONFIRMED_KIND:
        return str(types.get(code, code))
    if group == SUGGESTED_KIND:
        return str(_("Suggested: %(kind)s (not confirmed)") % {"kind": types.get(code, code)})
    if group == NOT_CLASSIFIED:
        return str(_("Not classified yet"))
    if code:
        return str(SpeakerKind(code).label)
    return str(_("Speaker unknown"))


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _ranked(rows) -> list[tuple[str, int]]:
    # Rows sharing a label are one (no organisation: blank, or no source at all); the largest first, then by label,
    # in Python so the order is the same on every database (NULLs sort differently on each).
    totals: dict[str, int] = {}
    for label, count in rows:
        totals[label] = totals.get(label, 0) + count
    return sorted(totals.items(), key=lambda row: (-row[1], row[0]))


def _type_label(kind: str | None, types: dict) -> str:
    if kind is None:
        return str(_("Speaker unknown"))
    return str(types.get(kind) or _("Not classified yet"))


class ReportForm(forms.Form):
    """The report's period and section, from the query string; defaults to the last 30 days, all sections."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("First publication day counted."),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("Last publication day counted."),
    )
    section = forms.ChoiceField(label=_("Section"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("All sections")), *section_choices()]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "mb-4"
        self.helper.layout = Layout(
            Row(
                Column("start", css_class="col-md-3"),
                Column("end", css_class="col-md-3"),
                Column("section", css_class="col-md-4"),
            ),
            StrictButton(_("Show report"), type="submit", css_class="btn-primary"),
        )

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("end") or timezone.localdate()
        start = cleaned.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        if start > end:
            raise forms.ValidationError(_("The period ends before it starts."), code="order")
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most ten years."), code="too_long")
        cleaned["start"], cleaned["end"] = start, end
        cleaned["section_name"] = dict(self.fields["section"].choices).get(cleaned.get("section") or "", "")
        return cleaned
