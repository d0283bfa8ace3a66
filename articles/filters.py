"""django-filter FilterSets for readers' listings. Each starts from a public rule (published(), public())."""

from __future__ import annotations

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.choices import Language
from articles.models import Article, ArticlePhoto, Contributor, Section
from articles.querysets import public_photo_q

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
