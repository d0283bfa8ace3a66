"""People a story introduces, speaking or not: "Kapolsek Tanah Abang Kompol Ardiansyah Putra memimpin …",
"Lt. Col. Jane Harris, commander of the 3rd Battalion, toured …", "Sumarni (58), istri Karsono, …".

``IntroducingReader`` extends ``speaker_attribution.ParagraphReader`` with ``introductions``: every name phrase of a
paragraph that names a person in full (a title, rank or appositive with the name, an age, or two name words), so that
the story's register knows them before a later surname, short form or role noun refers to them, and so that a quote
with no attribution right after the sentence that introduced someone is theirs. Pure, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from articles.text.speaker_attribution import ParagraphReader, Subject, names_a_place
from articles.text.speaker_tokens import ACRONYM, HONOR, INITIAL, NAME, ROLE, TITLE
from articles.text.speech_words import FIRST_NAMES, PERSON_WORDS, PRONOUNS_ONE

__all__ = ["IntroducingReader", "Introduction"]

# Word classes a name phrase may start with when read forwards for an introduction.
IN_PHRASE_START = frozenset({NAME, TITLE, HONOR, ROLE, INITIAL, ACRONYM})


@dataclass(frozen=True)
class Introduction:
    """A person the paragraph presents by name at token ``index``, speaking or not: "Kapolsek Tanah Abang Kompol
    Ardiansyah Putra memimpin …", "Lt. Col. Jane Harris, commander of …, toured …". ``leads`` when they are the first
    person their sentence names and the sentence does not open with a pronoun (someone else's doing)."""

    index: int
    subject: Subject
    leads: bool
    opens: bool = False  # the person opens the sentence: "Rohimah (52), pedagang di Pasar Kosambi, terpaksa …"


class IntroducingReader(ParagraphReader):
    """A paragraph reader that also finds the people the paragraph introduces."""

    def introductions(self) -> list[Introduction]:
        """Every person the paragraph names in full: a name with a title, rank or appositive, or of two words or more.

        One pass: each name phrase is read once, forwards from its first capitalised word, and reading goes on after
        it; each appositive is read within a fixed number of tokens.
        """
        tokens, barrier, count = self.tokens, self.barrier, len(self.tokens)
        found: list[Introduction] = []
        index, sentence_has_person, opens_with_pronoun, sentence_start = 0, False, False, True
        sentence_floor = 0
        while index < count:
            token = tokens[index]
            if barrier[index]:
                sentence_has_person, opens_with_pronoun, sentence_start = False, False, True
                index += 1
                continue
            if sentence_start and token.word:
                opens_with_pronoun, sentence_start, sentence_floor = token.norm in PRONOUNS_ONE, False, index
            end = begin = index
            if token.capital and self.plain_class(index) in IN_PHRASE_START:
                end = self.phrase_end(index, self.limit_from(index))
                begin = self._role_before(index, sentence_floor)  # "kapten Persib Ruben Verhagen"
            if end > index:
                cut = self._after_last_person(begin, end - 1)
                if cut > begin:
                    # "Kepala Desa Sukamaju Dedi Suherman dan Kepala BPBD Adam Hamdani": the first person too.
                    first_person = self._introduced(begin, cut - 1)
                    if first_person is not None:
                        leads = first_person[1] and not sentence_has_person and not opens_with_pronoun
                        found.append(Introduction(begin, first_person[0], leads))
                        sentence_has_person = True
                    begin = index = cut
                introduced = self._introduced(begin, end)
                if introduced is not None:
                    subject, evident = introduced
                    # Only a phrase that shows it names a person may say a quote of its own or open the sentence for
                    # "ujarnya": two capitalised words alone ("Paradise Valley") are registered, nothing more.
                    leads = evident and not sentence_has_person and not opens_with_pronoun
                    opens = evident and (begin == sentence_floor or self._after_opening_phrase(sentence_floor, begin))
                    found.append(Introduction(index, subject, leads, opens=opens))
                    sentence_has_person = sentence_has_person or evident
                    end = max(end, subject.end)
                index = end
                if tokens[end - 1].ends_sentence:
                    sentence_has_person, opens_with_pronoun, sentence_start = False, False, True
                continue
            if token.ends_sentence:
                sentence_has_person, opens_with_pronoun, sentence_start = False, False, True
            index += 1
        return found

    def _introduced(self, start: int, end: int) -> tuple[Subject, bool] | None:
        """The person named by the phrase ``start..end`` (exclusive), with an appositive title after its comma, and
        whether the phrase shows it names a person (an office, rank or courtesy word, an appositive, an age, a known
        first name) rather than merely two capitalised words."""
        tokens = self.tokens
        phrase = self.split(start, end - 1)
        office = self._slice(start, end - 1)
        if tokens[end - 1].comma and end < len(tokens) and (phrase.title or not phrase.name):
            # "Kepala Seksi … Tanjung Pandan, Yohanes Batubara, S.T., mengatakan": the office, then its holder.
            named = self._name_after_comma(end, self.limit_from(end))
            if named is not None and self._personal(named.name):
                return replace(named, title=office, roles=office), _held_by_a_person(office)
        if not phrase.name:
            return None
        if names_a_place(phrase):
            return None  # "warga Kampung Melayu": a place after the word that introduces it
        if tokens[end - 1].word.endswith(("'s", "\u2019s")):
            return None  # "Harris's office": a possessive, often a body or a place
        appositive = ""
        if tokens[end - 1].comma and end < len(tokens) and not self._bare_name_at(end):
            found = self.appositive(end, self.limit_from(end), closed=False)
            if found is not None:
                appositive, end = found[0], max(end, found[1])
        aged = any(token.word.isdigit() and "(" in token.lead for token in tokens[start:end])
        if not (phrase.title or appositive or aged or " " in phrase.name):
            return None  # one capitalised word: as likely a place or a brand as a person; "Sumarni (58)" is a person
        title = self._pick_title(phrase.title, appositive)
        roles = f"{phrase.title} {appositive}"
        first_name = phrase.name.split()[0].lower()
        evident = bool(appositive) or aged or first_name in FIRST_NAMES or _held_by_a_person(phrase.title)
        subject = Subject("person", end, phrase.name, title, phrase.alias, gender=phrase.gender, roles=roles)
        return subject, evident or tokens[start].norm.startswith("_")

    def _after_opening_phrase(self, floor: int, start: int) -> bool:
        """Whether ``start`` follows only a short opening phrase with no name ("Di kubu tamu, kapten Persib …")."""
        tokens = self.tokens
        if start - floor > 8 or start == floor or not tokens[start - 1].comma:
            return False
        return not any(self.plain_class(i) == NAME for i in range(floor + 1, start))

    def _bare_name_at(self, start: int) -> bool:
        """Whether a name with no title stands at ``start`` ("Budi, Ani dan Wati"): a list, not an appositive."""
        if not self.tokens[start].capital:
            return False
        end = self.phrase_end(start, self.limit_from(start))
        if end == start:
            return False
        named = self.split(start, end - 1)
        return bool(named.name) and not named.title


def _held_by_a_person(title: str) -> bool:
    """Whether a title holds a word only a person is called by: "Kepala Dinas …", "Lt. Col.", "Pak", "coach"."""
    words = title.lower().replace(".", " ").replace(",", " ").split()
    return any(word in PERSON_WORDS or word.startswith(_PERSON_PREFIXES) for word in words)


# Indonesian offices written short by prefix: Kapolresta, Kasatreskrim, Dirreskrimsus, Kasubdit …
_PERSON_PREFIXES = ("kapol", "wakapol", "kasat", "kasub", "dirres", "danr", "dand")
