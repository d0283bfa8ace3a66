"""What a file is, from its first bytes: the one table of file signatures the photo code reads.

The upload check (validation.py) accepts by it, the metadata walker (containers.py) chooses its walker by it, and the
metadata reader names a file Pillow will not open by it. Never the file name. Pure: no Django, no Pillow.
"""

from __future__ import annotations

# Bytes a file starts with → our name for its format (Pillow's names where Pillow has one).
_PREFIXES = [
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),  # BigTIFF
    (b"MM\x00+", "TIFF"),
    (b"8BPS", "PSD"),
    (b"%!PS", "EPS"),
    (b"\xc5\xd0\xd3\xc6", "EPS"),  # DOS EPS binary header
    (b"%PDF", "PDF"),
    (b"BM", "BMP"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"PK\x03\x04", "ZIP"),
]
# ISO base media files ("ftyp" box): the brands that make one an AVIF or a HEIC/HEIF picture.
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_BRANDS = {b"heic", b"heix", b"mif1", b"msf1", b"hevc"}
# How many bytes identify() wants to see.
HEAD_BYTES = 512


def identify(head: bytes) -> str | None:
    """The format the first bytes of a file announce (e.g. "JPEG", "AVIF", "SVG"), or None when unknown."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        box_size = int.from_bytes(head[:4], "big")
        brands = {head[8:12]} | {head[i : i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
        if brands & _AVIF_BRANDS:
            return "AVIF"
        if head[8:12] in _HEIF_BRANDS:
            return "HEIF"
    for prefix, name in _PREFIXES:
        if head.startswith(prefix):
            return name
    stripped = head.lstrip()
    if stripped[:5].lower() in (b"<?xml", b"<svg ", b"<svg>", b"<!doc") or b"<svg" in head[:HEAD_BYTES].lower():
        return "SVG"
    return None
