"""Tests for articles.photos.metadata: MWG precedence, charsets, containers and hostile input, on files built in
memory; every trap of the real corpus in ../shared/photo-metadata is rebuilt here (see "Traps of the real corpus"), and
that corpus, when present, is read as an extra check.

Pure tests (no Django): they run with ``python -m pytest -p no:django tests/unit``.
"""

from __future__ import annotations

import hashlib
import io
import random
import struct
import time
import warnings
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin, TiffImagePlugin

from articles.photos.exif import split_mwg_list
from articles.photos.metadata import PhotoMetadata, read_many_as_json, read_photo_metadata
from tests.unit.conftest import FIXTURES, SHARED_PHOTOS

REAL_DIR = SHARED_PHOTOS  # GPL/Artistic-licensed files: read in place, never copied into the repo
BAD_DIR = FIXTURES / "bad-images"  # Pillow's test images (MIT-CMU), in the repo


# --------------------------------------------------------------------------------------------------------------
# Builders for in-memory files
# --------------------------------------------------------------------------------------------------------------


def _base_image_bytes(fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, fmt, **options)
    return buffer.getvalue()


BASE_JPEG = _base_image_bytes("JPEG")


def segment(marker: int, payload: bytes) -> bytes:
    """One JPEG marker segment."""
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def make_jpeg(*segments: bytes, base: bytes = BASE_JPEG) -> bytes:
    """A small real JPEG with the given segments inserted right after SOI."""
    return base[:2] + b"".join(segments) + base[2:]


def tiff_ifd(entries: dict[int, bytes], types: dict[int, int] | None = None, big_endian: bool = False) -> bytes:
    """A TIFF structure whose IFD0 holds the given raw entries (ASCII by default), as found in an EXIF block."""
    e = ">" if big_endian else "<"
    header = (b"MM" if big_endian else b"II") + struct.pack(e + "HI", 42, 8)
    data_offset = 8 + 2 + 12 * len(entries) + 4
    ifd, blob = struct.pack(e + "H", len(entries)), b""
    for tag in sorted(entries):
        value = entries[tag]
        if len(value) <= 4:
            value_field = value.ljust(4, b"\x00")
        else:
            value_field = struct.pack(e + "I", data_offset + len(blob))
            blob += value + b"\x00" * (len(value) % 2)
        field_type = (types or {}).get(tag, 2)
        count = len(value) // {3: 2, 4: 4}.get(field_type, 1)
        ifd += struct.pack(e + "HHI", tag, field_type, count) + value_field
    return header + ifd + b"\x00\x00\x00\x00" + blob


def exif_segment(entries: dict[int, bytes], **kwargs: object) -> bytes:
    return segment(0xE1, b"Exif\x00\x00" + tiff_ifd(entries, **kwargs))  # type: ignore[arg-type]


def iim(*datasets: tuple[int, int, bytes]) -> bytes:
    """IIM datasets (record, dataset, value)."""
    return b"".join(b"\x1c" + bytes([r, d]) + struct.pack(">H", len(v)) + v for r, d, v in datasets)


def resource(resource_id: int, data: bytes) -> bytes:
    """One Photoshop 8BIM image resource with an empty name."""
    padding = b"\x00" * (len(data) % 2)
    return b"8BIM" + struct.pack(">H", resource_id) + b"\x00\x00" + struct.pack(">I", len(data)) + data + padding


MATCH = "match"  # digest sentinel: store the correct MD5 of the IIM block


def photoshop_payload(iim_block: bytes, digest: bytes | str | None = None) -> bytes:
    """The 8BIM stream: IPTC (0x0404) and optionally the IPTC digest (0x0425)."""
    stream = resource(0x0404, iim_block)
    if digest == MATCH:
        stream += resource(0x0425, hashlib.md5(iim_block).digest())
    elif isinstance(digest, bytes):
        stream += resource(0x0425, digest)
    return stream


def app13(iim_block: bytes, digest: bytes | str | None = None) -> bytes:
    return segment(0xED, b"Photoshop 3.0\x00" + photoshop_payload(iim_block, digest))


NAMESPACES = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" '
    'xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" '
    'xmlns:xmpNote="http://ns.adobe.com/xmp/note/"'
)


