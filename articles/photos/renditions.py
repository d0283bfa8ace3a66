"""Web renditions of a photo: WebP at a fixed list of widths, made once with sorl-thumbnail and kept on the row.

Keeping the finished URLs on the Photo row means listing pages build ``srcset`` with no query and no file-system
check per card; the width list is fixed here, so no URL can ask for a new size. sorl-thumbnail applies the EXIF
orientation and writes no EXIF (so no GPS or camera data) into the WebP files.

Beside them, one *social* rendition (key ``"social"``): a JPEG cropped around the centre to 1200x630, the size and
shape Facebook, WhatsApp and X show in a shared link's card (many of their scrapers do not read WebP). It is the
story page's ``og:image`` (articles/structured_data.py) and never part of ``srcset``.

No request makes them (3 s for a 24-megapixel photo): saving a photo's image marks them pending and a background
task makes them (``articles.tasks.make_photo_renditions``), before anyone approves the photo, so the photo desk's
queue shows the narrowest one (``queue_thumbnail``) and never an original. ``ensure_renditions`` is what that task
runs.
"""

from __future__ import annotations

from sorl.thumbnail import get_thumbnail

from articles.services.photo_files import remove_with_source_on_rollback

WIDTHS = (320, 640, 960, 1280)
SOCIAL = "social"
SOCIAL_SIZE = (1200, 630)


def wanted_widths(photo) -> list[int]:
    """Widths above the original are not made (no upscaling), except that a small image still gets one rendition at
    its own width."""
    original_width = photo.width or WIDTHS[0]
    return [width for width in WIDTHS if width <= original_width] or [original_width]


def renditions_missing(photo) -> bool:
    """Whether the photo's current image lacks any of its renditions (what approval asks the task for)."""
    if not photo.image:
        return False
    source = photo.image.name
    current = photo.renditions or {}
    keys = [str(width) for width in wanted_widths(photo)] + [SOCIAL]
    return any((current.get(key) or {}).get("source") != source for key in keys)


def social_size(photo) -> tuple[int, int]:
    """The social rendition's size: 1200x630, or for a smaller original the largest box of that shape inside it
    (no upscaling: a 800x500 photo gives 800x420)."""
    target_width, target_height = SOCIAL_SIZE
    width = photo.width or target_width
    height = photo.height or target_height
    if width >= target_width and height >= target_height:
        return SOCIAL_SIZE
    box_width = max(1, min(width, round(height * target_width / target_height)))
    return box_width, max(1, round(box_width * target_height / target_width))


def ensure_renditions(photo) -> dict:
    """Make the missing renditions for the photo's current image and store their URLs on ``photo.renditions``,
    marking them ready (``renditions_state``).

    The caller saves the photo. Slow for a large photo: requests leave it to the background task.
    """
    photo.renditions_error = ""
    if not photo.image:
        photo.renditions = {}
        photo.renditions_state = photo.RenditionsState.NONE
        return photo.renditions
    source = photo.image.name
    made = {}
    for width in wanted_widths(photo):
        existing = (photo.renditions or {}).get(str(width))
        if existing and existing.get("source") == source:
            made[str(width)] = existing
            continue
        thumbnail = get_thumbnail(photo.image, f"{width}", format="WEBP", quality=80, upscale=False)
        # Of a file stored in a transaction still open (an import): removed with it if that rolls back.
        remove_with_source_on_rollback(photo.image, thumbnail.storage, thumbnail.name)
        made[str(width)] = _entry(thumbnail, source)
    existing = (photo.renditions or {}).get(SOCIAL)
    if existing and existing.get("source") == source:
        made[SOCIAL] = existing
    else:
        width, height = social_size(photo)
        thumbnail = get_thumbnail(
            photo.image, f"{width}x{height}", crop="center", format="JPEG", quality=85, upscale=False
        )
        remove_with_source_on_rollback(photo.image, thumbnail.storage, thumbnail.name)
        made[SOCIAL] = _entry(thumbnail, source)
    photo.renditions = made
    photo.renditions_state = photo.RenditionsState.READY
    return made


def _entry(thumbnail, source: str) -> dict:
    return {"url": thumbnail.url, "width": thumbnail.width, "height": thumbnail.height, "source": source}


def srcset(photo) -> str:
    return ", ".join(f"{r['url']} {r['width']}w" for r in sorted_renditions(photo))


def sorted_renditions(photo) -> list[dict]:
    """The WebP renditions, narrowest first (the social crop is not one of them: another shape, another format)."""
    renditions = [rendition for key, rendition in (photo.renditions or {}).items() if key.isdigit()]
    return sorted(renditions, key=lambda rendition: rendition["width"])


def queue_thumbnail(photo) -> dict | None:
    """The photo desk's preview of the photo: its narrowest WebP rendition of the current image (320 px wide, or the
    image's own width when narrower), ``{"url", "width", "height", "source"}``; None while the task is making it or
    after it failed.

    Never the original: a camera file is 5 to 20 MB, and a queue of them made the list page weigh tens of megabytes.
    """
    if not photo.image:
        return None
    source = photo.image.name
    current = [rendition for rendition in sorted_renditions(photo) if rendition.get("source") == source]
    return current[0] if current else None


def social_image(photo) -> dict:
    """The picture to share the photo with: ``{"url", "width", "height"}``, the URL relative to the site.

    The 1200x630 JPEG once the task has made it; until then the largest rendition, else the original."""
    social = (photo.renditions or {}).get(SOCIAL)
    if social and social.get("source") == photo.image.name:
        return social
    renditions = sorted_renditions(photo)
    if renditions:
        return renditions[-1]
    return {"url": photo.image.url, "width": photo.width, "height": photo.height}
