"""Reading NewsML-G2 files (wire/newsml.py) into wire items: pure, no Django.

The fixtures in tests/fixtures/wire/ were written for these tests (fictional agencies, places and people).
"""

from __future__ import annotations

import shutil
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.unit.conftest import FIXTURES
from wire.items import WireByline, WireFormatError
from wire.newsml import read_newsml

WIRE = FIXTURES / "wire"
WIB = timezone(timedelta(hours=7))
NAR = "http://iptc.org/std/nar/2006-10-01/"


def test_a_text_news_item_with_an_xhtml_body():
    [item] = read_newsml(WIRE / "g2-text-xhtml.xml")
    assert item.source_format == "newsml-g2"
    assert item.guid == "urn:newsml:newsroom-fixtures:20250114:banjir-kenanga"
    assert item.version == 3
    assert item.headline == "Banjir rendam tiga desa di Kenanga"  # the headline without a subtitle's role
    assert item.dek == "Hujan deras semalam membuat sungai meluap."
    assert item.slugline == "banjir-kenanga"
    assert item.language == "id-ID"  # contentMeta's language wins over the item's xml:lang
    assert item.located == "Kenanga"
    assert item.bylines == (
        WireByline("Sari Wulandari", "writer"),
        WireByline("Bayu Pratama", "writer"),
        WireByline("Maya Anggraini", "editor"),
    )
    assert item.first_created == datetime(2025, 1, 14, 6, 10, tzinfo=WIB)
    assert item.version_created == datetime(2025, 1, 14, 8, 45, 30, tzinfo=WIB)
    assert item.embargoed_until == datetime(2025, 1, 14, 10, 0, tzinfo=WIB)
    assert item.subjects == ("Bencana", "Cuaca")  # the name in the item's language; a bare code is no tag
    assert item.provider == "Kantor Berita Fiksi"
    assert item.copyright_notice == "© 2025 Kantor Berita Fiksi"
    assert item.usage_terms == "Hanya untuk pelanggan."
    # The XHTML body's inner HTML, without namespace prefixes, escaped again; the plain rendition is not used.
    assert item.body_html == (
        "<p>Hujan deras sejak Senin malam membuat <em>Sungai Kenanga</em> meluap.</p>"
        '<p>"Air naik cepat," kata Rahmat Hidayat &amp; warga.<br>Baris kedua.</p>'
        '<img src="grafik.png" alt="Grafik curah hujan">'
    )
    assert item.pictures == ()


def test_a_plain_text_body_becomes_paragraphs():
    [item] = read_newsml(WIRE / "g2-text-inlinedata.xml")
    assert item.version == 12 and item.language == "en"  # no language element: the item's xml:lang
    assert item.provider == "Fictional Wire"
    assert item.bylines == (WireByline("Ana Putri", "writer"), WireByline("Tomas Lee", "writer"))  # from <by>
    assert item.body_html == (
        "<p>KENARI - A fire swept through the old market overnight &amp; destroyed 40 stalls.</p>\n"
        '<p>No one was hurt, the fire brigade said. "We lost everything," said trader Wati Rahayu.</p>\n'
        "<p>Police are investigating &lt;the cause&gt;.</p>"
    )


def test_an_nitf_body_is_read_as_html():
    [item] = read_newsml(WIRE / "g2-text-nitf.xml")
    assert item.provider == "FW"  # a provider given only as a code: the code
    assert item.body_html == (
        "<p>The harbour reopened on Tuesday.</p><h2>Ships return</h2><p>Ferries sailed at noon.</p>"
        '<blockquote><p>"Good news," said a captain.</p></blockquote>'
    )


def test_a_picture_news_item_is_an_item_carrying_its_own_picture():
    [item] = read_newsml(WIRE / "g2-picture.xml")
    assert item.headline == "Warga menyeberangi banjir"
    [picture] = item.pictures
    assert picture.guid == "urn:newsml:newsroom-fixtures:foto:banjir"
    assert picture.href == "./banjir-kenanga.jpg"  # the delivered file beats the remote thumbnail
    assert picture.local_path == (WIRE / "banjir-kenanga.jpg").resolve()
    assert picture.mime_type == "image/jpeg"
    assert picture.caption == "Warga menyeberangi jalan yang tergenang di Desa Melati."
    assert picture.alt_text == "Dua warga berjalan di air setinggi lutut."
    assert picture.credit == "KBF/Dewi Lestari"
    assert picture.creator == "Dewi Lestari"
    assert picture.copyright_holder == "Kantor Berita Fiksi"
    assert picture.copyright_notice == "© 2025 Kantor Berita Fiksi/Dewi Lestari"
    assert picture.usage_terms == "Wajib mencantumkan kredit."
    assert item.bylines == (WireByline("Dewi Lestari", "photographer"),)


