"""A published story as an IPTC ninjs 3.1 news item (https://www.iptc.org/standards/ninjs/), for agencies, partners
and aggregators: ``story_as_ninjs(story)`` on a story loaded with ``stories_for_ninjs()`` (no query of its own).

What readers may see is decided before anything reaches here, by the pages' own rules: ``published()``, the public
photo rule (``Article.public_photos``), ``Quote.objects.public()``; the body is the page's body (``for_readers``).
Only properties the ninjs 3.1 schema defines are written (wire/schemas/ninjs-schema_3.1.json, checked in
tests/test_wire_ninjs_out.py), and empty ones are left out. Where ninjs has no property of its own:

- Bylines: ninjs 3.x has no ``authors``. ``by`` carries the byline line the page prints; each byline is also an
  ``infoSources`` entry (a party that originated the content, NewsML-G2's ``infoSource``) with its role. ``people``
  would be wrong for them: it maps to NewsML-G2's ``subject``, what the story is about.
- Corrections and updates: ninjs has no correction property, and ``edNote`` is for the receiving desk, never
  published — a notice is meant for readers. Each notice is one more ``bodies`` entry after the story's own, oldest
  first, its ``role`` saying which kind ("correction", "clarification", "update"); ``versionCreated`` moves with it.
- Speakers of confirmed quotes are ``people`` with ``rel`` "quoted" (subjects of the story: it quotes them).
- The story page is the item's one rendition, ``text/html``; the stable identifier is a ``tag:`` URI (RFC 4151), so
  a new slug or a moved publication date never makes the story a different item for whoever stored it.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from api.read_shapes import site_url as absolute
from articles import body_images
from articles.choices import LicenceType
from articles.models import Article, Quote
from articles.photos.renditions import SOCIAL, sorted_renditions
from articles.structured_data import modified_at
from articles.templatetags.newsroom import byline_line
from articles.text.credits import format_credit
from articles.text.html_paragraphs import body_paragraphs

NINJS_VERSION = "3.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"  # the schema's own $id

# The extensions photo_upload_to keeps, and the formats renditions are made in (articles/photos/renditions.py).
_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".avif": "image/avif",
}
# nh3 writes every attribute in double quotes, so a site-relative address in a sanitised body is always one of these.
_SITE_RELATIVE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')
# IPTC counts a body's words and characters without its figure captions; a body's figures hold nothing else.
_FIGURE = re.compile(r"<figure\b.*?</figure>", re.DOTALL)


def stories_for_ninjs():
    """Stories readers may see, with everything their item shows, in eight queries whatever their size: the story
    page's parts plus the photographers and agencies of its public photos, its tags and its public quotes'
    speakers."""
    return (
        Article.objects.published()
        .for_story_page()
        .prefetch_related(
            "public_photo_uses__photo__photographer",
            "public_photo_uses__photo__agency",
            "tags",
            Prefetch(
                "quotes",
                queryset=Quote.objects.public().filter(source__isnull=False).select_related("source"),
                to_attr="public_quotes_with_speakers",
            ),
        )
    )


def story_as_ninjs(article: Article) -> dict[str, Any]:
    """The ninjs 3.1 item of a story loaded with ``stories_for_ninjs()``: a plain dict, ready for ``json.dumps``.

    Addresses are on the site's own address (``NEWSROOM_SITE_URL``) in its default language, whoever asks: the
    item is cached for every client and kept by its receivers."""
    with translation.override(settings.LANGUAGE_CODE):
        photos = [_picture(use, number, article) for number, use in enumerate(article.public_photos, start=1)]
        item = {
            "uri": tag_uri("story", article.pk, article.created_at),
            "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
            "type": "text",
            "representationType": "full",
            "profile": "text-photo" if photos else "text-only",
            "version": str(article.version),
            "firstCreated": utc(article.publish_at),
            "versionCreated": utc(modified_at(article)),
            "contentCreated": utc(article.created_at),
            "expires": utc(article.expires_at),
            "pubStatus": "usable",  # only what readers may see is ever served
            "language": article.language,
            "slugline": article.slug,
            "altIds": [{"role": "internal", "value": str(article.pk)}],
            "headlines": _headlines(article),
            "descriptions": _without_empty_values([{"role": "summary", "value": article.dek}]),
            "by": _byline(article),
            "infoSources": [_contributor(byline.contributor, byline.role) for byline in article.ordered_bylines],
            "bodies": [_main_body(article), *_notices(article)],
            "subjects": _subjects(article),
            "people": _quoted(article),
            "copyrightHolder": copyright_holder(),
            "copyrightNotice": _copyright_notice(article),
            "usageTerms": getattr(settings, "NEWSROOM_USAGE_TERMS", ""),
            "renditions": [{"name": "web", "href": absolute(article.get_absolute_url()), "contentType": "text/html"}],
            "associations": photos,
        }
    return _without_empty(item)


def tag_uri(kind: str, pk: int, created: datetime) -> str:
    """``tag:berita.example,2026:story:42``: the site's host (``NEWSROOM_NINJS_TAG_AUTHORITY`` when the site has
    moved and must keep the old one) and the year the record was made, which it was then the owner of."""
    authority = getattr(settings, "NEWSROOM_NINJS_TAG_AUTHORITY", "") or urlsplit(settings.NEWSROOM_SITE_URL).hostname
    return f"tag:{authority},{created.astimezone(UTC).year}:{kind}:{pk}"


def utc(moment: datetime | None) -> str | None:
    """RFC 3339 in UTC to the second: ``2026-03-04T02:15:00+00:00``."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat() if moment else None


