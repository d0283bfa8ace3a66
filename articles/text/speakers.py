"""Who said it: speaker names, titles and attributions in Indonesian and English news copy.

``quotes.py`` finds the quoted passages; this module reads the words around them. It works on word tokens, so every
look-up is a set membership test and every phrase is read within a fixed number of tokens: the cost per quote or per
verb is bounded and the whole story is handled in linear time.

Three pieces:

* ``tokenize`` and the word lists it reads with (honorifics, ranks, title words, places, speech verbs: speech_words.py)
  — speaker_tokens.py;
* phrase readers that turn "Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon Muhammad Jatmika" into a title and a
  name (speaker_phrases.py), and recognise "ujarnya", "kata X", "X said", "said X, the city's policy analyst", "the
  official said" … (speaker_attribution.py);
* ``Discourse``, the running memory of who has been speaking, which resolves pronouns, surnames and descriptions
  (here, with ``PersonRegistry`` and ``place_evidence``).

This module is the public face: ``quotes.py`` imports everything it needs from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from articles.text.speaker_attribution import Mention, ParagraphReader, Subject
from articles.text.speaker_tokens import Token, tokenize
from articles.text.speech_words import (
    FIRST_NAMES,
    ID_NYA,
    ID_PASSIVE,
    ID_ROOTS,
    INTRO_VERBS,
    PARTICLES,
    STOPWORDS,
)

__all__ = [
    "Discourse",
    "Mention",
    "ParagraphReader",
    "PersonRegistry",
    "Subject",
    "Token",
    "is_speech_word",
    "place_evidence",
    "tokenize",
]


_RECENT = 40  # people searched when a description or pronoun needs an antecedent


def is_speech_word(norm: str) -> bool:
    """True for a word that attributes speech on its own ("ujarnya", "said", "mengatakan", "kata")."""
    return norm in ID_NYA or norm in ID_ROOTS or norm in INTRO_VERBS or norm in ID_PASSIVE


_PLACE_RE = re.compile(r"\b(?:di|ke|in|at|Kota|Kabupaten|Kecamatan|Desa|Kelurahan|Provinsi) {1,2}([A-Z][a-z]{2,})\b")


def place_evidence(texts: Iterable[str]) -> frozenset[str]:
    """Capitalised words the story itself uses as places: after "di", "ke", "in", "at", "Kota", "Kabupaten" …

    Such a word at the front of a would-be name is a place the word lists do not know ("Dinas Pendidikan Sleman
    Ahmad Fulan" in a story that also says "di Sleman").
    """
    found = set()
    for text in texts:
        for match in _PLACE_RE.finditer(text):
            word = match.group(1).lower()
            if word not in FIRST_NAMES and word not in STOPWORDS:
                found.add(word)
    return frozenset(found)


# --- People in the story ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    """Someone the story quotes or presents: ``name`` without titles; ``title`` as first printed."""

    name: str
    title: str = ""
    gender: str = ""


def _name_keys(name: str) -> tuple[str, ...]:
    return tuple(part for part in name.lower().replace(".", " ").split() if len(part) > 1 and part not in PARTICLES)


@dataclass
class PersonRegistry:
    """Everyone named in the story, so that "lanjut Jatmika" finds "Muhammad Jatmika" and titles carry over."""

    people: list[Person] = field(default_factory=list)
    _by_word: dict[str, list[int]] = field(default_factory=dict)
    _keys: list[set[str]] = field(default_factory=list)  # name and alias words of each person

    def knows(self, name: str) -> bool:
        return self._find(_name_keys(name)) is not None

    def _find(self, keys: tuple[str, ...]) -> int | None:
        if not keys:
            return None
        candidates = self._by_word.get(keys[-1]) or self._by_word.get(keys[0]) or []
        # The most recent person whose name holds every word: "Jatmika" → "Muhammad Jatmika".
        for person_id in reversed(candidates[-_RECENT:]):
            if set(keys) <= self._keys[person_id]:
                return person_id
        return None

    def add(self, name: str, title: str = "", gender: str = "", alias: str = "") -> int:
        """Return the id of this person, adding them or filling in a longer name, a title or a gender."""
        keys = _name_keys(name)
        person_id = self._find(keys)
        if person_id is None and alias:
            person_id = self._find(_name_keys(alias))
        if person_id is None:
            # A longer name for someone first met by one word: "Budi" then "Budi Santoso".
            for key in keys:
                for candidate in reversed(self._by_word.get(key, [])[-_RECENT:]):
                    if set(_name_keys(self.people[candidate].name)) <= set(keys) | set(_name_keys(alias)):
                        person_id = candidate
                        break
                if person_id is not None:
                    break
        if person_id is None:
            self.people.append(Person(name, title, gender))
            self._keys.append(set())
            person_id = len(self.people) - 1
        else:
            known = self.people[person_id]
            longer = name if len(keys) > len(_name_keys(known.name)) else known.name
            # Keep the first title unless a later one prints it in full:
            # "Kepala Pusat Data, Informasi …" replaces "Informasi …".
            fuller = title if known.title and known.title in title else known.title or title
            self.people[person_id] = Person(longer, fuller, known.gender or gender)
        self._keys[person_id].update(keys, _name_keys(alias))
        for key in (*keys, *_name_keys(alias)):
            ids = self._by_word.setdefault(key, [])
            if not ids or ids[-1] != person_id:
                ids.append(person_id)
        return person_id

    def set_gender(self, person_id: int, gender: str) -> None:
        if gender and not self.people[person_id].gender:
            self.people[person_id] = replace(self.people[person_id], gender=gender)

    def by_title(self, head: tuple[str, ...], recent: list[int]) -> int | None:
        """The most recent speaker whose title shares a word with a description ("the analyst", "Kapolres itu")."""
        words = {word for word in head if len(word) > 2 and word not in STOPWORDS}
        if not words:
            return None
        for person_id in reversed(recent[-_RECENT:]):
            title_words = set(self.people[person_id].title.lower().replace("'s", "").replace(",", " ").split())
            if words & title_words:
                return person_id
        return None


class Discourse:
    """The running memory of who is speaking, read in story order.

    Speech (an attributed quote, "X mengatakan", "Menurut X") makes a person the current speaker. A person who opens
    a sentence without a speech verb is a weaker candidate: a following "ujarnya" means them only when they open a
    sentence in the same or the previous paragraph; otherwise the last real speaker keeps the floor. A person merely
    mentioned elsewhere in a sentence changes nothing. An anonymous speaker ("a spokesman said") takes the floor as
    no one, so that "he added" after it stays unknown.
    """

    def __init__(self, registry: PersonRegistry) -> None:
        self.registry = registry
        self._strong: tuple[int | None, int] | None = None
        self._weak: tuple[int, int, int] | None = None  # person, sequence, paragraph
        self._seq = 0
        self._recent: list[int] = []

    def current(self, paragraph: int) -> int | None:
        weak, strong = self._weak, self._strong
        if weak is not None and (strong is None or (weak[1] > strong[1] and weak[2] >= paragraph - 1)):
            return weak[0]
        return strong[0] if strong is not None else None

    def speak(self, person_id: int | None) -> None:
        self._seq += 1
        self._strong = (person_id, self._seq)
        if person_id is not None:
            self._recent.append(person_id)
            if len(self._recent) > 4 * _RECENT:
                del self._recent[: 2 * _RECENT]

    def open_sentence(self, person_id: int, paragraph: int) -> None:
        self._seq += 1
        self._weak = (person_id, self._seq, paragraph)

    def resolve(self, subject: Subject, paragraph: int) -> int | None:
        """Turn a subject into a person id (or None when the story does not make the speaker clear)."""
        if subject.kind == "person":
            return self.registry.add(subject.name, subject.title, subject.gender, subject.alias)
        if subject.kind == "pronoun":
            person_id = self.current(paragraph)
            if person_id is not None and subject.gender:
                known = self.registry.people[person_id].gender
                if known and known != subject.gender:
                    # "she said" after a man spoke: the last woman who spoke, if any.
                    for other in reversed(self._recent[-_RECENT:]):
                        if self.registry.people[other].gender in ("", subject.gender) and other != person_id:
                            return other
                    return None
                self.registry.set_gender(person_id, subject.gender)
            return person_id
        if subject.kind in ("definite", "title"):
            candidates = [*self._recent]
            current = self.current(paragraph)
            if current is not None:
                candidates.append(current)
            matched = self.registry.by_title(subject.head, candidates)
            if matched is not None or subject.kind == "title":
                return matched
            return current
        return None