def test_a_news_message_ties_a_packages_pictures_to_its_text_item():
    items = read_newsml(WIRE / "g2-message-package.xml")
    assert [item.guid for item in items] == [
        "urn:newsml:newsroom-fixtures:teks:banjir",
        "urn:newsml:newsroom-fixtures:teks:lain",
    ]
    story, other = items
    assert story.version == 4 and story.body_html == "<p>Isi berita banjir.</p>"
    local, remote = story.pictures  # in the package's order
    assert local.guid == "urn:newsml:newsroom-fixtures:foto:lokal"
    assert local.local_path == (WIRE / "posko-kenanga.jpg").resolve()
    assert local.credit == "KBF/Dewi Lestari" and local.caption == "Warga mengungsi ke balai desa."
    assert remote.href == "https://wire.example.org/photos/jauh.jpg" and remote.local_path is None
    assert remote.creator == "Agus Salim" and remote.copyright_holder == "Agensi Foto Fiksi"
    assert remote.credit == ""  # no creditline: none is invented; the photo desk writes it from the two above
    assert other.pictures == ()  # not in the package: nothing of it is guessed
    assert other.body_html == "<p>Satu paragraf.</p>"


def test_a_picture_delivered_with_a_single_text_item_belongs_to_it():
    [item] = read_newsml(WIRE / "g2-message-no-package.xml")
    assert item.headline == "Jalan longsor di Melati"
    [picture] = item.pictures
    assert picture.href == "https://wire.example.org/photos/longsor.jpg"
    assert picture.caption == "Alat berat membersihkan jalan."


def test_a_text_item_links_to_its_pictures(tmp_path):
    message = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="{NAR}"><itemSet>
  <newsItem guid="urn:t1" version="1"><itemMeta><itemClass qcode="ninat:text"/>
    <link rel="irel:seeAlso" residref="urn:p1"/></itemMeta>
    <contentMeta><headline>Satu</headline></contentMeta></newsItem>
  <newsItem guid="urn:t2" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>
    <contentMeta><headline>Dua</headline></contentMeta></newsItem>
  <newsItem guid="urn:p1" version="1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
    <contentSet><remoteContent href="https://wire.example.org/p1.jpg"/></contentSet></newsItem>
  <newsItem guid="urn:p2" version="1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
    <contentSet><remoteContent href="https://wire.example.org/p2.jpg"/></contentSet></newsItem>