def xmp_packet(body: str, attributes: str = "", prolog: str = "") -> bytes:
    """A complete XMP packet with one rdf:Description holding ``body``."""
    return (
        f"{prolog}<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {NAMESPACES} {attributes}>{body}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    ).encode()


def xmp_body(
    creators: tuple[str, ...] = (),
    rights: str | None = None,
    description: str | None = None,
    credit: str | None = None,
    source: str | None = None,
) -> str:
    parts = []
    if creators:
        items = "".join(f"<rdf:li>{c}</rdf:li>" for c in creators)
        parts.append(f"<dc:creator><rdf:Seq>{items}</rdf:Seq></dc:creator>")
    for tag, value in (("dc:rights", rights), ("dc:description", description)):
        if value is not None:
            parts.append(f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{value}</rdf:li></rdf:Alt></{tag}>')
    for tag, value in (("photoshop:Credit", credit), ("photoshop:Source", source)):
        if value is not None:
            parts.append(f"<{tag}>{value}</{tag}>")
    return "".join(parts)


def xmp_segment(packet: bytes) -> bytes:
    return segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + packet)


def png_chunk(chunk_type: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + chunk_type + body + struct.pack(">I", zlib.crc32(chunk_type + body))


def png_with_trailing_chunks(*chunks: bytes) -> bytes:
    """A real PNG with extra chunks placed after IDAT, just before IEND (where Pillow's open() does not look)."""
    base = _base_image_bytes("PNG")
    iend = base.rindex(b"IEND") - 4
    return base[:iend] + b"".join(chunks) + base[iend:]


def raw_profile(name: str, payload: bytes) -> bytes:
    """ImageMagick's "Raw profile type" text: name, length and hex lines."""
    hexed = payload.hex()
    lines = "\n".join(hexed[i : i + 72] for i in range(0, len(hexed), 72))
    return f"\n{name}\n{len(payload):8d}\n{lines}\n".encode()


# --------------------------------------------------------------------------------------------------------------
# Real files from ../shared/photo-metadata
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """Exact expected values for one real file; ``problems`` are substrings that must each match one note."""

    byline: str | None = None
    credit: str | None = None
    copyright: str | None = None
    caption: str | None = None
    source: str | None = None
    origins: dict[str, str] = field(default_factory=dict)
    iptc_state: str = "no IPTC"
    licence_url: str | None = None
    problems: tuple[str, ...] = ()
    notes: int = 0


REAGAN_CAPTION = (
    "040621-N-6536T-062\nUSS Ronald Reagan (CVN 76), June 21, 2004 -  USS Ronald Reagan (CVN 76) sails through "
    "the Straits of Magellan on its way to the Pacific Ocean. The Navy\u00eds newest aircraft carrier is underway "
    "circumnavigating South America in transit to its new homeport of San Diego. U.S. Navy photo by "
    "Photographer\u00eds Mate 3rd Class (AW) Elizabeth Thompson. (RELEASE)"
)
# The "í" is really in the files (UTF-8 C3 AD): an apostrophe mis-converted long ago (Mac Roman 0x92 read as
# cp1252). We report what is stored. exiftool keeps the trailing "\n" + 31 spaces of EXIF ImageDescription; we
# trim surrounding whitespace by design, so the Reagan captions differ from exiftool's only in that tail.
REAGAN = {
    "byline": "Photographer\u00eds Mate 3rd Class (A",  # EXIF; IIM 2:80 is cut at 32 octets ("... Class (")
    "credit": "U.S Navy",
    "caption": REAGAN_CAPTION,
    "source": "Navy Visual News Service",
}
REAGAN_ORIGINS = {"byline": "EXIF", "credit": "XMP", "caption": "EXIF", "source": "XMP"}
ALL_EXIF_IPTC = {"byline": "EXIF", "credit": "IPTC", "copyright": "EXIF", "caption": "EXIF", "source": "IPTC"}

REAL_FILES: dict[str, Expected] = {
    # IPTC digest present but stale (exiftool warns the same): IIM wins over XMP; EXIF wins over both.
    # The XMP (UTF-16BE) says dc:description "UTF-16 (big-endian) encoded XMP": a disagreeing copy that EXIF beats.
    "exiftool__ExifTool.jpg": Expected(
        "Phil Harvey",
        "My Credit",
        "Copyright 2004 Phil Harvey",
        "A witty caption",
        "I'm the source",
        {**ALL_EXIF_IPTC, "licence_url": "XMP"},
        "changed",
        "https://exiftool.org/",
        notes=1,
    ),
    # IPTC in TIFF tag 33723, no XMP, no digest; only ImageDescription exists in EXIF.
    "exiftool__ExifTool.tif": Expected(
        "I'm the author",
        "Phil Harvey",
        "Copyright notice",
        "The picture caption",
        "My camera",
        {"byline": "IPTC", "credit": "IPTC", "copyright": "IPTC", "caption": "EXIF", "source": "IPTC"},
        "no digest",
    ),
    # IPTC only in a FotoStation trailer after EOI: non-standard, not read (MWG strict; exiftool ignores it too).
    "exiftool__FotoStation.jpg": Expected(problems=("FotoStation trailer",)),
    "exiftool__GPS.jpg": Expected(
        "Ian Britton",
        "Ian Britton",
        "ian Britton - FreeFoto.com",
        "Communications",
        "FreeFoto.com",
        ALL_EXIF_IPTC,
        "no digest",
    ),
    # exiftool's MWG reference image: every RIGHT value must win. No digest, so XMP beats IIM for copyright.
    "exiftool__MWG.jpg": Expected(
        "RIGHT1of2-EXIF-Creator; RIGHT2of2-EXIF-Creator",
        None,
        "RIGHT-XMP-Copyright",
        "RIGHT-EXIF-Description",
        None,
        {"byline": "EXIF", "copyright": "XMP", "caption": "EXIF"},
        "no digest",
        notes=3,
    ),
    # XMP in an iTXt chunk after IDAT (Pillow's open() stops at IDAT, so we walk the chunks ourselves).
    "exiftool__PNG.png": Expected("Phil Harvey", origins={"byline": "XMP"}),
    "exiftool__PhotoMechanic.jpg": Expected(
        "Photographer",
        "Credit",
        "Copyright",
        "Caption",
        "Source",
        dict.fromkeys(("byline", "credit", "copyright", "caption", "source"), "XMP"),
        "no digest",
        problems=("Photo Mechanic trailer",),
    ),
    "exiftool__XMP.jpg": Expected(
        "Phil Harvey",
        "My Credit",
        "Copyright 2004 Phil Harvey",
        "A witty caption",
        "I'm the source",
        {**ALL_EXIF_IPTC, "credit": "XMP", "source": "XMP", "licence_url": "XMP"},
        "no IPTC",
        "https://exiftool.org/",
        notes=1,
    ),
    "exiv2__Reagan.jpg": Expected(**REAGAN, origins=REAGAN_ORIGINS, iptc_state="in sync", notes=1),
    "exiv2__Reagan.tiff": Expected(**REAGAN, origins=REAGAN_ORIGINS, iptc_state="no digest"),
    # IPTC as a hex "Raw profile type iptc" zTXt chunk, EXIF as "Raw profile type exif".
    "exiv2__ReaganSmallPng.png": Expected(**REAGAN, origins=REAGAN_ORIGINS, iptc_state="no digest", notes=1),
    "exiv2__exiv2-bug1062.jpg": Expected(
        caption="Mrs Johnson's Austin Office", origins={"caption": "XMP"}, iptc_state="no digest"
    ),
    "exiv2__exiv2-bug426.jpg": Expected("Julie V. Early", origins={"byline": "IPTC"}, iptc_state="no digest"),
    "exiv2__exiv2-bug440.jpg": Expected(
        "PAUL SANCYA",
        "AP",
        None,
        "Chicago White Sox pitcher John Garland, left, pours champagne on Freddy Garcia in the locker room after "
        "their 4-2 win against the Detroit Tigers in Detroit, Thursday, Sept. 29, 2005. With the win the White Sox "
        "clinched their first AL Central title since 2000. (AP Photo/Paul Sancya)",
        "AP",
        {"byline": "IPTC", "credit": "IPTC", "caption": "IPTC", "source": "IPTC"},
        "no digest",
    ),
    # Latin-1 IIM with no declared charset. notes=0 proves the cp1252 fallback reads the IIM caption exactly as
    # the (UTF-8) EXIF copy. 2:38 holds "SE" (a country code in the wrong dataset): reported, not an expiry.
    "exiv2__exiv2-bug501.jpg": Expected(
        "Elsa Nordh",
        None,
        "http://nordharna.se",
        "Portr\u00e4tt p\u00e5 Eva",
        None,
        {"byline": "EXIF", "copyright": "EXIF", "caption": "EXIF"},
        "no digest",
        problems=("expiration time 'SE'",),
    ),
    # XMP only. dc:source "FreeFoto.com" is not IPTC Source (that is photoshop:Source), so source stays empty.
    "exiv2__exiv2-bug540.jpg": Expected(
        "Ian Britton",
        "Ian Britton",
        "ian Britton - FreeFoto.com",
        "Communications",
        None,
        {"byline": "XMP", "credit": "XMP", "copyright": "XMP", "caption": "XMP", "licence_url": "XMP"},
        "no IPTC",
        "www.freefoto.com",
    ),
    "exiv2__exiv2-bug784.jpg": Expected(
        copyright="Public Domain. Do whatever you like with this image",
        origins={"copyright": "EXIF"},
        iptc_state="in sync",
    ),
    "exiv2__exiv2-bug855.jpg": Expected(
        "SEBASTIAN WAGNER",
        copyright="CREATIVECOMMONS ATTRIBUTION CCBY",
        origins={"byline": "EXIF", "copyright": "EXIF"},
    ),
    # IPTC in a PNG text chunk. Deliberate difference: exiftool's MWG:Copyright ignores IPTC in PNG (it computes
    # no CurrentIPTCDigest there) although it reports IPTC:CopyrightNotice "E.T."; we read it like any IIM.
    "exiv2__exiv2-bug922.png": Expected(
        None,
        "Spielberg",
        "E.T.",
        None,
        "Chez moi",
        {"credit": "IPTC", "copyright": "IPTC", "source": "IPTC"},
        "no digest",
    ),
    # Stale digest; EXIF wins anyway. IIM copyright is undeclared UTF-8 "©" (exiftool shows "Â©" reading cp1252).
    # XPAuthor holds binary junk, reported and ignored.
    "exiv2__exiv2-bug937.jpg": Expected(
        "Corbis",
        copyright="\u00a9 Corbis.  All Rights Reserved.",
        origins={"byline": "EXIF", "copyright": "EXIF", "licence_url": "XMP"},
        iptc_state="changed",
        licence_url="http://pro.corbis.com/search/searchresults.asp?txt=42-17167222&openImage=42-17167222",
        problems=("XPAuthor",),
    ),
    # Two complete APP13 copies that disagree: the first (the one readers and the digest use) wins.
    "exiv2__iptc-psAPP13-wIPTC1-psAPP13-wIPTC2.jpg": Expected(
        credit="This is credit number one",
        origins={"credit": "IPTC"},
        iptc_state="changed",
        problems=("2 IPTC blocks",),
    ),
    # One 8BIM stream split over two APP13 segments (mid-resource); IIM 0x0404 sits in the second part.
    # The by-line byte 0x9F is undeclared and not UTF-8; cp1252 gives "Ÿ" like exiftool (probably Mac Roman "ü").
    "exiv2__iptc-psAPP13s-wIPTCs-psAPP13s-wIPTCs.jpg": Expected(
        "Jens Tr\u0178biger", origins={"byline": "IPTC"}, iptc_state="in sync"
    ),
    # EXIF Copyright is present but empty: treated as absent, so the IIM copyright is used.
    "exiv2__smiley1.jpg": Expected(
        "No one",
        None,
        "\u00a9 2004 Nobody",
        "Well it is a smiley that happens to be green",
        None,
        {"byline": "EXIF", "copyright": "IPTC", "caption": "EXIF"},
        "no digest",
        notes=2,
    ),
    # EXIF Artist ends in a NUL byte; it is dropped.
    "pillow__invalid-exif-without-x-resolution.jpg": Expected(
        "JOE STEMMER PHOTO", origins={"byline": "EXIF"}, iptc_state="in sync"
    ),
    # IPTC with only city/country/keywords: no credit at all.
    "pillow__iptc.jpg": Expected(iptc_state="no digest"),
}


def _real_file(name: str) -> Path:
    return REAL_DIR / name


# The three tests below are defined only when ../shared/photo-metadata is on this machine (see tests/unit/conftest.py):
# a fresh clone does not collect them. Their twins: the traps rebuilt in memory ("Traps of the real corpus").
if REAL_DIR.exists():

    def test_real_file_table_covers_every_shared_file() -> None:
        on_disk = {p.name for p in REAL_DIR.iterdir() if p.suffix.lower() != ".md"}
        assert on_disk == set(REAL_FILES)

    @pytest.mark.parametrize("name", sorted(REAL_FILES))
    def test_real_file_values(name: str) -> None:
        expected = REAL_FILES[name]
        result = read_photo_metadata(_real_file(name))
        assert result.error is None
        actual = {key: getattr(result, key) for key in ("byline", "credit", "copyright", "caption", "source")}
        wanted = {key: getattr(expected, key) for key in actual}
        assert actual == wanted
        assert dict(result.origins) == expected.origins
        assert result.iptc_state == expected.iptc_state
        assert result.licence_url == expected.licence_url
        assert len(result.problems) == len(expected.problems), result.problems
        for fragment in expected.problems:
            assert any(fragment in problem for problem in result.problems), (fragment, result.problems)
        assert len(result.notes) == expected.notes, result.notes

    def test_real_files_json_and_exit_status() -> None:
        paths = [_real_file(name) for name in sorted(REAL_FILES)]
        objects, status = read_many_as_json(paths)
        assert status == 0
        assert objects[0] == {
            "file": str(paths[0]),
            "byline": "Phil Harvey",
            "credit": "My Credit",
            "copyright": "Copyright 2004 Phil Harvey",
            "caption": "A witty caption",
            "source": "I'm the source",
        }
        assert all(set(obj) == {"file", "byline", "credit", "copyright", "caption", "source"} for obj in objects)


# --------------------------------------------------------------------------------------------------------------
# MWG precedence, on files built in memory
# --------------------------------------------------------------------------------------------------------------

IIM_ALL = iim(
    (2, 80, b"IIM Creator"),
    (2, 110, b"IIM Credit"),
    (2, 115, b"IIM Source"),
    (2, 116, b"IIM Copyright"),
    (2, 120, b"IIM Caption"),
)
XMP_ALL = xmp_packet(xmp_body(("XMP Creator",), "XMP Copyright", "XMP Caption", "XMP Credit", "XMP Source"))
EXIF_ALL = exif_segment({0x013B: b"EXIF Artist\x00", 0x8298: b"EXIF Copyright\x00", 0x010E: b"EXIF Caption\x00"})


def fields(result: PhotoMetadata) -> tuple[str | None, ...]:
    return result.byline, result.credit, result.copyright, result.caption, result.source


@pytest.mark.parametrize("digest", [None, MATCH, b"\x00" * 16], ids=["no-digest", "digest-matches", "digest-stale"])
def test_exif_beats_iptc_and_xmp_whatever_the_digest(digest: bytes | str | None) -> None:
    result = read_photo_metadata(make_jpeg(EXIF_ALL, xmp_segment(XMP_ALL), app13(IIM_ALL, digest)))
    assert (result.byline, result.copyright, result.caption) == ("EXIF Artist", "EXIF Copyright", "EXIF Caption")
    assert {result.origins[k] for k in ("byline", "copyright", "caption")} == {"EXIF"}


def test_no_iptc_uses_xmp() -> None:
    result = read_photo_metadata(make_jpeg(xmp_segment(XMP_ALL)))
    assert fields(result) == ("XMP Creator", "XMP Credit", "XMP Copyright", "XMP Caption", "XMP Source")
    assert result.iptc_state == "no IPTC"


def test_iptc_only_uses_iptc() -> None:
    result = read_photo_metadata(make_jpeg(app13(IIM_ALL)))
    assert fields(result) == ("IIM Creator", "IIM Credit", "IIM Copyright", "IIM Caption", "IIM Source")
    assert set(result.origins.values()) == {"IPTC"}


def test_matching_digest_means_in_sync_so_xmp_wins() -> None:
    result = read_photo_metadata(make_jpeg(xmp_segment(XMP_ALL), app13(IIM_ALL, MATCH)))
    assert result.iptc_state == "in sync"
    assert fields(result) == ("XMP Creator", "XMP Credit", "XMP Copyright", "XMP Caption", "XMP Source")


def test_stale_digest_means_iptc_was_edited_so_iptc_wins_and_xmp_fills_gaps() -> None:
    partial_iim = iim((2, 80, b"IIM Creator"), (2, 116, b"IIM Copyright"))
    result = read_photo_metadata(make_jpeg(xmp_segment(XMP_ALL), app13(partial_iim, b"\x11" * 16)))
    assert result.iptc_state == "changed"
    assert fields(result) == ("IIM Creator", "XMP Credit", "IIM Copyright", "XMP Caption", "XMP Source")
    assert any("edited by a program that ignores XMP" in note for note in result.notes)


def test_stale_digest_but_iim_is_a_truncated_copy_of_xmp() -> None:
    long_credit = "Agence Photographique Internationale de Presse"  # 46 characters; IIM 2:110 holds 32 octets
    block = iim((2, 110, long_credit[:32].encode()))
    result = read_photo_metadata(
        make_jpeg(xmp_segment(xmp_packet(xmp_body(credit=long_credit))), app13(block, b"\x22" * 16))
    )
    assert (result.credit, result.origins["credit"]) == (long_credit, "XMP")


def test_no_digest_prefers_xmp_and_iim_fills_gaps() -> None:
    xmp = xmp_packet(xmp_body(("XMP Creator",), credit="XMP Credit"))
    result = read_photo_metadata(make_jpeg(xmp_segment(xmp), app13(IIM_ALL)))
    assert result.iptc_state == "no digest"
    assert fields(result) == ("XMP Creator", "XMP Credit", "IIM Copyright", "IIM Caption", "IIM Source")
    assert dict(result.origins) == {
        "byline": "XMP",
        "credit": "XMP",
        "copyright": "IPTC",
        "caption": "IPTC",
        "source": "IPTC",
    }


def test_blank_exif_counts_as_absent() -> None:
    blank = exif_segment({0x013B: b"   \x00", 0x8298: b"\x00\x00", 0x010E: b" "})
    result = read_photo_metadata(make_jpeg(blank, app13(IIM_ALL)))
    assert (result.byline, result.copyright, result.caption) == ("IIM Creator", "IIM Copyright", "IIM Caption")


def test_non_utf8_exif_yields_to_unicode_copy() -> None:
    legacy = exif_segment({0x013B: "Jürgen Müller\x00".encode("cp1252")})
    xmp = xmp_packet(xmp_body(("Jürgen Müller",)))
    result = read_photo_metadata(make_jpeg(legacy, xmp_segment(xmp)))
    assert (result.byline, result.origins["byline"]) == ("Jürgen Müller", "XMP")
    assert any("EXIF Artist is not UTF-8" in p for p in result.problems)


def test_non_utf8_exif_alone_is_read_as_cp1252() -> None:
    result = read_photo_metadata(make_jpeg(exif_segment({0x8298: "\u00a9 Zoë Café \u20ac\x00".encode("cp1252")})))
    assert result.copyright == "\u00a9 Zoë Café \u20ac"
    assert result.origins["copyright"] == "EXIF"
    assert any("decoded as cp1252" in p for p in result.problems)


def test_exif_utf8_is_read_as_utf8() -> None:
    result = read_photo_metadata(make_jpeg(exif_segment({0x013B: "Zoë Ström\x00".encode()}, big_endian=True)))
    assert result.byline == "Zoë Ström"
    assert result.problems == ()


def test_several_creators_are_joined_with_semicolons() -> None:
    block = iim((2, 80, b"Ann One"), (2, 80, b"Bob Two"))
    assert read_photo_metadata(make_jpeg(app13(block))).byline == "Ann One; Bob Two"
    xmp = xmp_packet(xmp_body(("Ann One", "Bob Two")))
    assert read_photo_metadata(make_jpeg(xmp_segment(xmp))).byline == "Ann One; Bob Two"
    exif = exif_segment({0x013B: b'Ann One; "Smith; Jones"; Bob Two\x00'})
    assert read_photo_metadata(make_jpeg(exif)).byline == "Ann One; Smith; Jones; Bob Two"


def test_split_mwg_list_handles_quotes() -> None:
    assert split_mwg_list('A; "B; C"; "say ""hi"""') == ("A", "B; C", 'say "hi"')
    assert split_mwg_list("single") == ("single",)


def test_exif_copyright_photographer_and_editor_parts() -> None:
    result = read_photo_metadata(make_jpeg(exif_segment({0x8298: b"Photo Ann\x00Edit Bob\x00"})))
    assert result.copyright == "Photo Ann; Edit Bob"
    only_editor = read_photo_metadata(make_jpeg(exif_segment({0x8298: b" \x00Edit Bob\x00"})))
    assert only_editor.copyright == "Edit Bob"


def test_exif_text_after_the_terminating_nul_is_dropped() -> None:
    result = read_photo_metadata(make_jpeg(exif_segment({0x010E: b"Real caption\x00\xff\xfestale buffer\x00"})))
    assert result.caption == "Real caption"
    assert result.problems == ()


def test_xp_author_is_a_last_resort_byline() -> None:
    exif = exif_segment({0x9C9D: "Zoë Ström\x00".encode("utf-16-le")}, types={0x9C9D: 1})
    result = read_photo_metadata(make_jpeg(exif))
    assert (result.byline, result.origins["byline"]) == ("Zoë Ström", "EXIF")


def test_plus_image_creator_and_licensing_fields() -> None:
    body = (
        "<plus:ImageCreator><rdf:Seq><rdf:li rdf:parseType='Resource'><plus:ImageCreatorName>Plus Person"
        "</plus:ImageCreatorName></rdf:li></rdf:Seq></plus:ImageCreator>"
        "<plus:Licensor><rdf:Seq><rdf:li><rdf:Description plus:LicensorName='Agency Ltd'/></rdf:li></rdf:Seq>"
        "</plus:Licensor>"
        "<plus:CopyrightOwner><rdf:Seq><rdf:li rdf:parseType='Resource'><plus:CopyrightOwnerName>Owner Co"
        "</plus:CopyrightOwnerName></rdf:li></rdf:Seq></plus:CopyrightOwner>"
        "<xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang='fr'>Pas de revente</rdf:li>"
        "<rdf:li xml:lang='x-default'>No resale</rdf:li></rdf:Alt></xmpRights:UsageTerms>"
        "<xmpRights:WebStatement rdf:resource='https://example.org/licence'/>"
        "<plus:LicenseEndDate>2030-06-30</plus:LicenseEndDate>"
    )
    result = read_photo_metadata(make_jpeg(xmp_segment(xmp_packet(body))))
    assert result.byline == "Plus Person"
    assert result.licensor == "Agency Ltd"
    assert result.copyright_owner == "Owner Co"
    assert result.usage_terms == "No resale"
    assert result.licence_url == "https://example.org/licence"
    assert result.expires == date(2030, 6, 30)


def test_expiry_is_the_earlier_of_iptc_and_plus() -> None:
    block = iim((2, 37, b"20290101"), (2, 38, b"120000+0100"))
    xmp = xmp_packet("<plus:LicenseEndDate>2030-01-01</plus:LicenseEndDate>")
    result = read_photo_metadata(make_jpeg(xmp_segment(xmp), app13(block)))
    assert result.expires == datetime(2029, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    assert result.origins["expires"] == "IPTC"


def test_bad_iptc_expiry_is_reported_not_used() -> None:
    result = read_photo_metadata(make_jpeg(app13(iim((2, 37, b"20291399")))))
    assert result.expires is None
    assert any("not a CCYYMMDD date" in p for p in result.problems)


def test_extended_xmp_is_merged_when_the_main_packet_names_it() -> None:
    guid = "0123456789ABCDEF0123456789ABCDEF"
    main = xmp_packet(xmp_body(("Main Creator",)), attributes=f'xmpNote:HasExtendedXMP="{guid}"')
    extended = xmp_packet(xmp_body(credit="Extended Credit"))
    half = len(extended) // 2
    header = b"http://ns.adobe.com/xmp/extension/\x00" + guid.encode()
    chunks = [
        segment(0xE1, header + struct.pack(">II", len(extended), at) + part)
        for at, part in ((half, extended[half:]), (0, extended[:half]))  # out of order on purpose
    ]
    result = read_photo_metadata(make_jpeg(xmp_segment(main), *chunks))
    assert (result.byline, result.credit) == ("Main Creator", "Extended Credit")
    stray = read_photo_metadata(make_jpeg(xmp_segment(xmp_packet(xmp_body(("Main",)))), *chunks))
    assert stray.credit is None
    assert any("ExtendedXMP" in p for p in stray.problems)


def test_notes_explain_disagreements() -> None:
    result = read_photo_metadata(make_jpeg(EXIF_ALL, app13(IIM_ALL)))
    assert any(note.startswith("byline: EXIF copy 'EXIF Artist' used; IPTC has 'IIM Creator'") for note in result.notes)


# --------------------------------------------------------------------------------------------------------------
# IPTC character sets
# --------------------------------------------------------------------------------------------------------------

UTF8_DECLARED = (1, 90, b"\x1b%G")


@pytest.mark.parametrize(
    ("datasets", "expected"),
    [
        pytest.param([UTF8_DECLARED, (2, 80, "Zoë Ström".encode())], "Zoë Ström", id="declared-utf8"),
        pytest.param([(2, 80, "Zoë Ström".encode())], "Zoë Ström", id="undeclared-utf8"),
        pytest.param([(2, 80, "Zoë Ström €".encode("cp1252"))], "Zoë Ström €", id="undeclared-cp1252"),
        pytest.param([(1, 90, b"\x1b-A"), (2, 80, "Zoë".encode("latin-1"))], "Zoë", id="declared-latin1"),
        pytest.param([(2, 80, b"Name\x00\x00")], "Name", id="nul-padding"),
    ],
)
def test_iptc_charsets(datasets: list[tuple[int, int, bytes]], expected: str) -> None:
    result = read_photo_metadata(make_jpeg(app13(iim(*datasets))))
    assert result.byline == expected
    assert result.problems == ()


def test_declared_utf8_that_is_not_utf8_falls_back_and_says_so() -> None:
    result = read_photo_metadata(make_jpeg(app13(iim(UTF8_DECLARED, (2, 110, "Café".encode("cp1252"))))))
    assert result.credit == "Café"
    assert any("not valid utf-8" in p for p in result.problems)


def test_extended_length_dataset() -> None:
    caption = ("x" * 40000).encode()
    block = b"\x1c\x02\x78\x80\x04" + struct.pack(">I", len(caption)) + caption
    result = read_photo_metadata(make_jpeg(app13(block)))
    assert result.caption == "x" * 40000


def test_iim_cr_line_endings_are_normalised() -> None:
    result = read_photo_metadata(make_jpeg(app13(iim((2, 120, b"Line one\rLine two\r\n")))))
    assert result.caption == "Line one\nLine two"


# --------------------------------------------------------------------------------------------------------------
# Other containers
# --------------------------------------------------------------------------------------------------------------


def test_png_itxt_xmp_and_raw_iptc_profile_after_idat() -> None:
    xmp = xmp_packet(xmp_body(credit="PNG Credit"))
    itxt = png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + xmp)
    iptc_text = raw_profile("iptc", photoshop_payload(iim((2, 80, "Zoë".encode()), (2, 116, b"PNG Copyright"))))
    ztxt = png_chunk(b"zTXt", b"Raw profile type iptc\x00\x00" + zlib.compress(iptc_text))
    result = read_photo_metadata(png_with_trailing_chunks(itxt, ztxt))
    assert (result.byline, result.credit, result.copyright) == ("Zoë", "PNG Credit", "PNG Copyright")
    assert result.format == "PNG"


def test_png_native_text_is_a_fallback_and_exif_chunk_wins() -> None:
    author = png_chunk(b"tEXt", b"Author\x00Text Author")
    description = png_chunk(b"tEXt", b"Description\x00Text Caption")
    exif = png_chunk(b"eXIf", tiff_ifd({0x010E: b"EXIF Caption\x00"}))
    result = read_photo_metadata(png_with_trailing_chunks(author, description, exif))
    assert (result.byline, result.origins["byline"]) == ("Text Author", "PNG")
    assert (result.caption, result.origins["caption"]) == ("EXIF Caption", "EXIF")


def test_png_pillow_written_itxt() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp_packet(xmp_body(source="Pillow Source")).decode(), zip=True)
    assert read_photo_metadata(_base_image_bytes("PNG", pnginfo=info)).source == "Pillow Source"


def test_png_bad_crc_is_ignored_with_a_problem() -> None:
    chunk = bytearray(png_chunk(b"tEXt", b"Author\x00Someone"))
    chunk[-1] ^= 0xFF
    result = read_photo_metadata(png_with_trailing_chunks(bytes(chunk)))
    assert result.byline is None
    assert any("fails its CRC" in p for p in result.problems)


def test_webp_exif_and_xmp() -> None:
    exif = Image.Exif()
    exif[0x013B] = "WebP Artist"
    data = _base_image_bytes("WEBP", exif=exif, xmp=xmp_packet(xmp_body(credit="WebP Credit")))
    result = read_photo_metadata(data)
    assert (result.format, result.byline, result.credit) == ("WEBP", "WebP Artist", "WebP Credit")


def test_tiff_iptc_xmp_and_exif_tags() -> None:
    ifd = TiffImagePlugin.ImageFileDirectory_v2()
    ifd[0x010E] = "TIFF Caption"
    ifd.tagtype[700] = 1
    ifd[700] = xmp_packet(xmp_body(credit="TIFF XMP Credit"))
    ifd.tagtype[33723] = 7
    ifd[33723] = iim((2, 80, b"TIFF IIM by"))
    result = read_photo_metadata(_base_image_bytes("TIFF", tiffinfo=ifd))
    assert (result.caption, result.credit, result.byline) == ("TIFF Caption", "TIFF XMP Credit", "TIFF IIM by")
    assert result.problems == ()


def test_damaged_tiff_with_long_typed_iptc_is_salvaged() -> None:
    # Writers often type the IIM stream as LONG; it is still a byte stream. This TIFF has no image data, so Pillow
    # refuses it, but the metadata is intact: it is read and Pillow's refusal is reported as a problem.
    stream = iim((2, 80, b"Salvaged by")).ljust(20, b"\x00")
    result = read_photo_metadata(tiff_ifd({33723: stream}, types={33723: 4}, big_endian=True))
    assert result.error is None
    assert (result.format, result.byline) == ("TIFF", "Salvaged by")
    assert any("Pillow" in p for p in result.problems)


def test_psd_image_resources() -> None:
    width = height = 2
    resources = photoshop_payload(iim((2, 110, b"PSD Credit")), MATCH) + resource(
        0x0424, xmp_packet(xmp_body(("PSD Creator",)))
    )
    psd = (
        b"8BPS"
        + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)  # version 1, 3 channels, 8-bit RGB
        + struct.pack(">I", 0)  # colour-mode data
        + struct.pack(">I", len(resources))
        + resources
        + struct.pack(">I", 0)  # layer and mask information
        + struct.pack(">H", 0)
        + bytes(3 * width * height)  # raw image data
    )
    result = read_photo_metadata(psd)
    assert (result.format, result.credit, result.byline, result.iptc_state) == (
        "PSD",
        "PSD Credit",
        "PSD Creator",
        "in sync",
    )
    assert result.problems == ()


