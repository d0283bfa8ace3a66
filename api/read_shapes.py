"""Records as the read API shows them (plain dicts in the shapes of api/schemas.py), built from what the pages'
querysets prefetch: no query of their own.

What readers may see is decided before anything reaches here (published(), the photo rule, Quote public()):
these only choose fields, make addresses absolute and write times in both zones.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from articles import body_images
from articles.photos.renditions import SOCIAL, sorted_renditions
from articles.text.credits import format_credit
from articles.times import newsroom_iso


def site_url(path: str) -> str:
    """An address on the site, absolute: ``NEWSROOM_SITE_URL`` (an API answer is cached for every host and client,
    so it cannot take the host from the request)."""
    if "://" in path or path.startswith("//"):
        return path  # media on another host (object storage) is absolute already
    return f"{settings.NEWSROOM_SITE_URL}{path}"


def page_address(viewname: str, key: str | int) -> str:
    """The absolute address of a section's, topic's, contributor's or source's page, remembered: a story list names
    some 150 of them, and Django's ``reverse`` was a fifth of its time. They are few and change only with the
    address table or the language (part of the key)."""
    return site_url(_page_path(viewname, key, translation.get_language(), settings.LANGUAGE_CODE))


@lru_cache(maxsize=4096)
def _page_path(viewname: str, key: str | int, language: str | None, default_language: str) -> str:
    return reverse(viewname, args=[key])


def moment(value: datetime | None) -> dict | None:
    if value is None:
        return None
    utc = value.astimezone(UTC).replace(microsecond=0)
    return {"wib": newsroom_iso(value), "utc": utc.isoformat().replace("+00:00", "Z")}


def section(value) -> dict:
    return {
        "slug": value.slug,
        "name": value.name,
        "name_en": value.name_en,
        "order": value.order,
        "url": page_address("articles:section", value.slug),
    }


def tag(value) -> dict:
    # A name with no letter or digit has no slug, so no page (as on the story page).
    return {
        "name": value.name,
        "slug": value.slug,
        "url": page_address("articles:tag", value.slug) if value.slug else None,
    }


def contributor(value, *, with_bio: bool = False) -> dict:
    shown = {
        "id": value.pk,
        "name": value.name,
        "slug": value.slug,
        "title": value.title,
        "url": page_address("articles:contributor", value.slug),
    }
    if with_bio:
        shown["bio"] = value.bio
    return shown


def source(value, *, with_kind: bool = False) -> dict:
    shown = {
        "id": value.pk,
        "name": value.name,
        "title": value.title,
        "organisation": value.organisation,
        "url": page_address("articles:source", value.pk),
    }
    if with_kind:
        # The kind an editor chose; a suggestion from the title's words is the desk's to confirm, never published.
        shown.update(type=value.source_type, level=value.level)
    return shown


def rendition(value: dict) -> dict:
    return {"url": site_url(value["url"]), "width": value.get("width"), "height": value.get("height")}


def photo(use, language: str) -> dict:
    """A story's use of a public photo: its caption in this story, credit and rights, renditions."""
    picture = use.photo
    renditions = [rendition(each) for each in sorted_renditions(picture)]
    if not renditions and picture.image:
        # Before the background task has made the renditions the pages show the original; so does the API.
        renditions = [{"url": site_url(picture.image.url), "width": picture.width, "height": picture.height}]
    social = (picture.renditions or {}).get(SOCIAL)
    return {
        "id": picture.pk,
        "caption": use.display_caption,
        "alt_text": picture.alt_text,
        "credit": picture.credit,
        "credit_line": format_credit(picture.credit, language) if picture.credit else "",
        "source": picture.source,
        "copyright_notice": picture.copyright_notice,
        "licence": picture.licence_type,
        "usage_terms": picture.usage_terms,
        "width": picture.width,
        "height": picture.height,
        "renditions": renditions,
        "social": rendition(social) if social and social.get("source") == picture.image.name else None,
    }


def story_ref(article) -> dict:
    return {"id": article.pk, "headline": article.headline, "url": site_url(article.get_absolute_url())}


def quote(value, *, with_story: bool = False) -> dict:
    shown: dict[str, Any] = {
        "id": value.pk,
        "text": value.text,
        "is_paraphrase": value.is_paraphrase,
        "is_pull_quote": value.is_pull_quote,
        "position": value.position,
        "speaker_title": value.speaker_title,
        "speaker_kind": value.speaker_kind,
        "source": source(value.source) if value.source_id else None,
    }
    if with_story:
        shown["story"] = story_ref(value.article)
    return shown


def story_summary(article) -> dict:
    """A story as lists show it; ``article`` comes from ``for_story_page()`` with its tags prefetched."""
    notices = list(article.corrections.all())  # prefetched, oldest first: the last is the page's "Updated"
    lead = article.lead_photo_use
    return {
        "id": article.pk,
        "url": site_url(article.get_absolute_url()),
        "api_url": site_url(reverse("api-v1:story", args=[article.pk])),
        "language": article.language,
        "headlines": {
            "headline": article.headline,
            "kicker": article.kicker,
            "dek": article.dek,
            "seo_title": article.seo_title or article.headline,
            "social_title": article.social_title or article.headline,
        },
        "section": section(article.section),
        "tags": [tag(each) for each in article.tags.all()],
        "bylines": [
            {"role": byline.role, "contributor": contributor(byline.contributor)} for byline in article.ordered_bylines
        ],
        "published_at": moment(article.publish_at),
        "updated_at": moment(notices[-1].created_at) if notices else None,
        "lead_photo": photo(lead, article.language) if lead is not None else None,
    }


def story_detail(article, quotes: list) -> dict:
    """Everything the story page shows; ``article`` comes from ``for_story_page()`` (corrections prefetched)."""
    shown = story_summary(article)
    shown.update(
        # Exactly the page's body: sanitised again, and pictures only of the story's public photos.
        body_html=body_images.story_photos(article).body,
        photos=[photo(use, article.language) for use in article.public_photos],
        quotes=[quote(each) for each in quotes],
        corrections=[
            {"kind": notice.kind, "text": notice.text, "created_at": moment(notice.created_at)}
            for notice in article.corrections.all()  # prefetched, oldest first, as the page's foot lists them
        ],
    )
    return shown
