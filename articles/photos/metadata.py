"""Read photo-credit metadata (creator, credit line, copyright, caption, source, rights) from an image file.

Pure module: Pillow, defusedxml and the standard library only. Pixels are never decoded: Pillow is used lazily to
identify the image (``Image.open`` without ``load()``) and the metadata blocks are found by walking the container
structure (see ``containers.py``). Nothing here changes global state (no ``Image.MAX_IMAGE_PIXELS`` edits, no
``warnings`` filters), so it is safe in a threaded web server.

Where each property comes from (IPTC Photo Metadata Standard mappings; "then" = lower-priority fallbacks that MWG
does not cover: PLUS in XMP, PNG's own tEXt/iTXt keywords, Windows XPAuthor)::

    field        EXIF (IFD0)            IPTC-IIM                XMP
    byline       Artist 0x013B          2:80 By-line            dc:creator       then plus:ImageCreator, PNG Author,
                                                                                 EXIF XPAuthor (UTF-16LE)
    copyright    Copyright 0x8298       2:116 Copyright Notice  dc:rights        then PNG Copyright
    caption      ImageDescription       2:120 Caption/Abstract  dc:description   then PNG Description
    credit       -                      2:110 Credit            photoshop:Credit
    source       -                      2:115 Source            photoshop:Source
    usage_terms  -                      -                       xmpRights:UsageTerms (x-default)
    licence_url  -                      -                       xmpRights:WebStatement, then plus:TermsAndConditionsURL
    licensor     -                      -                       plus:Licensor/plus:LicensorName
    expires      -                      2:37 + 2:38 Expiration  plus:LicenseEndDate (the earlier of the two wins)

Which copy wins: Metadata Working Group "Guidelines for Handling Image Metadata" 2.0 (2010), as implemented by
exiftool's MWG composite tags, for JPEG, TIFF and PSD (and applied the same way to PNG and WebP):

1. EXIF first (creator, copyright, caption). EXIF is the native store for these three, so a non-blank EXIF value
   wins over IPTC and XMP. MWG asks for EXIF strings to be UTF-8; a value that is not valid UTF-8 is in some
   unknown legacy encoding, so if IPTC/XMP hold the property we take that (Unicode-safe) copy instead, and only
   otherwise decode the EXIF bytes as cp1252 (noted in ``problems``).
2. IPTC-IIM against XMP, decided by the IPTC digest (Photoshop image resource 0x0425, an MD5 of the IIM block
   stored by XMP-aware writers):

   * no IIM block at all: use XMP;
   * digest present and equal to the MD5 of the current IIM block: IIM and XMP are in sync, use XMP (it is not
     length-limited and is always Unicode), falling back to IIM for values XMP lacks;
   * digest present but different: the IIM was changed by a program that does not know XMP, so the IIM value
     wins for every property the IIM has - unless it equals the XMP value cut at the IIM dataset length limit
     (then XMP holds the untruncated text). XMP still fills properties the IIM lacks (exiftool leaves them empty);
   * no digest: nothing says the copies diverged, so XMP is preferred and IIM fills gaps (this is what
     exiftool's MWG composites do, and what the MWG reference image ``MWG.jpg`` expects).
3. Only standard locations count (MWG): IPTC after the JPEG end-of-image marker (FotoStation trailer) is not read,
   a second XMP or EXIF block is ignored, and of several IIM blocks the first (the one the digest covers) wins;
   each such case is reported in ``problems``. ExtendedXMP is merged only when the main packet names its GUID.

Text rules: IIM values are decoded with the character set declared in 1:90 (ESC % G = UTF-8); undeclared IIM and
EXIF strings are tried as strict UTF-8 first (many writers store UTF-8 silently), then cp1252 (exiftool's default
for IIM). XPAuthor is UTF-16LE. NUL padding is dropped, whitespace trimmed, CR line ends become LF, empty strings
mean absent, several creators are joined with "; " (EXIF Artist is split on MWG's "; " list convention first).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

from PIL import Image, UnidentifiedImageError

from .containers import EXIF_TAGS, RawMetadata, sniff_format, walk_container
from .exif import ExifFields, parse_exif_fields, read_ifd0
from .iptc import IptcFields, parse_iim
from .photo_metadata import PhotoMetadata
from .reconcile import reconcile
from .signatures import HEAD_BYTES, identify
from .xmp import XmpFields, parse_xmp

__all__ = ["MAX_FILE_BYTES", "PhotoMetadata", "read_many_as_json", "read_photo_metadata"]

SourceLike = str | os.PathLike[str] | BinaryIO | bytes | bytearray
# Uploads are capped at 20 MB elsewhere; metadata sits near the start, so a larger file is read only this far.
MAX_FILE_BYTES = 64 * 1024 * 1024
_T = TypeVar("_T")


def read_many_as_json(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[dict[str, str | None]], int]:
    """Read several files; return their JSON objects and an exit status (1 only when no file could be read).

    An empty ``paths`` also gives status 1: nothing was read, which a command-line caller should treat as failure.
    """
    results: list[dict[str, str | None]] = []
    any_read = False
    for path in paths:
        metadata = read_photo_metadata(path)
        any_read = any_read or metadata.readable
        results.append(metadata.as_json_dict(os.fspath(path)))
    return results, 0 if any_read else 1


def read_photo_metadata(source: SourceLike, *, max_bytes: int = MAX_FILE_BYTES) -> PhotoMetadata:
    """Read and reconcile the credit metadata of an image file, path, binary stream or bytes. Never raises.

    A stream is read from its start and its position restored afterwards, so a Django ``UploadedFile`` can be
    passed directly and still be saved later.
    """
    try:
        data, problems = _load(source, max_bytes)
    except OSError as exc:
        return PhotoMetadata(error=f"cannot read file: {exc.strerror or exc}")
    except (TypeError, ValueError, AttributeError) as exc:  # text-mode or closed stream, wrong type
        return PhotoMetadata(error=f"cannot read source: {exc}")
    if not data:
        return PhotoMetadata(error="file is empty")
    try:
        return _read_bytes(data, problems)
    except Exception as exc:  # last line of defence: a reader bug must not become a 500
        return PhotoMetadata(error=f"internal error while reading metadata: {type(exc).__name__}: {exc}")


def _load(source: SourceLike, max_bytes: int) -> tuple[bytes, list[str]]:
    """Return up to ``max_bytes`` of the source, noting when the file was longer."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source[: max_bytes + 1])
    elif isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            data = handle.read(max_bytes + 1)
    else:
        seekable = getattr(source, "seekable", None)
        position = source.tell() if seekable is not None and seekable() else None
        if position is not None:
            source.seek(0)
        try:
            data = source.read(max_bytes + 1)
        finally:
            if position is not None:
                source.seek(position)
        if not isinstance(data, bytes):
            raise TypeError("stream must be opened in binary mode")
    problems: list[str] = []
    if len(data) > max_bytes:
        data = data[:max_bytes]
        problems.append(f"file is larger than {max_bytes} bytes; only the start was examined")
    return data, problems


