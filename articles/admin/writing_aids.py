"""Writing aids on the story form: a headline box that shows a long headline whole, the body's word count and
reading time, length counters for the SEO and social titles, a search-result and a social-card preview, and the
social image chosen among the story's own photos.

The server puts today's figures in the help texts (so they are there without JavaScript, and for screen readers);
static/newsroom/writing_aids.js keeps them live while the story is typed and draws the two previews. The script
gets its words from the data attributes set here (translated like every other string) and writes user text with
textContent only: the admin's CSP (newsroom/headers.py) allows no inline script and the previews never parse HTML.
"""

from __future__ import annotations

import json
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext, ngettext

from articles.choices import BylineRole
from articles.models import Byline, Contributor, Photo
from articles.photos.renditions import sorted_renditions
from articles.text.reading import WORDS_PER_MINUTE, reading_minutes, word_count

# Recommended lengths, past which the text is cut off where it is shown:
# - SEO title 60: Google shows a title link up to about 600 pixels, about 60 characters (Moz's rule of thumb;
#   Google's own Search Central guide sets no number and says titles are truncated to the device's width).
# - SEO description 160: Google's snippets are cut at about 155 to 160 characters on a desktop.
# - Social headline 70: the "max 70 characters" of the title in X's (Twitter's) Cards markup reference; Facebook
#   cuts link titles at about the same length on a phone.
RECOMMENDED_LENGTHS = {"seo_title": 60, "seo_description": 160, "social_title": 70}


def length_note(length: int, limit: int) -> str:
    return gettext("Recommended: up to %(limit)d characters; now %(count)d.") % {"limit": limit, "count": length}


def body_note(words: int, minutes: int) -> str:
    return ngettext(
        "Now %(words)d word, about %(minutes)d min to read.",
        "Now %(words)d words, about %(minutes)d min to read.",
        words,
    ) % {"words": words, "minutes": minutes}


class OneLineTextarea(forms.Textarea):
    """A two-row box for a one-line field: a long headline is seen whole while it is written. The field's clean
    joins the lines again (``WritingAidsFormMixin.clean_headline``)."""


class SocialImageSelect(forms.Select):
    """The story's photos, each option carrying its smallest rendition's address for the social-card preview."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        photo = getattr(value, "instance", None)
        if photo is not None and photo.image:
            renditions = sorted_renditions(photo)
            option["attrs"]["data-thumbnail"] = renditions[0]["url"] if renditions else photo.image.url
        return option


class WritingAidsFormMixin:
    """For ArticleAdminForm (articles/admin/forms.py): sizes, counters, previews and the social image's choices."""

    class Media:
        js = ["newsroom/writing_aids.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "headline" in self.fields:
            field = self.fields["headline"]
            field.widget = OneLineTextarea(
                attrs={
                    "rows": 2,
                    "class": "newsroom-headline",
                    "maxlength": field.max_length,
                    "data-writing-aids": json.dumps(self._script_words()),
                }
            )
        for name, limit in RECOMMENDED_LENGTHS.items():
            if name in self.fields:
                field = self.fields[name]
                value = self._current(name)
                field.help_text = f"{field.help_text} {length_note(len(value), limit)}"
                # The script's template: it puts the live length in place of 999001 and the limit of 999002.
                field.widget.attrs.update(
                    {"data-recommended-length": limit, "data-length-note": length_note(999_001, 999_002)}
                )
        if "body" in self.fields:
            field = self.fields["body"]
            words = word_count(self._current("body"))
            field.help_text = f"{field.help_text} {body_note(words, reading_minutes(words))}"
            # The script's templates: it puts the live figures in place of 999001 (words) and 999002 (minutes).
            field.widget.attrs.update(
                {
                    "data-words-per-minute": WORDS_PER_MINUTE,
                    "data-body-note-one": body_note(1, 999_002),
                    "data-body-note-many": body_note(999_001, 999_002),
                }
            )
        if "social_image" in self.fields:
            # Only this story's own photos; a new story has none until it is saved with some.
            photos = Photo.objects.filter(uses__article=instance).distinct() if instance.pk else Photo.objects.none()
            field = self.fields["social_image"]
            field.queryset = photos.order_by("pk")
            field.widget = SocialImageSelect(choices=field.choices)
            field.error_messages["invalid_choice"] = gettext(
                "Choose one of this story's own photos: add the photo to the story's photos and save first."
            )
            if not instance.pk:
                field.help_text = gettext("Save the story with its photos first; then choose one of them here.")

    def _current(self, name: str) -> str:
        # What the form shows: the posted value on a bound form, else the story's.
        if self.is_bound:
            return str(self.data.get(self.add_prefix(name), "") or "")
        return str(getattr(self.instance, name, "") or "")

    def _script_words(self) -> dict:
        day_path = self.instance.get_absolute_url().rsplit("/", 2)[0] if self.instance.pk else ""
        return {
            "searchPreview": gettext("Search result preview"),
            "socialPreview": gettext("Social card preview"),
            "noImage": gettext("No image: the lead photo is used when there is one."),
            "siteUrl": settings.NEWSROOM_SITE_URL,
            "dayPath": day_path,
        }

    def clean_headline(self):
        # The two-row box may hold a line break (Enter, or a pasted title); a headline is one line.
        # Only line breaks are joined: every other character stays as typed (pages escape it; feeds drop what XML
        # forbids), as in any other field.
        return re.sub(r"\s*[\r\n]+\s*", " ", self.cleaned_data.get("headline") or "").strip()


class WritingAidsAdminMixin:
    """For ArticleAdmin: a new story bylines its writer, and the social image sits with the SEO and social fields."""

    social_fieldset_field = "seo_title"  # the fieldset holding this field gets the social image too

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [
            (name, {**options, "fields": [*options["fields"], "social_image"]})
            if self.social_fieldset_field in options["fields"] and "social_image" not in options["fields"]
            else (name, options)
            for name, options in fieldsets
        ]

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if self._own_byline(request, obj, formset) is not None:
                formset.extra = max(formset.extra, 1)  # a class made for this request: safe to change
            yield formset, inline

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        contributor = self._own_byline(request, obj, inline)
        # Only on the empty form: a posted row compared with this initial would count as unchanged, and not be saved.
        if contributor is not None and request.method != "POST":
            kwargs["initial"] = [{"contributor": contributor.pk, "role": BylineRole.REPORTER}]
        return kwargs

    @staticmethod
    def _own_byline(request, obj, formset_or_inline) -> Contributor | None:
        # Only on a new story, and only for an account an editor linked to a contributor record: the writer is
        # bylined as reporter / writer, a row they can change or remove before saving.
        # (The add view passes its unsaved story to get_formset_kwargs, and None to get_formsets_with_inlines.)
        new_story = obj is None or obj.pk is None
        if not new_story or formset_or_inline.model is not Byline or not request.user.is_authenticated:
            return None
        return Contributor.objects.filter(user=request.user).first()
