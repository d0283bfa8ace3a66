"""Tests for the plain-text story parser (pure Python, no Django)."""

import json
import random

import pytest

from articles.text.story_format import (
    ParsedStory,
    StoryFormatError,
    guess_language,
    parse_story,
    parse_story_bytes,
)
from tests.unit.conftest import FIXTURES, SHARED_STORY

ENGLISH_STORY = """# Commuters wait for a train in Jakarta. Photo: Jane Doe/Reuters

Jakarta Opens Its Second Rail Line

The city opened the second line of its rail network on Monday, and the first trains were full.

Officials said that the line would carry
more than 100,000 passengers a day.

"It is a good day for the city," the governor said.
"""


def _bad(data: bytes | str) -> StoryFormatError:
    """Parse bad input and return the StoryFormatError it raised."""
    with pytest.raises(StoryFormatError) as caught:
        if isinstance(data, bytes):
            parse_story_bytes(data)
        else:
            parse_story(data)
    return caught.value


def _assert_parses(story, *, headline: str, caption: str, paragraphs: int, first: str, last: str) -> None:
    """One of the two real Indonesian stories (below) parsed as expected: credited to Dwi Arif, in Indonesian."""
    assert story.headline == headline
    assert story.photo_caption == caption
    assert story.photo_credit == "Dwi Arif"
    assert story.language == "id"
    assert len(story.paragraphs) == paragraphs
    assert story.paragraphs[0].startswith(first)
    assert story.paragraphs[-1].endswith(last)


# Defined only when ../shared is on this machine (see tests/unit/conftest.py): a fresh clone does not collect it.
# Its twin: test_fixture_story_pasar_kenari, below.
if SHARED_STORY.exists():

    def test_shared_jakpus_story():
        """The real Jakpus story parses to its headline, caption, credit, language and nine paragraphs."""
        # Counted by hand: the file has 11 blank-line separated blocks, caption and headline first.
        _assert_parses(
            parse_story_bytes(SHARED_STORY.read_bytes()),
            headline="Bahas Implementasi Kinerja, Pemkot Jakpus Terima Kunjungan Kerja Pemkot Cirebon",
            caption="Pemkot Jakpus terima kunjungan kerja Pemerintah Kota Cirebon.",
            paragraphs=9,
            first="Pemerintah Kota (Pemkot) Administrasi Jakarta Pusat",
            last="tuturnya.",
        )


def test_fixture_story_pasar_kenari():
    """The repository's own story (tests/fixtures/stories) parses to its headline, caption, credit, language and
    eight paragraphs."""
    _assert_parses(
        parse_story_bytes((FIXTURES / "stories" / "pasar-kenari.txt").read_bytes()),
        headline="Pasar Kenari Dibuka Kembali, Pemkot Janjikan Retribusi Tidak Naik",
        caption="Pedagang menata dagangan di Pasar Kenari yang baru dipugar.",
        paragraphs=8,
        first="Pemerintah Kota membuka kembali Pasar Kenari",
        last="hingga 17.00.",
    )


def test_english_story():
    """An English story gives language 'en', its credit, and joins wrapped lines inside a paragraph."""
    story = parse_story(ENGLISH_STORY)
    assert story.headline == "Jakarta Opens Its Second Rail Line"
    assert story.photo_caption == "Commuters wait for a train in Jakarta."
    assert story.photo_credit == "Jane Doe/Reuters"
    assert story.language == "en"
    assert story.paragraphs[1] == "Officials said that the line would carry more than 100,000 passengers a day."
    assert len(story.paragraphs) == 3


def test_crlf_bom_trailing_spaces_and_extra_blank_lines():
    """CRLF line ends, a BOM, trailing spaces and extra blank lines give the same result as clean text."""
    messy = "\ufeff\r\n\r\n" + ENGLISH_STORY.replace("\n", "  \r\n\r\n\r\n")
    # Extra blank lines between wrapped lines would split a paragraph, so compare headline and caption.
    story = parse_story(messy)
    assert story.headline == "Jakarta Opens Its Second Rail Line"
    assert story.photo_credit == "Jane Doe/Reuters"
    crlf = parse_story_bytes(("\ufeff" + ENGLISH_STORY.replace("\n", "\r\n")).encode("utf-8"))
    assert crlf == parse_story(ENGLISH_STORY)


