"""Find the raw EXIF, IPTC and XMP blocks inside an image file without decoding any pixels.

Each walker reads only container structure (JPEG marker segments, PNG chunks, RIFF chunks, TIFF IFD0, PSD image
resources), with every length checked against the data, so truncated or hostile files produce problem notes rather
than exceptions. Where metadata sits is format-specific; what it means is decided in ``metadata.py``.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .exif import (
    TAG_ARTIST,
    TAG_COPYRIGHT,
    TAG_IMAGE_DESCRIPTION,
    TAG_IPTC,
    TAG_PHOTOSHOP,
    TAG_XMP,
    TAG_XP_AUTHOR,
    IfdResult,
    read_ifd0,
)
from .iptc import PhotoshopResources, parse_photoshop_resources
from .signatures import HEAD_BYTES, identify

__all__ = ["EXIF_TAGS", "RawMetadata", "sniff_format", "walk_container"]

EXIF_TAGS = frozenset({TAG_ARTIST, TAG_COPYRIGHT, TAG_IMAGE_DESCRIPTION, TAG_XP_AUTHOR})
_TIFF_TAGS = EXIF_TAGS | {TAG_XMP, TAG_IPTC, TAG_PHOTOSHOP}

_JPEG_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
_JPEG_EXT_XMP = b"http://ns.adobe.com/xmp/extension/\x00"
_JPEG_PHOTOSHOP = b"Photoshop 3.0\x00"
_FOTOSTATION_SIGNATURE = b"\xa1\xb2\xc3\xd4"
_PHOTO_MECHANIC_SIGNATURE = b"cbipcbbl"
# Decompressed PNG text is capped: a zTXt "zip bomb" must not make us allocate gigabytes.
MAX_PNG_TEXT_BYTES = 8 * 1024 * 1024
_PNG_KEYWORDS_NATIVE = {"author": "Author", "copyright": "Copyright", "description": "Description"}


@dataclass
class _Found:
    """Mutable accumulator used while walking; frozen into :class:`RawMetadata` at the end."""

    ifd0: IfdResult | None = None
    xmp: bytes | str | None = None
    extended_xmp: dict[str, dict[int, bytes]] = field(default_factory=dict)
    iptc_blocks: list[bytes] = field(default_factory=list)
    iptc_digest: bytes | None = None
    png_text: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add_exif(self, data: bytes, label: str = "EXIF") -> None:
        """Read IFD0 from an EXIF block unless one was already found (MWG: only the first counts)."""
        if self.ifd0 is None:
            self.ifd0 = read_ifd0(data, EXIF_TAGS, label)
        else:
            self.problems.append(f"more than one {label} block; only the first is used")

    def add_xmp(self, data: bytes | str, label: str = "XMP") -> None:
        """Keep the first XMP packet; a second standard packet is non-conforming and ignored."""
        if self.xmp is None:
            self.xmp = data
        else:
            self.problems.append(f"more than one {label} packet; only the first is used")

    def add_photoshop(self, resources: PhotoshopResources) -> None:
        """Take IPTC blocks, the IPTC digest, and any XMP/EXIF carried as image resources."""
        self.problems.extend(resources.problems)
        self.iptc_blocks.extend(resources.iptc_blocks)
        if self.iptc_digest is None:
            self.iptc_digest = resources.digest
        if resources.xmp is not None:
            self.add_xmp(resources.xmp, "Photoshop XMP")
        if resources.exif is not None:
            self.add_exif(resources.exif, "Photoshop EXIF")


@dataclass(frozen=True)
class RawMetadata:
    """Undecoded metadata blocks found in one file, plus notes on structure that could not be read."""

    format: str | None = None
    ifd0: IfdResult | None = None
    xmp: bytes | str | None = None
    # ExtendedXMP (JPEG only) reassembled per GUID; the main packet says which GUID belongs to it.
    extended_xmp: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))
    iptc_blocks: tuple[bytes, ...] = ()
    iptc_digest: bytes | None = None
    png_text: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[str, ...] = ()


def sniff_format(data: bytes) -> str | None:
    """Name the container from its signature (only the ones we walk ourselves)."""
    fmt = identify(data[:HEAD_BYTES])
    return fmt if fmt in _WALKERS else None


def walk_container(data: bytes, fmt: str) -> RawMetadata:
    """Collect metadata blocks from ``data`` of sniffed format ``fmt`` (see :func:`sniff_format`)."""
    found = _Found()
    walker = _WALKERS[fmt]
    walker(data, found)
    extended = {guid: b"".join(parts[offset] for offset in sorted(parts)) for guid, parts in found.extended_xmp.items()}
    return RawMetadata(
        format=fmt,
        ifd0=found.ifd0,
        xmp=found.xmp,
        extended_xmp=MappingProxyType(extended),
        iptc_blocks=tuple(found.iptc_blocks),
        iptc_digest=found.iptc_digest,
        png_text=MappingProxyType(dict(found.png_text)),
        problems=tuple(found.problems),
    )


def _walk_jpeg(data: bytes, found: _Found) -> None:
    """Walk JPEG marker segments up to the first scan; APP13 payloads are concatenated (Photoshop splits them)."""
    photoshop: list[bytes] = []
    pos = 2
    scan_start: int | None = None
    while pos < len(data):
        if data[pos] != 0xFF:
            found.problems.append(f"JPEG structure is corrupt at offset {pos}; later segments ignored")
            break
        marker = data[pos + 1] if pos + 1 < len(data) else None
        if marker is None:
            found.problems.append("JPEG file truncated inside a marker")
            break
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length field
            pos += 2
            continue
        if marker == 0xD9:
            break
        if pos + 4 > len(data):
            found.problems.append("JPEG file truncated inside a segment header")
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2 or pos + 2 + length > len(data):
            found.problems.append(f"JPEG segment 0x{marker:02X} at offset {pos} is truncated; later segments ignored")
            break
        payload = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1 and payload.startswith((b"Exif\x00\x00", b"Exif\x00\xff")):
            found.add_exif(payload[6:])
        elif marker == 0xE1 and payload.startswith(_JPEG_XMP):
            found.add_xmp(payload[len(_JPEG_XMP) :])
        elif marker == 0xE1 and payload.startswith(_JPEG_EXT_XMP):
            _add_extended_xmp(payload[len(_JPEG_EXT_XMP) :], found)
        elif marker == 0xED and payload.startswith(_JPEG_PHOTOSHOP):
            photoshop.append(payload[len(_JPEG_PHOTOSHOP) :])
        pos += 2 + length
        if marker == 0xDA:
            scan_start = pos
            break
    if photoshop:
        found.add_photoshop(parse_photoshop_resources(b"".join(photoshop), "JPEG APP13 Photoshop resources"))
    _check_jpeg_trailer(data, scan_start, found)


def _add_extended_xmp(payload: bytes, found: _Found) -> None:
    """Store one ExtendedXMP chunk: 32-char GUID, 4-byte full length, 4-byte offset, then the data."""
    if len(payload) < 40:
        found.problems.append("ExtendedXMP segment is truncated; ignored")
        return
    guid = payload[:32].decode("ascii", "replace")
    (offset,) = struct.unpack(">I", payload[36:40])
    found.extended_xmp.setdefault(guid, {})[offset] = payload[40:]


def _check_jpeg_trailer(data: bytes, scan_start: int | None, found: _Found) -> None:
    """Note IPTC stored after the end-of-image marker (FotoStation and others); MWG says not to read it."""
    if scan_start is None:
        return
    # In entropy-coded data every 0xFF is followed by 0x00 or a restart marker, so the first FFD9 is the real EOI.
    end = data.find(b"\xff\xd9", scan_start)
    if end < 0:
        found.problems.append("JPEG image data is truncated (no end-of-image marker)")
        return
    trailer = data[end + 2 :]
    if trailer.endswith(_FOTOSTATION_SIGNATURE):
        kind = "a FotoStation trailer"
    elif trailer.endswith(_PHOTO_MECHANIC_SIGNATURE):
        kind = "a Photo Mechanic trailer"
    elif trailer.lstrip(b"\x00").startswith(b"\x1c\x02"):
        kind = "IPTC data"
    else:
        return  # other trailers (MPO frames, padding) carry no credit metadata we would want
    found.problems.append(f"{kind} after the end of the JPEG image was ignored: non-standard location (MWG)")


def _inflate(compressed: bytes, what: str, found: _Found) -> bytes | None:
    """Decompress zlib data with a hard output cap; over-limit or corrupt data becomes a problem note."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(compressed, MAX_PNG_TEXT_BYTES + 1)
    except zlib.error:
        found.problems.append(f"PNG {what} text chunk is not valid zlib data; ignored")
        return None
    if len(out) > MAX_PNG_TEXT_BYTES or inflater.unconsumed_tail:
        found.problems.append(f"PNG {what} text chunk decompresses to more than {MAX_PNG_TEXT_BYTES} bytes; ignored")
        return None
    return out


