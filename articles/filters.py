"""django-filter FilterSets for readers' pages, each starting from a public rule (published(), public()).

- ``StoryFilter``: search words, section, tag, contributor, language, dates, “has photo” and order over stories.
- ``QuoteFilter``: the quote search over ``Quote.objects.public()``.

Every value is checked by the form before any filter runs: a bad one (too long, a malformed date, a wildcard, an
unknown section or type) is an error shown beside its field, and the listing then returns nothing rather than
guessing. Valid values reach the database only as query parameters.
"""

from __future__ import annotations

from functools import cached_property, partial

import django_filters
from crispy_forms.bootstrap import FieldWithButtons, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Layout, Row
from django import forms
from django.db.models import CharField, Exists, OuterRef, Value
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.choices import Language, SourceType
from articles.models import Article, ArticlePhoto, Byline, Contributor, Quote, Section
from articles.querysets import public_photo_q
from articles.text.names import name_key
from articles.text.stemming import reading_order_key

MAX_SLUG = 120


class BoundedSlugChoiceField(django_filters.fields.ChoiceField):
    """A choice by slug, checked against the list the form shows (read once for the page: no query of its own),
    oversized values refused first."""

    def to_python(self, value):
        if value and len(str(value)) > MAX_SLUG:
            raise forms.ValidationError(_("That value is too long."), code="too_long")
        return super().to_python(value)


class BoundedSlugFilter(django_filters.ChoiceFilter):
    field_class = BoundedSlugChoiceField


def topics_and_contributors() -> dict[str, list[tuple[str, str]]]:
    """Every topic and every contributor as (slug, name), for the search form's two lists: one query for both.

    In reading order for either of the site's languages (both use the Latin alphabet): case and accents ignored,
    names in other scripts after the Latin ones. The database's own order would put “Zebra” before “apel” and
    “Ékonomi” after “zebra”."""
    lists: dict[str, list[tuple[str, str]]] = {"tag": [], "contributor": []}
    kind = partial(Value, output_field=CharField())
    rows = Tag.objects.order_by().values_list(kind("tag"), "slug", "name")
    rows = rows.union(Contributor.objects.order_by().values_list(kind("contributor"), "slug", "name"), all=True)
    for list_name, slug, name in rows:
        lists[list_name].append((slug, name))
    for pairs in lists.values():
        pairs.sort(key=lambda pair: reading_order_key(pair[1]))
    return lists


def _date_input() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _any_yes_no() -> forms.NullBooleanSelect:
    # “With a photo: Any”, not Django's “Unknown”: the reader is not asked what they know.
    widget = forms.NullBooleanSelect()
    widget.choices = [("unknown", _("Any")), ("true", _("Yes")), ("false", _("No"))]
    return widget


