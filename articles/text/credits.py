"""Split a photo caption into its text and its photo credit.

Captions from Indonesian and English wires print the credit in many ways: ``Foto: Dwi Arif``,
``ANTARA FOTO/Budi Santoso``, ``(AP Photo/Jane Doe, File)``, ``Photo By Jane Doe | caption``,
``foto Dwi Arif - Jakpus.id`` in the middle of the line, or a credit line of its own under the caption.
The credit is returned as printed, minus label words ("Foto:", "Photo by"), enclosing parentheses
and release markers ("/Released", ", File"); an agency or outlet printed with the name stays.

Everything here is pure standard-library code. The search only ever looks at a bounded window at
each end of the caption and after a bounded number of label words, so hostile input of any length
costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.text.credit_words import (
    ABBREVIATIONS,
    BARE_LABELS,
    CONNECTORS,
    KNOWN_AGENCIES,
    LABELS,
    MARKERS,
    PHOTO_WORDS,
    SELF_CREDITS,
    WEAK_LABELS,
)

__all__ = ["CREDIT_STYLES", "CaptionCredit", "compose_credit", "format_credit", "split_credit", "standalone_credit"]

# A credit is a short byline; prose longer than this is caption text. Bounding the window also
# bounds the per-caption work, whatever the length of the input.
_WINDOW = 200
_MAX_CREDIT_CHARS = 120
_MAX_LABELLED_WORDS = 8  # "Petty Officer 2nd Class Jane Doe" is 6
_MAX_AGENCY_PART_WORDS = 5  # an unlabelled "Name/AGENCY" part; more words is likely a sentence
_MAX_SHORT_RELAXED_WORDS = 3  # "Foto: Humas pemkot": lower case after a capital only in a credit this short
_MAX_LOWER_NAME_WORDS = 4  # "dwi arif - radarcirebon.com": a lower-case name needs an outlet and stays short
_MAX_OUTLET_WORDS = 3  # "Getty Images", "CNN Indonesia", "The Jakarta Post"
_MAX_MID_LABELS = 32  # label words tried in the middle of a caption; a caption holds one credit, not hundreds
_MID_SCAN_CHARS = 2_000  # a caption is a few sentences; a label further in is not looked for mid-line
_DASHES = "-\u2013\u2014"

# Label plus colon, slash or spaced dash: unambiguous enough to accept anywhere in the caption.
_STRONG_LABEL_RE = re.compile(rf"(?:{LABELS})\s*(?P<sep>[:/]|[{_DASHES}](?=\s))\s*", re.IGNORECASE)
# "Photo by", "Courtesy of", "Dok." read like prose too, so they only count at a sentence boundary.
_WEAK_LABEL_RE = re.compile(rf"{WEAK_LABELS}\s*", re.IGNORECASE)
# "foto Dwi Arif": a label word with no colon, which only counts before something that reads as a credit.
_BARE_LABEL_RE = re.compile(r"(?P<word>\w+)\s+")
# Where a label word may start a credit in the middle of a caption: a whole word, not "berfoto" or "x.com/foto".
_LABEL_WORD_RE = re.compile(rf"(?<![\w@/.-])(?:{LABELS}|photographed|courtesy|dokumentasi|dok)(?!\w)", re.IGNORECASE)
# "U.S. Navy photo by Jane Doe": the organisation before the label is not the credited person.
_ORG_BY_RE = re.compile(r"\s(?:photo|foto|picture|image)\s+(?:by|oleh)\s+", re.IGNORECASE)
_LEADING_SEP_RE = re.compile(rf"\s*\|\s*|\s+[{_DASHES}]\s+")
_SPACED_DASH_RE = re.compile(rf"\s+[{_DASHES}]\s+")
_DOMAIN_RE = re.compile(r"[\w-]+(?:\.[a-z]{2,6})+", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"\d{1,3}(?:st|nd|rd|th)", re.IGNORECASE)
_TOKEN_RE = re.compile(r"\S+")

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
    # A last line that reads wholly as a credit is the credit printed under the caption ("caption\nFoto: X").
    cut = text.rfind("\n")
    if cut >= 0:
        credit = standalone_credit(text[cut + 1 :])
        if credit is not None:
            return CaptionCredit(_split_line(text[:cut].rstrip()).caption, credit)
    return _split_line(text)


def standalone_credit(line: str, *, strict: bool = False) -> str | None:
    """Return the credit when the whole of ``line`` reads as one, e.g. a credit line printed under the caption.

    ``strict`` is for a line that could as well be a headline: a label word with no colon followed by a name only
    ("Foto Pemenang Lomba Dipamerkan") is then not enough, it needs the outlet too ("foto Dwi Arif - Jakpus.id").
    """
    text = line.strip()
    if not text or len(text) > _WINDOW:
        return None
    credit = _credit_from(text, at_boundary=True, in_parens=False, bare_name_ok=not strict)
    if credit is None and text.startswith("(") and text.endswith(")"):
        credit = _credit_from(text[1:-1], at_boundary=True, in_parens=True)
    return credit


def _split_line(text: str) -> CaptionCredit:
    """Split one caption (no credit line under it) at the credit it prints at its end, middle or start."""
    work = _drop_trailing_marker_parens(text)
    for finder in (_paren_tail, _sentence_tail, _mid_line):
        found = finder(work)
        if found is not None:
            return CaptionCredit(_join(work[: found.start], work[found.resume :]), found.credit)
    head = _LEADING_SEP_RE.search(text, 0, _WINDOW)
    if head is not None and head.start() > 0:
        rest = text[head.end() :].strip()
        credit = _credit_from(text[: head.start()], at_boundary=True, in_parens=False)
        if credit is not None and rest:
            return CaptionCredit(rest, credit)
    return CaptionCredit(text, None)


@dataclass(frozen=True)
class _Found:
    """A credit found in a caption: the caption resumes at ``resume`` after the credit that starts at ``start``."""

    start: int
    resume: int
    credit: str


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
        if open_at < 0 or text[open_at + 1 : end - 1].strip().lower() not in MARKERS:
            break
        end = open_at
        while end and text[end - 1].isspace():
            end -= 1
    return text[:end]


def _paren_tail(text: str) -> _Found | None:
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
                return _Found(i, len(text), credit) if credit is not None else None
    return None


def _sentence_tail(text: str) -> _Found | None:
    """Find the longest credit running to the end of the caption, starting at a word."""
    # Earliest start first, so an agency head or an initial stays with its name ("ANTARA FOTO/M. Risyal").
    for i in range(max(0, len(text) - _WINDOW), len(text)):
        if text[i].isspace() or (i > 0 and not (text[i - 1].isspace() or text[i - 1] == "|")):
            continue
        credit = _credit_from(text[i:], at_boundary=_is_boundary(text, i), in_parens=False)
        if credit is not None:
            return _Found(i, len(text), credit)
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
    while text and text[-1] in "|:(" + _DASHES:
        text = text[:-1].rstrip()
    return text


def _join(before: str, after: str) -> str:
    """The caption around a credit taken out of its middle: the text before and after, minus their separators."""
    before = _tidy_caption(before)
    after = after.lstrip()
    while after and after[0] in "|)" + _DASHES:
        after = after[1:].lstrip()
    if not (before and after):
        return before or after
    return before + ("" if after[0] in ".,;:!?" else " ") + after


def _mid_line(text: str) -> _Found | None:
    """Find a credit introduced by a label word anywhere in the caption, which the caption text may follow."""
    for tried, label in enumerate(_LABEL_WORD_RE.finditer(text, 0, _MID_SCAN_CHARS)):
        if tried >= _MAX_MID_LABELS:
            break
        found = _credit_at_label(text, label.start(), label.end())
        if found is not None:
            return found
    return None


def _credit_at_label(text: str, start: int, word_end: int) -> _Found | None:
    """Read the credit a label word at ``start`` introduces, e.g. "Foto: Dwi Arif - Jakpus.id" then more caption."""
    if start > 0 and text[start - 1] == "(":
        return _paren_credit(text, start - 1)
    boundary = _is_boundary(text, start)
    strong = _STRONG_LABEL_RE.match(text, start)
    weak = _WEAK_LABEL_RE.match(text, start) if strong is None else None
    if strong is not None:
        body_at, ending = strong.end(), _ANY_END
    elif weak is not None:
        body_at, ending = weak.end(), _ANY_END if boundary else _OUTLET_END
    elif text[start:word_end].lower() in BARE_LABELS:
        # Bare "foto"/"photo" is an everyday word: only a credit whose end is plain to see counts.
        body_at, ending = word_end, _SURE_END if boundary else _OUTLET_END
    else:
        return None
    read = _read_credit(text, body_at, ending)
    if read is None:
        return None
    credit, credit_end, resume = read
    head = _agency_head(text, start) if strong is not None and strong.group("sep") == "/" else None
    if head is not None:  # "ANTARA FOTO/Budi Santoso" is printed, and credited, with its agency
        return _Found(head, resume, _strip_markers(text[head:credit_end]))
    return _Found(start, resume, credit)


def _paren_credit(text: str, open_at: int) -> _Found | None:
    """A labelled credit in parentheses inside the caption: "Suasana rapat (Foto: Dwi Arif) di Balai Kota"."""
    close = text.find(")", open_at, open_at + _WINDOW)
    if close < 0:
        return None
    credit = _credit_from(text[open_at + 1 : close], at_boundary=False, in_parens=True)
    return _Found(open_at, close + 1, credit) if credit is not None else None


def _agency_head(text: str, label_at: int) -> int | None:
    """Where an agency printed before "FOTO/" starts ("ANTARA FOTO/", "AP Photo/"), or None."""
    for m in list(_TOKEN_RE.finditer(text, max(0, label_at - 40), label_at))[-2:]:
        if _is_agency(text[m.start() : label_at].strip()):
            return m.start()
    return None


# How plainly a credit read in the middle of a caption must end: with an outlet ("- Jakpus.id", "/Reuters");
# also at a full stop, a separator or the end of the caption; also where the next sentence seems to start.
_OUTLET_END, _SURE_END, _ANY_END = 0, 1, 2


def _read_credit(text: str, at: int, ending: int) -> tuple[str, int, int] | None:
    """Read a credit starting at ``at`` that the caption may go on after.

    Returns the credit, where its printed text ends, and where the caption resumes. Only a bounded window of words
    is read. A name is capitalised words, so where a capitalised sentence follows, the end is a guess; the guess
    takes the shorter credit, as eating caption text is worse than a credit missing a word.
    """
    limit = min(len(text), at + _WINDOW)
    tokens = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, at, limit)]
    if limit < len(text) and tokens:
        tokens.pop()  # the window may have cut the last word in two
    if not tokens:
        return None
    first_plain: int | None = None  # the first word that cannot be part of a capitalised name
    for k, (start, end) in enumerate(tokens):
        word = text[start:end]
        if k > _MAX_LABELLED_WORDS or (first_plain is not None and k - first_plain >= _MAX_LOWER_NAME_WORDS):
            break
        if word == "|" or (len(word) == 1 and word in _DASHES):
            if k == 0:
                return None
            outlet_end = _outlet_end(text, tokens[k + 1 : k + 1 + _MAX_OUTLET_WORDS])
            if outlet_end is not None:
                credit = _outlet_credit(text[tokens[0][0] : outlet_end])
                if credit is not None:
                    return credit, outlet_end, outlet_end
            credit = _name_credit(text[tokens[0][0] : tokens[k - 1][1]])
            if credit is not None and ending >= _SURE_END:
                return credit, tokens[k - 1][1], end
            break
        if "/" in word and _is_outlet(word.rsplit("/", 1)[1].rstrip(".,;")):
            credit_end = start + len(word.rstrip(".,;"))
            credit = _outlet_credit(text[tokens[0][0] : credit_end])
            if credit is not None:
                return credit, credit_end, end
        if first_plain is None and not _is_name_word(word):
            first_plain = k
        if word[-1] in ".!?;" and not _is_abbreviation(word.split("/")[-1]):
            credit = _name_credit(text[tokens[0][0] : end])
            if credit is not None and ending >= _SURE_END:
                return credit, end, end
            break
    else:
        if limit == len(text) and first_plain is None:  # the credit runs to the end of the caption
            credit = _name_credit(text[tokens[0][0] : tokens[-1][1]])
            return (credit, tokens[-1][1], len(text)) if credit is not None and ending >= _SURE_END else None
    if ending < _ANY_END or first_plain is None or first_plain < 2:
        return None
    # "Dwi Arif Wali Kota meninjau ...": the next sentence opens on one or more of the capitalised words.
    last = min(2, first_plain - 1) - 1
    credit = _name_credit(text[tokens[0][0] : tokens[last][1]])
    return (credit, tokens[last][1], tokens[last + 1][0]) if credit is not None else None


def _is_name_word(word: str) -> bool:
    """Tell whether a word can stand inside a printed name: capitalised, an initial, a handle, "dan"/"of"."""
    bare = word.rstrip(",")
    if bare.lower() in CONNECTORS:
        return True
    return all(_name_ok(part, max_words=1, relaxed=False) for part in bare.split("/") if part)


def _name_credit(segment: str) -> str | None:
    """The credit when ``segment`` (after a label) is a capitalised name, "Name/AGENCY" or "Name - Outlet"."""
    credit = _strip_markers(_strip_labels(segment))
    if _parts_ok(credit, max_words=_MAX_LABELLED_WORDS, relaxed=False) or _dash_outlet_ok(credit, lower_ok=False):
        return credit
    return None


def _outlet_credit(segment: str) -> str | None:
    """The credit when ``segment`` is a name joined to an outlet by a dash or slash; the name may be lower case."""
    credit = _strip_markers(segment)
    return credit if _dash_outlet_ok(credit, lower_ok=True) or _slash_outlet_ok(credit) else None


def _outlet_end(text: str, tokens: list[tuple[int, int]]) -> int | None:
    """Where an outlet starting at the first of ``tokens`` ends: a domain, a known agency, or capitals."""
    if not tokens:
        return None
    first = text[tokens[0][0] : tokens[0][1]].rstrip(".,;")
    if _DOMAIN_RE.fullmatch(first):
        return tokens[0][0] + len(first)
    # The longest known agency first: "Getty Images" rather than "Getty".
    for n in range(len(tokens), 0, -1):
        name = text[tokens[0][0] : tokens[n - 1][1]].rstrip(".,;")
        if " ".join(name.lower().split()) in KNOWN_AGENCIES:
            return tokens[0][0] + len(name)
    end = None
    for start, stop in tokens:
        word = text[start:stop].rstrip(".,;")
        if not _is_agency(word):
            break
        end = start + len(word)
        if word != text[start:stop]:
            break  # punctuation after the word ends the outlet
    return end


def _is_outlet(part: str) -> bool:
    """Tell whether a credit part names an outlet or agency: a domain, a known agency, or capitals."""
    part = part.strip()
    if not part or len(part.split()) > _MAX_OUTLET_WORDS:
        return False
    return bool(_DOMAIN_RE.fullmatch(part)) or _is_agency(part)


def _dash_outlet_ok(credit: str, *, lower_ok: bool) -> bool:
    """Accept "Dwi Arif - Jakpus.id": a name, a spaced dash, an outlet; "dwi arif" too after a label."""
    parts = _SPACED_DASH_RE.split(credit)
    if len(parts) != 2 or not _is_outlet(parts[1]):
        return False
    name = parts[0]
    if _name_ok(name, max_words=_MAX_LABELLED_WORDS, relaxed=False):
        return True
    return lower_ok and _name_ok(name, max_words=_MAX_LOWER_NAME_WORDS, relaxed=True)


def _slash_outlet_ok(credit: str) -> bool:
    """Accept "dwi arif/Jakpus.id" after a label: a short name, a slash, an outlet."""
    name, _, outlet = credit.rpartition("/")
    return _is_outlet(outlet) and _name_ok(name, max_words=_MAX_LOWER_NAME_WORDS, relaxed=True)


def _credit_from(segment: str, *, at_boundary: bool, in_parens: bool, bare_name_ok: bool | None = None) -> str | None:
    """Return the credit if the whole of ``segment`` reads as one, else None.

    ``bare_name_ok`` lets a label word with no colon credit a name alone ("foto Dwi Arif"); by default only at a
    sentence boundary, since "lomba foto Hari Kemerdekaan" is prose.
    """
    text = _strip_markers(segment)
    if not text or len(text) > _MAX_CREDIT_CHARS:
        return None
    label = _STRONG_LABEL_RE.match(text)
    if label is not None:
        body = _strip_markers(_strip_labels(text[label.end() :]))
        # A slash or dash also joins ordinary words ("foto/video", "foto - foto lama"): they need a capitalised credit.
        relaxed = label.group("sep") == ":"
        if _parts_ok(body, max_words=_MAX_LABELLED_WORDS, relaxed=relaxed) or _dash_outlet_ok(body, lower_ok=True):
            return body
        return None
    bare = _BARE_LABEL_RE.match(text)
    if bare is not None and bare.group("word").lower() in BARE_LABELS and not _WEAK_LABEL_RE.match(text):
        body = _strip_markers(text[bare.end() :])
        if _dash_outlet_ok(body, lower_ok=True) or _slash_outlet_ok(body):
            return body
        names_alone = at_boundary if bare_name_ok is None else bare_name_ok
        if names_alone and _name_ok(body, max_words=_MAX_LABELLED_WORDS, relaxed=False):
            return body
    if at_boundary or in_parens:
        label = _WEAK_LABEL_RE.match(text)
        if label is not None:
            body = _strip_markers(_strip_labels(text[label.end() :]))
            # "Dok. pribadi", "Dok. humas": the documentation label is followed by lower-case words as often as not.
            relaxed = label.group().lower().startswith("dok")
            if _parts_ok(body, max_words=_MAX_LABELLED_WORDS, relaxed=relaxed) or _dash_outlet_ok(body, lower_ok=True):
                return body
            return None
        org_by = _ORG_BY_RE.search(text)
        if org_by is not None and _name_ok(text[: org_by.start()], max_words=5, relaxed=False):
            body = text[org_by.end() :]
            return body if _parts_ok(body, max_words=_MAX_LABELLED_WORDS, relaxed=False) else None
        if text.lower() in KNOWN_AGENCIES | SELF_CREDITS or (at_boundary and _dash_outlet_ok(text, lower_ok=False)):
            return text
        words = text.split()
        # "(U.S. Navy photo)": inside brackets an organisation plus "photo" credits the organisation.
        if in_parens and len(words) > 1 and words[-1].lower() in PHOTO_WORDS:
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
            if tail.lower() in MARKERS or is_editor_code:
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
    return not all(agencies) or any(part.lower() in KNOWN_AGENCIES for part in parts)


def _is_agency(part: str) -> bool:
    """Tell whether a credit part names an agency: known, all capitals, or "X Photo"."""
    words = part.split()
    if len(words) > 1 and words[-1].lower() in PHOTO_WORDS:
        words = words[:-1]
    if not words:
        return False
    if "via" in words:
        at = words.index("via")
        return _is_agency(" ".join(words[:at])) and _is_agency(" ".join(words[at + 1 :]))
    if " ".join(words).lower() in KNOWN_AGENCIES:
        return True
    return all(word.isupper() and sum(ch.isalpha() for ch in word) >= 2 for word in words)


def _is_abbreviation(word: str) -> bool:
    """Tell whether a word ending in a full stop is an initial or abbreviation, not a sentence end."""
    if len(word) == 2 and word[0].isalpha() and word[1] == ".":
        return True
    pieces = word.split(".")
    if len(pieces) > 2 and pieces[-1] == "" and all(len(piece) == 1 and piece.isalpha() for piece in pieces[:-1]):
        return True  # dotted acronyms such as "U.S."
    return word.lower() in ABBREVIATIONS


def _name_ok(part: str, *, max_words: int, relaxed: bool) -> bool:
    """Check a run of words reads as a personal or organisation name rather than prose.

    ``relaxed`` (after an explicit "Foto:" label) also accepts lower-case words such as "dok. pribadi", but not
    after a capitalised word: "Dwi Arif Wali Kota meninjau" is a name, then the caption's next sentence.
    """
    words = part.split()
    if not 1 <= len(words) <= max_words:
        return False
    capitalised_seen = False
    for i, raw in enumerate(words):
        last = i == len(words) - 1
        word = raw if last else raw.rstrip(",")
        lower = word.lower()
        if not word or any(ch in _BAD_CHARS for ch in word):
            return False
        if lower in CONNECTORS:
            # A name does not end on "and"/"via", nor start with one (bar "the", as in "The White House").
            if last or (i == 0 and lower != "the"):
                return False
            continue
        if word.endswith(".") and not _is_abbreviation(word):
            return False  # a full stop inside means a sentence ended: this is prose
        if word[0] == "@" and len(word) > 1:
            continue  # social-media handles are credited as printed
        if not any(ch.isalpha() for ch in word):
            # Bare numbers are dates or counts, not names; but after a label, a number right after a capitalised
            # word is a unit's number ("Pendim 0619", "Battalion 7").
            if relaxed and i > 0 and word.isdigit() and words[i - 1][:1].isupper():
                continue
            return False
        if word[0].isupper() or lower in KNOWN_AGENCIES or _DOMAIN_RE.fullmatch(word):
            capitalised_seen = capitalised_seen or word[0].isupper()
            continue
        if any(ch.isupper() for ch in word) or _ORDINAL_RE.fullmatch(word):
            continue  # "iStock", "detikFoto", "2nd"
        # A short credit may go on in lower case ("Humas pemkot"); a longer run is a name, then the next sentence.
        short = len(words) <= _MAX_SHORT_RELAXED_WORDS
        if relaxed and (short or not capitalised_seen) and word.replace("-", "").replace(".", "").isalpha():
            continue
        return False
    return True