def test_story_without_caption_line():
    """Without a '#' line the caption is empty, the credit None and the first line the headline."""
    story = parse_story("\n\nHeadline Here\n\nFirst paragraph.\n\nSecond paragraph.\n")
    assert story.photo_caption == ""
    assert story.photo_credit is None
    assert story.headline == "Headline Here"
    assert story.paragraphs == ("First paragraph.", "Second paragraph.")


def test_caption_without_credit():
    """A caption line with no credit keeps the whole caption and a None credit."""
    story = parse_story("# Warga antre di Jakarta.\n\nJudul Berita\n\nIsi berita yang panjang.\n")
    assert (story.photo_caption, story.photo_credit) == ("Warga antre di Jakarta.", None)


def test_paragraph_whitespace_normalised():
    """Tabs, repeated spaces and single line breaks inside a paragraph collapse to single spaces."""
    story = parse_story("Judul\n\nSatu\tdua   tiga\nempat\n")
    assert story.paragraphs == ("Satu dua tiga empat",)


def test_headline_typed_under_caption_without_blank_line():
    """A headline directly under the caption line is still found."""
    story = parse_story("# Warga antre. Foto: Dwi Arif\nJudul Berita\n\nIsi berita.\n")
    assert story.headline == "Judul Berita"
    assert story.photo_credit == "Dwi Arif"


def test_utf16_with_bom():
    """UTF-16 with a byte-order mark decodes."""
    story = parse_story_bytes(ENGLISH_STORY.encode("utf-16"))
    assert story.headline == "Jakarta Opens Its Second Rail Line"


def test_as_dict_is_json_friendly():
    """as_dict gives the five keys with paragraphs as a list, and it serialises to JSON."""
    data = parse_story(ENGLISH_STORY).as_dict()
    assert set(data) == {"headline", "photo_caption", "photo_credit", "language", "paragraphs"}
    assert isinstance(data["paragraphs"], list)
    assert json.loads(json.dumps(data)) == data


def test_result_is_frozen():
    """The parsed story cannot be modified."""
    story = parse_story(ENGLISH_STORY)
    assert isinstance(story, ParsedStory)
    with pytest.raises(AttributeError):
        story.headline = "changed"  # type: ignore[misc]


def test_guess_language_indonesian():
    """Indonesian function words give 'id'."""
    assert guess_language("Warga yang antre di stasiun itu tidak akan pulang dengan tangan kosong.") == "id"


def test_guess_language_english():
    """English function words give 'en'."""
    assert guess_language("The mayor said that the line was open to the public.") == "en"


def test_guess_language_tie_defaults_to_indonesian():
    """A tie, including no known words at all, gives 'id'."""
    assert guess_language("") == "id"
    assert guess_language("Jakarta 2024") == "id"
    assert guess_language("the yang") == "id"


def test_empty_file():
    """Zero bytes are rejected as empty."""
    assert _bad(b"").code == "empty"


def test_whitespace_only_file():
    """A file of blank lines and spaces is rejected as empty."""
    assert _bad(b" \r\n\t\n  \n").code == "empty"
    assert _bad("\ufeff   \n").code == "empty"


def test_too_large_file():
    """A file over one megabyte is rejected, naming its size and the limit."""
    error = _bad(b"a" * 1_234_567)
    assert error.code == "too_large"
    assert str(error) == "file is 1,234,567 bytes; the limit is 1,000,000"


def test_custom_size_limit():
    """The size limit can be lowered by the caller."""
    with pytest.raises(StoryFormatError) as caught:
        parse_story_bytes(ENGLISH_STORY.encode(), max_bytes=10)
    assert caught.value.code == "too_large"


def test_nul_bytes_are_binary():
    """A file with NUL bytes is rejected as binary."""
    assert _bad(b"Headline\n\nBody\x00text\n").code == "binary"


def test_mostly_control_characters_are_binary():
    """Text made mostly of control characters is rejected as binary."""
    assert _bad(bytes(range(1, 32)) * 10 + b"Headline\n\nBody\n").code == "binary"


def test_random_bytes_rejected():
    """Random bytes are rejected as binary or undecodable."""
    data = random.Random(1234).randbytes(4096)
    assert _bad(data).code in {"binary", "undecodable"}
    assert _bad(data.replace(b"\x00", b"\xff")).code in {"binary", "undecodable"}


def test_invalid_utf8_is_undecodable():
    """Latin-1 text that is not valid UTF-8 is rejected with the byte offset."""
    error = _bad("Judul\n\nCaf\u00e9 di Jakarta\n".encode("latin-1"))
    assert error.code == "undecodable"
    assert "offset 10" in str(error)