class StoryFilter(django_filters.FilterSet):
    """Words to search for, section, tag, contributor, language, dates, “has photo” and order over published stories.

    The words (``q``) are ranked by the search engine in the view; here they are only validated and bounded. The
    order: with words, by relevance unless the reader asks for the newest first; without, always the newest first.

    The form puts the words box first and folds the other filters into a ``<details>`` (open when one is in use):
    on a phone the results come right after the words box; on a wide screen site.css shows them unfolded in one row.
    """

    NEWEST = "newest"
    SORTS = [("relevance", _("Relevance")), (NEWEST, _("Newest first"))]
    # The filters whose use opens the fold; the order changes no result, so it leaves the fold closed.
    UNFOLDING = ("section", "tag", "contributor", "language", "date_after", "date_before", "has_photo")

    q = django_filters.CharFilter(
        label="",  # named by its aria-label: the box and its button say what it is
        method="keep_for_ranking",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "aria-label": _("Search stories")}),
    )

    # “Any” in every list: short enough for the one-row layout on a desktop (“All sections” was cut off there).
    # Their choices are set with the form (``_choices``): one query for the sections, one for topics and contributors.
    section = BoundedSlugFilter(label=_("Section"), field_name="section__slug", empty_label=_("Any"))
    tag = BoundedSlugFilter(label=_("Topic"), field_name="tags__slug", empty_label=_("Any"))
    contributor = BoundedSlugFilter(label=_("Contributor"), method="filter_contributor", empty_label=_("Any"))
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Language.choices, empty_label=_("Any"))
    # Two date inputs, each with its own label; the names are the ones links and bookmarks already use.
    date_after = django_filters.DateFilter(
        label=_("From"), field_name="publication_date", lookup_expr="gte", widget=_date_input()
    )
    date_before = django_filters.DateFilter(
        label=_("To"), field_name="publication_date", lookup_expr="lte", widget=_date_input()
    )
    has_photo = django_filters.BooleanFilter(label=_("With a photo"), method="filter_has_photo", widget=_any_yes_no())
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORTS, empty_label=None, method="sort_results")

    class Meta:
        model = Article
        fields = ["q", "section", "tag", "contributor", "language", "date_after", "date_before", "has_photo", "sort"]

    @property
    def form(self):
        form = super().form
        if not hasattr(form, "helper"):
            for name in ("section", "tag", "contributor"):
                # Called when a value is checked or the list drawn (twice: Django reads the first choice for
                # ``required``): the lists are read once, below, and only then (no query to know the form's fields).
                form.fields[name].choices = partial(self._choices, name)
            form.helper = self._helper(unfolded=any(self._in_use(form, name) for name in self.UNFOLDING))
        return form

    @cached_property
    def sections(self) -> list[Section]:
        """Every section: for the form's list and the page's menu, one query for both."""
        return list(Section.objects.all())

    @cached_property
    def _topics_and_contributors(self) -> dict[str, list[tuple[str, str]]]:
        return topics_and_contributors()

    def _choices(self, name: str) -> list[tuple[str, str]]:
        if name == "section":
            # The name in the page's language (a section's English name on /en/).
            return [(section.slug, section.display_name) for section in self.sections]
        return self._topics_and_contributors[name]

    @staticmethod
    def _in_use(form, name: str) -> bool:
        # Read as the field's widget reads it: the form sent back as it came (“Any”, no date) uses no filter.
        value = form.fields[name].widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        return value not in (None, "")

    def _helper(self, *, unfolded: bool) -> FormHelper:
        helper = FormHelper()
        helper.form_method = "get"
        helper.form_class = "search-form mb-3"
        small = {"css_class": "form-select-sm"}
        helper.layout = Layout(
            FieldWithButtons(
                Field("q", placeholder=_("Search stories")),
                StrictButton(_("Search"), type="submit", css_class="btn-primary"),
                css_class="search-words",
            ),
            HTML(
                format_html(
                    '<details class="search-filters"{}><summary class="btn btn-outline-secondary btn-sm">{}</summary>',
                    mark_safe(" open") if unfolded else "",
                    _("Filters and order"),
                )
            ),
            Row(
                Column(Field("section", **small), css_class="col-6 col-lg"),
                Column(Field("tag", **small), css_class="col-6 col-lg"),
                Column(Field("contributor", **small), css_class="col-6 col-lg"),
                Column(Field("language", **small), css_class="col-6 col-lg"),
                Column(Field("date_after", css_class="form-control-sm"), css_class="col-6 col-lg"),
                Column(Field("date_before", css_class="form-control-sm"), css_class="col-6 col-lg"),
                Column(Field("has_photo", **small), css_class="col-6 col-lg"),
                Column(Field("sort", **small), css_class="col-6 col-lg"),
                Column(
                    StrictButton(_("Apply"), type="submit", css_class="btn-outline-primary btn-sm"),
                    css_class="col-12 col-lg-auto search-apply",
                ),
                css_class="g-2",
            ),
            HTML("</details>"),
        )
        return helper

    def keep_for_ranking(self, queryset, name, value):
        return queryset

    def sort_results(self, queryset, name, value):
        # The order is the view's to apply: by the search engine's rank, or newest first (``newest_first``).
        return queryset

    @property
    def newest_first(self) -> bool:
        """Whether the reader asked for the newest matches first rather than the best."""
        return self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("sort") == self.NEWEST

    def filter_contributor(self, queryset, name, value):
        # A subquery, not a join: a story is listed once however many bylines it has, with no DISTINCT, which the
        # search's ranking could not order by publication time.
        return queryset.filter(Exists(Byline.objects.filter(article=OuterRef("pk"), contributor__slug=value)))

    def filter_has_photo(self, queryset, name, value):
        if value is None:
            return queryset
        shown = ArticlePhoto.objects.filter(public_photo_q(prefix="photo__"), article=OuterRef("pk"))
        return queryset.filter(Exists(shown)) if value else queryset.exclude(Exists(shown))


