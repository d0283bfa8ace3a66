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

from articles.text.speaker_phrases import MAX_PHRASE, NamePhrase, PhraseReader
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
    INSTITUTIONS,
    INTRO_VERBS,
    OFFICES,
    ORG_HEADS,
    PLACE_INTRODUCERS,
    PLURAL_GROUPS,
    PLURAL_ROLES,
    PRONOUNS_FEMALE,
    PRONOUNS_MALE,
    PRONOUNS_ONE,
    PRONOUNS_OTHER,
    PRONOUNS_PLURAL,
    QUANTIFIERS,
    RANKS,
    ROLE_LOWER,
    STATEMENT_WORDS,
    STOPWORDS,
    TITLE_WORDS,
    _words,
)

if TYPE_CHECKING:
    from articles.text.speakers import PersonRegistry

__all__ = ["Mention", "ParagraphReader", "Subject", "names_a_place"]

_MAX_APPOSITIVE = 14  # tokens between the commas of "John Smith, the city's policy analyst, said"
_MAX_RELATIVE = 40  # tokens of a relative clause between a subject and its verb: "X, who spoke on condition …, said"
_RELATIVES = frozenset({"who", "which", "whose", "yang"})
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][A-Za-z.]{0,6}$")
_NOT_TITLES = _words("who which whose where when yang adding saying referring speaking citing noting")
_ARTICLES = _words("a an the")
_OF_PLACE = _words("at of from for with")
_SOMEONE = _words("a an one another seorang salah sebuah")
# Words that open an adverbial between a subject and its verb: "Budi kepada wartawan mengatakan".
_ADVERBIAL = _words("kepada saat ketika usai seusai setelah sesudah sebelum dalam di pada melalui lewat via")