def test_utf32_is_undecodable():
    """UTF-32 is rejected rather than misread."""
    assert _bad(ENGLISH_STORY.encode("utf-32")).code == "undecodable"


def test_caption_only_has_no_headline():
    """A file with only the caption line has no headline."""
    assert _bad(b"# Warga antre. Foto: Dwi Arif\n\n").code == "no_headline"


def test_headline_without_body():
    """A headline with no paragraphs is rejected as having no body."""
    assert _bad("# Caption\n\nJust A Headline\n").code == "no_body"


def test_headline_too_long():
    """A headline over 300 characters is rejected, naming its length."""
    error = _bad("Judul " * 60 + "\n\nIsi.\n")
    assert error.code == "headline_too_long"
    assert "the limit is 300" in str(error)


def test_headline_that_is_a_paragraph():
    """A first line made of several sentences is a paragraph, not a headline."""
    text = "Warga antre sejak pagi. Mereka menunggu bantuan. Petugas datang siang hari.\n\nIsi berita.\n"
    assert _bad(text).code == "no_headline"


def test_headline_with_abbreviation_is_fine():
    """Abbreviations such as 'Dr.' or 'U.S.' do not make a headline look like a paragraph."""
    story = parse_story("Dr. Smith Meets U.S. Envoy in St. Louis\n\nBody text.\n")
    assert story.headline == "Dr. Smith Meets U.S. Envoy in St. Louis"


def test_error_is_a_value_error():
    """StoryFormatError is a ValueError carrying a code and a message."""
    error = _bad(b"")
    assert isinstance(error, ValueError)
    assert error.message == str(error) == "file is empty"


@pytest.mark.parametrize(
    ("credit_line", "credit"),
    [
        ("# Foto: Dwi Arif", "Dwi Arif"),
        ("Foto: Dwi Arif", "Dwi Arif"),
        ("# foto Dwi Arif", "Dwi Arif"),
        ("foto Dwi Arif - Jakpus.id", "Dwi Arif - Jakpus.id"),
        ("FOTO/Dwi Arif", "Dwi Arif"),
        ("ANTARA FOTO/Budi Santoso", "ANTARA FOTO/Budi Santoso"),
    ],
)
def test_credit_line_standing_alone_under_the_caption(credit_line, credit):
    """A line right under the caption that reads wholly as a credit is the credit, not the headline."""
    story = parse_story(f"# Warga antre di Jakarta.\n{credit_line}\n\nJudul Berita\n\nIsi berita.\n")
    assert story.photo_caption == "Warga antre di Jakarta."
    assert story.photo_credit == credit
    assert story.headline == "Judul Berita"
    assert story.paragraphs == ("Isi berita.",)


def test_english_credit_line_standing_alone_under_the_caption():
    """An English credit line under the caption, agency joined by a dash, is the credit."""
    story = parse_story("# Commuters wait at the station.\nPhoto by Jane Doe - Reuters\n\nRail Line Opens\n\nBody.\n")
    assert (story.photo_caption, story.photo_credit) == ("Commuters wait at the station.", "Jane Doe - Reuters")
    assert story.headline == "Rail Line Opens"


@pytest.mark.parametrize("headline", ["Foto Pemenang Lomba Dipamerkan", "Photo Exhibition Opens Downtown", "Dwi Arif"])
def test_headline_under_the_caption_that_is_not_a_credit(headline):
    """A line under the caption that could be a headline stays the headline: a colon-less label and a name are not
    enough on a line of its own."""
    story = parse_story(f"# Warga antre di Jakarta. Foto: Dwi Arif\n{headline}\n\nIsi berita.\n")
    assert (story.photo_caption, story.photo_credit) == ("Warga antre di Jakarta.", "Dwi Arif")
    assert story.headline == headline


def test_mid_line_credit_in_the_caption_line():
    """The reported miss: a lower-case label, the photographer and the outlet in the middle of the caption line."""
    story = parse_story(
        "# Pedagang di Pasar Kanoman, Senin (3/2). foto dwi arif - radarcirebon.com Suasana pasar pagi hari.\n\n"
        "Judul\n\nIsi.\n"
    )
    assert story.photo_credit == "dwi arif - radarcirebon.com"
    assert story.photo_caption == "Pedagang di Pasar Kanoman, Senin (3/2). Suasana pasar pagi hari."
