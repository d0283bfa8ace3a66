"""Preview of unsaved changes: the story form's current contents shown as readers would see the story, in a new tab,
without saving anything.

The change form's "Preview unsaved changes" button posts the whole form here (``formaction``/``formtarget``). The
story form and its inlines are bound and validated exactly as a save would, and then never saved: the page is drawn
from a ``PastStory`` (articles/services/story_as_of.py, the read-only stand-in the revision preview uses) built from
their cleaned data. The database, the story's version and its revisions stay as they were. A form that would not
save shows its errors instead, in plain words. The page is private to its viewer: no-store, noindex.
"""

from __future__ import annotations

from django.forms.formsets import DELETION_FIELD_NAME
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from taggit.models import Tag

from articles.admin.form_story import editable_story
from articles.choices import QuoteStatus
from articles.models import Article, ArticlePhoto, Byline, Photo, Quote
from articles.services.story_as_of import PastStory, _Rows


class UnsavedPreviewMixin:
    """For ArticleAdmin: the URL, the view and the button's address in the change form's context."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/preview-unsaved/",
                self.admin_site.admin_view(self.unsaved_preview_view),
                name="articles_article_preview_unsaved",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            context["unsaved_preview_url"] = reverse("admin:articles_article_preview_unsaved", args=[obj.pk])
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    @method_decorator(require_POST)
    def unsaved_preview_view(self, request, object_id):
        article = editable_story(self, request, object_id)
        form = self.get_form(request, article, change=True)(request.POST, request.FILES, instance=article)
        formsets = list(self._bound_formsets(request, article))
        valid = form.is_valid()  # fills ``article`` in memory from the form; nothing is written
        valid = all([valid, *(formset.is_valid() for formset, _inline in formsets)])
        if not valid:
            response = TemplateResponse(
                request,
                "admin/articles/article/unsaved_preview_errors.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("The preview cannot be shown"),
                    "opts": self.opts,
                    "original": article,
                    "errors": self._error_lines(form, formsets),
                },
                status=400,
            )
        else:
            story = unsaved_story(article, form.cleaned_data, {inline.model: formset for formset, inline in formsets})
            response = TemplateResponse(
                request,
                "articles/article_detail.html",
                {
                    "article": story,
                    "object": story,
                    "quotes": story_quotes(formsets),
                    "tags": list(story.tags),
                    "related": list(
                        Article.objects.published()
                        .related_to(article, tag_ids=[tag.pk for tag in story.tags])
                        .select_related("section")
                    ),
                    "notices": list(story.corrections),
                    "updated_at": story.corrections[-1].created_at if story.corrections else None,
                    "is_preview": True,
                    "is_unsaved_preview": True,
                },
            )
        add_never_cache_headers(response)  # private, no-store: the page shows text nobody has saved
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def _bound_formsets(self, request, article):
        # The inlines as the change view binds them (same classes, prefixes and kwargs), with the posted data.
        prefixes: dict[str, int] = {}
        for formset_class, inline in self.get_formsets_with_inlines(request, article):
            prefix = formset_class.get_default_prefix()
            prefixes[prefix] = prefixes.get(prefix, 0) + 1
            if prefixes[prefix] != 1 or not prefix:
                prefix = f"{prefix}-{prefixes[prefix]}"
            yield formset_class(**self.get_formset_kwargs(request, article, inline, prefix)), inline

    @staticmethod
    def _error_lines(form, formsets) -> list[str]:
        lines = []
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            lines += [f"{label}: {error}" if label else str(error) for error in errors]
        for formset, inline in formsets:
            title = str(inline.model._meta.verbose_name_plural)
            lines += [f"{title}: {error}" for error in formset.non_form_errors()]
            for row in formset.errors:
                for name, errors in row.items():
                    label = formset.form.base_fields[name].label if name in formset.form.base_fields else ""
                    lines += [f"{title} — {label}: {error}" if label else f"{title}: {error}" for error in errors]
        return lines


def _kept_forms(formset) -> list:
    """The forms of a valid formset whose rows a save would keep: filled in (a new row) or loaded, not deleted."""
    if formset is None:
        return []
    return [
        form
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get(DELETION_FIELD_NAME)
        and (form.instance.pk or form.has_changed())
    ]


def _kept_rows(formset) -> list[dict]:
    return [form.cleaned_data for form in _kept_forms(formset)]


def unsaved_story(article: Article, cleaned: dict, formsets: dict) -> PastStory:
    """The story as the form would save it, read-only and in memory (``article`` holds the form's fields already)."""
    bylines = sorted(
        (
            Byline(contributor=row["contributor"], role=row["role"], order=row["order"])
            for row in _kept_rows(formsets.get(Byline))
        ),
        key=lambda byline: byline.order,
    )
    uses = sorted(
        (
            ArticlePhoto(photo=row["photo"], order=row["order"], caption=row.get("caption", ""))
            for row in _kept_rows(formsets.get(ArticlePhoto))
        ),
        key=lambda use: use.order,
    )
    public = set(Photo.objects.public().filter(pk__in=[use.photo.pk for use in uses]).values_list("pk", flat=True))
    # Existing topics as chosen; a new tag typed in the form has no page yet, so it is not linked in the preview.
    tags = [tag for tag in cleaned.get("tags", []) if isinstance(tag, Tag)]
    return PastStory(
        pk=article.pk,
        kicker=article.kicker,
        headline=article.headline,
        dek=article.dek,
        slug=article.slug,
        body=article.body,
        language=article.language,
        status=article.status,
        section=article.section,
        publish_at=article.publish_at,
        publication_date=article.publication_date,
        seo_title=article.seo_title,
        seo_description=article.seo_description,
        social_title=article.social_title,
        ordered_bylines=bylines,
        photo_uses=_Rows(uses),
        public_photos=[use for use in uses if use.photo.pk in public],
        corrections=_Rows(article.corrections.order_by("created_at", "pk")),
        tags=_Rows(tags),
    )


def story_quotes(formsets) -> list[Quote]:
    """The confirmed quotes as the form would save them (the page shows confirmed quotes, as the staff preview)."""
    formset = next((formset for formset, inline in formsets if inline.model is Quote), None)
    quotes = [
        Quote(
            text=row["text"],
            source=row.get("source"),
            speaker_title=row.get("speaker_title", ""),
            # Fields a reporter may not set are not in their form: the quote's own values stand.
            status=row.get("status", form.instance.status),
            is_pull_quote=row.get("is_pull_quote", form.instance.is_pull_quote),
            is_paraphrase=row.get("is_paraphrase", form.instance.is_paraphrase),
            position=row.get("position", form.instance.position),
        )
        for form in _kept_forms(formset)
        if (row := form.cleaned_data)
    ]
    return sorted(
        (quote for quote in quotes if quote.status == QuoteStatus.CONFIRMED), key=lambda quote: quote.position
    )
