"""No picture in a story body that the photo desk has not cleared.

A picture in a body must be a rendition of one of the story's photos, so the credit gate (workflow), renditions and
revisions cover it like any other photo of the story:

- every save of a story (``Article.save``) keeps only the ``<img>`` of the site's own renditions, and makes a photo
  pictured in the body that the story did not use yet one of its photo uses, in the save's transaction;
- readers' pages show a body picture only while its photo is among the story's public photos (credit approved,
  rights valid); the staff preview shows those of all the story's photos.

The HTML work itself is pure and lives in ``articles/text/body_images.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Max, Q
from django.http.request import validate_host

from articles.text.body_images import clean_body_images, image_sources, url_key
from articles.text.credits import format_credit

# Photos the body brings into a story are numbered from here: the photos editors order by hand (0, 1, 2 … in the
# story's photo list, possibly in the same admin save, whose inline rows are written after the story itself) keep
# their places and their numbers stay free.
BODY_PHOTO_FIRST_ORDER = 1000


def own_host(host: str) -> bool:
    """Whether an absolute address on ``host`` points at this site (an editor may paste one copied from a page)."""
    return validate_host(host, settings.ALLOWED_HOSTS)


def clean_story_body(html: str) -> tuple[str, list[int]]:
    """The body with only own renditions left in its ``<img>``, and the ids of the photos it pictures, in order.

    For a body already through the field's sanitiser (nh3). Costs one query when the body has pictures, none
    otherwise."""
    return clean_body_images(html, rendition_owners(image_sources(html)), own_host=own_host)


def rendition_owners(srcs: list[str]) -> dict[str, int]:
    """The renditions these addresses may be (rendition URL → photo id), whichever photo they belong to."""
    # A rendition's file name is unique to it, so it narrows the search in the database (the JSON's text); the
    # exact comparison of whole addresses is clean_body_images's.
    names = {key.rsplit("/", 1)[-1] for src in srcs if (key := url_key(src, own_host=own_host))}
    names.discard("")
    if not names:
        return {}
    from articles.models import Photo  # the models import this module

    query = Q()
    for name in sorted(names):
        query |= Q(renditions__icontains=name)
    owners: dict[str, int] = {}
    for photo_id, renditions in Photo.objects.filter(query).order_by("pk").values_list("pk", "renditions"):
        for rendition in (renditions or {}).values():
            owners.setdefault(rendition["url"], photo_id)
    return owners


def place_pictured_photos(article, photo_ids: list[int]) -> list:
    """Make every photo pictured in the body one of the story's photo uses (call inside the story's save)."""
    if not photo_ids:
        return []
    from articles.models import ArticlePhoto  # the models import this module

    uses = article.photo_uses.all()
    used = set(uses.values_list("photo_id", flat=True))
    missing = [photo_id for photo_id in photo_ids if photo_id not in used]
    if not missing:
        return []
    last = uses.aggregate(last=Max("order"))["last"]
    first = BODY_PHOTO_FIRST_ORDER if last is None else max(BODY_PHOTO_FIRST_ORDER, last + 1)
    return [
        ArticlePhoto.objects.create(article=article, photo_id=photo_id, order=first + offset)
        for offset, photo_id in enumerate(missing)
    ]


def for_readers(article, html: str) -> str:
    """The body as readers see it: pictures of the story's public photos only (no query when they are prefetched,
    as ``for_story_page()`` does). A picture whose credit was withdrawn or whose rights expired disappears."""
    return _for_readers(article, html)[0]


def for_preview(article, html: str) -> str:
    """The body as staff preview it: pictures of all the story's photos, cleared or not yet.

    The preview shows the story as readers will see it once it may go live, and the publish gate lets it go live
    only when every photo of the story is cleared; a picture from outside the story's photos is removed as on
    readers' pages. One query."""
    return _for_preview(article, html)[0]


@dataclass(frozen=True)
class StoryPhotos:
    """Where each photo of a story is on its page; every public photo once, none twice."""

    lead: Any  # the ArticlePhoto shown above the story, or None
    body: str  # the body with its pictures judged (for_readers / for_preview)
    gallery: list = field(default_factory=list)  # the other public photos, in order, after the text


def story_photos(article, *, preview: bool = False) -> StoryPhotos:
    """The story page's photos: the lead above the story, the pictures the editor placed in the body where they
    are, and every other public photo in a gallery after the text. No query when the story comes from
    ``for_story_page()`` (the preview's body costs its one).

    A lead also pictured in the body is shown there only: where the editor put it in the text is the more deliberate
    choice (a photo the body brings in is numbered after the hand-ordered ones, so it is the lead only of a story
    with no other photo)."""
    body, pictured = (_for_preview if preview else _for_readers)(article, article.body)
    lead = article.lead_photo_use
    shown = set(pictured)
    if lead is not None:
        shown.add(lead.photo_id)
    gallery = [use for use in article.public_photos if use.photo_id not in shown]
    return StoryPhotos(lead=None if lead is None or lead.photo_id in pictured else lead, body=body, gallery=gallery)


def _for_readers(article, html: str) -> tuple[str, list[int]]:
    html = _sanitised(article, html)
    if "<img" not in html:
        return html, []  # nothing to judge: most bodies, and the parse is the costly part
    uses = article.public_photos
    return clean_body_images(html, _renditions_of(uses), own_host=own_host, credits=_credit_lines(article, uses))


def _for_preview(article, html: str) -> tuple[str, list[int]]:
    html = _sanitised(article, html)
    if "<img" not in html:
        return html, []
    uses = [*article.photo_uses.select_related("photo"), *article.public_photos]
    return clean_body_images(html, _renditions_of(uses), own_host=own_host, credits=_credit_lines(article, uses))


def _sanitised(article, html: str) -> str:
    # Saves have already run the body's allowlist; running it again costs little and covers a body written without
    # a save (QuerySet.update(), a raw import), so what a page shows has always been through nh3. Its output is
    # lower-case and keeps no picture element but <img> (no <picture>, <source>, <image> or srcset), so finding no
    # "<img" in it means there is nothing to judge.
    return article._meta.get_field("body").sanitize(html or "")


def _credit_lines(article, photo_uses) -> dict[int, str]:
    """Each photo's credit line as it reads now, in the story's house style ("Foto: Dwi Arif")."""
    return {use.photo_id: format_credit(use.photo.credit, article.language) for use in photo_uses if use.photo.credit}


def _renditions_of(photo_uses) -> dict[str, int]:
    return {rendition["url"]: use.photo_id for use in photo_uses for rendition in (use.photo.renditions or {}).values()}