def test_formats_without_own_walker_use_pillow_info() -> None:
    exif = Image.Exif()
    exif[0x8298] = "AVIF Copyright"
    try:
        data = _base_image_bytes("AVIF", exif=exif, xmp=xmp_packet(xmp_body(credit="AVIF Credit")))
    except (KeyError, OSError) as exc:
        pytest.skip(f"Pillow has no AVIF encoder here: {exc}")
    result = read_photo_metadata(data)
    assert (result.format, result.copyright, result.credit) == ("AVIF", "AVIF Copyright", "AVIF Credit")


def test_utf16_xmp_packet() -> None:
    packet = xmp_packet(xmp_body(("Zoë",))).decode()
    for encoding in ("utf-16", "utf-16-be", "utf-16-le"):
        assert read_photo_metadata(make_jpeg(xmp_segment(packet.encode(encoding)))).byline == "Zoë"


def test_stream_and_bytes_sources(tmp_path: Path) -> None:
    data = make_jpeg(app13(iim((2, 110, b"Stream Credit"))))
    stream = io.BytesIO(b"junk" + data)
    stream.seek(4)
    assert read_photo_metadata(io.BytesIO(data)).credit == "Stream Credit"
    path = tmp_path / "photo.jpg"
    path.write_bytes(data)
    assert read_photo_metadata(path).credit == "Stream Credit"
    assert read_photo_metadata(str(path)).credit == "Stream Credit"
    positioned = io.BytesIO(data)
    positioned.seek(10)
    read_photo_metadata(positioned)
    assert positioned.tell() == 10  # the caller's position is restored


