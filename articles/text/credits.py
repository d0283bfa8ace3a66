"""Split a photo caption into its text and its photo credit.

Captions from Indonesian and English wires print the credit in many ways: ``Foto: Dwi Arif``,
``ANTARA FOTO/Budi Santoso``, ``(AP Photo/Jane Doe, File)``, ``Photo By Jane Doe | caption`` ...
The credit is returned as printed, minus label words ("Foto:", "Photo by"), enclosing parentheses
and release markers ("/Released", ", File"); an agency printed with the name stays.

Everything here is pure standard-library code. The search only ever looks at a bounded window at
each end of the caption, so hostile input of any length costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CREDIT_STYLES", "CaptionCredit", "compose_credit", "format_credit", "split_credit"]

# A credit is a short byline; prose longer than this is caption text. Bounding the window also
# bounds the per-caption work, whatever the length of the input.
_WINDOW = 200
_MAX_CREDIT_CHARS = 120
_MAX_LABELLED_WORDS = 8  # "Petty Officer 2nd Class Jane Doe" is 6
_MAX_AGENCY_PART_WORDS = 5  # an unlabelled "Name/AGENCY" part; more words is likely a sentence
_DASHES = "-\u2013\u2014"

_LABELS = (
    r"sumber\s+foto|sumber\s+gambar|kredit\s+foto|pewarta\s+foto|photo\s+credits?|image\s+credits?"
    r"|photographs?|photographer|photos?|pictures?|pics?|images?|credits?|kredit|fotografer|foto|gambar"
    r"|sumber|source"
)
# Label plus colon, slash or spaced dash: unambiguous enough to accept anywhere in the caption.
_STRONG_LABEL_RE = re.compile(rf"(?:{_LABELS})\s*(?P<sep>[:/]|[{_DASHES}](?=\s))\s*", re.IGNORECASE)
# "Photo by", "Courtesy of", "Dok." read like prose too, so they only count at a sentence boundary.
_WEAK_LABEL_RE = re.compile(
    r"(?:(?:photos?|photographs?|photographed|pictures?|images?|foto|gambar)\s+(?:by|oleh)"
    r"|(?:(?:photo|image|picture|foto)\s+)?courtesy(?:\s+of)?|dokumentasi|dok\.|dok\b)\s*",
    re.IGNORECASE,
)
# "U.S. Navy photo by Jane Doe": the organisation before the label is not the credited person.
_ORG_BY_RE = re.compile(r"\s(?:photo|foto|picture|image)\s+(?:by|oleh)\s+", re.IGNORECASE)
_LEADING_SEP_RE = re.compile(rf"\s*\|\s*|\s+[{_DASHES}]\s+")
_DOMAIN_RE = re.compile(r"[\w-]+(?:\.[a-z]{2,6})+", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"\d{1,3}(?:st|nd|rd|th)", re.IGNORECASE)

_MARKERS = frozenset({"released", "handout", "handout photo", "file", "file photo", "ho", "arsip", "dok.", "dok"})
_PHOTO_WORDS = frozenset({"photo", "photos", "foto", "picture", "pictures"})
_CONNECTORS = frozenset(
    {"via", "and", "dan", "&", "of", "the", "for", "de", "da", "van", "von", "der", "den", "du", "la", "le"}
    | {"bin", "binti", "al", "el", "y", "dos", "del", "ibn"}
)
_ABBREVIATIONS = frozenset(
    {"dr.", "jr.", "sr.", "st.", "lt.", "sgt.", "cpl.", "capt.", "col.", "gen.", "maj.", "prof.", "pvt.", "spc."}
    | {"adm.", "cmdr.", "hj.", "ir.", "drs.", "kol.", "co.", "inc.", "ltd.", "corp.", "no.", "mr.", "mrs.", "ms."}
)
_KNOWN_AGENCIES = frozenset(
    {"reuters", "afp", "ap", "associated press", "getty images", "getty", "epa", "epa-efe", "efe", "xinhua"}
    | {"bloomberg", "anadolu", "anadolu agency", "nurphoto", "sopa images", "shutterstock", "istock", "alamy"}
    | {"istockphoto", "unsplash", "pexels", "pixabay", "freepik", "wikimedia commons", "aap", "pa", "kyodo"}
    | {"yonhap", "tass", "bernama", "nasa", "antara", "kompas", "kompas.com", "harian kompas", "tempo"}
    | {"tempo.co", "detik", "detikcom", "detik.com", "detikfoto", "tribunnews", "tribunnews.com", "kumparan"}
    | {"liputan6", "liputan6.com", "okezone", "suara.com", "merdeka.com", "cnn indonesia", "cnbc indonesia"}
    | {"republika", "jawa pos", "jawapos.com", "media indonesia", "bisnis", "bisnis.com", "kontan", "idn times"}
    | {"the jakarta post", "jakarta post", "beritasatu", "sindonews", "the white house", "white house"}
    | {"the new york times", "new york times", "the washington post", "the guardian", "bbc", "cnn", "al jazeera"}
)
_BAD_CHARS = frozenset('"\u201c\u201d:;()[]{}!?|<>=*#')


@dataclass(frozen=True)
class CaptionCredit:
    """A caption with its credit split off; ``credit`` is None when none was printed."""

    caption: str
    credit: str | None


def split_credit(caption: str) -> CaptionCredit:
    """Split ``caption`` into the caption text and the credited person or organisation."""
    text = caption.strip()
    if not text:
        return CaptionCredit("", None)
    work = _drop_trailing_marker_parens(text)
    credit: str | None
    for finder in (_paren_tail, _sentence_tail):
        found = finder(work)
        if found is not None:
            start, credit = found
            return CaptionCredit(_tidy_caption(work[:start]), credit)
    head = _LEADING_SEP_RE.search(text, 0, _WINDOW)
    if head is not None and head.start() > 0:
        rest = text[head.end() :].strip()
        credit = _credit_from(text[: head.start()], at_boundary=True, in_parens=False)
        if credit is not None and rest:
            return CaptionCredit(rest, credit)
    return CaptionCredit(text, None)


def format_credit(credit: str, language: str) -> str:
    """Render a credit for house display: "Foto: NAME" in Indonesian, "Photo: NAME" in English."""
    name = credit.strip()
    if not name:
        raise ValueError("credit is empty")
    # Accept locale tags such as "id-ID" or "en_US"; only the language part matters here.
    lang = language.strip().lower().replace("_", "-").split("-")[0]
    if lang == "id":
        return f"Foto: {name}"
    if lang == "en":
        return f"Photo: {name}"
    raise ValueError(f"unsupported language {language!r}; expected 'id' or 'en'")


# The house credit styles (setting NEWSROOM_CREDIT_STYLE): Indonesian papers print the agency first, "ANTARA
# FOTO/Budi Santoso"; many English ones print it last, "Jane Doe/Reuters".
CREDIT_STYLES = ("agency_first", "agency_last")


def compose_credit(person: str | None, agency: str | None, *, style: str = "agency_first", separator: str = "/") -> str:
    """The credit line for a photographer and the agency that supplied the picture, in the house ``style``.

    A person who already names the agency ("AP Photo/Jane Doe", "Corbis" credited by Corbis) is kept as printed;
    with only one of the two that one is the credit; with neither, "".
    """
    if style not in CREDIT_STYLES:
        raise ValueError(f"unknown credit style {style!r}; expected one of {CREDIT_STYLES}")
    person, agency = (person or "").strip(), (agency or "").strip()
    if not (person and agency) or _names(agency, person):
        return person or agency
    return f"{agency}{separator}{person}" if style == "agency_first" else f"{person}{separator}{agency}"


def _names(agency: str, person: str) -> bool:
    """Tell whether ``person`` already names ``agency`` as whole words: "AP" is in "AP Photo/Jane", not in "Japri"."""
    wanted = re.findall(r"\w+", agency.casefold())
    words = re.findall(r"\w+", person.casefold())
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _drop_trailing_marker_parens(text: str) -> str:
    """Remove "(File)"-style markers at the end; they say where a photo came from, not who took it."""
    end = len(text)  # work on an index so a long run of markers is not re-copied on every step
    while end and text[end - 1] == ")":
        open_at = text.rfind("(", max(0, end - 20), end)
        if open_at < 0 or text[open_at + 1 : end - 1].strip().lower() not in _MARKERS:
            break
        end = open_at
        while end and text[end - 1].isspace():
            end -= 1
    return text[:end]


def _paren_tail(text: str) -> tuple[int, str] | None:
    """Find a credit in a parenthesis closing the caption, e.g. "(Foto: Dwi Arif)"."""
    body = text[:-1] if text.endswith(").") else text
    if not body.endswith(")"):
        return None
    depth = 0
    for i in range(len(body) - 1, max(0, len(body) - _WINDOW) - 1, -1):
        if body[i] == ")":
            depth += 1
        elif body[i] == "(":
            depth -= 1
            if depth == 0:
                credit = _credit_from(body[i + 1 : -1], at_boundary=False, in_parens=True)
                return (i, credit) if credit is not None else None
    return None


def _sentence_tail(text: str) -> tuple[int, str] | None:
    """Find the longest credit running to the end of the caption, starting at a word."""
    # Earliest start first, so an agency head or an initial stays with its name ("ANTARA FOTO/M. Risyal").
    for i in range(max(0, len(text) - _WINDOW), len(text)):
        if text[i].isspace() or (i > 0 and not (text[i - 1].isspace() or text[i - 1] == "|")):
            continue
        credit = _credit_from(text[i:], at_boundary=_is_boundary(text, i), in_parens=False)
        if credit is not None:
            return i, credit
    return None


def _is_boundary(text: str, i: int) -> bool:
    """Tell whether position ``i`` starts a new sentence, line or "|"/dash-separated part."""
    j = i - 1
    while j >= 0 and text[j].isspace():
        if text[j] == "\n":
            return True
        j -= 1
    if j < 0 or text[j] in "|" + _DASHES:
        return True
    # A closing quote or bracket after the full stop still ends the sentence: 'said.” Jane Doe/AP'.
    if text[j] in ")\"'\u201d\u2019" and j > 0:
        j -= 1
    return text[j] in ".!?"


def _tidy_caption(text: str) -> str:
    """Trim the caption left before a credit, dropping the separator that introduced the credit."""
    text = text.rstrip()
    while text and text[-1] in "|:" + _DASHES:
        text = text[:-1].rstrip()
    return text


def _credit_from(segment: str, *, at_boundary: bool, in_parens: bool) -> str | None:
    """Return the credit if the whole of ``segment`` reads as one, else None."""
    text = _strip_markers(segment)
    if not text or len(text) > _MAX_CREDIT_CHARS:
        return None
    label = _STRONG_LABEL_RE.match(text)
    if label is not None:
        body = _strip_markers(_strip_labels(text[label.end() :]))
        # A slash also joins ordinary words ("foto/video"), so it needs a capitalised credit.
        relaxed = label.group("sep") != "/"
        return body if _parts_ok(body, max_words=_MAX_LABELLED_WORDS, relaxed=relaxed) else None
    if at_boundary or in_parens:
        label = _WEAK_LABEL_RE.match(text)
        if label is not None:
            body = _strip_markers(_strip_labels(text[label.end() :]))
            return body if _parts_ok(body, max_words=_MAX_LABELLED_WORDS, relaxed=False) else None
        org_by = _ORG_BY_RE.search(text)
        if org_by is not None and _name_ok(text[: org_by.start()], max_words=5, relaxed=False):
            body = text[org_by.end() :]
            return body if _parts_ok(body, max_words=_MAX_LABELLED_WORDS, relaxed=False) else None
        if text.lower() in _KNOWN_AGENCIES:
            return text
        words = text.split()
        # "(U.S. Navy photo)": inside brackets an organisation plus "photo" credits the organisation.
        if in_parens and len(words) > 1 and words[-1].lower() in _PHOTO_WORDS:
            org = text.rsplit(None, 1)[0]
            if _name_ok(org, max_words=5, relaxed=False):
                return org
    if "/" in text and _agency_style_ok(text, need_agency_head=not (at_boundary or in_parens)):
        return text
    return None


def _strip_labels(text: str) -> str:
    """Drop label words stacked after the first one, as in "Foto: Dok. Humas" or "Photo: Courtesy of X"."""
    for _ in range(2):
        label = _STRONG_LABEL_RE.match(text) or _WEAK_LABEL_RE.match(text)
        if label is None or label.end() >= len(text):
            break
        text = text[label.end() :]
    return text.strip()


def _strip_markers(text: str) -> str:
    """Remove release markers, editor codes and a sentence-final full stop from the end of a credit."""
    text = text.strip()
    while text:
        before = text
        if text.endswith(".") and not _is_abbreviation(text.split()[-1].split("/")[-1]):
            text = text[:-1].rstrip()
        text = _drop_trailing_marker_parens(text)
        cut = max(text.rfind("/"), text.rfind(","))
        if cut >= 0:
            tail = text[cut + 1 :].strip()
            # Antara appends the desk editor's initials in lower case ("/foc."); they credit nobody.
            is_editor_code = text[cut] == "/" and 2 <= len(tail) <= 4 and tail.isalpha() and tail.islower()
            if tail.lower() in _MARKERS or is_editor_code:
                text = text[:cut].rstrip()
        if text == before:
            return text
    return text


def _parts_ok(body: str, *, max_words: int, relaxed: bool) -> bool:
    """Check every slash-separated part of a labelled credit reads as a name."""
    parts = body.split("/")
    return 1 <= len(parts) <= 4 and all(_name_ok(part, max_words=max_words, relaxed=relaxed) for part in parts)


def _agency_style_ok(text: str, *, need_agency_head: bool) -> bool:
    """Accept unlabelled "Name/AGENCY" or "AGENCY FOTO/Name", but not "24/7" or "dan/atau"."""
    parts = [part.strip() for part in text.split("/")]
    if not 2 <= len(parts) <= 4:
        return False
    if not all(_name_ok(part, max_words=_MAX_AGENCY_PART_WORDS, relaxed=False) for part in parts):
        return False
    agencies = [_is_agency(part) for part in parts]
    # Mid-sentence only a strong head like "ANTARA FOTO/" or "REUTERS/" starts a credit.
    has_head = agencies[0] if need_agency_head else any(agencies)
    if not has_head:
        return False
    # "(PDIP/PKB)" is two acronyms, not a credit: ask for a person too, unless the agency is known.
    return not all(agencies) or any(part.lower() in _KNOWN_AGENCIES for part in parts)


def _is_agency(part: str) -> bool:
    """Tell whether a credit part names an agency: known, all capitals, or "X Photo"."""
    words = part.split()
    if len(words) > 1 and words[-1].lower() in _PHOTO_WORDS:
        words = words[:-1]
    if not words:
        return False
    if "via" in words:
        at = words.index("via")
        return _is_agency(" ".join(words[:at])) and _is_agency(" ".join(words[at + 1 :]))
    if " ".join(words).lower() in _KNOWN_AGENCIES:
        return True
    return all(word.isupper() and sum(ch.isalpha() for ch in word) >= 2 for word in words)


def _is_abbreviation(word: str) -> bool:
    """Tell whether a word ending in a full stop is an initial or abbreviation, not a sentence end."""
    if len(word) == 2 and word[0].isalpha() and word[1] == ".":
        return True
    pieces = word.split(".")
    if len(pieces) > 2 and pieces[-1] == "" and all(len(piece) == 1 and piece.isalpha() for piece in pieces[:-1]):
        return True  # dotted acronyms such as "U.S."
    return word.lower() in _ABBREVIATIONS


def _name_ok(part: str, *, max_words: int, relaxed: bool) -> bool:
    """Check a run of words reads as a personal or organisation name rather than prose.

    ``relaxed`` (after an explicit "Foto:" label) also accepts lower-case words such as "dok. pribadi".
    """
    words = part.split()
    if not 1 <= len(words) <= max_words:
        return False
    for i, raw in enumerate(words):
        last = i == len(words) - 1
        word = raw if last else raw.rstrip(",")
        lower = word.lower()
        if not word or any(ch in _BAD_CHARS for ch in word):
            return False
        if lower in _CONNECTORS:
            # A name does not end on "and"/"via", nor start with one (bar "the", as in "The White House").
            if last or (i == 0 and lower != "the"):
                return False
            continue
        if word.endswith(".") and not _is_abbreviation(word):
            return False  # a full stop inside means a sentence ended: this is prose
        if word[0] == "@" and len(word) > 1:
            continue  # social-media handles are credited as printed
        if not any(ch.isalpha() for ch in word):
            return False  # bare numbers are dates or counts, not names
        if word[0].isupper() or lower in _KNOWN_AGENCIES or _DOMAIN_RE.fullmatch(word):
            continue
        if any(ch.isupper() for ch in word) or _ORDINAL_RE.fullmatch(word):
            continue  # "iStock", "detikFoto", "2nd"
        if relaxed and word.replace("-", "").replace(".", "").isalpha():
            continue
        return False
    return True
