"""Template helpers for readers' pages: the byline line, the photo credit in house style, machine-readable times,
and the story body with only the pictures its reader may see."""

from datetime import datetime

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from articles import body_images
from articles.choices import BylineRole
from articles.photos.renditions import sorted_renditions, srcset
from articles.text.credits import format_credit
from articles.times import newsroom_iso

register = template.Library()


@register.simple_tag
def byline_line(article, linked: bool = False) -> str:
    """All of a story's bylines as one line, in their order: “Rina Wulandari, Agus Salim dan Dwi Arif (Foto)”.

    ``linked``: each name links to the contributor's page (the story page does; a bylined contributor of a published
    story always has one). Every part is escaped before the line is marked safe."""
    names = []
    for byline in article.ordered_bylines:
        contributor = byline.contributor
        name = (
            format_html('<a href="{}">{}</a>', contributor.get_absolute_url(), contributor.name)
            if linked
            else conditional_escape(contributor.name)
        )
        if byline.role != BylineRole.REPORTER:
            name = format_html("{} ({})", name, byline.get_role_display())
        names.append(name)
    return mark_safe(get_text_list(names, conditional_escape(_("and")))) if names else ""


@register.simple_tag
def photo_credit(photo, language: str) -> str:
    """The credit line in house style for the page's language: “Foto: Dwi Arif” or “Photo: Dwi Arif”."""
    return format_credit(photo.credit, language) if photo.credit else ""


@register.filter
def iso_datetime(value: datetime | None) -> str:
    """A ``datetime=`` value the HTML standard accepts, in the site's zone: ``2026-12-06T08:30:00+07:00``.

    Django's ``|date:'c'`` keeps microseconds, and a valid date and time string allows at most three digits of a
    second's fraction; a reader's page never needs less than a second anyway."""
    return newsroom_iso(value)


@register.inclusion_tag("articles/includes/photo_img.html")
def photo_img(
    photo, *, alt: str = "", sizes: str = "100vw", css_class: str = "img-fluid", priority: bool = False
) -> dict:
    """A responsive <img> from the photo's WebP renditions (made at approval), falling back to the original.

    Pictures wait until the reader scrolls near them (``loading="lazy"``), except the one a page shows first
    (``priority=True``: a story's photo, a listing's first picture): that one is fetched at once and before others,
    as it is the largest thing on a phone's first screen (Largest Contentful Paint)."""
    renditions = sorted_renditions(photo)
    largest = renditions[-1] if renditions else None
    return {
        "src": largest["url"] if largest else photo.image.url,
        "srcset": srcset(photo),
        "sizes": sizes,
        "width": largest["width"] if largest else photo.width,
        "height": largest["height"] if largest else photo.height,
        "alt": alt or photo.alt_text,
        "css_class": css_class,
        "priority": priority,
    }


@register.filter
def public_body_images(body: str, article) -> str:
    """The story body with pictures only of the story's public photos: ``article.body|public_body_images:article``.

    A picture disappears as soon as its photo stops being public (credit withdrawn, rights expired), with no query
    when the story comes from ``for_story_page()``."""
    # The body was sanitised when it was saved; the cleaning writes it out again from parsed tokens.
    return mark_safe(body_images.for_readers(article, body or ""))


@register.filter
def preview_body_images(body: str, article) -> str:
    """The story body for the staff preview: pictures of all the story's photos, also those not cleared yet."""
    return mark_safe(body_images.for_preview(article, body or ""))
