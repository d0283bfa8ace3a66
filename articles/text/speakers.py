"""Who said it: speaker names, titles and attributions in Indonesian and English news copy.

``quotes.py`` finds the quoted passages; this module reads the words around them. It works on word tokens, so every
look-up is a set membership test and every phrase is read within a fixed number of tokens: the cost per quote or per
verb is bounded and the whole story is handled in linear time.

Three pieces:

* ``tokenize`` and the word lists it reads with (honorifics, ranks, title words, places, speech verbs: speech_words.py);
* phrase readers that turn "Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon Muhammad Jatmika" into a title and a
  name, and recognise "ujarnya", "kata X", "X said", "said X, the city's policy analyst", "the official said" …;
* ``Discourse``, the running memory of who has been speaking, which resolves pronouns, surnames and descriptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from articles.text.speech_words import (
    BETWEEN,
    COMPASS,
    CONNECTORS,
    COURTESY,
    COURTESY_FEMALE,
    COURTESY_MALE,
    DEFINITE,
    DEGREES,
    DEMONSTRATIVES,
    EN_VERBS,
    FIRST_NAMES,
    HONORIFICS,
    ID_NYA,
    ID_PASSIVE,
    ID_ROOTS,
    INDEFINITE,
    INTRO_VERBS,
    INTRODUCERS,
    ORG_HEADS,
    PARTICLES,
    PLACES,
    PLURAL_ROLES,
    PRONOUNS_FEMALE,
    PRONOUNS_MALE,
    PRONOUNS_ONE,
    PRONOUNS_OTHER,
    RANKS,
    ROLE_LOWER,
    STOPWORDS,
    TITLE_WORDS,
    WEAK_INTRODUCERS,
    _words,
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


_MAX_PHRASE = 16  # tokens in a name phrase: titles run long ("Asisten Pemerintahan (Aspem) Sekko …"), names do not
_MAX_APPOSITIVE = 14  # tokens between the commas of "John Smith, the city's policy analyst, said"
_RECENT = 40  # people searched when a description or pronoun needs an antecedent


def is_speech_word(norm: str) -> bool:
    """True for a word that attributes speech on its own ("ujarnya", "said", "mengatakan", "kata")."""
    return norm in ID_NYA or norm in ID_ROOTS or norm in INTRO_VERBS or norm in ID_PASSIVE


# --- Tokens ----------------------------------------------------------------------------------------------------------
_TOKEN_RE = re.compile(r"\S+")
_LEAD = "([{<'\u2018\u201a`*\u2014\u2013"
_TRAIL = ".,;:!?)]}>'\u2019\u2026*\u2014\u2013"
# Abbreviations whose dot belongs to the word, so "Gen." or "Dr." does not end a sentence.
_ABBREVIATIONS = (
    HONORIFICS
    | RANKS
    | COURTESY
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
    return tokens


# --- Reading a paragraph's words -------------------------------------------------------------------------------------
_NAME, _TITLE, _PLACE, _HONOR, _CONN, _PARTICLE, _ROLE, _OTHER, _INITIAL, _ACRONYM = range(10)
_IN_PHRASE = frozenset({_NAME, _TITLE, _PLACE, _HONOR, _PARTICLE, _ROLE, _INITIAL, _ACRONYM})
_NAME_PARTS = (_NAME, _INITIAL, _PARTICLE)
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
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][A-Za-z.]{0,6}$")
_NOT_TITLES = _words("who which whose where when yang adding saying referring speaking citing noting")
_ARTICLES = _words("a an the")
# Words that open an adverbial between a subject and its verb: "Budi kepada wartawan mengatakan".
_ADVERBIAL = _words("kepada saat ketika usai seusai setelah sesudah sebelum dalam di pada melalui lewat via")


def _word_class(token: Token, places: frozenset[str]) -> int:
    """What a word can be inside a name phrase: part of a name, of a title, a place, a connector … or nothing."""
    norm, word = token.norm, token.word
    if not word or not any(ch.isalpha() for ch in word):
        return _OTHER
    if norm in COURTESY or norm in {"h", "hj", "haji", "hajjah"}:
        return _HONOR
    if norm in HONORIFICS or norm in RANKS:
        return _TITLE
    if not word[0].isupper():
        if norm in CONNECTORS:
            return _CONN
        if norm in PARTICLES or norm.startswith(("al-", "el-")):
            return _PARTICLE
        return _ROLE if norm in ROLE_LOWER else _OTHER
    if norm in TITLE_WORDS or norm.startswith(_TITLE_PREFIXES):
        return _TITLE
    if norm in PLACES or norm in COMPASS:
        return _PLACE
    if len(word) == 2 and word.endswith("."):
        return _INITIAL
    if word.isupper() and len(word) >= 2:
        return _ACRONYM
    if norm in PARTICLES:
        return _PARTICLE
    if norm in STOPWORDS:
        return _OTHER
    if norm in places and norm not in FIRST_NAMES:
        return _PLACE
    return _NAME


@dataclass(frozen=True)
class NamePhrase:
    """A name phrase split into its parts; ``name`` is empty when the phrase names only an office or a place."""

    title: str
    name: str
    alias: str = ""
    gender: str = ""


@dataclass(frozen=True)
class Subject:
    """Who an attribution points at, before it is resolved against the story.

    ``kind`` is "person" (a name, possibly a surname only), "pronoun" (ujarnya, he said), "definite" (the official,
    pria itu: someone already in the story), "title" (kata Kapolres: an office without a name) or "anonymous"
    (a spokesman, seorang warga, they). ``end`` is the index of the token after the attribution.
    """

    kind: str
    end: int
    name: str = ""
    title: str = ""
    alias: str = ""
    head: tuple[str, ...] = ()
    gender: str = ""


@dataclass(frozen=True)
class Mention:
    """A speaker presented in the story's own words at token ``index``; ``strong`` when a speech verb says so."""

    index: int
    subject: Subject
    strong: bool


