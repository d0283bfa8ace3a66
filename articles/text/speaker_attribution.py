"""Attributions: who an attribution names ("ujarnya", "kata X", "X said", "said X, the city's policy analyst",
"the official said" …) and which speakers a paragraph's own sentences present ("X mengatakan", "Menurut X").

``ParagraphReader`` extends ``speaker_phrases.PhraseReader`` with subjects read after and before a speech verb,
appositives and descriptions, the attribution after a closing quote mark, and the paragraph's ``mentions``. What
it returns is a ``Subject`` (or a ``Mention``), resolved against the whole story by ``speakers.Discourse``. Pure,
no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from articles.text.speaker_phrases import MAX_PHRASE, PhraseReader
from articles.text.speaker_tokens import NAME, Token, word_class
from articles.text.speech_words import (
    BETWEEN,
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
    ORG_HEADS,
    PLURAL_ROLES,
    PRONOUNS_FEMALE,
    PRONOUNS_MALE,
    PRONOUNS_ONE,
    PRONOUNS_OTHER,
    RANKS,
    ROLE_LOWER,
    STOPWORDS,
    TITLE_WORDS,
    _words,
)

if TYPE_CHECKING:
    from articles.text.speakers import PersonRegistry

__all__ = ["Mention", "ParagraphReader", "Subject"]

_MAX_APPOSITIVE = 14  # tokens between the commas of "John Smith, the city's policy analyst, said"
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][A-Za-z.]{0,6}$")
_NOT_TITLES = _words("who which whose where when yang adding saying referring speaking citing noting")
_ARTICLES = _words("a an the")
# Words that open an adverbial between a subject and its verb: "Budi kepada wartawan mengatakan".
_ADVERBIAL = _words("kepada saat ketika usai seusai setelah sesudah sebelum dalam di pada melalui lewat via")


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


class ParagraphReader(PhraseReader):
    """Reads the words of one paragraph: name phrases, attributions, and the speakers its sentences present.

    ``text`` must have its double quote marks blanked out (same length, so offsets hold). ``barrier`` marks tokens
    that sentences must not be read across: words inside quotes and attributions already used by a quote.
    """

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
        subject = self.description(begin, comma + 1, verb_follows=False)
        return replace(subject, end=last + 1) if subject is not None else None

    # Attributions --------------------------------------------------------------------------------------------------
    def limit_from(self, start: int) -> int:
        """Index of the first barrier token at or after ``start``, looking a bounded distance ahead."""
        end = min(len(self.tokens), start + MAX_PHRASE + _MAX_APPOSITIVE)
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
            named = any(word_class(tokens[i], self.places) == NAME for i in range(start + 1, probe + 1))
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
