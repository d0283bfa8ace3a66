"""Parse the newsroom's plain-text story format.

A story file looks like this::

    # <photo caption with its credit>

    <headline>

    <paragraph>

    <paragraph>

The ``#`` caption line is optional. Files arrive from reporters' phones and laptops, so CRLF line
ends, a byte-order mark, stray blank lines and trailing spaces are all tolerated. Everything here is
pure standard-library code and runs in time linear in the input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from articles.text.credits import CaptionCredit, split_credit, standalone_credit

__all__ = ["ParsedStory", "StoryFormatError", "guess_language", "parse_story", "parse_story_bytes"]

DEFAULT_MAX_BYTES = 1_000_000
MAX_HEADLINE_CHARS = 300
# Above this share of control characters the "text" is almost certainly a binary file.
_MAX_CONTROL_SHARE = 0.1
_KEPT_CONTROLS = frozenset("\n\r\t")

_ID_WORDS = frozenset(
    {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "tidak", "akan", "pada", "juga", "ke", "dalam"}
    | {"bisa", "ada", "kami", "saya", "kita", "mereka", "sudah", "telah", "oleh", "karena", "atau", "tersebut"}
    | {"bahwa", "seperti", "lebih", "para", "menjadi", "masih", "hanya", "sebagai", "agar", "namun", "saat", "tak"}
    | {"tetapi", "jika", "bagi", "kepada", "secara", "setelah", "sementara", "ujarnya", "katanya", "dia", "ia"}
    | {"belum", "sangat", "serta", "hingga"}
)
_EN_WORDS = frozenset(
    {"the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "as", "it", "at", "by", "are"}
    | {"be", "this", "from", "has", "have", "he", "she", "they", "but", "not", "will", "said", "were", "an", "which"}
    | {"his", "her", "their", "been", "would", "who", "its", "had", "than", "there", "can", "could", "after"}
    | {"our", "we", "you", "about"}
)
_WORD_RE = re.compile(r"[a-z]+")
# A full stop after a word of four or more letters, then a capital: one sentence ending, another starting.
# Short words are skipped so "Dr. Smith" or "St. Louis" in a headline do not count.
_SENTENCE_BREAK_RE = re.compile(r"[^\W\d_]{4}[.!?][\"'\u201d\u2019]?\s+[\"'\u201c\u2018]?[A-Z]")
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})


class StoryFormatError(ValueError):
    """A story file that cannot be used; ``code`` names the problem for programs, the message for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ParsedStory:
    """A parsed story: headline, photo caption and credit, body paragraphs and language ("id" or "en")."""

    headline: str
    photo_caption: str
    photo_credit: str | None
    paragraphs: tuple[str, ...]
    language: str

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-friendly dict (paragraphs as a list)."""
        return {
            "headline": self.headline,
            "photo_caption": self.photo_caption,
            "photo_credit": self.photo_credit,
            "language": self.language,
            "paragraphs": list(self.paragraphs),
        }


def parse_story_bytes(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedStory:
    """Decode an uploaded story file (UTF-8 with or without BOM, or UTF-16 with BOM) and parse it."""
    size = len(data)
    if size == 0:
        raise StoryFormatError("empty", "file is empty")
    if size > max_bytes:
        raise StoryFormatError("too_large", f"file is {size:,} bytes; the limit is {max_bytes:,}")
    return parse_story(_decode(data))


def parse_story(text: str) -> ParsedStory:
    """Parse a story's text; raise StoryFormatError when it is empty, binary or has no headline or body."""
    text = text.removeprefix("\ufeff")
    _check_not_binary(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    blocks = _blocks(text)
    if not blocks:
        raise StoryFormatError("empty", "file contains only whitespace")

    caption_lines, blocks = _caption_lines(blocks)
    if not blocks:
        raise StoryFormatError("no_headline", "file has a caption line but no headline after it")

    headline = _normalise(" ".join(blocks[0]))
    _check_headline(headline)
    paragraphs = tuple(_normalise(" ".join(block)) for block in blocks[1:])
    if not paragraphs:
        raise StoryFormatError("no_body", "file has a headline but no paragraphs after it")

    caption = _split_caption(caption_lines)
    language = guess_language(" ".join((headline, *paragraphs)))
    return ParsedStory(headline, caption.caption, caption.credit, paragraphs, language)


def _caption_lines(blocks: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """Take the caption lines off the top: the "#" lines, and a credit line typed right under them.

    A line under the caption that is not a credit is a headline typed without the blank line, and stays.
    """
    first = blocks[0]
    taken = 0
    while taken < len(first) and first[taken].startswith("#"):
        taken += 1
    # Strict: "Foto Pemenang Lomba Dipamerkan" under the caption is a headline, "Foto: Dwi Arif" a credit.
    if 0 < taken < len(first) and standalone_credit(first[taken], strict=True) is not None:
        taken += 1
    lines = [line.lstrip("#") for line in first[:taken]]
    return lines, ([first[taken:], *blocks[1:]] if taken < len(first) else blocks[1:])


def _split_caption(lines: list[str]) -> CaptionCredit:
    """Split the caption lines into caption and credit; the last line may be a credit standing alone."""
    lines = [_normalise(line) for line in lines]
    if len(lines) > 1:
        # Keep the last line apart: split_credit reads a last line that is wholly a credit as the credit.
        split = split_credit(" ".join(lines[:-1]) + "\n" + lines[-1])
        return CaptionCredit(" ".join(split.caption.split()), split.credit)
    return split_credit(lines[0] if lines else "")


def guess_language(text: str) -> str:
    """Guess "id" or "en" by counting common function words; a tie goes to Indonesian, the house language."""
    indonesian = english = 0
    for match in _WORD_RE.finditer(text.lower()):
        word = match.group()
        if word in _ID_WORDS:
            indonesian += 1
        elif word in _EN_WORDS:
            english += 1
    return "en" if english > indonesian else "id"


def _decode(data: bytes) -> str:
    """Decode by byte-order mark; without one only UTF-8 is accepted, as guessing other encodings garbles text."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise StoryFormatError("undecodable", "file is UTF-32, which is not supported; save it as UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, label = "utf-16", "UTF-16"
    else:
        if b"\x00" in data:
            # NUL never occurs in UTF-8 text; UTF-16 without a BOM would land here too.
            raise StoryFormatError("binary", "file contains NUL bytes; it looks binary, not UTF-8 text")
        encoding, label = "utf-8-sig", "UTF-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise StoryFormatError(
            "undecodable", f"file is not valid {label} (bad byte at offset {error.start:,}); save it as UTF-8"
        ) from None


def _check_not_binary(text: str) -> None:
    """Reject text holding NUL or mostly control characters: an image or document uploaded by mistake."""
    if "\x00" in text:
        raise StoryFormatError("binary", "file contains NUL characters; it looks binary, not text")
    controls = sum(1 for ch in text if ch not in _KEPT_CONTROLS and unicodedata.category(ch) == "Cc")
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise StoryFormatError(
            "binary", f"{controls:,} of {len(text):,} characters are control characters; it looks binary, not text"
        )


def _blocks(text: str) -> list[list[str]]:
    """Group non-blank lines into blank-line separated blocks, trimming each line."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _normalise(text: str) -> str:
    """Collapse runs of whitespace and drop stray control characters, which HTML and XML output reject."""
    cleaned = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in _KEPT_CONTROLS)
    return " ".join(cleaned.split())


def _check_headline(headline: str) -> None:
    """Reject headlines that are too long or read like a paragraph (usually a missing blank line)."""
    if len(headline) > MAX_HEADLINE_CHARS:
        raise StoryFormatError(
            "headline_too_long",
            f"headline is {len(headline):,} characters; the limit is {MAX_HEADLINE_CHARS}"
            " (is the blank line after the headline missing?)",
        )
    sentences = len(_SENTENCE_BREAK_RE.findall(headline)) + 1
    if sentences >= 3 or (sentences == 2 and len(headline) > 150):
        raise StoryFormatError(
            "no_headline",
            f"the headline reads like a paragraph ({sentences} sentences, {len(headline)} characters);"
            " put a short headline on its own line before the body",
        )
