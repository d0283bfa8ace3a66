"""Deciding whether an uploaded file is a photo we accept, before anything is stored.

Accepted: JPEG, PNG, WebP, GIF and AVIF, recognised by their bytes (never the file name), within a size limit and
a pixel limit that counts every frame. A JPEG with a multi-picture (MPF) header is judged by its primary image, the
one browsers show: a secondary frame that is missing or damaged is left out (``CheckedImage.skipped_frames``),
while one that is there still counts against the pixel limit. Everything else — decompression bombs, truncated or
corrupt data, SVG, PSD or EPS under a photo's name, empty or random files — raises ``ImageRejected`` with a message
for the person who uploaded it. No Django imports: the same check serves the admin form, the import command and tests.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import IO

from PIL import Image, UnidentifiedImageError

from .signatures import HEAD_BYTES, identify

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PIXELS = 50_000_000

# Pillow format name → (file extension, MIME type) for what we accept.
ACCEPTED = {
    "JPEG": (".jpg", "image/jpeg"),
    "PNG": (".png", "image/png"),
    "WEBP": (".webp", "image/webp"),
    "GIF": (".gif", "image/gif"),
    "AVIF": (".avif", "image/avif"),
}
# Formats people send by mistake, named so the message can say what the file really is.
_DESCRIPTIONS = {
    "SVG": "an SVG or XML file",
    "HEIF": "a HEIC/HEIF image",
    "PSD": "a Photoshop (PSD) file",
    "EPS": "a PostScript (EPS) file",
    "PDF": "a PDF document",
    "BMP": "a BMP image",
    "TIFF": "a TIFF image",
    "ZIP": "a ZIP archive",
    "ICO": "an icon (ICO) file",
}
# Everything Pillow may raise on a hostile file; catching fewer lets some through as a server error.
_DECODE_ERRORS = (
    OSError,
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    TypeError,
    MemoryError,
)
# What a missing or damaged secondary MPF frame raises, and all it may: a decompression bomb, a pixel count over the
# limit (ImageRejected) or running out of memory still refuses the file.
_SECONDARY_FRAME_ERRORS = (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError)


class ImageRejected(ValueError):
    """An upload we do not accept; ``code`` for programs, ``message`` for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int
    frames: int  # decoded and counted
    skipped_frames: int = 0  # secondary MPF frames missing or damaged, never shown (browsers show the primary only)

    @property
    def extension(self) -> str:
        return ACCEPTED[self.format][0]

    @property
    def mime_type(self) -> str:
        return ACCEPTED[self.format][1]


def sniff_format(head: bytes) -> str | None:
    """The accepted format these first bytes announce, or None."""
    image_format = identify(head)
    return image_format if image_format in ACCEPTED else None


def describe_unaccepted(head: bytes) -> str:
    return _DESCRIPTIONS.get(identify(head) or "", "not a JPEG, PNG, WebP, GIF or AVIF image")


def check_image(
    stream: IO[bytes], *, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS
) -> CheckedImage:
    """Check an uploaded file completely (every frame decoded) and say what it is; raise ImageRejected if unusable.

    The stream is left at position 0 so the caller can store it.
    """
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise ImageRejected("empty", "The file is empty.")
    if size > max_bytes:
        raise ImageRejected(
            "too_large", f"The file is {size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB."
        )
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    image_format = sniff_format(head)
    if image_format is None:
        raise ImageRejected("unsupported_format", f"This file is {describe_unaccepted(head)}.")
    try:
        frames = _decode_all_frames(stream, image_format, max_pixels)
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(
            "too_many_pixels", f"The image declares more than {max_pixels / 1_000_000:.0f} megapixels."
        ) from None
    except UnidentifiedImageError:
        raise ImageRejected(
            "corrupt", f"The file starts like a {image_format} image but its contents cannot be read."
        ) from None
    except _DECODE_ERRORS as error:
        raise ImageRejected(
            "corrupt", f"The {image_format} image is damaged or incomplete and cannot be read ({_short(error)})."
        ) from None
    finally:
        stream.seek(0)
    return frames


def _decode_all_frames(stream: IO[bytes], image_format: str, max_pixels: int) -> CheckedImage:
    with warnings.catch_warnings():
        # Pillow only warns between 1x and 2x its own limit; a warning here is as bad as the error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(stream, formats=[image_format]) as image:
            width, height = image.size
            if width <= 0 or height <= 0:
                raise ImageRejected("corrupt", "The image has no pixels (zero width or height).")
            # Count and decode frame by frame: a small file may declare many huge frames, and some bombs only
            # show when a later frame is reached.
            total_pixels = _decode_frame(image, 0, max_pixels, frames_before=0)
            frames = 1
            # Only a multi-picture JPEG's secondary frames (3D pair, preview, gain map) may be missing or damaged.
            tolerant = image.format == "MPO"
            while True:
                try:
                    image.seek(image.tell() + 1)
                except EOFError:
                    break  # past the last frame
                except _SECONDARY_FRAME_ERRORS:
                    if tolerant:
                        break
                    raise
                try:
                    total_pixels = _decode_frame(image, total_pixels, max_pixels, frames_before=frames)
                except ImageRejected:
                    raise
                except _SECONDARY_FRAME_ERRORS:
                    if tolerant:
                        break
                    raise
                frames += 1
            skipped = max(0, getattr(image, "n_frames", frames) - frames) if tolerant else 0
    return CheckedImage(format=image_format, width=width, height=height, frames=frames, skipped_frames=skipped)


def _decode_frame(image: Image.Image, total_pixels: int, max_pixels: int, *, frames_before: int) -> int:
    """Count the current frame's pixels (its tiles may reach past the declared size), then decode it; returns the
    running total. Raises ImageRejected over the limit, before decoding."""
    frame_width, frame_height = image.size
    for _, box, *_ in getattr(image, "tile", None) or []:
        frame_width = max(frame_width, box[2])
        frame_height = max(frame_height, box[3])
    total_pixels += frame_width * frame_height
    if total_pixels > max_pixels:
        raise ImageRejected(
            "too_many_pixels",
            f"The image has more than {max_pixels / 1_000_000:.0f} megapixels"
            + (" counting all its frames." if frames_before else "."),
        )
    image.load()
    return total_pixels


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "…"
