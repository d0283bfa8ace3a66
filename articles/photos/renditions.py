"""Web renditions of a photo: WebP at a fixed list of widths, made once with sorl-thumbnail and kept on the row.

Keeping the finished URLs on the Photo row means listing pages build ``srcset`` with no query and no file-system
check per card; the width list is fixed here, so no URL can ask for a new size. sorl-thumbnail applies the EXIF
orientation and writes no EXIF (so no GPS or camera data) into the WebP files.

Approval does not make them in the request (3 s for a 24-megapixel photo): it marks them pending and a background
task makes them (``articles.tasks.make_photo_renditions``); ``ensure_renditions`` is what that task runs.
"""

from __future__ import annotations

from sorl.thumbnail import get_thumbnail

from articles.services.photo_files import remove_with_source_on_rollback

WIDTHS = (320, 640, 960, 1280)


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
    return any((current.get(str(width)) or {}).get("source") != source for width in wanted_widths(photo))


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
        made[str(width)] = {
            "url": thumbnail.url,
            "width": thumbnail.width,
            "height": thumbnail.height,
            "source": source,
        }
    photo.renditions = made
    photo.renditions_state = photo.RenditionsState.READY
    return made


def srcset(photo) -> str:
    return ", ".join(f"{r['url']} {r['width']}w" for r in sorted_renditions(photo))


def sorted_renditions(photo) -> list[dict]:
    return sorted((photo.renditions or {}).values(), key=lambda rendition: rendition["width"])