# --------------------------------------------------------------------------------------------------------------
# Malformed and hostile input
# --------------------------------------------------------------------------------------------------------------

RICH_JPEG = make_jpeg(EXIF_ALL, xmp_segment(XMP_ALL), app13(IIM_ALL, MATCH))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "file is empty"),
        (random.Random(1).randbytes(4096), "not an image format Pillow recognises"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not an image format Pillow recognises"),
    ],
    ids=["zero-byte", "random-bytes", "svg"],
)
def test_unreadable_input_gives_an_error(data: bytes, error: str) -> None:
    result = read_photo_metadata(data)
    assert result.error == error
    assert result.as_json_dict("f") == {"file": "f", "error": error}


def test_missing_file_and_text_stream(tmp_path: Path) -> None:
    assert (read_photo_metadata(tmp_path / "nope.jpg").error or "").startswith("cannot read file")
    assert read_photo_metadata(io.StringIO("text")).error == "cannot read source: stream must be opened in binary mode"


def test_every_truncation_of_a_rich_jpeg_is_survived() -> None:
    for cut in range(0, len(RICH_JPEG), 3):
        result = read_photo_metadata(RICH_JPEG[:cut])
        assert isinstance(result, PhotoMetadata)


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow warns about the corrupt EXIF while opening
@pytest.mark.parametrize("seed", range(4))
def test_random_corruption_never_raises(seed: int) -> None:
    rng = random.Random(seed)
    header_end = RICH_JPEG.index(b"\xff\xdb")  # corrupt the metadata segments, not just pixels
    for _ in range(150):
        data = bytearray(RICH_JPEG)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(2, header_end)] = rng.randrange(256)
        result = read_photo_metadata(bytes(data))
        assert isinstance(result, PhotoMetadata)


