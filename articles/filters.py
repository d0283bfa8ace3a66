"""django-filter FilterSets for readers' pages, each starting from a public rule (published(), public()).

- ``StoryFilter``: search words, section, tag, contributor, language, date range and “has photo” over stories.
- ``QuoteFilter``: the quote search over ``Quote.objects.public()``.

Every value is checked by the form before any filter runs: a bad one (too long, a malformed date, a wildcard, an
unknown section or type) is an error shown beside its field, and the listing then returns nothing rather than
guessing. Valid values reach the database only as query parameters.
"""

from __future__ import annotations

import django_filters
from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.choices import Language, SourceType
from articles.models import Article, ArticlePhoto, Contributor, Quote, Section
from articles.querysets import public_photo_q
from articles.text.names import name_key

MAX_SLUG = 120


class BoundedSlugChoiceField(forms.ModelChoiceField):
    """A choice by slug that refuses oversized values before they reach a query."""

    def to_python(self, value):
        if value and len(str(value)) > MAX_SLUG:
            raise forms.ValidationError(_("That value is too long."), code="too_long")
        return super().to_python(value)


class BoundedSlugFilter(django_filters.ModelChoiceFilter):
    field_class = BoundedSlugChoiceField


class StoryFilter(django_filters.FilterSet):
    """Words to search for, section, tag, contributor, language, date range and “has photo” over published stories.

    The words (``q``) are ranked by the search engine in the view; here they are only validated and bounded.
    """

    q = django_filters.CharFilter(label=_("Search"), method="keep_for_ranking", max_length=200)

    section = BoundedSlugFilter(
        label=_("Section"), queryset=Section.objects.all(), to_field_name="slug", empty_label=_("All sections")
    )
    tag = BoundedSlugFilter(label=_("Topic"), field_name="tags", queryset=Tag.objects.all(), to_field_name="slug")
    contributor = BoundedSlugFilter(
        label=_("Contributor"),
        field_name="bylines__contributor",
        queryset=Contributor.objects.all(),
        to_field_name="slug",
        distinct=True,
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Language.choices, empty_label=_("Any"))
    date = django_filters.DateFromToRangeFilter(
        label=_("Published between"),
        field_name="publication_date",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    has_photo = django_filters.BooleanFilter(label=_("With a photo"), method="filter_has_photo")

    class Meta:
        model = Article
        fields = ["q", "section", "tag", "contributor", "language", "date", "has_photo"]

    @property
    def form(self):
        form = super().form
        if not hasattr(form, "helper"):
            form.helper = FormHelper()
            form.helper.form_method = "get"
            form.helper.form_class = "search-filters mb-4"
            form.helper.add_input(Submit("", _("Search"), css_class="btn-primary"))
        return form

    def keep_for_ranking(self, queryset, name, value):
        return queryset

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
    return list(Section.objects.order_by("order", "name").values_list("slug", "name"))


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


def _date_input() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


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