def copyright_holder() -> str:
    return getattr(settings, "NEWSROOM_COPYRIGHT_HOLDER", "") or settings.NEWSROOM_SITE_NAME


def _copyright_notice(article: Article) -> str:
    notice = getattr(settings, "NEWSROOM_COPYRIGHT_NOTICE", "")
    published = article.publish_at or article.created_at  # a published story always has its publish time
    return notice or f"© {published.year} {copyright_holder()}"


def _headlines(article: Article) -> list[dict]:
    return _without_empty_values(
        [
            {"role": "main", "value": article.headline},
            {"role": "kicker", "value": article.kicker},
            {"role": "seo", "value": article.seo_title},
            {"role": "social", "value": article.social_title},
        ]
    )


def _byline(article: Article) -> str:
    """The byline line the story page prints, as plain text in the story's own language."""
    with translation.override(article.language):
        return html.unescape(strip_tags(byline_line(article)))


def _contributor(contributor, role: str) -> dict:
    # Bylined on a published story, or credited for a public photo: the contributor's page exists.
    return {"name": contributor.name, "role": role, "uri": absolute(contributor.get_absolute_url())}


def _main_body(article: Article) -> dict:
    """The body exactly as the page shows it (sanitised again, pictures of public photos only), its site-relative
    links and pictures made absolute: a receiver shows it on another site."""
    shown = body_images.for_readers(article, article.body)
    paragraphs = body_paragraphs(_FIGURE.sub("", shown))
    return {
        "role": "main",
        "contentType": "text/html",
        "value": _SITE_RELATIVE.sub(lambda found: f'{found[1]}{absolute(found[2])}"', shown),
        "charCount": sum(len(paragraph) for paragraph in paragraphs),
        "wordCount": sum(len(paragraph.split()) for paragraph in paragraphs),
    }


def _notices(article: Article) -> list[dict]:
    # Prefetched by for_story_page(), oldest first, as the page's foot lists them.
    return [
        {"role": notice.kind, "contentType": "text/plain", "value": notice.text} for notice in article.corrections.all()
    ]


def _subjects(article: Article) -> list[dict]:
    section = article.section
    subjects = [
        {
            "name": section.name_en if article.language == "en" and section.name_en else section.name,
            "rel": "section",
            "literal": section.slug,
            "uri": absolute(section.get_absolute_url()),
        }
    ]
    for tag in sorted(article.tags.all(), key=lambda tag: tag.name.casefold()):
        subject = {"name": tag.name, "rel": "about", "literal": tag.slug}
        if tag.slug:  # a name with no letter or digit has no slug, so no page
            subject["uri"] = absolute(reverse("articles:tag", args=[tag.slug]))
        subjects.append(_without_empty(subject))
    return subjects


def _quoted(article: Article) -> list[dict]:
    quotes = article.public_quotes_with_speakers  # type: ignore[attr-defined]  # stories_for_ninjs() prefetches
    speakers = {quote.source_id: quote.source for quote in quotes}
    return [
        {"name": source.name, "rel": "quoted", "uri": absolute(source.get_absolute_url())}
        for source in speakers.values()
    ]


def _picture(use, number: int, article: Article) -> dict:
    """A public photo of the story as a picture association: its caption in this story, alt text and credit line,
    who made it, who holds it and on what terms, and its renditions."""
    photo = use.photo
    descriptions = [
        {"role": "caption", "value": use.display_caption},
        {"role": "alt", "value": photo.alt_text},
        {"role": "creditline", "value": format_credit(photo.credit, article.language) if photo.credit else ""},
    ]
    return _without_empty(
        {
            "name": f"picture{number}",
            "rel": "lead" if use is article.lead_photo_use else "picture",
            "uri": tag_uri("photo", photo.pk, photo.created_at),
            "type": "picture",
            "by": photo.credit,
            "descriptions": _without_empty_values(descriptions),
            "infoSources": [_contributor(photo.photographer, "photographer")] if photo.photographer_id else [],
            "copyrightHolder": _picture_holder(photo),
            "copyrightNotice": photo.copyright_notice,
            "usageTerms": photo.usage_terms,
            "renditions": _renditions(photo),
        }
    )


def _picture_holder(photo) -> str:
    """The agency the photo desk linked, else the source typed on the photo, else the site for a staff photo; nobody
    (the property left out) rather than a guess."""
    if photo.agency_id:
        return photo.agency.name
    if photo.source:
        return photo.source
    return copyright_holder() if photo.licence_type == LicenceType.STAFF else ""


def _renditions(photo) -> list[dict]:
    """The web renditions of the photo's current image, narrowest first, then the 1200x630 social crop; before the
    background task has made them, the original (what the pages show meanwhile)."""
    current = photo.image.name
    made = [
        _rendition(f"w{rendition['width']}", rendition, "image/webp")
        for rendition in sorted_renditions(photo)
        if rendition.get("source") == current
    ]
    if not made:
        original = {"url": photo.image.url, "width": photo.width, "height": photo.height}
        return [_rendition("original", original, _IMAGE_TYPES.get(PurePosixPath(current).suffix.lower(), ""))]
    social = (photo.renditions or {}).get(SOCIAL)
    if social and social.get("source") == current:
        made.append(_rendition("social", social, "image/jpeg"))
    return made


def _rendition(name: str, rendition: dict, content_type: str) -> dict:
    shown = {
        "name": name,
        "href": absolute(rendition["url"]),
        "contentType": content_type,
        "width": rendition.get("width"),
        "height": rendition.get("height"),
    }
    return _without_empty(shown)


def _without_empty_values(entries: list[dict]) -> list[dict]:
    return [entry for entry in entries if entry["value"]]


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}