@dataclass(frozen=True)
class _Probe:
    """What Pillow says about the file: its format, any XMP/EXIF it found, or why it refused the file."""

    format: str | None = None
    xmp: bytes | str | None = None
    exif: bytes | None = None
    error: str | None = None
    problems: tuple[str, ...] = ()


def _probe_with_pillow(data: bytes) -> _Probe:
    """Identify the image with Pillow without decoding pixels; decompression bombs become problems."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            problems: tuple[str, ...] = ()
            width, height = image.size
            limit = Image.MAX_IMAGE_PIXELS
            # Pillow only warns between 1x and 2x its limit; report it ourselves rather than touch warning filters.
            if limit and width * height > limit:
                problems = (f"image is {width}x{height} pixels, over Pillow's decompression-bomb limit",)
            xmp = image.info.get("xmp")
            exif = image.info.get("exif")
            return _Probe(
                format=image.format,
                xmp=xmp if isinstance(xmp, bytes | str) else None,
                exif=exif if isinstance(exif, bytes) else None,
                problems=problems,
            )
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return _Probe(problems=(f"decompression bomb: {exc}",))
    except UnidentifiedImageError:
        return _Probe(error="not an image format Pillow recognises")
    except Exception as exc:  # Pillow raises many types (OSError, ValueError, SyntaxError, struct.error ...)
        return _Probe(error=f"Pillow cannot open the image ({type(exc).__name__}: {exc})")


def _guard(stage: str, problems: list[str], func: Callable[[], _T], default: _T) -> _T:
    """Run one parsing stage; an unexpected exception becomes a problem note so other stages still run."""
    try:
        return func()
    except Exception as exc:
        problems.append(f"could not read {stage} ({type(exc).__name__}: {exc})")
        return default


def _read_bytes(data: bytes, problems: list[str]) -> PhotoMetadata:
    """Probe, walk the container, decode each metadata family and reconcile them."""
    probe = _probe_with_pillow(data)
    problems.extend(probe.problems)
    sniffed = sniff_format(data)
    fmt = probe.format or sniffed or identify(data[:HEAD_BYTES])
    if sniffed is None and probe.error is not None:
        return PhotoMetadata(format=fmt, error=probe.error, problems=tuple(problems))

    if sniffed is not None:
        raw = _guard(f"{sniffed} structure", problems, lambda: walk_container(data, sniffed), RawMetadata())
    else:
        # Formats we do not walk ourselves (GIF, AVIF, HEIF, ...): use what Pillow's plugin found while opening.
        ifd0 = read_ifd0(probe.exif, EXIF_TAGS, "EXIF") if probe.exif else None
        raw = RawMetadata(format=fmt, ifd0=ifd0, xmp=probe.xmp)
    if probe.error is not None:
        # Pillow refused the file. If our own walk still found metadata (a damaged JPEG with intact APP segments),
        # report it with a problem note; otherwise there is nothing to salvage and the file is unreadable.
        has_metadata = bool((raw.ifd0 and raw.ifd0.values) or raw.xmp or raw.iptc_blocks or raw.png_text)
        if not has_metadata:
            return PhotoMetadata(format=fmt, error=probe.error, problems=(*problems, *raw.problems))
        problems.append(probe.error)
    problems.extend(raw.problems)

    exif = ExifFields()
    if raw.ifd0 is not None:
        ifd0_result = raw.ifd0
        exif = _guard("EXIF", problems, lambda: parse_exif_fields(ifd0_result.values, ifd0_result.problems), exif)
    problems.extend(exif.problems)
    iptc: IptcFields | None = None
    if raw.iptc_blocks:
        iptc = _guard("IPTC", problems, lambda: parse_iim(raw.iptc_blocks, raw.iptc_digest), None)
    if iptc is not None:
        problems.extend(iptc.problems)
    xmp: XmpFields | None = None
    if raw.xmp is not None:
        packet = raw.xmp
        xmp = _guard("XMP", problems, lambda: parse_xmp(packet), None)
    if xmp is not None:
        problems.extend(xmp.problems)
        xmp = _with_extended_xmp(xmp, raw.extended_xmp, problems)
    elif raw.extended_xmp:
        problems.append("ExtendedXMP found without a readable main XMP packet; ignored")
    return reconcile(fmt, exif, iptc, xmp, raw.png_text, tuple(problems))


def _with_extended_xmp(xmp: XmpFields, extended: Mapping[str, bytes], problems: list[str]) -> XmpFields:
    """Merge the ExtendedXMP the main packet names (xmpNote:HasExtendedXMP); MWG says ignore any other GUID."""
    for guid, packet in extended.items():
        if guid != xmp.extended_guid:
            problems.append(f"ExtendedXMP {guid!r} is not the one the main XMP names; ignored")
            continue
        extra = parse_xmp(packet)
        problems.extend(extra.problems)
        xmp = xmp.merged_with(extra)
    return xmp