def test_truncated_iptc_block_is_reported() -> None:
    block = iim((2, 110, b"Good Credit")) + b"\x1c\x02\x50\x00\x40short"
    result = read_photo_metadata(make_jpeg(app13(block)))
    assert result.credit == "Good Credit"
    assert any("IPTC block truncated" in p for p in result.problems)


def test_truncated_photoshop_resource_is_reported() -> None:
    payload = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + struct.pack(">I", 5000) + iim((2, 110, b"x"))
    result = read_photo_metadata(make_jpeg(segment(0xED, payload)))
    assert result.credit is None
    assert any("resource 0x0404 is truncated" in p for p in result.problems)


def test_broken_xmp_does_not_hide_other_metadata() -> None:
    result = read_photo_metadata(make_jpeg(EXIF_ALL, xmp_segment(b"<x:xmpmeta><rdf:RDF><unclosed></x:xmpmeta>")))
    assert result.byline == "EXIF Artist"
    assert any("XMP packet is not well-formed XML" in p for p in result.problems)


def test_xxe_in_xmp_is_refused() -> None:
    prolog = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    packet = xmp_packet("<photoshop:Credit>&xxe;</photoshop:Credit>", prolog=prolog)
    result = read_photo_metadata(make_jpeg(xmp_segment(packet)))
    assert result.credit is None
    assert any("forbidden XML features" in p for p in result.problems)


