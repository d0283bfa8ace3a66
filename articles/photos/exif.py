"""A minimal, bounds-checked reader for the first IFD of a TIFF structure (EXIF blocks and TIFF files).

Only IFD0 matters for photo credits: EXIF puts ImageDescription (0x010E), Artist (0x013B) and Copyright (0x8298)
there, Windows puts XPAuthor (0x9C9D), and a TIFF file puts its XMP (700), IPTC (33723) and Photoshop image
resources (34377) there too. Reading raw bytes ourselves, instead of Pillow's decoded strings, lets us apply the
MWG text-encoding rules and survive the malformed offsets real cameras write.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .textdecode import DecodedText, clean_text, decode_legacy

__all__ = [
    "TAG_ARTIST",
    "TAG_COPYRIGHT",
    "TAG_IMAGE_DESCRIPTION",
    "TAG_IPTC",
    "TAG_PHOTOSHOP",
    "TAG_XMP",
    "TAG_XP_AUTHOR",
    "ExifFields",
    "ExifText",
    "IfdResult",
    "parse_exif_fields",
    "read_ifd0",
    "split_mwg_list",
]

TAG_IMAGE_DESCRIPTION = 0x010E
TAG_ARTIST = 0x013B
TAG_XMP = 700
TAG_COPYRIGHT = 0x8298
TAG_IPTC = 33723
TAG_PHOTOSHOP = 34377
TAG_XP_AUTHOR = 0x9C9D

# Bytes per value for each TIFF field type; 129 is EXIF 3.0's UTF-8 type.
_TYPE_SIZES: dict[int, int] = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 129: 1}
# A real IFD0 has a few dozen entries; thousands means we are reading garbage, so stop early instead of looping.
_MAX_ENTRIES = 1024
_EXIF_PREFIXES = (b"Exif\x00\x00", b"Exif\x00\xff")


@dataclass(frozen=True)
class IfdResult:
    """Raw values of the wanted IFD0 tags, plus notes on anything that could not be read."""

    values: Mapping[int, bytes] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExifText:
    """A decoded EXIF string value; ``guessed`` marks a value that was not valid UTF-8 (see textdecode)."""

    values: tuple[str, ...]
    guessed: bool

    @property
    def joined(self) -> str:
        """The values as one display string, several creators/owners separated by "; "."""
        return "; ".join(self.values)


@dataclass(frozen=True)
class ExifFields:
    """The EXIF copies of the MWG-reconciled properties, already decoded and cleaned."""

    artist: ExifText | None = None
    copyright: ExifText | None = None
    description: ExifText | None = None
    xp_author: str | None = None
    problems: tuple[str, ...] = ()


def read_ifd0(data: bytes, wanted: frozenset[int], label: str = "EXIF") -> IfdResult:
    """Return the raw value bytes of the ``wanted`` tags in IFD0 of a TIFF structure (optionally "Exif\\0\\0"-prefixed).

    Never raises: truncation and bad offsets become problem notes. Value bytes are returned regardless of the
    declared type because writers mislabel types (IPTC in TIFF is often typed LONG but is a byte stream).
    """
    for prefix in _EXIF_PREFIXES:
        if data.startswith(prefix):
            data = data[len(prefix) :]
            break
    if len(data) < 8:
        return IfdResult(problems=(f"{label} block is too short to hold a TIFF header",))
    order = data[:2]
    if order == b"II":
        endian = "<"
    elif order == b"MM":
        endian = ">"
    else:
        return IfdResult(problems=(f"{label} block has no valid TIFF byte-order mark",))
    (magic,) = struct.unpack(endian + "H", data[2:4])
    if magic == 43:
        return IfdResult(problems=(f"{label} block is BigTIFF, which this reader does not support",))
    if magic != 42:
        return IfdResult(problems=(f"{label} block has a bad TIFF magic number ({magic})",))
    (ifd_offset,) = struct.unpack(endian + "I", data[4:8])
    if ifd_offset < 8 or ifd_offset + 2 > len(data):
        return IfdResult(problems=(f"{label} IFD0 offset points outside the block",))
    (count,) = struct.unpack(endian + "H", data[ifd_offset : ifd_offset + 2])
    problems: list[str] = []
    if count > _MAX_ENTRIES:
        return IfdResult(problems=(f"{label} IFD0 claims {count} entries; block looks corrupt",))
    values: dict[int, bytes] = {}
    entries_end = ifd_offset + 2 + 12 * count
    if entries_end > len(data):
        problems.append(f"{label} IFD0 is truncated")
        count = (len(data) - ifd_offset - 2) // 12
    for index in range(count):
        start = ifd_offset + 2 + 12 * index
        tag, typ, n = struct.unpack(endian + "HHI", data[start : start + 8])
        if tag not in wanted or tag in values:
            continue
        size = _TYPE_SIZES.get(typ)
        if size is None:
            problems.append(f"{label} tag 0x{tag:04X} has unknown type {typ}")
            continue
        length = size * n
        if length <= 4:
            raw = data[start + 8 : start + 8 + length]
        else:
            (offset,) = struct.unpack(endian + "I", data[start + 8 : start + 12])
            if offset + length > len(data):
                problems.append(f"{label} tag 0x{tag:04X} points outside the block")
                continue
            raw = data[offset : offset + length]
        values[tag] = raw
    return IfdResult(MappingProxyType(values), tuple(problems))


def split_mwg_list(text: str) -> tuple[str, ...]:
    """Split an EXIF Artist string into names using the MWG convention: "; " separators, "..." quoting.

    MWG 2.0 stores several creators in the single EXIF Artist string as ``A; B``; a name that itself contains
    "; " is wrapped in double quotes with inner quotes doubled.
    """
    names: list[str] = []
    current: list[str] = []
    in_quotes = False
    i = 0
    while i < len(text):
        char = text[i]
        if in_quotes:
            if char == '"' and text[i + 1 : i + 2] == '"':
                current.append('"')
                i += 1
            elif char == '"':
                in_quotes = False
            else:
                current.append(char)
        elif char == '"' and not "".join(current).strip():
            in_quotes = True
            current = []
        elif text.startswith("; ", i):
            names.append("".join(current))
            current = []
            i += 1
        else:
            current.append(char)
        i += 1
    names.append("".join(current))
    return tuple(name for name in (clean_text(n) for n in names) if name)


def _decode_exif_string(raw: bytes, kind: str) -> ExifText | None:
    """Decode an EXIF ASCII/UTF-8 value of ``kind`` "artist", "copyright" or "description".

    EXIF strings end at the first NUL; whatever follows is usually stale buffer contents, so it is dropped -
    except in Copyright, where EXIF defines "photographer NUL editor" (" NUL editor" when only the editor holds one).
    """
    chunks = raw.split(b"\x00")
    if kind != "copyright":
        chunks = chunks[:1]
    parts: list[str] = []
    guessed = False
    for chunk in chunks:
        decoded: DecodedText = decode_legacy(chunk)
        text = clean_text(decoded.text)
        if text is None:
            continue
        guessed = guessed or decoded.guessed
        parts.extend(split_mwg_list(text) if kind == "artist" else (text,))
    return ExifText(tuple(parts), guessed) if parts else None


def _decode_xp(raw: bytes) -> str | None:
    """Decode a Windows XP* tag (UTF-16LE bytes); reject anything that is not plausible text."""
    if len(raw) % 2:
        raw = raw[:-1]
    try:
        text = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        return None
    text = text.rstrip("\x00")
    # Control characters mean the bytes are not really UTF-16 text (seen in the wild as binary junk).
    if any(ord(c) < 0x20 and c not in "\t\n\r" for c in text):
        return None
    return clean_text(text)


def parse_exif_fields(values: Mapping[int, bytes], problems: tuple[str, ...] = ()) -> ExifFields:
    """Decode the credit-related IFD0 tags found by :func:`read_ifd0`."""
    notes = list(problems)
    xp_raw = values.get(TAG_XP_AUTHOR)
    xp_author = _decode_xp(xp_raw) if xp_raw else None
    if xp_raw and xp_author is None:
        notes.append("EXIF XPAuthor is not valid UTF-16 text; ignored")
    return ExifFields(
        artist=_decode_exif_string(values.get(TAG_ARTIST, b""), "artist"),
        copyright=_decode_exif_string(values.get(TAG_COPYRIGHT, b""), "copyright"),
        description=_decode_exif_string(values.get(TAG_IMAGE_DESCRIPTION, b""), "description"),
        xp_author=xp_author,
        problems=tuple(notes),
    )
