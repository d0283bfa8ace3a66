"""Word stems for search, so “pompanya”, “kebanjiran” and “dibangun” find “pompa”, “banjir” and “bangun”. Pure.

- Indonesian: Sastrawi (PySastrawi), a dictionary-based stemmer (Nazief and Adriani and its successors): an affix comes
  off only when what remains is a root in its dictionary, so names and foreign words come back untouched.
- English: a light suffix rule (plurals, -ed, -ing, a final -e), enough for “floods”, “flooded” and “flooding” to
  meet. The same function stems the story when it is indexed and the reader's words when they search, so the two
  always agree; PostgreSQL's ``english`` snowball config does the finer work there.

Each word's stem is cached (``lru_cache``): news text repeats its words, and Sastrawi tries many affix combinations
per word, so an archive is re-indexed mostly from the cache. The cache is bounded, unlike Sastrawi's own.

articles/search.py stores these stems beside the exact words (SQLite) or in the document (PostgreSQL);
articles/text/snippets.py uses them to mark the matched words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The same split as the search engines': letters and digits; punctuation and hyphens separate words.
_WORD = re.compile(r"[^\W_]+")
_VOWELS_AND_DOUBLES = frozenset("aeiouslz")  # “called”, “passed”, “buzzed” keep their double letter


def fold(text: str) -> str:
    """Lower case without accents: “CAFÉ” and “cafe” are one word, as the search index sees them."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    if text.isascii():
        return _WORD.findall(text.lower())
    # Word by word, each folded once (cached): folding a whole story character by character is what would be slow.
    return [_fold_word(word) for word in _WORD.findall(unicodedata.normalize("NFC", text))]


@lru_cache(maxsize=50_000)
def _fold_word(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=1)
def _sastrawi():
    # Imported and loaded on first use (the 30,000-word dictionary): importing this module stays free.
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The plain stemmer under our own bounded cache, not the factory's CachedStemmer, whose cache never empties.
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=50_000)
def stem_id(word: str) -> str:
    """The Indonesian root of one folded word; a word Sastrawi cannot read (digits, other scripts) is kept."""
    if not (word.isascii() and word.isalpha()) or len(word) <= 3:
        return word
    return _sastrawi().stem_word(word) or word


@lru_cache(maxsize=50_000)
def stem_en(word: str) -> str:
    """A light English stem of one folded word: plural, past and -ing forms meet at one stem."""
    if not (word.isascii() and word.isalpha()) or len(word) <= 3:
        return word
    stem = word
    if stem.endswith(("ies", "ied")) and len(stem) > 4:
        stem = stem[:-3] + "y"
    elif stem.endswith(("sses", "xes", "ches", "shes", "zzes")):
        stem = stem[:-2]
    elif stem.endswith("s") and not stem.endswith(("ss", "us", "is")):
        stem = stem[:-1]
    elif stem.endswith("ing") and len(stem) >= 6:
        stem = _undouble(stem[:-3])
    elif stem.endswith("ed") and len(stem) >= 5:
        stem = _undouble(stem[:-2])
    if stem.endswith("e") and len(stem) > 4:  # “house” meets “houses” (a short “cafe” keeps its e)
        stem = stem[:-1]
    return stem


def _undouble(stem: str) -> str:
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS_AND_DOUBLES:
        return stem[:-1]
    return stem


def stem_word(word: str, language: str) -> str:
    """One folded word's stem in a story's language (``id`` or ``en``); other languages keep their words."""
    if language == "id":
        return stem_id(word)
    if language == "en":
        return stem_en(word)
    return word


def stem_text(text: str, language: str) -> str:
    """A text as its stems, folded and separated by spaces: what the search index stores beside the exact words."""
    return " ".join(stem_word(word, language) for word in words(text))


def query_stems(word: str) -> set[str]:
    """The stems a reader's (folded) word may have in a story: Indonesian and English, since a query has no
    language of its own."""
    return {stem_id(word), stem_en(word)}


def reading_order_key(name: str) -> tuple[bool, str, str]:
    """Sorts names as a reader of Indonesian or English looks them up: case and accents ignored, names in other
    scripts (Cyrillic, Arabic, Chinese…) after the Latin ones."""
    folded = fold(name)
    latin = all(unicodedata.name(char, "").startswith("LATIN") for char in folded if char.isalpha())
    return (not latin, folded, name)