</itemSet></newsMessage>"""
    path = tmp_path / "links.xml"
    path.write_text(message, encoding="utf-8")
    first, second = read_newsml(path)
    assert [p.guid for p in first.pictures] == ["urn:p1"]
    assert second.pictures == ()  # two stories, no link: p2's story cannot be told


def test_picture_links_outside_the_items_folder_are_recorded_but_never_local():
    [item] = read_newsml(WIRE / "g2-escape.xml")
    [picture] = item.pictures
    assert picture.local_path is None
    assert picture.href == "../wire/../../../etc/passwd"  # the bigger one; recorded, never opened


def test_a_bare_package_without_its_items_says_so(tmp_path):
    path = tmp_path / "package.xml"
    path.write_text(
        f'<packageItem xmlns="{NAR}" guid="urn:pkg" version="1"><itemMeta><itemClass qcode="ninat:composite"/>'
        '</itemMeta><groupSet root="G1"><group id="G1"><itemRef residref="urn:t"/></group></groupSet></packageItem>',
        encoding="utf-8",
    )
    with pytest.raises(WireFormatError, match=r"package.*without the items"):
        read_newsml(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("g2-billion-laughs.xml", r"DTD"),
        ("g2-external-entity.xml", r"DTD"),
        ("g2-dtd.xml", r"DTD"),
        ("g2-truncated.xml", r"not well-formed XML.*line"),
        ("g2-wrong-encoding.xml", r"not well-formed XML.*encoding"),
        ("g2-no-guid.xml", r"no guid"),
        ("g2-no-headline.xml", r"no headline"),
        ("g2-bad-version.xml", r"version “1\.2”.*NewsML-G2 versions are whole numbers"),
        ("g2-not-newsml.xml", r"not NewsML-G2.*rss"),
        ("g2-canceled.xml", r"withdrawn"),
        ("ninjs2-text.json", r"not well-formed XML"),
    ],
)
def test_bad_and_hostile_files_are_refused_saying_why(name, message):
    with pytest.raises(WireFormatError, match=message):
        read_newsml(WIRE / name)


def test_an_encoding_the_file_declares_is_honoured():
    [item] = read_newsml(WIRE / "g2-latin1-declared.xml")
    assert item.headline == "Café Kenari"


def test_an_entity_inside_the_document_without_a_dtd_is_refused_not_expanded(tmp_path):
    path = tmp_path / "entity.xml"
    path.write_text(
        f'<newsItem xmlns="{NAR}" guid="urn:e" version="1"><contentMeta><headline>&lol;</headline></contentMeta>'
        "</newsItem>",
        encoding="utf-8",
    )
    with pytest.raises(WireFormatError, match="not well-formed XML"):
        read_newsml(path)


def test_a_file_over_the_size_limit_is_not_parsed(tmp_path):
    path = tmp_path / "big.xml"
    shutil.copy(WIRE / "g2-text-xhtml.xml", path)
    size = path.stat().st_size
    with pytest.raises(WireFormatError, match=f"{size} bytes.*limit is {size - 1}"):
        read_newsml(path, max_bytes=size - 1)
    assert read_newsml(path, max_bytes=size)


def test_deeply_nested_markup_in_a_body_is_read_without_recursion(tmp_path):
    depth = 100_000
    body = "<div>" * depth + "tengah" + "</div>" * depth
    path = tmp_path / "deep.xml"
    path.write_text(
        f'<newsItem xmlns="{NAR}" guid="urn:deep" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>'
        "<contentMeta><headline>Dalam</headline></contentMeta><contentSet>"
        f'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}'
        "</body></html></inlineXML></contentSet></newsItem>",
        encoding="utf-8",
    )
    [item] = read_newsml(path)
    assert item.body_html.count("<div>") == depth and "tengah" in item.body_html


def test_versions_and_dates_are_read_leniently_where_the_format_allows(tmp_path):
    path = tmp_path / "item.xml"
    path.write_text(
        f'<newsItem xmlns="{NAR}" guid=" urn:v " version=" 5 "><itemMeta><itemClass qcode="ninat:text"/>'
        "<versionCreated>kemarin</versionCreated><embargoed/></itemMeta>"
        "<contentMeta><headline>Versi</headline></contentMeta></newsItem>",
        encoding="utf-8",
    )
    [item] = read_newsml(path)
    assert (item.guid, item.version, item.version_created, item.embargoed_until) == ("urn:v", 5, None, None)
    path.write_text(path.read_text(encoding="utf-8").replace(' version=" 5 "', ""), encoding="utf-8")
    assert read_newsml(path)[0].version == 1  # the schema's default


def test_the_times_are_kept_as_given():
    [item] = read_newsml(WIRE / "g2-text-inlinedata.xml")
    assert item.version_created == datetime(2025, 2, 3, 2, 30, tzinfo=UTC)


def test_reading_time_grows_linearly_with_the_message(tmp_path):
    """Ten times the items take about ten times as long, not a hundred (a generous bound of 30 times)."""

    def seconds(count: int) -> float:
        items = "".join(
            f'<newsItem guid="urn:t{n}" version="1"><itemMeta><itemClass qcode="ninat:text"/>'
            f'<link rel="irel:seeAlso" residref="urn:p{n}"/></itemMeta>'
            f"<contentMeta><headline>Judul {n}</headline></contentMeta><contentSet>"
            f'<inlineData contenttype="text/plain">Paragraf {n}.\n\nParagraf kedua.</inlineData>'
            "</contentSet></newsItem>"
            f'<newsItem guid="urn:p{n}" version="1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>'
            f'<contentSet><remoteContent href="https://wire.example.org/{n}.jpg"/></contentSet></newsItem>'
            for n in range(count)
        )
        path = tmp_path / f"m{count}.xml"
        path.write_text(f'<newsMessage xmlns="{NAR}"><itemSet>{items}</itemSet></newsMessage>', encoding="utf-8")
        started = time.perf_counter()
        assert len(read_newsml(path)) == count
        return time.perf_counter() - started

    small = min(seconds(500) for _ in range(3))
    large = min(seconds(5_000) for _ in range(3))
    assert large < 30 * small, (small, large)
