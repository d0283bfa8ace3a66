"""Name phrases: "Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon Muhammad Jatmika" read as a title and a name.

``PhraseReader`` holds one paragraph's tokens and reads name phrases forwards and backwards within a fixed number of
tokens, then splits a phrase into the title as printed, the name, an alias in brackets and a gender from courtesy
words. ``speaker_attribution.ParagraphReader`` builds attributions on top of it. Pure, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.text.speaker_tokens import (
    ACRONYM,
    CONN,
    HONOR,
    IN_PHRASE,
    NAME,
    NAME_PARTS,
    OTHER,
    PARTICLE,
    PLACE,
    ROLE,
    TITLE,
    tokenize,
    word_class,
)
from articles.text.speech_words import (
    CONNECTORS,
    COURTESY_FEMALE,
    COURTESY_MALE,
    DEFINITE,
    FIRST_NAMES,
    HONORIFICS,
    INTRODUCERS,
    RANK_PARTS,
    RANKS,
    ROLE_LOWER,
    STOPWORDS,
    TITLE_WORDS,
    WEAK_INTRODUCERS,
)

__all__ = ["MAX_PHRASE", "NamePhrase", "PhraseReader"]

MAX_PHRASE = 24  # tokens in a name phrase: titles run long ("Asisten Pemerintahan (Aspem) Sekko …"), names do not
_AND = frozenset({"dan", "and", "serta", "&"})
_SENIOR = frozenset({"sr", "snr", "jr"})
# Ranks that are English words too, kept in an office: "Attorney General", "Surgeon General", "Major League".
_ENGLISH_RANK_WORDS = frozenset(
    {"general", "major", "captain", "commander", "marshal", "colonel", "lieutenant", "sergeant", "admiral"}
    | {"corporal", "private", "brigadier", "class", "staff"}
)


@dataclass(frozen=True)
class NamePhrase:
    """A name phrase split into its parts; ``name`` is empty when the phrase names only an office or a place."""

    title: str
    name: str
    alias: str = ""
    gender: str = ""


def _office_without_rank(title: str) -> str:
    """ "KYEM Director Col.": English copy puts the rank between the office and the name, and the desk keeps the
    office; a rank alone ("Sgt.", "Lt. Col.") is the title."""
    words = title.split()
    end = len(words)
    while end > 0 and _written_rank(words[end - 1]):
        end -= 1
    office = words[:end]
    if end == len(words) or not any(word.lower().strip(".,") in TITLE_WORDS for word in office):
        return title
    return " ".join(office)


def _written_rank(word: str) -> bool:
    """A rank as English copy prints it before a name: abbreviated ("Col.", "Sr.") or a foreign rank ("Kompol"),
    not an English word that also names an office ("Attorney General", "Major League")."""
    norm = word.lower().replace(".", "")
    if norm not in RANKS | RANK_PARTS | _SENIOR:
        return False
    return "." in word or norm not in _ENGLISH_RANK_WORDS


class PhraseReader:
    """Reads the name phrases of one paragraph's words.

    ``text`` must have its double quote marks blanked out (same length, so offsets hold). ``barrier`` marks tokens
    that sentences must not be read across: words inside quotes and attributions already used by a quote.
    """

    def __init__(self, text: str, places: frozenset[str], *, english: bool) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.places = places
        self.english = english
        self.barrier = [False] * len(self.tokens)
        self.nicknames: set[int] = set()  # tokens of a nickname in quotes inside a name: Margaret "Peg" Lindqvist
        self._classes = [-1] * len(self.tokens)  # each token's word_class, computed once when first asked

    # Name phrases ------------------------------------------------------------------------------------------------
    def plain_class(self, index: int) -> int:
        """``word_class`` of the token at ``index``, computed once: phrase readers ask for it many times."""
        cls = self._classes[index]
        if cls < 0:
            cls = self._classes[index] = word_class(self.tokens[index], self.places)
        return cls

    def class_at(self, index: int) -> int:
        """``word_class`` of the token at ``index``, with what its neighbours say: a unit number after an office
        ("Dandim 0601", "RT 05", "Danrem 063/Sunan Gunung Jati") and "Sr." before a rank ("Sr. Comr.") are title."""
        tokens = self.tokens
        cls = self.plain_class(index)
        if cls == OTHER and index > 0 and any(ch.isdigit() for ch in tokens[index].word):
            previous = self.plain_class(index - 1)
            if previous in (TITLE, ACRONYM) and not tokens[index - 1].ends_clause:
                return TITLE
        senior = tokens[index].norm in _SENIOR and index + 1 < len(tokens) and not tokens[index].ends_clause
        if senior and self.plain_class(index + 1) == TITLE:
            return TITLE
        return cls

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
        while index < limit and index - start < MAX_PHRASE:
            token = tokens[index]
            if not token.word:
                break
            depth += token.lead.count("(")
            if depth == 0:
                cls = self.class_at(index)
                if cls == CONN:
                    following = tokens[index + 1] if index + 1 < limit else None
                    if following is not None and following.norm == "the" and index + 2 < limit:
                        following = tokens[index + 2]  # "Head of Public Relations of the Bali Regional Police"
                    if following is None or not following.capital or index == start or tokens[index - 1].ends_clause:
                        break
                elif cls not in IN_PHRASE:
                    break
            depth = max(0, depth - token.trail.count(")"))
            index += 1
            if depth == 0 and token.ends_clause:
                break
        while index - start > 1 and not tokens[index - 1].ends_clause and self.class_at(index - 1) == CONN:
            index -= 1  # "Mayor Denise Hall on Tuesday": a connector with nothing after it is not in the phrase
        return index

    def phrase_start(self, last: int, floor: int) -> int:
        """Read a name phrase backwards ending at ``last``; return the index of its first token."""
        tokens, index, depth = self.tokens, last, 0
        while index >= floor and last - index < MAX_PHRASE:
            token = tokens[index]
            if index != last and depth == 0 and token.ends_clause and not self._comma_in_title(index):
                break
            if not token.word:
                break
            depth += token.trail.count(")")
            if depth == 0:
                cls = self.class_at(index)
                if cls == CONN:
                    before = tokens[index - 1] if index - 1 >= floor else None
                    if before is None or not before.capital or before.ends_clause or index == last:
                        break
                elif cls not in IN_PHRASE:
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
        if word_class(token, self.places) != TITLE:
            return False
        return word_class(following, self.places) in (TITLE, CONN) and following.norm != "the"

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
        after "Kota", "Polres", "Bupati" … is a place even when no list knows it. Two people joined by "dan"/"and"
        ("Mayor Tom Hale and council member Rosa Delgado") are two phrases: the last one is read.
        """
        tokens = self.tokens
        first = self._after_last_person(first, last)
        classes: list[int] = []
        depth = 0
        for index in range(first, last + 1):
            token = tokens[index]
            depth += token.lead.count("(")
            cls = ACRONYM if depth > 0 else self.class_at(index)
            depth = max(0, depth - token.trail.count(")"))
            if cls == NAME and classes and classes[-1] in (TITLE, ROLE) and self._names_place(index, last):
                cls = PLACE
            classes.append(cls)
        end, alias = len(classes), ""
        if ")" in tokens[last].trail:
            # "Presiden Joko Widodo (Jokowi)": a bracket right after a name holds the name people use.
            bracket = end - 1
            while bracket > 0 and "(" not in tokens[first + bracket].lead:
                bracket -= 1
            if bracket > 0 and self.plain_class(first + bracket - 1) == NAME:
                inside = self._slice(first + bracket, last).strip("()")
                alias = inside if any(ch.isalpha() for ch in inside) else ""  # "(45)" is an age, not a name
                end = bracket
        name_end = end
        short_acronym = end >= 2 and classes[end - 1] == ACRONYM and len(tokens[first + end - 1].word) <= 3
        if short_acronym and classes[end - 2] == NAME:
            classes[end - 1] = NAME  # "Mahfud MD"
        name_start = name_end
        while name_start > 0 and classes[name_start - 1] in NAME_PARTS:
            name_start -= 1
        if name_start == name_end or classes[name_start - 1 : name_start] == [CONN]:
            # "Gov. Greg Abbott of Texas", "Budi dari Fraksi Golkar": the name before a connector, the rest a title.
            for conn in range(name_start - 1, 0, -1):
                if classes[conn] == CONN and classes[conn - 1] == NAME:
                    left = conn - 1
                    while left > 0 and classes[left - 1] in NAME_PARTS:
                        left -= 1
                    title = self._slice(first, first + left - 1)
                    qualifier = self._slice(first + conn, first + end - 1)
                    if not title:
                        qualifier = qualifier.split(" ", 1)[-1]
                    return self._finish(first, left, conn, " ".join(p for p in (title, qualifier) if p), alias)
        while name_start < name_end and classes[name_start] == PARTICLE:
            name_start += 1
        while name_start < name_end - 1 and tokens[first + name_start].word.endswith(("'s", "\u2019s")):
            name_start += 1  # "Sweden's Hanna Lindqvist": the possessive names a country or a body, not the person
        if name_start == name_end:
            return NamePhrase(self._slice(first, first + end - 1), "")
        opening = tokens[first + name_start].norm
        after_rank = name_start > 0 and tokens[first + name_start - 1].norm in RANKS | HONORIFICS
        if name_end - name_start >= 3 and opening not in FIRST_NAMES and not opening.startswith("_") and not after_rank:
            # A long run of unknown capitalised words usually opens with a place no list knows: "… Sleman Ahmad Fulan".
            for index in range(name_start + 1, name_end - 1):
                if tokens[first + index].norm in FIRST_NAMES:
                    name_start = index
                    break
        title_end = name_start
        while title_end > 0 and (classes[title_end - 1] == HONOR or tokens[first + title_end - 1].norm in HONORIFICS):
            title_end -= 1  # "… Kabupaten Sleman Drs. H. Bambang": the honorifics are the person's, not the office's
        title = self._slice(first, first + title_end - 1)
        if all(cls in (HONOR, PLACE, OTHER) for cls in classes[:title_end]):
            title = ""  # "Pak Budi", "Di Jakarta Budi": courtesy words and places are no title
        elif self.english:
            title = _office_without_rank(title)
        return self._finish(first, name_start, name_end, title, alias)

    def _after_last_person(self, first: int, last: int) -> int:
        """Where the last person's phrase begins: after "dan"/"and" that follows a full name (two name words)."""
        tokens = self.tokens
        for index in range(last - 1, first + 1, -1):
            if tokens[index].norm in _AND and not tokens[index].capital:
                before = (self.plain_class(index - 1), self.plain_class(index - 2))
                if before == (NAME, NAME) and tokens[index - 1].norm not in TITLE_WORDS:
                    return index + 1
        return first

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
        while index + following + 1 <= last and self.plain_class(index + following + 1) == NAME:
            following += 1
        return following >= (2 if introducer in WEAK_INTRODUCERS else 1)

    def _finish(self, first: int, name_start: int, name_end: int, title: str, alias: str) -> NamePhrase:
        before = {self.tokens[first + i].norm for i in range(name_start)}
        gender = "m" if before & COURTESY_MALE else "f" if before & COURTESY_FEMALE else ""
        name = self._slice(first + name_start, first + name_end - 1).strip("()")
        inside = [index for index in range(first + name_start, first + name_end) if index in self.nicknames]
        if inside:
            span = range(first + name_start, first + name_end)
            name = " ".join(self.tokens[i].word for i in span if i not in self.nicknames)
            alias = alias or " ".join(self.tokens[i].word for i in inside)
        return NamePhrase(title, name, alias, gender)