def _raw_profile(text: bytes, what: str, found: _Found) -> bytes | None:
    """Decode an ImageMagick "Raw profile type X" payload: newline, name, newline, length, then hex digits."""
    parts = text.split(None, 2)
    if len(parts) < 3 or not parts[1].isdigit():
        found.problems.append(f"PNG raw {what} profile is malformed; ignored")
        return None
    try:
        payload = bytes.fromhex(b"".join(parts[2].split()).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        found.problems.append(f"PNG raw {what} profile has invalid hex data; ignored")
        return None
    if len(payload) != int(parts[1]):
        found.problems.append(f"PNG raw {what} profile length does not match its header")
    return payload


def _use_png_text(keyword: str, text: bytes, is_utf8: bool, found: _Found) -> None:
    """Route one decoded PNG text chunk to the XMP, IPTC, EXIF or native-text slot."""
    lowered = keyword.lower()
    if keyword == "XML:com.adobe.xmp":
        found.add_xmp(text, "PNG XMP")
    elif lowered in ("raw profile type iptc", "raw profile type 8bim", "raw profile type app13"):
        payload = _raw_profile(text, "IPTC", found)
        if payload is None:
            return
        if payload.startswith(_JPEG_PHOTOSHOP):
            payload = payload[len(_JPEG_PHOTOSHOP) :]
        if payload.startswith(b"8BIM"):
            found.add_photoshop(parse_photoshop_resources(payload, "PNG IPTC profile"))
        else:
            found.iptc_blocks.append(payload)  # bare IIM datasets
    elif lowered in ("raw profile type exif", "raw profile type app1"):
        payload = _raw_profile(text, "EXIF", found)
        if payload is not None and payload.startswith(_JPEG_XMP):
            found.add_xmp(payload[len(_JPEG_XMP) :], "PNG XMP")
        elif payload is not None:
            found.add_exif(payload, "PNG EXIF")
    elif lowered in _PNG_KEYWORDS_NATIVE:
        # tEXt is Latin-1 by the PNG spec; iTXt is UTF-8.
        decoded = text.decode("utf-8" if is_utf8 else "latin-1", "replace")
        found.png_text.setdefault(_PNG_KEYWORDS_NATIVE[lowered], decoded)


def _walk_png(data: bytes, found: _Found) -> None:
    """Walk every PNG chunk (metadata may follow IDAT), checking CRCs of the chunks we use."""
    pos = 8
    wanted = (b"tEXt", b"zTXt", b"iTXt", b"eXIf")
    while pos + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos : pos + 8])
        if length > 0x7FFFFFFF or pos + 12 + length > len(data):
            found.problems.append(f"PNG chunk {ctype!r} at offset {pos} is truncated; later chunks ignored")
            return
        body = data[pos + 8 : pos + 8 + length]
        if ctype in wanted:
            (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
            if zlib.crc32(ctype + body) != crc:
                found.problems.append(f"PNG {ctype.decode()} chunk at offset {pos} fails its CRC; ignored")
            else:
                _png_chunk(ctype, body, found)
        if ctype == b"IEND":
            return
        pos += 12 + length
    if pos < len(data):
        found.problems.append("PNG file ends inside a chunk header")


def _png_chunk(ctype: bytes, body: bytes, found: _Found) -> None:
    """Decode one tEXt/zTXt/iTXt/eXIf chunk body."""
    if ctype == b"eXIf":
        found.add_exif(body, "PNG eXIf")
        return
    keyword_raw, sep, rest = body.partition(b"\x00")
    if not sep:
        found.problems.append(f"PNG {ctype.decode()} chunk has no keyword separator; ignored")
        return
    keyword = keyword_raw.decode("latin-1")
    if ctype == b"tEXt":
        _use_png_text(keyword, rest, False, found)
    elif ctype == b"zTXt":
        text = _inflate(rest[1:], keyword, found)
        if text is not None:
            _use_png_text(keyword, text, False, found)
    else:
        if len(rest) < 2:
            found.problems.append("PNG iTXt chunk is truncated; ignored")
            return
        compressed = rest[0] == 1
        _language, _, after_lang = rest[2:].partition(b"\x00")
        _translated, _, text = after_lang.partition(b"\x00")
        if compressed:
            inflated = _inflate(text, keyword, found)
            if inflated is None:
                return
            text = inflated
        _use_png_text(keyword, text, True, found)


def _walk_webp(data: bytes, found: _Found) -> None:
    """Walk RIFF chunks of a WebP file for "EXIF" and "XMP " (WebP has no IPTC chunk)."""
    pos = 12
    while pos + 8 <= len(data):
        fourcc = data[pos : pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        if pos + 8 + size > len(data):
            found.problems.append(f"WebP chunk {fourcc!r} is truncated; later chunks ignored")
            return
        body = data[pos + 8 : pos + 8 + size]
        if fourcc == b"EXIF":
            found.add_exif(body, "WebP EXIF")
        elif fourcc == b"XMP ":
            found.add_xmp(body, "WebP XMP")
        pos += 8 + size + (size % 2)


def _walk_tiff(data: bytes, found: _Found) -> None:
    """Read IFD0 of a TIFF (or TIFF-based raw such as DNG): EXIF strings, XMP (700), IPTC (33723), 8BIM (34377)."""
    result = read_ifd0(data, _TIFF_TAGS, "TIFF")
    found.problems.extend(result.problems)
    exif_values = {tag: value for tag, value in result.values.items() if tag in EXIF_TAGS}
    found.ifd0 = IfdResult(MappingProxyType(exif_values))
    if TAG_XMP in result.values:
        found.add_xmp(result.values[TAG_XMP], "TIFF XMP")
    if TAG_IPTC in result.values:
        found.iptc_blocks.append(result.values[TAG_IPTC])
    if TAG_PHOTOSHOP in result.values:
        resources = parse_photoshop_resources(result.values[TAG_PHOTOSHOP], "TIFF Photoshop resources")
        # Tag 33723 is the standard IPTC location in TIFF; 8BIM 0x0404 only stands in when it is missing.
        if found.iptc_blocks:
            resources = PhotoshopResources((), resources.digest, resources.xmp, resources.exif, resources.problems)
        found.add_photoshop(resources)


def _walk_psd(data: bytes, found: _Found) -> None:
    """Read the image-resources section of a Photoshop PSD/PSB file (header, colour-mode data, then 8BIM)."""
    if len(data) < 30:
        found.problems.append("PSD header is truncated")
        return
    (mode_length,) = struct.unpack(">I", data[26:30])
    resources_at = 30 + mode_length
    if resources_at + 4 > len(data):
        found.problems.append("PSD file is truncated before its image resources")
        return
    (resources_length,) = struct.unpack(">I", data[resources_at : resources_at + 4])
    section = data[resources_at + 4 : resources_at + 4 + resources_length]
    if len(section) < resources_length:
        found.problems.append("PSD image-resources section is truncated")
    found.add_photoshop(parse_photoshop_resources(section, "PSD image resources"))


# The formats we walk ourselves (named as signatures.identify names them), defined after their walkers.
_WALKERS = {"JPEG": _walk_jpeg, "PNG": _walk_png, "WEBP": _walk_webp, "TIFF": _walk_tiff, "PSD": _walk_psd}