def test_billion_laughs_in_xmp_does_not_expand() -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    packet = xmp_packet("<photoshop:Credit>&lol9;</photoshop:Credit>", prolog=f"<!DOCTYPE x [{entities}]>")
    started = time.perf_counter()
    result = read_photo_metadata(make_jpeg(xmp_segment(packet)))
    assert time.perf_counter() - started < 2
    assert result.credit is None
    assert any("forbidden XML features" in p for p in result.problems)


def test_png_ztxt_bomb_is_capped() -> None:
    bomb = png_chunk(b"zTXt", b"Raw profile type iptc\x00\x00" + zlib.compress(b"0" * (32 * 1024 * 1024), 9))
    result = read_photo_metadata(png_with_trailing_chunks(bomb))
    assert result.error is None
    assert any("decompresses to more than" in p for p in result.problems)


def _with_jpeg_size(data: bytes, width: int, height: int) -> bytes:
    sof = data.index(b"\xff\xc0")
    return data[: sof + 5] + struct.pack(">HH", height, width) + data[sof + 9 :]


def test_decompression_bomb_is_a_problem_and_metadata_is_still_read() -> None:
    before = (Image.MAX_IMAGE_PIXELS, list(warnings.filters))
    result = read_photo_metadata(_with_jpeg_size(make_jpeg(EXIF_ALL), 60000, 60000))
    assert result.error is None
    assert result.byline == "EXIF Artist"
    assert any("decompression bomb" in p for p in result.problems)
    assert (Image.MAX_IMAGE_PIXELS, list(warnings.filters)) == before  # no global state touched


def test_decompression_bomb_warning_is_a_problem() -> None:
    data = _with_jpeg_size(make_jpeg(EXIF_ALL), 10000, 10000)  # between 1x and 2x Pillow's limit: only a warning
    with pytest.warns(Image.DecompressionBombWarning):
        result = read_photo_metadata(data)
    assert any("decompression-bomb limit" in p for p in result.problems)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an app running with -W error turns the warning into an exception
        strict = read_photo_metadata(data)
    assert strict.byline == "EXIF Artist"
    assert any("decompression bomb" in p for p in strict.problems)


