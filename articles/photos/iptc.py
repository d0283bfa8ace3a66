"""IPTC-IIM reading: Photoshop image resources (8BIM), IIM datasets, character sets and the IPTC digest.

IIM ("IPTC Information Interchange Model") is the legacy binary IPTC format. In JPEG it lives in the APP13
"Photoshop 3.0" segment as image resource 0x0404; in TIFF in tag 33723; in PNG in an ImageMagick-style
"Raw profile type iptc" text chunk. Photoshop also stores resource 0x0425, the MD5 digest of the IIM block it last
wrote alongside XMP; MWG uses that digest to tell whether IIM was edited later by a program that ignores XMP.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from types import MappingProxyType

from .textdecode import DecodedText, clean_text, decode_legacy

__all__ = [
    "IIM_LIMITS",
    "IptcFields",
    "PhotoshopResources",
    "parse_iim",
    "parse_photoshop_resources",
]

RES_IPTC = 0x0404
RES_EXIF = 0x0422
RES_XMP = 0x0424
RES_IPTC_DIGEST = 0x0425
_WANTED_RESOURCES = frozenset({RES_IPTC, RES_EXIF, RES_XMP, RES_IPTC_DIGEST})
# Resource signatures Photoshop and friends use; anything else means we have lost sync with the stream.
_RESOURCE_SIGNATURES = (b"8BIM", b"PHUT", b"AgHg", b"DCSR", b"MeSa")

# Maximum octets per IIM dataset (IIM 4.2); a value exactly this long was probably cut short by the writer.
IIM_LIMITS: dict[str, int] = {"byline": 32, "credit": 32, "source": 32, "copyright": 128, "caption": 2000}
_DATASETS: dict[tuple[int, int], str] = {
    (2, 80): "byline",
    (2, 110): "credit",
    (2, 115): "source",
    (2, 116): "copyright",
    (2, 120): "caption",
    (2, 37): "expiration_date",
    (2, 38): "expiration_time",
}
# ISO 2022 escape sequences IIM 1:90 may hold. "ESC % G" is UTF-8; the others designate an ISO 8859 part.
_ISO_2022_FINALS: dict[int, str] = {
    0x41: "iso8859-1",
    0x42: "iso8859-2",
    0x43: "iso8859-3",
    0x44: "iso8859-4",
    0x46: "iso8859-7",
    0x47: "iso8859-6",
    0x48: "iso8859-8",
    0x4C: "iso8859-5",
    0x4D: "iso8859-9",
}
_TIME_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})(\d{2}))?$")


@dataclass(frozen=True)
class PhotoshopResources:
    """The image resources that matter here, taken from a (possibly multi-segment) 8BIM stream."""

    iptc_blocks: tuple[bytes, ...] = ()
    digest: bytes | None = None
    xmp: bytes | None = None
    exif: bytes | None = None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class IptcFields:
    """Decoded IIM values for the credit properties, plus whether the block matches the stored IPTC digest.

    ``digest_state`` is "in sync" (digest present and equal to the MD5 of this block), "changed" (digest present,
    different) or "no digest". ``raw_lengths`` keeps each value's octet length for truncation checks.
    """

    byline: tuple[str, ...] = ()
    credit: str | None = None
    source: str | None = None
    copyright: str | None = None
    caption: str | None = None
    expires: date | datetime | None = None
    digest_state: str = "no digest"
    raw_lengths: Mapping[str, tuple[int, ...]] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[str, ...] = ()


def parse_photoshop_resources(stream: bytes, label: str = "Photoshop image resources") -> PhotoshopResources:
    """Walk an 8BIM image-resource stream and keep IPTC, EXIF, XMP and the IPTC digest.

    JPEG writers split one stream over several APP13 segments (each re-prefixed "Photoshop 3.0\\0"), sometimes in
    the middle of a resource, so callers concatenate the segment payloads before calling this.
    """
    iptc: list[bytes] = []
    digest: bytes | None = None
    xmp: bytes | None = None
    exif: bytes | None = None
    problems: list[str] = []
    pos = 0
    while pos + 12 <= len(stream):
        if stream[pos : pos + 4] not in _RESOURCE_SIGNATURES:
            # Trailing NUL padding is common and harmless; anything else is worth reporting.
            if stream[pos:].strip(b"\x00"):
                problems.append(f"{label}: unexpected data at offset {pos}; rest ignored")
            break
        (resource_id,) = struct.unpack(">H", stream[pos + 4 : pos + 6])
        name_length = stream[pos + 6]
        name_field = 1 + name_length + ((1 + name_length) % 2)  # Pascal string padded to an even length
        size_at = pos + 6 + name_field
        if size_at + 4 > len(stream):
            problems.append(f"{label}: resource 0x{resource_id:04X} is truncated")
            break
        (size,) = struct.unpack(">I", stream[size_at : size_at + 4])
        data_at = size_at + 4
        if data_at + size > len(stream):
            problems.append(f"{label}: resource 0x{resource_id:04X} is truncated")
            break
        if resource_id in _WANTED_RESOURCES:
            data = stream[data_at : data_at + size]
            if resource_id == RES_IPTC:
                iptc.append(data)
            elif resource_id == RES_IPTC_DIGEST and digest is None and len(data) == 16:
                digest = data
            elif resource_id == RES_XMP and xmp is None:
                xmp = data
            elif resource_id == RES_EXIF and exif is None:
                exif = data
        pos = data_at + size + (size % 2)
    return PhotoshopResources(tuple(iptc), digest, xmp, exif, tuple(problems))


def _iter_datasets(block: bytes, problems: list[str]) -> Iterable[tuple[int, int, bytes]]:
    """Yield (record, dataset, value) from an IIM byte stream, noting truncation instead of raising."""
    pos = 0
    while pos < len(block):
        if block[pos] != 0x1C:
            if block[pos:].strip(b"\x00"):
                problems.append(f"IPTC block has unexpected data at offset {pos}; rest ignored")
            return
        if pos + 5 > len(block):
            problems.append("IPTC block truncated (incomplete dataset header)")
            return
        record, dataset = block[pos + 1], block[pos + 2]
        (length,) = struct.unpack(">H", block[pos + 3 : pos + 5])
        pos += 5
        if length & 0x8000:
            # Extended dataset: the low 15 bits give how many following octets hold the real length.
            width = length & 0x7FFF
            if width > 4 or pos + width > len(block):
                problems.append("IPTC block has a corrupt extended length; rest ignored")
                return
            length = int.from_bytes(block[pos : pos + width], "big")
            pos += width
        if pos + length > len(block):
            problems.append(f"IPTC block truncated (dataset {record}:{dataset} runs past the end)")
            return
        yield record, dataset, block[pos : pos + length]
        pos += length


def _declared_charset(value: bytes) -> str | None:
    """Map an IIM 1:90 CodedCharacterSet (ISO 2022 escape sequence) to a Python codec name, if we know it."""
    if value.startswith(b"\x1b%G") or value.startswith(b"\x1b%/I"):
        return "utf-8"
    if len(value) >= 3 and value[0] == 0x1B and value[1] in (0x2D, 0x2E):  # ESC - F / ESC . F: 96-char G1/G2
        return _ISO_2022_FINALS.get(value[2])
    return None


def _decode_value(raw: bytes, charset: str | None, problems: list[str], what: str) -> str | None:
    """Decode one IIM value: the declared charset when there is one, else strict UTF-8 then cp1252."""
    if charset is not None:
        try:
            return clean_text(raw.decode(charset))
        except UnicodeDecodeError:
            problems.append(f"IPTC {what} is not valid {charset} despite the declared character set; read as cp1252")
    decoded: DecodedText = decode_legacy(raw)
    return clean_text(decoded.text)


def _parse_expiry(date_text: str | None, time_text: str | None, problems: list[str]) -> date | datetime | None:
    """Combine IIM 2:37 (CCYYMMDD) and 2:38 (HHMMSS±HHMM) into a date or an aware datetime."""
    if date_text is None:
        if time_text is not None:
            problems.append(f"IPTC expiration time {time_text!r} has no expiration date; ignored")
        return None
    try:
        day = datetime.strptime(date_text, "%Y%m%d").date()
    except ValueError:
        problems.append(f"IPTC expiration date {date_text!r} is not a CCYYMMDD date; ignored")
        return None
    if time_text is None:
        return day
    match = _TIME_RE.match(time_text)
    if not match:
        problems.append(f"IPTC expiration time {time_text!r} is not HHMMSS±HHMM; using the date alone")
        return day
    hour, minute, second, sign, off_h, off_m = match.groups()
    try:
        tz: timezone | None = None  # no offset given: the zone is unknown, so keep the datetime naive
        if sign:
            offset = timedelta(hours=int(off_h), minutes=int(off_m))
            tz = timezone(-offset if sign == "-" else offset)
        return datetime(day.year, day.month, day.day, int(hour), int(minute), int(second), tzinfo=tz)
    except ValueError:
        problems.append(f"IPTC expiration time {time_text!r} is out of range; using the date alone")
        return day


def parse_iim(blocks: tuple[bytes, ...], stored_digest: bytes | None) -> IptcFields:
    """Decode the credit datasets from one or more IIM blocks.

    The first block is authoritative: it is the one Photoshop's digest covers and the one other readers use.
    Later blocks (some writers leave a stale second APP13) only fill datasets the first one lacks.
    """
    problems: list[str] = []
    if not blocks:
        return IptcFields()
    if len(blocks) > 1:
        problems.append(f"{len(blocks)} IPTC blocks found; the first is used, later ones only fill gaps")
    # name -> (raw values, declared charset of the block they came from)
    found: dict[str, tuple[list[bytes], str | None]] = {}
    for index, block in enumerate(blocks):
        charset: str | None = None
        block_values: dict[str, list[bytes]] = {}
        for record, dataset, value in _iter_datasets(block, problems):
            if (record, dataset) == (1, 90):
                charset = _declared_charset(value)
                if charset is None:
                    problems.append(f"IPTC declares an unknown character set {value!r}; guessing per value")
                continue
            name = _DATASETS.get((record, dataset))
            if name is not None:
                block_values.setdefault(name, []).append(value)
        for name, values in block_values.items():
            if index == 0 or name not in found:
                found[name] = (values, charset)
    decoded: dict[str, list[str]] = {}
    lengths: dict[str, tuple[int, ...]] = {}
    for name, (raws, charset) in found.items():
        texts = [t for t in (_decode_value(r, charset, problems, name) for r in raws) if t]
        if texts:
            decoded[name] = texts
            lengths[name] = tuple(len(r) for r in raws)
    if stored_digest is None:
        state = "no digest"
    elif hashlib.md5(blocks[0], usedforsecurity=False).digest() == stored_digest:
        state = "in sync"
    else:
        state = "changed"

    def first(name: str) -> str | None:
        return decoded[name][0] if name in decoded else None

    return IptcFields(
        byline=tuple(dict.fromkeys(decoded.get("byline", []))),  # de-duplicate, keep order
        credit=first("credit"),
        source=first("source"),
        copyright=first("copyright"),
        caption=first("caption"),
        expires=_parse_expiry(first("expiration_date"), first("expiration_time"), problems),
        digest_state=state,
        raw_lengths=MappingProxyType(lengths),
        problems=tuple(problems),
    )