@dataclass(frozen=True)
class Subject:
    """Who an attribution points at, before it is resolved against the story.

    ``kind`` is "person" (a name, possibly a surname only), "pronoun" (ujarnya, he said), "definite" (the official,
    pria itu: someone already in the story), "title" (kata Kapolres: an office without a name), "group" (a
    quantified group: most street vendors, sebagian warga), "organisation" (Pemkot Bogor, the department),
    "plural" (they, mereka: whichever group spoke last) or "anonymous" (a spokesman, seorang warga, we). ``end`` is
    the index of the token after the attribution.
    """

    kind: str
    end: int
    name: str = ""
    title: str = ""
    alias: str = ""
    head: tuple[str, ...] = ()
    gender: str = ""
    roles: str = ""  # every title and description printed with the name, for "the colonel" to find later


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
        if (first in QUANTIFIERS and len(words) > 1) or first in PLURAL_GROUPS:
            return Subject("group", index)  # "most street vendors", "sebagian warga", "analysts at Brightwater"
        if first in INDEFINITE or any(w.capital and w.word.endswith(("'s", "\u2019s")) for w in words):
            return Subject("anonymous", index)  # "a spokesman", "Smith's lawyer": not anyone quoted so far
        heads = tuple(w.norm for w in words if w.norm not in DEFINITE | DEMONSTRATIVES | STOPWORDS)
        # The head of the description: last in English ("the police department"), first in Indonesian ("pihak
        # kepolisian", but "sang kepala dinas" is a person).
        if heads and (heads[-1] if self.english else heads[0]) in ORG_HEADS:
            return Subject("organisation", index)
        for offset, token in enumerate(words):
            if token.norm in DEMONSTRATIVES:
                # Stop at the demonstrative: "kata pria itu kepada wartawan" is about "pria itu".
                return Subject("definite", start + offset + 1, head=heads)
        if first in DEFINITE:
            if len(words) == 2 and words[1].capital and word_class(words[1], self.places) == NAME:
                if words[1].norm in INSTITUTIONS:
                    return Subject("organisation", index)  # "the Pentagon said"
                return Subject("definite", index, head=(words[1].norm,))  # "the Swede said", "the Democrat said"
            if len(words) > 1 and words[1].capital:
                return None  # "the White House", "the Riverton Police Department": a name phrase, read as such
            return Subject("definite", index, head=heads)
        return Subject("anonymous", index)

    def appositive(self, start: int, limit: int, *, closed: bool) -> tuple[str, int] | None:
        """Read ", the city's policy analyst" after a name; return the title ("" when not one) and the index after.

        With ``closed`` the appositive must end in a comma, a verb following it; otherwise it runs to the sentence end
        or the next comma. Relative clauses, ages and participles ("who …", "45", "adding …") are not titles.
        """
        tokens, index = self.tokens, start
        if start + 1 < limit and tokens[start].word.isdigit() and tokens[start].comma and not closed:
            # "Jorge Ruiz, 48, a crane operator at Pier 5, said": the age, then the description.
            found = self.appositive(start + 1, limit, closed=closed)
            return found if found is not None and found[0] else ("", start + 1)
        described_to = None  # where a relative clause cuts the description: "a resident of X whose son …"
        while index < limit and index - start < _MAX_APPOSITIVE:
            token = tokens[index]
            if index > start and described_to is None and _opens_relative(tokens, index):
                described_to = index
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
        if _is_degree(first):
            return "", index  # "Yuli Yuliani, S.E.,": a degree, the person's, not a title
        titled = (
            first.norm in _ARTICLES
            or first.norm in TITLE_WORDS
            or first.norm in ROLE_LOWER
            or first.norm in RANKS
            or first.capital
        )
        if first.norm in _NOT_TITLES or first.norm.isdigit() or first.norm.endswith("ing") or not titled:
            return ("", index) if closed else None
        return self._slice(start, (described_to or index) - 1), index

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
            return Subject("plural" if token.norm in PRONOUNS_PLURAL else "anonymous", start + 1)
        if not token.capital and self._role_run(start, limit):
            # "said council member Maria Okafor", "parent Melissa Grant told", "said traffic director Sr. Comr. …":
            # a lower-case role before a name.
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
            # "said officials" is a group; "kata warga" may be one resident or many.
            return Subject("group" if token.norm in PLURAL_GROUPS else "anonymous", start + 1)
        if not token.capital and token.norm in STOPWORDS and token.norm not in DEFINITE | INDEFINITE | QUANTIFIERS:
            return None  # "… estimated at $2 billion": a preposition is nobody
        lower_honorific = token.norm in HONORIFICS and start + 1 < limit and tokens[start + 1].capital  # "dr. Ratna"
        if (not token.capital and not lower_honorific) or token.norm in DEFINITE | INDEFINITE | PLURAL_ROLES:
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
        if self._institution(start, end - 1) and not self._personal(phrase.name, phrase.title):
            named = self._name_after_comma(end, limit) if last.comma else None
            return Subject("organisation", end) if named is None else replace(named, title=phrase.title)
        if not phrase.name:
            head = tuple(tokens[i].norm for i in range(start, end))
            named = self._name_after_comma(end, limit) if last.comma else None
            if named is not None:  # "kata Kepala Dinas Pendidikan, Budi Santoso, di …": the name follows the office
                return replace(named, title=phrase.title)
            if end < limit and tokens[end].norm in DEMONSTRATIVES:
                return Subject("definite", end + 1, head=head)
            return Subject("title", end, head=head, title=phrase.title)
        if phrase.title and last.comma and not verb_follows:
            # "jelas Kepala Bidang Stabilisasi Harga, Ratna Komalasari": an office whose last words no list knows,
            # then the person's full name after the comma.
            named = self._name_after_comma(end, limit)
            if named is not None and self._personal(named.name):
                return replace(named, title=self._slice(start, end - 1))
        appositive = ""
        if last.comma and end < limit:
            found = self.appositive(end, limit, closed=verb_follows)
            if found is not None:
                appositive, end = found
        title = self._pick_title(phrase.title, appositive)
        roles = f"{phrase.title} {appositive}"
        return Subject("person", end, phrase.name, title, phrase.alias, gender=phrase.gender, roles=roles)

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
        if token.norm in PRONOUNS_OTHER:
            return Subject("plural" if token.norm in PRONOUNS_PLURAL else "anonymous", end)
        if not token.capital and self._quantified(last, floor):
            return Subject("group", end)  # "Most street vendors said", "Kebanyakan pedagang mengaku"
        if token.norm in PLURAL_ROLES and (last == floor or not tokens[last - 1].capital):
            return Subject("group" if token.norm in PLURAL_GROUPS else "anonymous", end)
        if token.comma:
            # "Jane Doe, the city's policy analyst, said", and "Ketua DPRD X, H. Engkus Kusnadi, S.Ag., mengatakan"
            # once the degrees after the name are set aside.
            subject = self._subject_with_appositive(last, floor)
            return replace(subject, end=end) if subject is not None else None
        start = self.phrase_start(last, floor)
        of_group = floor < start - 1 <= last and tokens[start - 2].norm in PLURAL_GROUPS
        if of_group and tokens[start - 1].norm in _OF_PLACE:
            return Subject("group", end)  # "analysts at Brightwater Capital wrote": people of a body, as a group
        if start > last:
            # A lower-case description: "Pria itu mengatakan", "The official said", "Seorang warga mengatakan".
            back = last
            while back > floor and last - back < 6 and tokens[back - 1].word and not tokens[back - 1].ends_clause:
                back -= 1
            # A capitalised first word is a description only when it opens a description: "Pihak kepolisian".
            body_word = tokens[back].norm in ORG_HEADS | QUANTIFIERS
            if tokens[back].capital and tokens[back].norm not in STOPWORDS | INDEFINITE and not body_word:
                return None
            return self.description(back, last + 1, verb_follows=True)
        if token.word.endswith(("'s", "\u2019s")):
            return None
        inner = start + 1 if tokens[start].norm in DEFINITE else start
        if inner > last:
            return None
        phrase = self.split(inner, last)
        if self._institution(inner, last) and not self._personal(phrase.name, phrase.title):
            return Subject("organisation", end)
        if not phrase.name:
            head = tuple(tokens[i].norm for i in range(inner, last + 1))
            if inner > start:
                return Subject("definite", end, head=head)
            return Subject("title", end, head=head, title=phrase.title)
        if names_a_place(phrase):
            return None  # "Kebanyakan pedagang di sepanjang Jalan Tuparev mengaku": a place, not who
        return Subject("person", end, phrase.name, phrase.title, phrase.alias, gender=phrase.gender)

    def _subject_with_appositive(self, last: int, floor: int, depth: int = 0) -> Subject | None:
        """Read "Jane Doe, the city's policy analyst, said", "Kepala Dinas X, Budi Santoso, mengatakan" and
        "Salah satu siswa, Dimas, mengaku": two comma-separated parts before the verb, one of them the name."""
        tokens = self.tokens
        comma = self._comma_before(last, floor)
        if comma is None:
            return None
        chunk = comma + 1
        inner_end = self.phrase_end(chunk, last + 1)
        inner = self.split(chunk, inner_end - 1) if inner_end == last + 1 else None
        start = self.phrase_start(comma, floor)
        outer_first = start + (tokens[start].norm in DEFINITE)
        outer = self.split(outer_first, comma) if start <= comma else None
        place_chunk = outer is not None and (names_a_place(outer) or not outer.name) and not (inner and inner.name)
        if place_chunk and depth < 2 and start - 1 > floor and tokens[start - 1].comma:
            # "Yayan Sopyan (38), warga Desa Sukamanah, Kecamatan Karangtengah, mengaku": the person stands one
            # comma further back, described by everything after their name.
            person = self._subject_with_appositive(start - 1, floor, depth + 1)
            if person is not None and person.kind == "person":
                title = person.title or self._slice(start, last)
                return replace(person, end=last + 1, title=title, roles=f"{person.roles} {self._slice(start, last)}")
        if outer is not None and self._institution(outer_first, comma) and not self._personal(outer.name, outer.title):
            return Subject("organisation", last + 1)  # "The Marlow County Board of Commissioners, which …, said"
        pure_inner = inner is not None and inner.name and not inner.title and " " in inner.name
        # "Seorang penumpang asal Citayam, Rina Oktaviani (29), mengaku": one word before the comma is a place or a
        # body; the full name after it is the person.
        outer_is_name = outer is not None and outer.name and not (pure_inner and (outer.title or " " not in outer.name))
        if outer is not None and outer_is_name:
            appositive = ""
            first = tokens[chunk]
            described_to = next((i for i in range(chunk + 1, last + 1) if _opens_relative(tokens, i)), last + 1)
            if (first.norm in TITLE_WORDS | ROLE_LOWER | _ARTICLES or first.capital) and not _PARTY_TAG.match(
                first.word
            ):
                appositive = self._slice(chunk, described_to - 1)
            if (
                first.norm in _NOT_TITLES
                or first.norm.isdigit()
                or (inner is not None and inner.name and not inner.title)
            ):
                appositive = ""  # "Budi, 45," or "Budi, who …": no title; "Budi, Ani, …" is a list
            title = self._pick_title(outer.title, appositive)
            roles = f"{outer.title} {appositive}"
            return Subject("person", last + 1, outer.name, title, outer.alias, gender=outer.gender, roles=roles)
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
            described = begin
            while described < comma and tokens[described].norm in _SOMEONE | _words("satu"):
                described += 1  # "Seorang penumpang asal Citayam": the description without its article
            # "Salah satu siswa, Dimas," says only that Dimas is one of them: a one-word description is no title.
            title = self._slice(described, comma)
            if described > begin and described == comma:
                title = ""
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
        if _that_was_how(tokens, index, limit):
            # '"…" — that was how one senior aide summed up the mood': the words after "how" say who.
            return self.subject_after(index + 3, limit, verb_follows=True)
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
        if verb_at >= limit:
            return None
        if tokens[verb_at].norm not in INTRO_VERBS and not _closing_verb(tokens, verb_at, limit, subject):
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
        floor, sentence_open, spoken, opened_by_person, group_verb = 0, True, False, False, -1
        for index, token in enumerate(tokens):
            if barrier[index]:
                floor, sentence_open = index + 1, True
                continue
            if sentence_open and token.word:
                weak = self._sentence_subject(index, known)
                if weak is not None:
                    found.append(weak)
                sentence_open, spoken, opened_by_person = False, False, weak is not None
                group_verb = self._group_speech(index)
            if index == group_verb:
                # "Kebanyakan pedagang yang ditemui ANTARA mengaku, …": the sentence's subject is the group.
                found.append(Mention(index, Subject("group", index + 1), strong=True))
                spoken = True
                continue
            subject = self._speech_at(index, floor) if index > group_verb else None
            if subject is not None and self._body_statement(subject, index, known):
                subject = Subject("organisation", subject.end)  # "Hanra said in a statement that …"
            vague = subject is not None and subject.kind == "anonymous" and opened_by_person
            if vague and not self._someone_else_before(index, floor):
                subject = None  # "Yusuf tampak menangis dan tidak banyak berkomentar": still Yusuf's sentence
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
                if subject is None or subject.kind not in ("person", "pronoun", "organisation", "group"):
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
                wanted = ("person", "pronoun", "organisation")
                return subject if subject is not None and subject.kind in wanted else None
            index -= 1
        return None

    def _comma_before(self, last: int, floor: int) -> int | None:
        """The comma that opens the part ending at ``last`` ("Jane Doe, the city's policy analyst,"): within a short
        appositive's reach, or further back when the part is a relative clause ("…, who spoke on condition …,")."""
        tokens, comma = self.tokens, last - 1
        while comma >= floor and last - comma <= _MAX_RELATIVE and not tokens[comma].ends_clause:
            comma -= 1
        if comma < floor or not tokens[comma].comma:
            return None
        if last - comma > _MAX_APPOSITIVE and tokens[comma + 1].norm not in _RELATIVES:
            return None
        return comma

    def _role_run(self, start: int, limit: int) -> bool:
        """Whether the lower-case words from ``start`` hold a role word before a capitalised word (at most four)."""
        tokens = self.tokens
        for index in range(start, min(limit, start + 4)):
            token = tokens[index]
            if token.capital or not token.word or token.norm in STOPWORDS:
                return False
            if token.norm in ROLE_LOWER or token.norm in TITLE_WORDS:
                return True
            if token.ends_clause:
                return False
        return False

    def _body_statement(self, subject: Subject, verb: int, known: PersonRegistry) -> bool:
        """Whether one unknown capitalised word that speaks "in a statement" is a body: "Hanra said in a statement"
        but not "Reyes said in a statement" once the story has introduced Daniel Reyes."""
        if subject.kind != "person" or " " in subject.name or subject.title or subject.name.lower() in FIRST_NAMES:
            return False
        tokens = self.tokens
        window = range(verb + 1, min(len(tokens), verb + 5))
        return any(tokens[i].norm in STATEMENT_WORDS for i in window) and not known.knows(subject.name)

    def _group_speech(self, start: int) -> int:
        """The speech verb of a sentence that opens with a quantified group ("Most riders interviewed … said",
        "Sebagian kader posyandu di Cilincing mengatakan"), or -1. Reads a bounded number of tokens."""
        tokens, barrier = self.tokens, self.barrier
        if tokens[start].norm not in QUANTIFIERS or start + 1 >= len(tokens) or tokens[start + 1].capital:
            return -1
        for index in range(start + 1, min(len(tokens), start + _MAX_RELATIVE)):
            if barrier[index] or tokens[index - 1].ends_sentence:
                return -1
            if tokens[index].norm in INTRO_VERBS:
                # "Most of the damage was in the east, Mayor Linda Chen said": the verb has a speaker of its own.
                named = self.subject_before(index - 1, start) if tokens[index - 1].word else None
                return -1 if named is not None and named.kind in ("person", "pronoun") else index
        return -1

    def _someone_else_before(self, index: int, floor: int) -> bool:
        """Whether an indefinite or plural subject stands just before the verb at ``index`` ("a spokesman said")."""
        tokens = self.tokens
        for before in range(max(floor, index - 6), index):
            if tokens[before].norm in _SOMEONE or tokens[before].norm in PLURAL_ROLES:
                return True
        return False

    def _quantified(self, last: int, floor: int) -> bool:
        """Whether the lower-case words ending at ``last`` open with a quantifier: "most street vendors"."""
        tokens, index = self.tokens, last - 1
        while index >= floor and last - index <= 4 and tokens[index].word and not tokens[index].ends_clause:
            if tokens[index].norm in QUANTIFIERS:
                return True
            if tokens[index].capital and tokens[index].norm not in STOPWORDS:
                return False
            index -= 1
        return False

    def _institution(self, first: int, last: int) -> bool:
        """Whether a name phrase without a person names a body: its head word (first in Indonesian, "Pemkot Bogor";
        last in English, "the Riverton Police Department") is an institution, not an office held by someone."""
        tokens = self.tokens
        while first < last and tokens[first].norm in DEFINITE:
            first += 1
        if not self.english:
            return tokens[first].norm in INSTITUTIONS
        head = last
        for index in range(first + 1, last):
            if tokens[index].norm == "of":
                head = index - 1  # "the Illinois Department of Transportation", "Board of Commissioners"
                break
        return tokens[head].norm in INSTITUTIONS

    def _personal(self, name: str, title: str = "") -> bool:
        """Whether a name read inside an institution's phrase is a person's. English names a body by its head word
        last ("Riverton Police Department"), so two name words there are a person; Indonesian names a body first and
        its place after ("Distrik Navigasi Kelas III Tanjung Pandan"), so it takes a known first name or a rank."""
        if not name:
            return False
        first = name.split()[0].lower()
        if first in FIRST_NAMES or first.startswith("_"):
            return True
        if self.english or not title:
            return " " in name
        return any(word.lower().strip(".") in RANKS | HONORIFICS for word in title.split())

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
            named = any(self.plain_class(i) == NAME for i in range(start + 1, probe + 1))
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