def test_jpeg_trailer_iptc_is_not_read() -> None:
    data = make_jpeg() + iim((2, 110, b"Trailer Credit")) + b"\xa1\xb2\xc3\xd4"
    result = read_photo_metadata(data)
    assert result.credit is None
    assert any("FotoStation trailer" in p for p in result.problems)


def test_second_xmp_packet_is_ignored() -> None:
    first = xmp_segment(xmp_packet(xmp_body(credit="First")))
    second = xmp_segment(xmp_packet(xmp_body(credit="Second")))
    result = read_photo_metadata(make_jpeg(first, second))
    assert result.credit == "First"
    assert any("more than one XMP packet" in p for p in result.problems)


def test_read_many_exit_status(tmp_path: Path) -> None:
    good = tmp_path / "good.jpg"
    good.write_bytes(make_jpeg(app13(iim((2, 110, b"C")))))
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"")
    objects, status = read_many_as_json([bad, good])
    assert status == 0
    assert objects == [
        {"file": str(bad), "error": "file is empty"},
        {"file": str(good), "byline": None, "credit": "C", "copyright": None, "caption": None, "source": None},
    ]
    assert read_many_as_json([bad])[1] == 1
    assert read_many_as_json([]) == ([], 1)


# Files in tests/fixtures/bad-images that are not images Pillow (or our walkers) can read: they must give an error.
BAD_UNREADABLE = {
    "avif_hopper.heif",
    "bmp_q_rgb24png.bmp",
    "broken.png",
    "eps_timeout-d675703545fee17acab56e5fec644c19979175de.eps",
    "oom-225817ca0f8c663be7ab4b9e717b02c661e66834.tif",
    "png_decompression_dos.png",
    "seek_too_large.tif",
    "written_svg_billion_laughs.svg",
    "written_svg_script.svg",
    "written_svg_xxe.svg",
    "zero_width.gif",
}


def _bad_files() -> list[str]:
    return sorted(p.name for p in BAD_DIR.iterdir() if p.name != "README.md")


def test_bad_images_are_all_there() -> None:
    assert len(_bad_files()) == 48
    assert set(_bad_files()) >= BAD_UNREADABLE


@pytest.mark.filterwarnings("ignore::UserWarning", "ignore::PIL.Image.DecompressionBombWarning")  # Pillow noise
@pytest.mark.parametrize("name", _bad_files())
def test_bad_images_never_raise(name: str) -> None:
    started = time.perf_counter()
    result = read_photo_metadata(BAD_DIR / name)
    assert time.perf_counter() - started < 5
    assert (result.error is not None) == (name in BAD_UNREADABLE), (result.error, result.problems)
    assert fields(result) == (None,) * 5  # none of them carries credit metadata


# --------------------------------------------------------------------------------------------------------------
# Traps of the real corpus, rebuilt in memory
# --------------------------------------------------------------------------------------------------------------
# ../shared/photo-metadata holds exiftool's, exiv2's and Pillow's sample files (GPL / Artistic licences): they stay
# out of the repository. Each trap they hold is rebuilt below with Pillow and hand-built bytes, so a fresh clone
# tests every one of them; the real files, when present, are read by test_real_file_values above as an extra check.


def test_trap_mwg_reference_every_right_copy_wins() -> None:
    """exiftool__MWG.jpg: the same properties in EXIF, XMP and IIM disagree, with no IPTC digest. MWG: EXIF wins
    where it has the property; with no digest XMP beats IIM; EXIF Artist is a "; "-separated list of creators."""
    exif = exif_segment(
        {
            0x013B: b"RIGHT1of2-EXIF-Creator; RIGHT2of2-EXIF-Creator\x00",
            0x010E: b"RIGHT-EXIF-Description\x00",
        }
    )
    xmp = xmp_packet(xmp_body(("WRONG-XMP-Creator",), "RIGHT-XMP-Copyright", "WRONG-XMP-Description"))
    block = iim((2, 80, b"WRONG-IPTC-Creator"), (2, 116, b"WRONG-IPTC-Copyright"), (2, 120, b"WRONG-IPTC-Caption"))
    result = read_photo_metadata(make_jpeg(exif, xmp_segment(xmp), app13(block)))
    assert fields(result) == (
        "RIGHT1of2-EXIF-Creator; RIGHT2of2-EXIF-Creator",
        None,
        "RIGHT-XMP-Copyright",
        "RIGHT-EXIF-Description",
        None,
    )
    assert dict(result.origins) == {"byline": "EXIF", "copyright": "XMP", "caption": "EXIF"}
    assert result.iptc_state == "no digest"
    assert result.problems == ()
    assert len(result.notes) == 3  # one per property whose copies disagree


def test_trap_stale_digest_utf16be_xmp_iim_beats_xmp_and_exif_beats_both() -> None:
    """exiftool__ExifTool.jpg: an IPTC digest that no longer matches the IIM block (IIM edited by a program that
    ignores XMP), so IIM beats XMP; EXIF beats both; the disagreeing XMP packet is UTF-16BE without a BOM."""
    exif = exif_segment({0x013B: b"Phil Harvey\x00", 0x010E: b"A witty caption\x00"})
    xmp_text = xmp_packet(xmp_body(("XMP Creator",), description="UTF-16 (big-endian) encoded XMP")).decode()
    packet = xmp_text.replace("\ufeff", "").encode("utf-16-be")
    block = iim((2, 80, b"IIM Creator"), (2, 110, b"My Credit"), (2, 115, b"I'm the source"))
    result = read_photo_metadata(make_jpeg(exif, xmp_segment(packet), app13(block, b"\x5a" * 16)))
    assert result.iptc_state == "changed"
    assert (result.byline, result.credit, result.caption, result.source) == (
        "Phil Harvey",
        "My Credit",
        "A witty caption",
        "I'm the source",
    )
    assert dict(result.origins) == {"byline": "EXIF", "credit": "IPTC", "caption": "EXIF", "source": "IPTC"}
    assert result.problems == ()


def test_trap_utf16_xmp_alone_is_read() -> None:
    """The UTF-16 packet read on its own: its values are used, whatever the byte order or BOM."""
    text = xmp_packet(xmp_body(("Zoë Ström",), credit="Kredit Ü")).decode()
    for packet in (text.encode("utf-16"), text.replace("\ufeff", "").encode("utf-16-be"), text.encode("utf-16-le")):
        result = read_photo_metadata(make_jpeg(xmp_segment(packet)))
        assert (result.byline, result.credit, result.origins["byline"]) == ("Zoë Ström", "Kredit Ü", "XMP")
        assert result.problems == ()


