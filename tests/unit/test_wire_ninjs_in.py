"""Reading ninjs 1.x, 2.x and 3.x items (wire/ninjs_in.py) into wire items: pure, no Django.

The fixtures in tests/fixtures/wire/ were written for these tests (fictional agencies, places and people).
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.unit.conftest import FIXTURES
from wire.items import WireByline, WireFormatError
from wire.ninjs_in import local_file, ninjs_version_number, read_ninjs, split_byline

WIRE = FIXTURES / "wire"
WIB = timezone(timedelta(hours=7))


def test_a_ninjs_3_item_is_read_whole():
    [item] = read_ninjs(WIRE / "ninjs3-text.json")
    assert item.source_format == "ninjs-3"
    assert item.guid == "urn:newsroom-fixtures:ninjs3:banjir-kenanga"
    assert item.version == 3
    assert item.headline == "Banjir rendam tiga desa di Kenanga"  # the "main" headline, not the first one
    assert item.dek == "Hujan deras semalam membuat sungai meluap; warga mengungsi ke balai desa."
    assert item.body_html.startswith("<p>Hujan deras sejak Senin malam")  # the HTML body wins over the plain one
    assert item.language == "id"
    assert item.slugline == "banjir-kenanga"
    assert item.located == "Kenanga"
    assert item.bylines == (WireByline("Sari Wulandari", "writer"), WireByline("Bayu Pratama", "writer"))
    assert item.first_created == datetime(2025, 1, 14, 6, 10, tzinfo=WIB)
    assert item.version_created == datetime(2025, 1, 14, 8, 45, 30, tzinfo=WIB)
    assert item.embargoed_until == datetime(2025, 1, 14, 10, 0, tzinfo=WIB)
    assert item.subjects == ("Bencana alam", "Cuaca")  # a subject with only a code is no tag
    assert item.provider == "Kantor Berita Fiksi"
    assert item.copyright_notice == "© 2025 Kantor Berita Fiksi"
    assert item.usage_terms == "Hanya untuk pelanggan; tidak untuk dijual kembali."


def test_ninjs_3_pictures_carry_credit_rights_and_the_delivered_file():
    [item] = read_ninjs(WIRE / "ninjs3-text.json")
    local, remote = item.pictures
    assert local.guid == "urn:newsroom-fixtures:ninjs3:banjir-kenanga:foto1"
    assert local.href == "banjir-kenanga.jpg"  # the rendition with a delivered file beats the bigger remote ones
    assert local.local_path == (WIRE / "banjir-kenanga.jpg").resolve()
    assert local.mime_type == "image/jpeg"
    assert local.caption == "Warga menyeberangi jalan yang tergenang di Desa Melati, Selasa (14/1/2025)."
    assert local.alt_text == "Dua warga berjalan di air setinggi lutut."
    assert local.credit == "KBF/Dewi Lestari"
    assert local.copyright_holder == "Kantor Berita Fiksi"
    assert local.copyright_notice == "© 2025 Kantor Berita Fiksi/Dewi Lestari"
    assert local.usage_terms == "Wajib mencantumkan kredit."
    # Nothing delivered beside the item: the largest rendition's link is recorded, never fetched.
    assert remote.href == "https://wire.example.org/foto2.jpg"
    assert remote.local_path is None
    assert remote.credit == "KBF/Agus Salim" and remote.caption == "Posko pengungsian di balai desa."


def test_a_ninjs_2_item_lowercase_names_plain_text_body_and_a_dotted_version():
    [item] = read_ninjs(WIRE / "ninjs2-text.json")
    assert item.source_format == "ninjs-2"
    assert item.guid == "http://wire.example.org/items/2025/pasar-kenari"
    assert item.version == ninjs_version_number("1.2") == 1_002_000
    assert item.headline == "Fire closes Kenari market for a week"
    assert item.dek == "Traders count their losses after an overnight fire."
    assert item.body_html == (
        "<p>KENARI - A fire swept through the old market overnight.</p>\n"
        "<p>No one was hurt, the fire brigade said.</p>\n"
        '<p>"We lost everything," said trader Wati Rahayu.</p>'
    )
    assert item.language == "en-US"
    assert item.bylines == (WireByline("Ana Putri", "writer"), WireByline("Tomas Lee", "writer"))
    assert item.embargoed_until == datetime(2025, 2, 3, 3, 0, tzinfo=UTC)
    assert item.version_created == datetime(2025, 2, 3, 2, 30, tzinfo=UTC)
    assert item.subjects == ("Disaster and accident", "Economy")
    assert item.provider == "Fictional Wire Service"  # no infosource: the copyright holder delivered it
    assert item.copyright_notice == "Copyright 2025 Fictional Wire Service"
    assert item.usage_terms == "Editorial use only."
    [photo] = item.pictures
    assert photo.href == "https://wire.example.org/photos/77.jpg" and photo.local_path is None
    assert photo.credit == "Fictional Wire/Rui Costa" and photo.copyright_holder == "Fictional Wire Service"


def test_a_ninjs_1_item_pattern_properties_and_objects_for_associations_and_renditions():
    [item] = read_ninjs(WIRE / "ninjs1-text.json")
    assert item.source_format == "ninjs-1"
    assert item.version == 7
    assert item.headline == "Jembatan Melati ditutup untuk perbaikan"
    assert item.dek == "Perbaikan berlangsung dua pekan."
    assert item.body_html.startswith("<p>Jembatan Melati ditutup")
    assert item.bylines == (WireByline("Rina Kusuma", "writer"),)  # "Oleh" (Indonesian "By") is no name
    assert item.subjects == ("Transportasi",)
    [photo] = item.pictures
    assert photo.href == "file:posko-kenanga.jpg"
    assert photo.local_path == (WIRE / "posko-kenanga.jpg").resolve()
    assert photo.caption == "Jembatan Melati yang ditutup, Selasa." and photo.credit == "KBF/Dewi Lestari"
    assert photo.copyright_notice == "© 2024 Kantor Berita Fiksi"


def test_the_version_is_told_by_structure_when_the_file_does_not_declare_it():
    [item] = read_ninjs(WIRE / "ninjs3-undeclared.json")
    assert item.source_format == "ninjs-3"  # camelCase names
    assert item.body_html == "<article><p>Isi berita.</p></article>"  # a whole HTML document: its body only
    # "authors" is no IPTC property, but agencies' systems send it; an undeclared file is read, not validated.
    assert item.bylines == (WireByline("Lia Marlina", "writer"), WireByline("Dodi Saputra", "editor"))
    assert item.version == int(datetime(2025, 3, 1, 3, 0, tzinfo=UTC).timestamp())  # no version: its time


def test_picture_links_outside_the_items_folder_are_recorded_but_never_local():
    [item] = read_ninjs(WIRE / "ninjs3-undeclared.json")
    assert [(p.href, p.local_path) for p in item.pictures] == [
        ("../../etc/passwd", None),
        ("/etc/hostname", None),
        ("tidak-ada.jpg", None),  # named but not delivered
    ]  # the associated text item is no picture


def test_local_file_accepts_only_files_inside_the_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.jpg").write_bytes(b"x")
    (tmp_path / "b c.jpg").write_bytes(b"x")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.jpg"
    outside.write_bytes(b"x")
    (tmp_path / "link.jpg").symlink_to(outside)
    assert local_file("sub/a.jpg", tmp_path) == tmp_path.resolve() / "sub" / "a.jpg"
    assert local_file("file:b%20c.jpg", tmp_path) == tmp_path.resolve() / "b c.jpg"
    assert local_file("file:///./b%20c.jpg", tmp_path) == tmp_path.resolve() / "b c.jpg"  # IPTC's examples write so
    assert local_file(str(tmp_path / "sub" / "a.jpg"), tmp_path) == tmp_path.resolve() / "sub" / "a.jpg"
    for href in (
        f"../{outside.name}",
        "sub/../../" + outside.name,
        str(outside),
        f"file://{outside}",
        "link.jpg",  # a symbolic link leading out
        "sub",  # a folder
        "https://wire.example.org/a.jpg",
        "//wire.example.org/a.jpg",
        "",
        "file://otherhost/a.jpg",
    ):
        assert local_file(href, tmp_path) is None, href


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("7", 7),
        (" 12 ", 12),
        ("0", 0),
        ("1.2", 1_002_000),
        ("1.10", 1_010_000),  # after 1.9: dotted versions keep their order
        ("2.0.3", 2_000_003),
        ("v3", 3),
        ("", None),
        ("draft", None),
        ("1.2000", None),  # a part of 1000 or more would break the order: no number
        ("99999999999999999999", None),  # longer than any real version: no number
    ],
)
def test_ninjs_versions_are_strings_mapped_to_numbers_that_keep_their_order(text, number):
    assert ninjs_version_number(text) == number


def test_without_a_usable_version_the_version_time_orders_deliveries(tmp_path):
    item = {
        "uri": "urn:x:no-version",
        "version": "draft",
        "versionCreated": "2025-03-01T10:00:00+07:00",
        "headlines": [{"value": "Judul"}],
    }
    path = tmp_path / "item.json"
    path.write_text(json.dumps(item), encoding="utf-8")
    [read] = read_ninjs(path)
    assert read.version == int(datetime(2025, 3, 1, 3, 0, tzinfo=UTC).timestamp())


def test_without_a_version_or_a_time_with_its_zone_the_version_is_1(tmp_path):
    path = tmp_path / "item.json"
    path.write_text(json.dumps({"uri": "urn:x", "versionCreated": "2025-03-01T10:00:00", "headline": "J"}))
    [read] = read_ninjs(path)
    assert read.version == 1  # a time without its zone could be any of 24 hours: no order to keep
    assert read.version_created == datetime(2025, 3, 1, 10, 0)  # kept naive for the importer to place


def test_a_declared_ninjs_schema_is_checked_and_its_errors_reported():
    with pytest.raises(WireFormatError, match=r"ninjs 3\.1 schema.*urgency.*'tinggi' is not of type 'integer'"):
        read_ninjs(WIRE / "ninjs3-invalid-declared.json")
    [item] = read_ninjs(WIRE / "ninjs3-invalid-declared.json", validate=False)
    assert item.headline == "Mendesak"


def test_an_agencys_own_profile_of_ninjs_is_not_held_to_iptcs_schema(tmp_path):
    item = json.loads((WIRE / "ninjs3-undeclared.json").read_text(encoding="utf-8"))
    item["standard"] = {"name": "KBFNINJS", "version": "3.0", "schema": "https://wire.example.org/kbfninjs.json"}
    path = tmp_path / "kbf.json"
    path.write_text(json.dumps(item), encoding="utf-8")
    [read] = read_ninjs(path)  # "authors" would fail IPTC's schema; the agency's own schema allows it
    assert read.source_format == "ninjs-3" and len(read.bylines) == 2


@pytest.mark.parametrize("name", ["ninjs3-text.json", "ninjs2-text.json", "ninjs1-text.json"])
def test_the_fixtures_that_declare_a_schema_are_valid_against_the_shipped_one(name):
    validation = pytest.importorskip("wire.validation", reason="wire/validation.py and wire/schemas/ not shipped yet")
    item = json.loads((WIRE / name).read_text(encoding="utf-8"))
    declared = (item.get("standard") or item.get("$standard"))["version"]
    assert validation.validate(item, declared, check_formats=False) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ninjs-no-uri.json", r"no uri"),
        ("ninjs-no-headline.json", r"no headline"),
        ("ninjs-wrong-types.json", r"uri must be text"),
        ("ninjs-array.json", r"a JSON object"),
        ("ninjs-truncated.json", r"not valid JSON.*line 1"),
        ("ninjs-latin1.json", r"not UTF-8"),
        ("ninjs-not-json.json", r"not valid JSON"),
    ],
)
def test_bad_files_are_refused_saying_why(name, message):
    with pytest.raises(WireFormatError, match=message):
        read_ninjs(WIRE / name)


def test_optional_values_of_the_wrong_type_are_ignored(tmp_path):
    path = tmp_path / "odd.json"
    item = {
        "uri": "urn:x:odd",
        "headlines": [{"value": "Judul"}, "bukan objek", {"value": 5}],
        "bodies": {"value": "objek, bukan daftar"},
        "descriptions": [{"value": ["daftar"]}],
        "subjects": ["teks", {"name": 3}],
        "associations": "foto.jpg",
        "language": 5,
        "by": {"name": "objek"},
        "versionCreated": "kemarin",
        "version": 3,
    }
    path.write_text(json.dumps(item), encoding="utf-8")
    [read] = read_ninjs(path, validate=False)
    assert (read.headline, read.body_html, read.dek, read.subjects, read.pictures) == ("Judul", "", "", (), ())
    assert (read.language, read.bylines, read.version_created, read.version) == ("", (), None, 3)


def test_a_nesting_bomb_is_refused(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"uri": "urn:x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(WireFormatError, match="nested"):
        read_ninjs(path)
    shallow_but_too_deep = tmp_path / "deeper.json"
    shallow_but_too_deep.write_text('{"uri": "urn:x", "a": ' + "[" * 200 + "]" * 200 + "}", encoding="utf-8")
    with pytest.raises(WireFormatError, match="nested more than 64 levels"):
        read_ninjs(shallow_but_too_deep)


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "big.json"
    shutil.copy(WIRE / "ninjs2-text.json", path)
    size = path.stat().st_size
    with pytest.raises(WireFormatError, match=f"{size} bytes.*limit is {size - 1}"):
        read_ninjs(path, max_bytes=size - 1)
    assert read_ninjs(path, max_bytes=size)


def test_a_missing_file_is_a_format_error_too(tmp_path):
    with pytest.raises(WireFormatError, match="cannot be read"):
        read_ninjs(tmp_path / "nothing.json")


def test_reading_time_grows_linearly_with_the_body(tmp_path):
    """Ten times the paragraphs take about ten times as long, not a hundred (a generous bound of 30 times)."""

    def seconds(paragraphs: int) -> float:
        body = "\n\n".join(f"Paragraf {n} tentang banjir & pengungsian." for n in range(paragraphs))
        path = tmp_path / f"p{paragraphs}.json"
        path.write_text(json.dumps({"uri": "urn:x", "headlines": [{"value": "J"}], "bodies": [{"value": body}]}))
        started = time.perf_counter()
        read_ninjs(path)
        return time.perf_counter() - started

    small = min(seconds(10_000) for _ in range(3))
    large = min(seconds(100_000) for _ in range(3))
    assert large < 30 * small, (small, large)


def test_a_withdrawn_item_is_refused_saying_so(tmp_path):
    path = tmp_path / "killed.json"
    path.write_text(json.dumps({"uri": "urn:x", "pubStatus": "canceled", "headlines": [{"value": "Ditarik"}]}))
    with pytest.raises(WireFormatError, match="withdrawn"):
        read_ninjs(path)


def test_utf16_json_with_its_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "utf16.json"
    path.write_bytes(json.dumps({"uri": "urn:x", "headline": "Kafe di Kenari ☕"}, ensure_ascii=False).encode("utf-16"))
    [item] = read_ninjs(path)
    assert item.headline == "Kafe di Kenari ☕"


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Ana Putri and Tomas Lee", ["Ana Putri", "Tomas Lee"]),
        ("Oleh Sari Wulandari dan Bayu Pratama", ["Sari Wulandari", "Bayu Pratama"]),
        ("Von Christa Beispiel und Jonas Muster", ["Christa Beispiel", "Jonas Muster"]),  # dpa writes German
        ("Av Kari Eksempel", ["Kari Eksempel"]),  # NTB and TT: Norwegian and Swedish
        ("Ana Putri, Tomas Lee & Wati Rahayu", ["Ana Putri", "Tomas Lee", "Wati Rahayu"]),
        ("Meredith Example, Staff Reporter", ["Meredith Example, Staff Reporter"]),  # a comma alone: kept whole
        ("Dan Brownlee", ["Dan Brownlee"]),  # "dan" is a word of the list only between names
        ("  ", []),
    ],
)
def test_bylines_are_split_into_names(byline, names):
    assert [b.name for b in split_byline(byline)] == names
    assert {b.role for b in split_byline(byline)} <= {"writer"}