def _that_was_how(tokens: list[Token], index: int, limit: int) -> bool:
    return (
        index + 3 < limit
        and tokens[index].norm == "that"
        and tokens[index + 1].norm in ("was", "is")
        and tokens[index + 2].norm == "how"
    )


def _opens_relative(tokens: list[Token], index: int) -> bool:
    """ "who …", "whose …", "and no relation to …": the words from here say more about the person, not their role."""
    norm = tokens[index].norm
    if norm in _RELATIVES:
        return True
    return norm == "and" and index + 1 < len(tokens) and tokens[index + 1].norm in ("no", "not")


def names_a_place(phrase: NamePhrase) -> bool:
    """ "warga Desa Sukamanah", "a resident of Elm Street": the "name" follows a word that introduces a place."""
    words = phrase.title.lower().replace(".", "").split()
    return bool(phrase.name) and bool(words) and words[-1] in PLACE_INTRODUCERS and not set(words) & OFFICES


def _is_degree(token: Token) -> bool:
    return token.norm in DEGREES and ("." in token.word or token.word.isupper())


def _pronoun_gender(norm: str) -> str:
    return "m" if norm in PRONOUNS_MALE else "f" if norm in PRONOUNS_FEMALE else ""


def _closing_verb(tokens: list[Token], index: int, limit: int, subject: Subject) -> bool:
    """'"…," Delgado shot back.': a named speaker and one or two lower-case words that end the sentence are an
    attribution, whatever the verb."""
    if subject.kind != "person" or not tokens[index].word or tokens[index].capital:
        return False
    if tokens[index].ends_sentence:
        return True
    following = index + 1
    return following < limit and tokens[following].ends_sentence and not tokens[following].capital


def _skip_between(tokens: list[Token], index: int, limit: int) -> int:
    while index < limit and tokens[index].norm in BETWEEN and not tokens[index].ends_clause:
        index += 1
    return index


def _next_norm(tokens: list[Token], index: int) -> str:
    return tokens[index + 1].norm if index + 1 < len(tokens) else ""
