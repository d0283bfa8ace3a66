"""Who said it: speaker names, titles and attributions in Indonesian and English news copy.

``quotes.py`` finds the quoted passages; this module reads the words around them. It works on word tokens, so every
look-up is a set membership test and every phrase is read within a fixed number of tokens: the cost per quote or per
verb is bounded and the whole story is handled in linear time.

Three pieces:

* ``tokenize`` and the word lists it reads with (honorifics, ranks, title words, places, speech verbs: speech_words.py)
  — speaker_tokens.py;
* phrase readers that turn "Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon Muhammad Jatmika" into a title and a
  name (speaker_phrases.py), and recognise "ujarnya", "kata X", "X said", "said X, the city's policy analyst", "the
  official said" … (speaker_attribution.py), and find everyone a paragraph introduces, speaking or not
  (speaker_introductions.py);
* ``PersonRegistry``, everyone the story introduces with their fullest name, titles and the words of every role
  printed with them, so that a surname, a first name, a short form or a role noun ("the colonel", *sang kades*)
  finds them; and ``Discourse``, the running memory of who has the floor (a person, a group or an organisation),
  which resolves pronouns, surnames and descriptions (here, with ``place_evidence``).

This module is the public face: ``quotes.py`` imports everything it needs from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from articles.text.speaker_attribution import Mention, ParagraphReader, Subject
from articles.text.speaker_introductions import IntroducingReader, Introduction
from articles.text.speaker_tokens import Token, tokenize
from articles.text.speech_words import (
    FIRST_NAMES,
    ID_NYA,
    ID_PASSIVE,
    ID_ROOTS,
    INTRO_VERBS,
    OFFICE_MEANINGS,
    PARTICLES,
    RANK_MEANINGS,
    STOPWORDS,
)

__all__ = [
    "Discourse",
    "Floor",
    "IntroducingReader",
    "Introduction",
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
_SHORT_FORM = 3  # letters a short form of a name keeps at least: "Ardi" for "Ardiansyah"
_LONGEST_PREFIX = 12  # short forms are looked up by prefixes up to this length, so each name word adds a few keys

# Who holds the floor: a person's id (or None) and the kind of speaker ("person", "group", "organisation" or "").
Floor = tuple[int | None, str]
_NO_ONE: Floor = (None, "")


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
    _by_prefix: dict[str, list[int]] = field(default_factory=dict)  # "ardi" → people with a word "Ardiansyah"
    _keys: list[set[str]] = field(default_factory=list)  # name and alias words of each person
    _roles: list[set[str]] = field(default_factory=list)  # words of every title and description printed with them
    _called: dict[str, int] = field(default_factory=dict)  # one-word references: who "Grant" meant last time
    _names: list[frozenset[str]] = field(default_factory=list)  # the words of each person's name as it stands

    def knows(self, name: str) -> bool:
        return self._find(_name_keys(name)) is not None

    def _find(self, keys: tuple[str, ...], title: str = "") -> int | None:
        if not keys:
            return None
        candidates = self._by_word.get(keys[-1]) or self._by_word.get(keys[0]) or []
        # The most recent person whose name holds every word: "Jatmika" → "Muhammad Jatmika". When two people share
        # the word, a title printed with it picks the one who holds it: "Judge Brandt" is not Lisa Brandt.
        titled = {word for word in _title_words(title) if len(word) > 2} if title else set()
        called = self._called.get(keys[0]) if len(keys) == 1 and not titled else None
        if called is not None and keys[0] in self._keys[called]:
            # Two people share a surname: "Grant" is whoever the story has been calling "Grant".
            return called
        found = None
        for person_id in reversed(candidates[-_RECENT:]):
            if set(keys) <= self._keys[person_id]:
                if not titled or titled & self._roles[person_id]:
                    return person_id
                found = person_id if found is None else found
        return found

    def add(self, name: str, title: str = "", gender: str = "", alias: str = "", roles: str = "") -> int:
        """Return the id of this person, adding them or filling in a longer name, a title or a gender."""
        keys = _name_keys(name)
        title = _without_article(title)
        person_id = self._find(keys, title)
        if person_id is None and alias:
            person_id = self._find(_name_keys(alias))
        if person_id is None and len(keys) == 1 and len(keys[0]) >= _SHORT_FORM:
            # A short form of a name given in full: "Ardi" for Kompol Ardiansyah Putra.
            shortened = self._by_prefix.get(keys[0])
            person_id = shortened[-1] if shortened else None
        if person_id is None:
            # A longer name for someone first met by one word: "Budi" then "Budi Santoso".
            words = {*keys, *_name_keys(alias)}
            for key in keys:
                for candidate in reversed(self._by_word.get(key, [])[-_RECENT:]):
                    if self._names[candidate] <= words:
                        person_id = candidate
                        break
                if person_id is not None:
                    break
        if person_id is None:
            self.people.append(Person(name, title, gender))
            self._keys.append(set())
            self._roles.append(set())
            self._names.append(frozenset(keys))
            person_id = len(self.people) - 1
        else:
            known = self.people[person_id]
            longer = name if len(keys) > len(self._names[person_id]) else known.name
            self._names[person_id] = frozenset(_name_keys(longer))
            # Keep the first title unless a later one prints it in full:
            # "Kepala Pusat Data, Informasi …" replaces "Informasi …".
            fuller = title if known.title and known.title in title else known.title or title
            self.people[person_id] = Person(longer, fuller, known.gender or gender)
        self._keys[person_id].update(keys, _name_keys(alias))
        if len(keys) == 1:
            self._called[keys[0]] = person_id
        self._roles[person_id].update(_title_words(f"{title} {roles}"))
        for key in (*keys, *_name_keys(alias)):
            ids = self._by_word.setdefault(key, [])
            if not ids or ids[-1] != person_id:
                ids.append(person_id)
            for end in range(_SHORT_FORM, min(len(key), _LONGEST_PREFIX + 1)):
                ids = self._by_prefix.setdefault(key[:end], [])
                if not ids or ids[-1] != person_id:
                    ids.append(person_id)
        return person_id

    def set_gender(self, person_id: int, gender: str) -> None:
        if gender and not self.people[person_id].gender:
            self.people[person_id] = replace(self.people[person_id], gender=gender)

    def by_title(self, head: tuple[str, ...], recent: list[int]) -> int | None:
        """The recent person whose title shares most words with a description ("the analyst", "Kapolres itu",
        "the colonel" for "Lt. Col.", "jenderal bintang dua itu" for "Irjen"), the most recent of equals."""
        words = {word for word in _title_words(" ".join(head)) if len(word) > 2 and word not in STOPWORDS}
        if not words:
            return None
        best, best_shared = None, 0
        for person_id in reversed(recent[-_RECENT:]):
            shared = len(words & self._roles[person_id])
            if shared > best_shared:
                best, best_shared = person_id, shared
        return best


def _without_article(title: str) -> str:
    """ "seorang warga Desa Cugenang" is titled "warga Desa Cugenang": the article says only that it is someone."""
    head, _, rest = title.partition(" ")
    return rest if head.lower() == "seorang" and rest else title


@lru_cache(maxsize=4096)
def _title_words(title: str) -> frozenset[str]:
    """The words of a title, ranks and offices written short also spelled out: "Lt. Col." → lt, col, lieutenant,
    colonel; "Kades" → kades, kepala, desa."""
    words = set(title.lower().replace("'s", "").replace("\u2019s", "").replace(",", " ").replace(".", " ").split())
    for word in list(words):
        words.update(RANK_MEANINGS.get(word, "").split())
        words.update(OFFICE_MEANINGS.get(word, "").split())
    return frozenset(words)


class Discourse:
    """The running memory of who is speaking, read in story order.

    Speech (an attributed quote, "X mengatakan", "Menurut X") gives a speaker the floor: a person, a group or an
    organisation. A person who opens a sentence without a speech verb is a weaker candidate: a following "ujarnya"
    means them only when they open a sentence in the same or the previous paragraph; otherwise the last real speaker
    keeps the floor. A person the story introduces in full with no speech ("… hadir pula Kepala Dinas X Ratna Sari.")
    is the speaker of a quote with no attribution right after that sentence, and nothing more. A person merely
    mentioned elsewhere in a sentence changes nothing. An anonymous speaker ("a spokesman said") takes the floor as
    no one, so that "he added" after it stays unknown.
    """

    def __init__(self, registry: PersonRegistry) -> None:
        self.registry = registry
        self._strong: tuple[Floor, int] | None = None
        self._weak: tuple[int, int, int] | None = None  # person, sequence, paragraph
        self._introduced: tuple[int, int, int] | None = None  # person, sequence, paragraph
        self._seq = 0
        self._recent: list[int] = []

    def current(self, paragraph: int) -> Floor:
        weak, strong = self._weak, self._strong
        if weak is not None and (strong is None or (weak[1] > strong[1] and weak[2] >= paragraph - 1)):
            return weak[0], "person"
        return strong[0] if strong is not None else _NO_ONE

    def unattributed(self, paragraph: int) -> Floor:
        """The speaker of a quote with no attribution: a person introduced just before it, or whoever has the floor."""
        introduced = self._introduced
        if introduced is not None and introduced[2] >= paragraph - 1:
            later_than = max(self._strong[1] if self._strong else 0, self._weak[1] if self._weak else 0)
            if introduced[1] > later_than:
                return introduced[0], "person"
        return self.current(paragraph)

    def speak(self, floor: Floor) -> None:
        self._seq += 1
        self._strong = (floor, self._seq)
        if floor[0] is not None:
            self._remember(floor[0])

    def open_sentence(self, person_id: int, paragraph: int) -> None:
        self._seq += 1
        self._weak = (person_id, self._seq, paragraph)
        self._remember(person_id)

    def introduce(self, person_id: int, paragraph: int, *, leads: bool) -> None:
        """Note a person the story presents; ``leads`` when they are the first person their sentence names."""
        self._remember(person_id)
        if leads:
            self._seq += 1
            self._introduced = (person_id, self._seq, paragraph)

    def last_person(self) -> int | None:
        """The person the story last presented, speaking or not."""
        return self._recent[-1] if self._recent else None

    def _remember(self, person_id: int) -> None:
        if self._recent and self._recent[-1] == person_id:
            return
        self._recent.append(person_id)
        if len(self._recent) > 4 * _RECENT:
            del self._recent[: 2 * _RECENT]

    def resolve(self, subject: Subject, paragraph: int) -> Floor:
        """Turn a subject into who has the floor (no one when the story does not make the speaker clear)."""
        if subject.kind == "person":
            added = self.registry.add(subject.name, subject.title, subject.gender, subject.alias, subject.roles)
            return added, "person"
        if subject.kind in ("group", "organisation"):
            return None, subject.kind
        if subject.kind == "plural":
            # "…," kata mereka: the group or body that spoke last, if one did.
            floor = self.current(paragraph)
            return floor if floor[1] in ("group", "organisation") else _NO_ONE
        if subject.kind == "pronoun":
            floor = self.current(paragraph)
            person_id = floor[0]
            if person_id is not None and subject.gender:
                known = self.registry.people[person_id].gender
                if known and known != subject.gender:
                    # "she said" after a man spoke: the last woman who spoke, if any.
                    for other in reversed(self._recent[-_RECENT:]):
                        if self.registry.people[other].gender in ("", subject.gender) and other != person_id:
                            return other, "person"
                    return _NO_ONE
                self.registry.set_gender(person_id, subject.gender)
            return floor
        if subject.kind in ("definite", "title"):
            candidates = [*self._recent]
            current = self.current(paragraph)
            if current[0] is not None:
                candidates.append(current[0])
            matched = self.registry.by_title(subject.head, candidates)
            if matched is not None:
                return matched, "person"
            return current if subject.kind == "definite" and current[1] == "person" else _NO_ONE
        return _NO_ONE