MAX_TEXT = 200
MAX_NAME = 120
# Search matches any part of a word already; these only ever come from habits with other search boxes.
WILDCARDS = frozenset("*%_")


def section_choices() -> list[tuple[str, str]]:
    # Each form's own list, in the page's language (a section's English name on /en/).
    return [(section.slug, section.display_name) for section in Section.objects.order_by("order", "name")]


class QuoteSearchForm(forms.Form):
    """The search form: a GET form, laid out in rows, with checks that give each bad value a clear message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "quote-search mb-4"
        self.helper.layout = Layout(
            Row(Column("text", css_class="col-md-6"), Column("speaker", css_class="col-md-6")),
            Row(
                Column("organisation", css_class="col-md-4"),
                Column("source_type", css_class="col-md-4"),
                Column("section", css_class="col-md-4"),
            ),
            Row(Column("date_from", css_class="col-md-4"), Column("date_to", css_class="col-md-4")),
            StrictButton(_("Search"), type="submit", css_class="btn-primary"),
        )

    def _no_wildcards(self, name: str) -> str:
        value = self.cleaned_data.get(name) or ""
        if WILDCARDS & set(value):
            raise forms.ValidationError(
                _("Leave out *, % and _: the search already finds any quote containing the words you type."),
                code="wildcard",
            )
        return value.strip()

    def clean_text(self) -> str:
        return self._no_wildcards("text")

    def clean_speaker(self) -> str:
        return self._no_wildcards("speaker")

    def clean_organisation(self) -> str:
        return self._no_wildcards("organisation")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", forms.ValidationError(_("This date is before the “from” date."), code="order"))
        return cleaned


class QuoteFilter(django_filters.FilterSet):
    text = django_filters.CharFilter(
        field_name="text",
        lookup_expr="icontains",
        label=_("Words in the quote"),
        max_length=MAX_TEXT,
    )
    speaker = django_filters.CharFilter(method="filter_speaker", label=_("Speaker"), max_length=MAX_NAME)
    organisation = django_filters.CharFilter(
        field_name="source__organisation", lookup_expr="icontains", label=_("Organisation"), max_length=MAX_NAME
    )
    source_type = django_filters.ChoiceFilter(
        field_name="source__source_type", choices=SourceType.choices, label=_("Kind of source"), empty_label=_("Any")
    )
    # Choices rather than a model lookup: a section slug is checked against the list, never looked up as typed.
    section = django_filters.ChoiceFilter(
        field_name="article__section__slug", choices=section_choices, label=_("Section"), empty_label=_("All sections")
    )
    date_from = django_filters.DateFilter(
        field_name="article__publication_date", lookup_expr="gte", label=_("From"), widget=_date_input()
    )
    date_to = django_filters.DateFilter(
        field_name="article__publication_date", lookup_expr="lte", label=_("To"), widget=_date_input()
    )

    class Meta:
        model = Quote
        fields: list[str] = []
        form = QuoteSearchForm

    def filter_speaker(self, queryset, name, value):
        # The same folding as source matching: “dwi arif”, “Dwí  Arif” and “Arif” all find “Dwi Arif”.
        key = name_key(value)
        return queryset.filter(source__name_key__contains=key) if key else queryset
