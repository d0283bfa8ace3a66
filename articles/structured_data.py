"""What a story page tells machines: the NewsArticle JSON-LD search engines read, and the Open Graph / Twitter card
values social networks read when someone shares the link.

Pure functions over a story loaded with ``for_story_page()`` and the page's tag list: they read only what the story
page already prefetched (bylines with contributors, public photos, corrections, section), so they add no query.
Addresses come out absolute through ``absolute`` (the request's ``build_absolute_uri``): a card or a search engine
reads them away from the page.

Only public photos ever appear: the picture is ``Article.social_photo``, chosen among ``public_photos``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.text import Truncator

from articles.photos.renditions import social_image, sorted_renditions
from articles.text.html_paragraphs import body_paragraphs
from articles.text.snippets import opening
from articles.times import newsroom_iso

Absolute = Callable[[str], str]

HEADLINE_LENGTH = 110  # Google's limit for a NewsArticle headline
DESCRIPTION_LENGTH = 160
LOGO = ("newsroom/icons/publisher-logo.png", 600, 60)  # Google: a logo within 600x60
OG_LOCALES = {"id": "id_ID", "en": "en_US"}
# A correction or clarification says the story was wrong or could be misread; an update is news since, not that.
CORRECTING_KINDS = {"correction", "clarification"}

# The same three characters Django's ``json_script`` escapes, so no text can close the <script> or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def site_name() -> str:
    return settings.NEWSROOM_SITE_NAME


def jakarta_time(moment: datetime | None) -> str | None:
    """ISO 8601 in the newsroom's zone, to the second: ``2026-03-04T09:15:00+07:00``."""
    return newsroom_iso(moment) or None


def first_sentences(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The first whole sentences of a plain text (a contributor's bio) that fit in ``limit``."""
    return opening([text or ""], limit=limit)


def headline(article) -> str:
    return Truncator(article.seo_title or article.headline).chars(HEADLINE_LENGTH)


def description(article) -> str:
    """The SEO description, else the dek, else the body's first sentences, else the headline: never empty."""
    chosen = (
        article.seo_description or article.dek or opening(body_paragraphs(article.body or ""), limit=DESCRIPTION_LENGTH)
    )
    return chosen.strip() or article.headline


def social_title(article) -> str:
    return article.social_title or article.headline


@dataclass(frozen=True)
class Picture:
    """One public photo as a card or a search engine shows it."""

    url: str
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str
    copyright: str
    # The other sizes, for the JSON-LD (Google picks among several): (url, width, height).
    more: list[tuple[str, int | None, int | None]] = field(default_factory=list)


def story_picture(article, absolute: Absolute) -> Picture | None:
    """The story's share picture (the social image, else the lead photo; public photos only), or None."""
    photo = article.social_photo
    if photo is None or not photo.image:
        return None
    use = next((use for use in article.public_photos if use.photo_id == photo.pk), None)
    caption = use.display_caption if use is not None else photo.caption
    shared = social_image(photo)
    largest = sorted_renditions(photo)[-1:]
    more = [(absolute(r["url"]), r["width"], r["height"]) for r in largest if r["url"] != shared["url"]]
    return Picture(
        url=absolute(shared["url"]),
        width=shared["width"],
        height=shared["height"],
        alt=photo.alt_text or caption,
        caption=caption,
        credit=photo.credit,
        copyright=photo.copyright_notice,
        more=more,
    )


def _image_object(url: str, width, height, picture: Picture) -> dict:
    image = {"@type": "ImageObject", "url": url, "contentUrl": url, "width": width, "height": height}
    optional = {"caption": picture.caption, "creditText": picture.credit, "copyrightNotice": picture.copyright}
    return _without_empty(image | optional)


def publisher(absolute: Absolute) -> dict:
    path, width, height = LOGO
    return {
        "@type": "Organization",
        "name": site_name(),
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": absolute(static(path)), "width": width, "height": height},
    }


def modified_at(article) -> datetime | None:
    """The last change readers can see: the last save or the last notice appended to the story (the page's
    "Updated" time), and never before publication (a story edited before it went live)."""
    notices = [notice.created_at for notice in article.corrections.all()]  # prefetched by for_story_page()
    moments = [moment for moment in (article.publish_at, article.updated_at, *notices) if moment is not None]
    return max(moments) if moments else None


def news_article(article, *, tags: list, url: str, absolute: Absolute) -> dict:
    """The schema.org NewsArticle for a public story; ``url`` is its canonical address, ``tags`` the page's tags."""
    picture = story_picture(article, absolute)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline(article),
        "description": description(article),
        "inLanguage": article.language,
        "datePublished": jakarta_time(article.publish_at),
        "dateModified": jakarta_time(modified_at(article)),
        "author": [
            {
                "@type": "Person",
                "name": byline.contributor.name,
                # Bylined on a published story, so the contributor's page exists (it is a 404 only without one).
                "url": absolute(byline.contributor.get_absolute_url()),
            }
            for byline in article.ordered_bylines
        ],
        "publisher": publisher(absolute),
        "articleSection": article.section.display_name,
        "keywords": [tag.name for tag in tags],
        "isAccessibleForFree": True,
    }
    if picture is not None:
        sizes = [(picture.url, picture.width, picture.height), *picture.more]
        data["image"] = [_image_object(url, width, height, picture) for url, width, height in sizes]
    corrections = [
        {"@type": "CorrectionComment", "text": notice.text, "datePublished": jakarta_time(notice.created_at)}
        for notice in article.corrections.all()  # prefetched by for_story_page()
        if notice.kind in CORRECTING_KINDS
    ]
    if corrections:
        data["correction"] = corrections
    return _without_empty(data)


def json_ld(data: dict) -> str:
    """The JSON for a ``<script type="application/ld+json">``, escaped exactly as ``json_script`` escapes: ``<``,
    ``>`` and ``&`` as ``\\u003C`` ``\\u003E`` ``\\u0026`` (and, being ASCII-only, U+2028/U+2029 as escapes too)."""
    return json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)


@dataclass(frozen=True)
class SocialCard:
    """The Open Graph and Twitter values of a story page (story_head.html writes them, escaped as attributes)."""

    title: str
    description: str
    url: str
    site_name: str
    locale: str
    published: str | None
    modified: str | None
    section: str
    tags: list[str]
    picture: Picture | None


def social_card(article, *, tags: list, url: str, absolute: Absolute) -> SocialCard:
    return SocialCard(
        title=social_title(article),
        description=description(article),
        url=url,
        site_name=site_name(),
        locale=OG_LOCALES.get(article.language, "id_ID"),
        published=jakarta_time(article.publish_at),
        modified=jakarta_time(modified_at(article)),
        section=article.section.display_name,
        tags=[tag.name for tag in tags],
        picture=story_picture(article, absolute),
    )


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [])}