def test_trap_latin1_iim_without_charset_matches_its_utf8_exif_copy() -> None:
    """exiv2-bug501.jpg: IIM caption and by-line in Latin-1 with no 1:90 charset; the cp1252 fallback reads them
    exactly as the UTF-8 EXIF copies say, so no disagreement is noted. 2:38 holds "SE" (a country code in the
    wrong dataset): reported, not taken as an expiry."""
    caption, name = "Porträtt på Eva", "Elsa Nordh"
    exif = exif_segment({0x013B: f"{name}\x00".encode(), 0x010E: f"{caption}\x00".encode()})
    block = iim((2, 80, name.encode("latin-1")), (2, 120, caption.encode("latin-1")), (2, 38, b"SE"))
    result = read_photo_metadata(make_jpeg(exif, app13(block)))
    assert (result.byline, result.caption) == (name, caption)
    assert result.notes == ()
    assert result.expires is None
    assert len(result.problems) == 1 and "expiration time 'SE'" in result.problems[0]
    alone = read_photo_metadata(make_jpeg(app13(iim((2, 120, caption.encode("latin-1"))))))
    assert (alone.caption, alone.origins["caption"], alone.problems) == (caption, "IPTC", ())


def test_trap_one_photoshop_stream_split_over_two_app13_segments() -> None:
    """exiv2 iptc-psAPP13s-wIPTCs-psAPP13s-wIPTCs.jpg: one 8BIM stream (digest first, then IIM) cut in the middle of
    the IIM resource across two APP13 segments, each re-prefixed "Photoshop 3.0"; the by-line has an undeclared
    byte 0x9F that is not UTF-8, read as cp1252 "Ÿ" (as exiftool does)."""
    block = iim((2, 80, b"Jens Tr\x9fbiger"))
    stream = resource(0x0425, hashlib.md5(block).digest()) + resource(0x0404, block)
    cut = len(stream) - len(block) // 2  # inside the IIM data
    first = segment(0xED, b"Photoshop 3.0\x00" + stream[:cut])
    second = segment(0xED, b"Photoshop 3.0\x00" + stream[cut:])
    result = read_photo_metadata(make_jpeg(first, second))
    assert (result.byline, result.origins["byline"]) == ("Jens Tr\u0178biger", "IPTC")
    assert result.iptc_state == "in sync"
    assert result.problems == ()
    # Each half alone is a truncated resource, reported, never a crash.
    half = read_photo_metadata(make_jpeg(first))
    assert half.byline is None
    assert any("resource 0x0404 is truncated" in p for p in half.problems)


def test_trap_two_complete_app13_copies_the_first_wins() -> None:
    """exiv2 iptc-psAPP13-wIPTC1-psAPP13-wIPTC2.jpg: two complete Photoshop blocks whose IIM disagree. The first
    (the one the digest and other readers use) wins; the second only fills gaps; the state follows the digest."""
    one = iim((2, 110, b"This is credit number one"))
    two = iim((2, 110, b"This is credit number two"), (2, 115, b"Only in the second"))
    result = read_photo_metadata(make_jpeg(app13(one, b"\x33" * 16), app13(two, MATCH)))
    assert (result.credit, result.source) == ("This is credit number one", "Only in the second")
    assert result.origins["credit"] == "IPTC"
    assert result.iptc_state == "changed"  # the first digest found is compared with the first block
    assert len(result.problems) == 1 and "2 IPTC blocks" in result.problems[0]


@pytest.mark.parametrize("chunk_type", [b"tEXt", b"zTXt"])
@pytest.mark.parametrize("wrapped", [True, False], ids=["8BIM", "bare-IIM"])
def test_trap_iptc_and_exif_as_png_raw_profiles(chunk_type: bytes, wrapped: bool) -> None:
    """exiv2__ReaganSmallPng.png / exiv2-bug922.png: IPTC as an ImageMagick "Raw profile type iptc" text chunk (hex
    lines after a name and a length), inside an 8BIM stream or bare; EXIF as "Raw profile type exif"."""
    block = iim((2, 110, b"Spielberg"), (2, 116, b"E.T."), (2, 115, b"Chez moi"))
    iptc_payload = photoshop_payload(block) if wrapped else block
    exif_payload = b"Exif\x00\x00" + tiff_ifd({0x010E: b"Reagan caption\x00"})
    chunks = []
    for keyword, payload in (("iptc", iptc_payload), ("exif", exif_payload)):
        text = raw_profile(keyword, payload)
        # zTXt: keyword, NUL, compression method 0, zlib data; tEXt: keyword, NUL, the text.
        body = b"\x00" + zlib.compress(text) if chunk_type == b"zTXt" else text
        chunks.append(png_chunk(chunk_type, f"Raw profile type {keyword}\x00".encode() + body))
    result = read_photo_metadata(png_with_trailing_chunks(*chunks))
    assert (result.format, result.credit, result.copyright, result.source, result.caption) == (
        "PNG",
        "Spielberg",
        "E.T.",
        "Chez moi",
        "Reagan caption",
    )
    assert dict(result.origins) == {"credit": "IPTC", "copyright": "IPTC", "source": "IPTC", "caption": "EXIF"}
    assert result.iptc_state == "no digest"


@pytest.mark.parametrize(
    ("trailer", "problem"),
    [
        (iim((2, 80, b"Trailer By-line")) + b"\xa1\xb2\xc3\xd4", "FotoStation trailer"),
        (iim((2, 80, b"Trailer By-line")) + struct.pack(">I", 0) + b"cbipcbbl", "Photo Mechanic trailer"),
        (b"\x00\x00" + iim((2, 80, b"Trailer By-line")), "IPTC data after the end"),
    ],
    ids=["fotostation", "photo-mechanic", "bare-iim"],
)
def test_trap_metadata_after_the_end_of_image_is_not_read(trailer: bytes, problem: str) -> None:
    """exiftool__FotoStation.jpg / exiftool__PhotoMechanic.jpg: IIM written after the JPEG end-of-image marker is a
    non-standard place (MWG: do not read it); it is reported and ignored, the standard copies are used."""
    data = make_jpeg(xmp_segment(xmp_packet(xmp_body(("XMP Photographer",))))) + trailer
    result = read_photo_metadata(data)
    assert (result.byline, result.origins["byline"]) == ("XMP Photographer", "XMP")
    assert len(result.problems) == 1 and problem in result.problems[0]


def test_trap_other_data_after_the_end_of_image_is_fine() -> None:
    """An MPO's second frame or padding after EOI carries no credit: nothing to report."""
    second_frame = _base_image_bytes("JPEG")
    result = read_photo_metadata(make_jpeg(exif_segment({0x013B: b"Ann\x00"})) + second_frame + b"\x00" * 64)
    assert (result.byline, result.problems) == ("Ann", ())


def test_trap_trailing_nul_in_text_fields() -> None:
    """pillow__invalid-exif-without-x-resolution.jpg: EXIF Artist ends in a NUL (and here IIM and XMP too): the NUL
    is dropped, so the copies agree and nothing is noted."""
    exif = exif_segment({0x013B: b"JOE STEMMER PHOTO\x00\x00"})
    block = iim((2, 80, b"JOE STEMMER PHOTO\x00"))
    xmp = xmp_packet(xmp_body(("JOE STEMMER PHOTO",)))
    result = read_photo_metadata(make_jpeg(exif, xmp_segment(xmp), app13(block, MATCH)))
    assert (result.byline, result.origins["byline"], result.iptc_state) == ("JOE STEMMER PHOTO", "EXIF", "in sync")
    assert result.notes == () and result.problems == ()
    alone = read_photo_metadata(make_jpeg(app13(iim((2, 110, b"Credit\x00")))))
    assert alone.credit == "Credit"
