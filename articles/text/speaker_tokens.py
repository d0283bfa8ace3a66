"""Words of a paragraph for the speaker reader: tokens, and what each word can be inside a name phrase.

``tokenize`` splits text into ``Token`` objects whose flags (capital, sentence end, clause end, comma) are computed
once; ``word_class`` says whether a word can be part of a name, a title, a place, a connector … using the word lists
in ``speech_words.py``. Used by ``speaker_phrases.py`` and ``speaker_attribution.py``; pure, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from articles.text.speech_words import (
    BALINESE_NAMES,
    COMPASS,
    CONNECTORS,
    CORPS,
    COURTESY,
    FIRST_NAMES,
    HONORIFICS,
    ID_SPEECH,
    PARTICLES,
    PLACE_INTRODUCERS,
    PLACES,
    QUANTIFIERS,
    RANK_PARTS,
    RANKS,
    REGIONAL_COURTESY,
    ROLE_LOWER,
    STOPWORDS,
    TITLE_WORDS,
    _words,
)

__all__ = [
    "ACRONYM",
    "CONN",
    "HONOR",
    "INITIAL",
    "IN_PHRASE",
    "NAME",
    "NAME_PARTS",
    "OTHER",
    "PARTICLE",
    "PLACE",
    "ROLE",
    "TITLE",
    "Token",
    "tokenize",
    "word_class",
]

# --- Tokens ----------------------------------------------------------------------------------------------------------
_TOKEN_RE = re.compile(r"\S+")
_LEAD = "([{<'\u2018\u201a`*\u2014\u2013"
_TRAIL = ".,;:!?)]}>'\u2019\u2026*\u2014\u2013"
# Abbreviations whose dot belongs to the word, so "Gen." or "Dr." does not end a sentence.
_ABBREVIATIONS = (
    HONORIFICS
    | RANKS
    | COURTESY
    | CORPS
    | _words("sen rep gov st jr sr inc corp co ltd no vs kab jl jln rt rw dept univ prov kec kel ds messrs gen u s")
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a paragraph: ``word`` as printed without surrounding punctuation, ``norm`` for look-ups."""

    word: str
    norm: str
    start: int
    end: int
    lead: str
    trail: str
    capital: bool
    ends_sentence: bool
    ends_clause: bool  # a comma, colon or sentence end after the word closes the phrase it belongs to
    comma: bool  # a comma follows, possibly after a closing bracket: "Siti Aminah (45), pedagang …"


_SENTENCE_END = frozenset(".!?\u2026")
_BALINESE_PREFIXES = frozenset({"I", "Ni"})
_CLAUSE_END = frozenset(".!?\u2026,:;")


def _token(word: str, norm: str, start: int, end: int, lead: str, trail: str) -> Token:
    # Flags are computed once here: phrase readers ask for them many times per token.
    marks = set(trail) if trail else ()
    return Token(
        word,
        norm,
        start,
        end,
        lead,
        trail,
        word[:1].isupper(),
        bool(marks and not _SENTENCE_END.isdisjoint(marks)),
        bool(marks and not _CLAUSE_END.isdisjoint(marks)),
        trail.lstrip(")]").startswith(","),
    )


def tokenize(text: str) -> list[Token]:
    """Split text into tokens. Quote marks should already be blanked out by the caller (offsets stay the same)."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        raw, offset = match.group(), match.start()
        left, right = 0, len(raw)
        while left < right and raw[left] in _LEAD:
            left += 1
        while right > left and raw[right - 1] in _TRAIL:
            right -= 1
        if left == right:
            tokens.append(_token("", "", offset, offset, "", raw))
            continue
        word, trail = raw[left:right], raw[right:]
        norm = word.lower().replace(".", "")
        if trail.startswith(".") and (len(word) == 1 or "." in word or norm in _ABBREVIATIONS):
            word, trail, right = word + ".", trail[1:], right + 1
        norm = norm.removesuffix("'s").removesuffix("\u2019s")
        tokens.append(_token(word, norm, offset + left, offset + right, raw[:left], trail))
        if len(tokens) > 1 and norm in BALINESE_NAMES and tokens[-2].word in _BALINESE_PREFIXES:
            # "I Gede Ardana": "I" is a name here, not the pronoun; its look-up form says so.
            tokens[-2] = replace(tokens[-2], norm="_" + tokens[-2].norm)
    return tokens


# --- What a word can be in a name phrase -----------------------------------------------------------------------------
NAME, TITLE, PLACE, HONOR, CONN, PARTICLE, ROLE, OTHER, INITIAL, ACRONYM = range(10)
IN_PHRASE = frozenset({NAME, TITLE, PLACE, HONOR, PARTICLE, ROLE, INITIAL, ACRONYM})
NAME_PARTS = (NAME, INITIAL, PARTICLE)
# Institution abbreviations coined by prefix: Kemendikbud, Kapolresta, Kasatreskrim, Dirreskrimsus …
_TITLE_PREFIXES = (
    "kemen",
    "kapol",
    "wakapol",
    "kasat",
    "kasubag",
    "kasubbag",
    "dirres",
    "kasubdit",
    "pemkot",
    "pemkab",
)


def _hyphenated_title(norm: str) -> bool:
    """ "Judge-Executive", "Investigator-in-charge": a compound with a title word in it is a title."""
    return "-" in norm and any(part in TITLE_WORDS or part in RANKS for part in norm.split("-"))


def word_class(token: Token, places: frozenset[str]) -> int:
    """What a word can be inside a name phrase: part of a name, of a title, a place, a connector … or nothing."""
    norm, word = token.norm, token.word
    if not word or not any(ch.isalpha() for ch in word):
        return OTHER
    if norm in COURTESY or norm in {"h", "hj", "haji", "hajjah"}:
        return HONOR
    if norm in HONORIFICS or norm in RANKS or norm in CORPS:
        return TITLE
    if norm in RANK_PARTS and (word[0].isupper() or word[0].isdigit()):
        return TITLE  # "Sgt. 1st Class Marcus Boyd"
    if not word[0].isupper():
        if norm in CONNECTORS:
            return CONN
        if norm in PARTICLES or norm.startswith(("al-", "el-")):
            return PARTICLE
        return ROLE if norm in ROLE_LOWER else OTHER
    if norm in REGIONAL_COURTESY:
        return HONOR
    if norm in TITLE_WORDS or norm in PLACE_INTRODUCERS or norm.startswith(_TITLE_PREFIXES) or _hyphenated_title(norm):
        return TITLE  # "Jalan", "Pasar", "Street" introduce a place's name as offices introduce a person's
    if norm in PLACES or norm in COMPASS:
        return PLACE
    if len(word) == 2 and word.endswith("."):
        return INITIAL
    if word.isupper() and len(word) >= 2:
        return ACRONYM
    if norm in PARTICLES:
        return PARTICLE
    if norm in STOPWORDS or norm in ID_SPEECH or norm in QUANTIFIERS:
        return OTHER  # "Ditambahkan Agus", "Sebagian warga": a verb or a quantifier, however capitalised
    if norm in places and norm not in FIRST_NAMES:
        return PLACE
    return NAME