class ParagraphReader:
    """Reads the words of one paragraph: name phrases, attributions, and the speakers its sentences present.

    ``text`` must have its double quote marks blanked out (same length, so offsets hold). ``barrier`` marks tokens
    that sentences must not be read across: words inside quotes and attributions already used by a quote.
    """

    def __init__(self, text: str, places: frozenset[str], *, english: bool) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.places = places
        self.english = english
        self.barrier = [False] * len(self.tokens)

    # Name phrases ------------------------------------------------------------------------------------------------
    def _slice(self, first: int, last: int) -> str:
        """The text as printed from token ``first`` to ``last`` (inclusive), without trailing punctuation."""
        if last < first:
            return ""
        text = self.text[self.tokens[first].start : self.tokens[last].end].strip(" ,;:")
        if text.count("(") > text.count(")") and self.tokens[last].trail.startswith(")"):
            text += ")"  # "… Bogor (IPB)": the bracket closes in the token's trailing punctuation
        return text

    def phrase_end(self, start: int, limit: int) -> int:
        """Read a name phrase forwards from ``start``; return the index after its last token."""
        tokens, index, depth = self.tokens, start, 0
        while index < limit and index - start < _MAX_PHRASE:
            token = tokens[index]
            if not token.word:
                break
            depth += token.lead.count("(")
            if depth == 0:
                cls = _word_class(token, self.places)
                if cls == _CONN:
                    following = tokens[index + 1] if index + 1 < limit else None
                    if following is None or not following.capital or index == start or tokens[index - 1].ends_clause:
                        break
                elif cls not in _IN_PHRASE:
                    break
            depth = max(0, depth - token.trail.count(")"))
            index += 1
            if depth == 0 and token.ends_clause:
                break
        return index

    def phrase_start(self, last: int, floor: int) -> int:
        """Read a name phrase backwards ending at ``last``; return the index of its first token."""
        tokens, index, depth = self.tokens, last, 0
        while index >= floor and last - index < _MAX_PHRASE:
            token = tokens[index]
            if index != last and depth == 0 and token.ends_clause and not self._comma_in_title(index):
                break
            if not token.word:
                break
            depth += token.trail.count(")")
            if depth == 0:
                cls = _word_class(token, self.places)
                if cls == _CONN:
                    before = tokens[index - 1] if index - 1 >= floor else None
                    if before is None or not before.capital or before.ends_clause or index == last:
                        break
                elif cls not in _IN_PHRASE:
                    break
            depth = max(0, depth - token.lead.count("("))
            index -= 1
        start = index + 1
        if floor < start <= last and tokens[start - 1].norm in DEFINITE and not tokens[start - 1].ends_clause:
            start -= 1  # "The city's policy analyst, Jane Doe, said": the article belongs to the title as printed
        return self._role_before(start, floor)

    def _comma_in_title(self, index: int) -> bool:
        """A comma inside an Indonesian title: "Kepala Pusat Data, Informasi dan …", "Politik, Hukum, dan Keamanan"."""
        token, following = self.tokens[index], self.tokens[index + 1]
        if not token.comma or token.trail.startswith(",,") or not token.capital:
            return False
        if _word_class(token, self.places) != _TITLE:
            return False
        return _word_class(following, self.places) in (_TITLE, _CONN) and following.norm != "the"

    def _role_before(self, start: int, floor: int) -> int:
        """Extend a name phrase back over a lower-case role that opens its clause: "pengamat pertanian dari IPB …"."""
        tokens, index = self.tokens, start
        while index > floor and start - index < 4:
            previous = tokens[index - 1]
            if not previous.word or previous.ends_clause or previous.capital:
                break
            if previous.norm in STOPWORDS and previous.norm not in CONNECTORS:
                break
            index -= 1
        while index < start and tokens[index].norm not in TITLE_WORDS | ROLE_LOWER:
            index += 1  # the run must begin with a role word, or it is not part of the title
        opens_clause = index == floor or tokens[index - 1].ends_clause or tokens[index - 1].norm in STOPWORDS
        return index if index < start and opens_clause else start

    def split(self, first: int, last: int) -> NamePhrase:
        """Split tokens ``first..last`` into the title (everything before the name, as printed) and the name.

        Indonesian copy puts the whole title before the name ("Analis Kebijakan … Kota Cirebon Muhammad Jatmika"), so
        the name is the run of name-like words at the end, after the last title, rank or place word. A word right
        after "Kota", "Polres", "Bupati" … is a place even when no list knows it.
        """
        tokens = self.tokens
        classes: list[int] = []
        depth = 0
        for index in range(first, last + 1):
            token = tokens[index]
            depth += token.lead.count("(")
            cls = _ACRONYM if depth > 0 else _word_class(token, self.places)
            depth = max(0, depth - token.trail.count(")"))
            if cls == _NAME and classes and classes[-1] in (_TITLE, _ROLE) and self._names_place(index, last):
                cls = _PLACE
            classes.append(cls)
        end, alias = len(classes), ""
        if ")" in tokens[last].trail:
            # "Presiden Joko Widodo (Jokowi)": a bracket right after a name holds the name people use.
            bracket = end - 1
            while bracket > 0 and "(" not in tokens[first + bracket].lead:
                bracket -= 1
            if bracket > 0 and _word_class(tokens[first + bracket - 1], self.places) == _NAME:
                inside = self._slice(first + bracket, last).strip("()")
                alias = inside if any(ch.isalpha() for ch in inside) else ""  # "(45)" is an age, not a name
                end = bracket
        name_end = end
        short_acronym = end >= 2 and classes[end - 1] == _ACRONYM and len(tokens[first + end - 1].word) <= 3
        if short_acronym and classes[end - 2] == _NAME:
            classes[end - 1] = _NAME  # "Mahfud MD"
        name_start = name_end
        while name_start > 0 and classes[name_start - 1] in _NAME_PARTS:
            name_start -= 1
        if name_start == name_end or classes[name_start - 1 : name_start] == [_CONN]:
            # "Gov. Greg Abbott of Texas", "Budi dari Fraksi Golkar": the name before a connector, the rest a title.
            for conn in range(name_start - 1, 0, -1):
                if classes[conn] == _CONN and classes[conn - 1] == _NAME:
                    left = conn - 1
                    while left > 0 and classes[left - 1] in _NAME_PARTS:
                        left -= 1
                    title = self._slice(first, first + left - 1)
                    qualifier = self._slice(first + conn, first + end - 1)
                    if not title:
                        qualifier = qualifier.split(" ", 1)[-1]
                    return self._finish(first, left, conn, " ".join(p for p in (title, qualifier) if p), alias)
        while name_start < name_end and classes[name_start] == _PARTICLE:
            name_start += 1
        if name_start == name_end:
            return NamePhrase(self._slice(first, first + end - 1), "")
        if name_end - name_start >= 3 and tokens[first + name_start].norm not in FIRST_NAMES:
            # A long run of unknown capitalised words usually opens with a place no list knows: "… Sleman Ahmad Fulan".
            for index in range(name_start + 1, name_end - 1):
                if tokens[first + index].norm in FIRST_NAMES:
                    name_start = index
                    break
        title_end = name_start
        while title_end > 0 and (classes[title_end - 1] == _HONOR or tokens[first + title_end - 1].norm in HONORIFICS):
            title_end -= 1  # "… Kabupaten Sleman Drs. H. Bambang": the honorifics are the person's, not the office's
        title = self._slice(first, first + title_end - 1)
        if all(cls in (_HONOR, _PLACE, _OTHER) for cls in classes[:title_end]):
            title = ""  # "Pak Budi", "Di Jakarta Budi": courtesy words and places are no title
        return self._finish(first, name_start, name_end, title, alias)

    def _names_place(self, index: int, last: int) -> bool:
        """Whether the unknown word at ``index``, right after an introducer, is the place or body it introduces.

        "Bupati Kebumen Arif Sugiyanto": yes. "Dinas Pertamanan Kota Ratna Kusumawardani": no, as "Kota" can end a
        department's name; after it, a place needs two name words still to follow, and a known first name never is.
        """
        tokens = self.tokens
        introducer = tokens[index - 1].norm
        if introducer not in INTRODUCERS or tokens[index].norm in FIRST_NAMES:
            return False
        following = 0
        while index + following + 1 <= last and _word_class(tokens[index + following + 1], self.places) == _NAME:
            following += 1
        return following >= (2 if introducer in WEAK_INTRODUCERS else 1)

    def _finish(self, first: int, name_start: int, name_end: int, title: str, alias: str) -> NamePhrase:
        before = {self.tokens[first + i].norm for i in range(name_start)}
        gender = "m" if before & COURTESY_MALE else "f" if before & COURTESY_FEMALE else ""
        name = self._slice(first + name_start, first + name_end - 1).strip("()")
        return NamePhrase(title, name, alias, gender)

    # Subjects ------------------------------------------------------------------------------------------------------
    def description(self, start: int, limit: int, *, verb_follows: bool) -> Subject | None:
        """Read a lower-case description ("the official", "pria berusia 45 tahun itu", "seorang warga")."""
        tokens, index, words = self.tokens, start, []
        while index < limit and index - start < 8:
            token = tokens[index]
            if not token.word or (verb_follows and token.norm in INTRO_VERBS):
                break
            words.append(token)
            index += 1
            if token.ends_clause:
                break
        if not words:
            return None
        first = words[0].norm
        if first in INDEFINITE or any(w.capital and w.word.endswith(("'s", "\u2019s")) for w in words):
            return Subject("anonymous", index)  # "a spokesman", "Smith's lawyer": not anyone quoted so far
        heads = tuple(w.norm for w in words if w.norm not in DEFINITE | DEMONSTRATIVES | STOPWORDS)
        if heads and heads[-1] in ORG_HEADS:
            return Subject("anonymous", index)
        for offset, token in enumerate(words):
            if token.norm in DEMONSTRATIVES:
                # Stop at the demonstrative: "kata pria itu kepada wartawan" is about "pria itu".
                return Subject("definite", start + offset + 1, head=heads)
        if first in DEFINITE:
            if len(words) > 1 and words[1].capital:
                return None  # "the Pentagon", "the White House": a name phrase, read as such
            return Subject("definite", index, head=heads)
        return Subject("anonymous", index)

    def appositive(self, start: int, limit: int, *, closed: bool) -> tuple[str, int] | None:
        """Read ", the city's policy analyst" after a name; return the title ("" when not one) and the index after.

        With ``closed`` the appositive must end in a comma, a verb following it; otherwise it runs to the sentence end
        or the next comma. Relative clauses, ages and participles ("who …", "45", "adding …") are not titles.
        """
        tokens, index = self.tokens, start
        while index < limit and index - start < _MAX_APPOSITIVE:
            token = tokens[index]
            index += 1
            if not token.word:
                return None
            if token.ends_clause:
                if closed and not (token.comma or token.trail.startswith(";")):
                    return None
                break
        else:
            if closed:
                return None
        if index == start:
            return None
        first = tokens[start]
        if _PARTY_TAG.match(first.word) and index - start == 1:
            return "", index  # "Chuck Schumer, D-N.Y.": party and state, not a title
        titled = first.norm in _ARTICLES or first.norm in TITLE_WORDS or first.norm in ROLE_LOWER or first.capital
        if first.norm in _NOT_TITLES or first.norm.isdigit() or first.norm.endswith("ing") or not titled:
            return ("", index) if closed else None
        return self._slice(start, index - 1), index

    def _pick_title(self, before: str, appositive: str) -> str:
        # English copy describes people after the name ("Mark Milley, chairman of the Joint Chiefs"); Indonesian
        # copy before it. Each language's usual place wins when a story prints both, except that a bare rank
        # ("AKBP Rina Marlina, Kasat Reskrim …") gives way to the office after the name.
        if not appositive:
            return before
        rank_only = all(word.lower().replace(".", "") in RANKS | HONORIFICS for word in before.split())
        if self.english or rank_only:
            return appositive
        return before

    def subject_after(self, start: int, limit: int, *, verb_follows: bool) -> Subject | None:
        """Read who is named from ``start``: after "kata"/"said" (``verb_follows`` False) or before "said" (True)."""
        tokens = self.tokens
        while not verb_follows and start < limit and tokens[start].norm in ("oleh", "by"):
            start += 1  # "disampaikan oleh Budi"
        if start >= limit or not tokens[start].word:
            return None
        token = tokens[start]
        if token.norm in PRONOUNS_ONE:
            return Subject("pronoun", start + 1, gender=_pronoun_gender(token.norm))
        if token.norm in PRONOUNS_OTHER:
            return Subject("anonymous", start + 1)
        if not token.capital and token.norm in ROLE_LOWER | TITLE_WORDS:
            # "said council member Maria Okafor", "parent Melissa Grant told": a lower-case role before a name.
            end = start
            while end < limit and end - start < 4 and tokens[end].word and not tokens[end].capital:
                if tokens[end].ends_clause or tokens[end].norm in INTRO_VERBS:
                    break
                end += 1
            end = self.phrase_end(end, limit) if end < limit and tokens[end].capital else start
            if end > start:
                phrase = self.split(start, end - 1)
                named = self._name_after_comma(end, limit) if tokens[end - 1].comma else None
                if named is not None:  # "kata warga Cilandak, Budi Hartono"
                    return replace(named, title=self._slice(start, end - 1))
                if phrase.name:
                    return Subject("person", end, phrase.name, phrase.title, phrase.alias, gender=phrase.gender)
        if token.norm in PLURAL_ROLES and not verb_follows:
            return Subject("anonymous", start + 1)  # "kata warga", "said officials"
        if not token.capital and token.norm in STOPWORDS and token.norm not in DEFINITE | INDEFINITE:
            return None  # "… estimated at $2 billion": a preposition is nobody
        if not token.capital or token.norm in DEFINITE | INDEFINITE | PLURAL_ROLES:
            described = self.description(start, limit, verb_follows=verb_follows)
            if described is None and token.norm in DEFINITE:
                return self.subject_after(start + 1, limit, verb_follows=verb_follows)
            if described is not None and described.end < limit and tokens[described.end - 1].comma:
                # "the company's spokeswoman, Jane Doe, said"
                named = self.subject_after(described.end, limit, verb_follows=verb_follows)
                if named is not None and named.kind == "person" and not named.title:
                    return replace(named, title=self._slice(start, described.end - 1))
            return described
        end = self.phrase_end(start, limit)
        if end == start:
            return None
        phrase = self.split(start, end - 1)
        last = tokens[end - 1]
        if not phrase.name:
            head = tuple(tokens[i].norm for i in range(start, end))
            named = self._name_after_comma(end, limit) if last.comma else None
            if named is not None:  # "kata Kepala Dinas Pendidikan, Budi Santoso, di …": the name follows the office
                return replace(named, title=phrase.title)
            if end < limit and tokens[end].norm in DEMONSTRATIVES:
                return Subject("definite", end + 1, head=head)
            return Subject("title", end, head=head, title=phrase.title)
        appositive = ""
        if last.comma and end < limit:
            found = self.appositive(end, limit, closed=verb_follows)
            if found is not None:
                appositive, end = found
        title = self._pick_title(phrase.title, appositive)
        return Subject("person", end, phrase.name, title, phrase.alias, gender=phrase.gender)

    def _name_after_comma(self, start: int, limit: int) -> Subject | None:
        """A bare name right after an office and its comma: the person the office belongs to."""
        end = self.phrase_end(start, limit) if start < limit else start
        if end == start:
            return None
        named = self.split(start, end - 1)
        if not named.name or named.title:
            return None
        return Subject("person", end, named.name, "", named.alias, gender=named.gender)

    def subject_before(self, last: int, floor: int) -> Subject | None:
        """Read who is named in the words ending at ``last``, just before a verb ("… Muhammad Jatmika menjelaskan")."""
        tokens = self.tokens
        end = last + 1
        while last > floor and _is_degree(tokens[last]) and (tokens[last - 1].comma or _is_degree(tokens[last - 1])):
            last -= 1  # "Bambang Sutrisno, M.Pd. mengatakan": degrees after the name are the person's
        token = tokens[last]
        if token.norm in PRONOUNS_ONE:
            return Subject("pronoun", end, gender=_pronoun_gender(token.norm))
        if token.norm in PRONOUNS_OTHER or (
            token.norm in PLURAL_ROLES and (last == floor or not tokens[last - 1].capital)
        ):
            return Subject("anonymous", end)
        if token.comma and end == last + 1:
            return self._subject_with_appositive(last, floor)
        start = self.phrase_start(last, floor)
        if start > last:
            # A lower-case description: "Pria itu mengatakan", "The official said", "Seorang warga mengatakan".
            back = last
            while back > floor and last - back < 6 and tokens[back - 1].word and not tokens[back - 1].ends_clause:
                back -= 1
            if tokens[back].capital and tokens[back].norm not in STOPWORDS | INDEFINITE:
                return None
            return self.description(back, last + 1, verb_follows=True)
        if token.word.endswith(("'s", "\u2019s")):
            return None
        inner = start + 1 if tokens[start].norm in DEFINITE else start
        if inner > last:
            return None
        phrase = self.split(inner, last)
        if not phrase.name:
            head = tuple(tokens[i].norm for i in range(inner, last + 1))
            if inner > start:
                return Subject("definite", end, head=head)
            return Subject("title", end, head=head, title=phrase.title)
        return Subject("person", end, phrase.name, phrase.title, phrase.alias, gender=phrase.gender)

    def _subject_with_appositive(self, last: int, floor: int) -> Subject | None:
        """Read "Jane Doe, the city's policy analyst, said", "Kepala Dinas X, Budi Santoso, mengatakan" and
        "Salah satu siswa, Dimas, mengaku": two comma-separated parts before the verb, one of them the name."""
        tokens = self.tokens
        comma = last - 1
        while comma >= floor and last - comma <= _MAX_APPOSITIVE and not tokens[comma].ends_clause:
            comma -= 1
        if comma < floor or last - comma > _MAX_APPOSITIVE or not tokens[comma].comma:
            return None
        chunk = comma + 1
        inner_end = self.phrase_end(chunk, last + 1)
        inner = self.split(chunk, inner_end - 1) if inner_end == last + 1 else None
        start = self.phrase_start(comma, floor)
        outer = self.split(start + (tokens[start].norm in DEFINITE), comma) if start <= comma else None
        pure_inner = inner is not None and inner.name and not inner.title and " " in inner.name
        if outer is not None and outer.name and not (outer.title and pure_inner):
            appositive = ""
            first = tokens[chunk]
            if (first.norm in TITLE_WORDS | ROLE_LOWER | _ARTICLES or first.capital) and not _PARTY_TAG.match(
                first.word
            ):
                appositive = self._slice(chunk, last)
            if (
                first.norm in _NOT_TITLES
                or first.norm.isdigit()
                or (inner is not None and inner.name and not inner.title)
            ):
                appositive = ""  # "Budi, 45," or "Budi, who …": no title; "Budi, Ani, …" is a list
            title = self._pick_title(outer.title, appositive)
            return Subject("person", last + 1, outer.name, title, outer.alias, gender=outer.gender)
        # The office or description comes first; it runs back to the start of the clause: "Guru kelas IV, …".
        begin = min(start, comma)
        while begin > floor and comma - begin < 8 and not tokens[begin - 1].ends_clause and tokens[begin - 1].word:
            previous = tokens[begin - 1]
            if (
                previous.norm in STOPWORDS
                and previous.norm not in INDEFINITE
                and previous.norm not in ("satu", "salah")
            ):
                break
            begin -= 1
        if inner is not None and inner.name:
            described = tokens[begin].norm in INDEFINITE or tokens[begin].norm in ("salah", "satu")
            title = "" if described else self._slice(begin, comma)
            return Subject("person", last + 1, inner.name, title, inner.alias, gender=inner.gender)
        described = self.description(begin, comma + 1, verb_follows=False)
        return replace(described, end=last + 1) if described is not None else None

    # Attributions --------------------------------------------------------------------------------------------------
    def limit_from(self, start: int) -> int:
        """Index of the first barrier token at or after ``start``, looking a bounded distance ahead."""
        end = min(len(self.tokens), start + _MAX_PHRASE + _MAX_APPOSITIVE)
        for index in range(start, end):
            if self.barrier[index]:
                return index
        return end

    def attribution_after(self, start: int, *, closing: str) -> Subject | None:
        """Read the attribution after a closing quote mark ("…,” ujarnya", "…,” said X", "…,” X said").

        ``closing`` is the punctuation that ends the quote ("," also when it stands after the mark). "X said" after a
        quote is an attribution only when the quote ends with a comma, question or exclamation mark or a dash: after
        a full stop, "X mengatakan, …" opens a new sentence, and after no punctuation "X …" is the sentence going on
        ('disapa "Pak Kumis" oleh pelanggannya').
        """
        tokens, limit, index = self.tokens, self.limit_from(start), start
        while index < limit and not tokens[index].word:
            if any(mark in tokens[index].trail for mark in ".!?"):
                return None
            index += 1
        if index >= limit:
            return None
        if tokens[index].norm in ("demikian", "begitu") and index + 1 < limit:
            index += 1
        token = tokens[index]
        norm = token.norm
        if norm in ID_NYA:
            return Subject("pronoun", index + 1)
        if token.ends_clause and norm not in EN_VERBS:
            pass
        elif norm in ID_ROOTS or norm in ID_PASSIVE or norm in EN_VERBS:
            return self.subject_after(index + 1, limit, verb_follows=False)
        elif norm == "menurut" or (norm == "according" and index + 1 < limit and tokens[index + 1].norm == "to"):
            return self.subject_after(index + (2 if norm == "according" else 1), limit, verb_follows=False)
        subject = self.subject_after(index, limit, verb_follows=True)
        if subject is None or subject.end >= limit:
            return None
        verb_at = _skip_between(tokens, subject.end, limit)
        if verb_at >= limit or tokens[verb_at].norm not in INTRO_VERBS:
            return None
        if not closing or closing not in ",?!\u2014\u2013-\u2026":
            return None
        return replace(subject, end=verb_at + 1)

    # Speakers the narrative presents ------------------------------------------------------------------------------
    def mentions(self, known: PersonRegistry) -> list[Mention]:
        """Find who this paragraph's own sentences present as speaking, or as the subject a pronoun would mean.

        Speech verbs ("X mengatakan", "Menurut X", ", lanjut X,", "X said", "According to X") give strong mentions.
        The person a sentence opens with ("Dalam kesempatan ini, Asisten … Denny Ramdany membuka …") gives a weak one.
        Names elsewhere in a sentence are merely mentioned and count for nothing.
        """
        tokens, barrier = self.tokens, self.barrier
        found: list[Mention] = []
        floor, sentence_open, spoken = 0, True, False
        for index, token in enumerate(tokens):
            if barrier[index]:
                floor, sentence_open = index + 1, True
                continue
            if sentence_open and token.word:
                weak = self._sentence_subject(index, known)
                if weak is not None:
                    found.append(weak)
                sentence_open, spoken = False, False
            subject = self._speech_at(index, floor)
            # Only the first speaker of a sentence is its speaker: in "Hensley said his office had warned …" the
            # second verb is part of what was said. A later named speaker ("…, sementara Ani menegaskan") still counts.
            if subject is not None and (not spoken or subject.kind == "person"):
                found.append(Mention(index, subject, strong=True))
                spoken = True
            if token.ends_sentence:
                floor, sentence_open = index + 1, True
        return found

    def _speech_at(self, index: int, floor: int) -> Subject | None:
        tokens = self.tokens
        norm = tokens[index].norm
        starts_part = index == floor or tokens[index - 1].ends_clause
        if norm in INTRO_VERBS:
            before = index - 1
            while before >= floor and tokens[before].norm in BETWEEN and not tokens[before].ends_clause:
                before -= 1
            if before >= floor and tokens[before].word and not tokens[before].ends_sentence:
                subject = self.subject_before(before, floor)
                if subject is None or subject.kind not in ("person", "pronoun"):
                    subject = self._subject_across_adverbial(before, floor) or subject
                return subject
            if starts_part and norm in EN_VERBS:  # ", said Smith, …"
                return self.subject_after(index + 1, self.limit_from(index + 1), verb_follows=False)
            return None
        if norm in ID_NYA:
            return Subject("pronoun", index + 1) if starts_part else None
        if (norm in ID_ROOTS and starts_part) or norm in ID_PASSIVE or norm == "menurut":
            limit = self.limit_from(index + 1)
            following = tokens[index + 1] if index + 1 < limit else None
            if following is not None and (following.capital or following.norm in PRONOUNS_ONE):
                return self.subject_after(index + 1, limit, verb_follows=False)
            return None
        if norm == "according" and _next_norm(tokens, index) == "to":
            return self.subject_after(index + 2, self.limit_from(index + 2), verb_follows=False)
        return None

    def _subject_across_adverbial(self, last: int, floor: int) -> Subject | None:
        """ "Budi kepada wartawan mengatakan", "Bayu di Jakarta, Selasa, menyebutkan": the subject stands before a
        short adverbial (to whom, where, when) that separates it from the verb."""
        tokens = self.tokens
        index = last
        while index > floor and last - index < 10 and not tokens[index].ends_sentence:
            token = tokens[index]
            if token.norm in _ADVERBIAL and not token.capital:
                previous = tokens[index - 1]
                if (
                    not previous.word
                    or previous.ends_sentence
                    or not (previous.capital or previous.norm in PRONOUNS_ONE)
                ):
                    return None
                subject = self.subject_before(index - 1, floor)
                return subject if subject is not None and subject.kind in ("person", "pronoun") else None
            index -= 1
        return None

    def _sentence_subject(self, index: int, known: PersonRegistry) -> Mention | None:
        """The person a sentence opens with, after opening phrases such as "Dalam kesempatan ini," or "On Tuesday,"."""
        tokens, barrier, count = self.tokens, self.barrier, len(self.tokens)
        start = index
        for _ in range(2):
            # Skip an opening phrase up to its comma when it holds no name: "Sementara itu, …", "Selain itu, …".
            probe = start
            while probe < count and probe - start < 8 and not barrier[probe] and not tokens[probe].ends_clause:
                probe += 1
            if probe >= count or barrier[probe] or probe - start >= 8 or not tokens[probe].comma:
                break
            if probe + 1 < count and self._comma_in_title(probe):
                break
            named = any(_word_class(tokens[i], self.places) == _NAME for i in range(start + 1, probe + 1))
            opener = tokens[start]
            if named or known.knows(opener.word) or opener.norm in FIRST_NAMES:
                break
            start = probe + 1
        if start >= count or barrier[start] or not tokens[start].capital:
            return None
        limit = self.limit_from(start)
        end = self.phrase_end(start, limit)
        if end == start or end >= limit:
            return None
        last = tokens[end - 1]
        if last.ends_sentence or last.word.endswith(("'s", "\u2019s")):
            return None
        if tokens[end].capital and not last.comma:
            return None
        phrase = self.split(start, end - 1)
        if not phrase.name:
            return None
        if " " not in phrase.name and not known.knows(phrase.name) and phrase.name.lower() not in FIRST_NAMES:
            return None  # one unknown capitalised word opening a sentence is as likely a place or a brand
        subject = Subject("person", end, phrase.name, phrase.title, phrase.alias, gender=phrase.gender)
        return Mention(start, subject, strong=False)


def _is_degree(token: Token) -> bool:
    return token.norm in DEGREES and ("." in token.word or token.word.isupper())


def _pronoun_gender(norm: str) -> str:
    return "m" if norm in PRONOUNS_MALE else "f" if norm in PRONOUNS_FEMALE else ""


def _skip_between(tokens: list[Token], index: int, limit: int) -> int:
    while index < limit and tokens[index].norm in BETWEEN and not tokens[index].ends_clause:
        index += 1
    return index


def _next_norm(tokens: list[Token], index: int) -> str:
    return tokens[index + 1].norm if index + 1 < len(tokens) else ""


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
