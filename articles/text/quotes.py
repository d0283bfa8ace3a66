"""Find the quotations in a story and who said them, as a desk editor would mark them.

``extract_quotes(paragraphs, caption, language)`` returns every quote in the caption and the body with its speaker's
name (no titles, ranks or honorifics), the speaker's title as printed, and where the quote stands.

How it reads a story:

1. **Quote marks.** Straight and curly double marks, „ “ and « » are paired by position, not by shape: a mark after a
   space that touches a word opens, a mark after a word closes. So a quote opened with " and closed with ” works, as
   does a closer typed with the space on the wrong side ("…, "ujarnya"). A paragraph that ends inside a quote runs on
   when the next paragraph opens with a mark (the newspaper convention for long quotes); otherwise the quote stops
   before an attribution such as ", ujarnya" inside it, or at the paragraph end. Single marks and apostrophes are
   never quote marks, so nested 'quotes' and words like Jum'at stay inside the text.
2. **Attribution.** The words right after the quote ("ujarnya", "kata X", "ditambahkan X", "said X, the city's
   policy analyst", "X said") or, failing that, the speaker the story last presented (``speakers.Discourse``):
   "Muhammad Jatmika menjelaskan, …", "Menurut X, …", ", lanjut Jatmika, …", the person a sentence opens with, or
   for a quote with no attribution at all, the person the sentence before it introduced.
   Every person the story introduces, speaking or not ("Kapolsek Tanah Abang Kompol Ardiansyah Putra memimpin …"),
   goes into the story's register, so that a surname, a first name, a short form ("Ardi"), a nickname in quotes
   or a role noun ("the colonel", *sang kades*) later finds them with their full name and title. A quantified
   group ("most street vendors", *sebagian warga*) or a body speaking as such ("Pemkot Bogor menyatakan", "the
   department said in a statement") is no person: the quote gets that ``speaker_kind`` and no speaker.
3. **Judgement.** A quote split around its attribution ("…," kata X, "…") is joined into one. Short quoted terms (one
   to three words) and title-cased names in quotes are scare quotes, not speech, unless the story attributes them.

Every step reads each character a bounded number of times: quote marks are paired in one pass with one mark of
look-ahead, attribution windows have a fixed size, and no regular expression here can backtrack beyond a fixed
width. Time is linear in the length of the story, however unbalanced its quote marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from articles.text.speakers import (
    Discourse,
    Floor,
    IntroducingReader,
    Introduction,
    Mention,
    PersonRegistry,
    Subject,
    is_speech_word,
    place_evidence,
)
from articles.text.speech_words import EN_VERBS, ID_NYA, ID_PASSIVE, ID_ROOTS, NAMING_WORDS, STOPWORDS
from articles.text.story_format import guess_language

__all__ = ["DOUBLE_MARKS", "ExtractedQuote", "extract_quotes"]

# Straight, curly, low-9, reversed, guillemets, double prime and full-width: every double mark seen in news copy.
DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02'
_MARK_RE = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
_BLANK_MARKS = str.maketrans(dict.fromkeys(DOUBLE_MARKS, " "))
_OPEN_AFTER = frozenset("([{<\u2014\u2013/:;")
_CLOSE_BEFORE = frozenset(".,;:!?)]}>\u2014\u2013\u2026")
_OPEN, _CLOSE, _EITHER = 1, 2, 3
_TRIMMED = " \t\n,;:\u2014\u2013-"  # what a quote's text loses at its end ("Saya senang," → "Saya senang")
_MAX_TERM_WORDS = 3  # "Jakarta Sehat", "pahlawan tanpa tanda jasa": quoted terms, not speech


def _alternatives(words: frozenset[str]) -> str:
    # Longest first, so "ujarnya" is tried before "ujar".
    return "|".join(sorted(words, key=len, reverse=True))


_SPEECH = _alternatives(ID_NYA | ID_ROOTS | ID_PASSIVE | EN_VERBS)
# An opening-looking mark followed by an attribution is a closer typed with its space on the wrong side.
_ATTRIBUTION_AHEAD = re.compile(rf"[ \t]{{0,3}}(?:(?:{_SPEECH})\b|(?:he|she|dia|ia)\s)", re.IGNORECASE)
# Inside a quote that never closes, ", ujarnya" / ", kata Budi" / ", he said" is where it should have closed.
_ATTRIBUTION_INSIDE = re.compile(
    rf"[,.!?][ \t]{{1,3}}(?:(?:{_alternatives(ID_NYA)})\b"
    rf"|(?:{_alternatives(ID_ROOTS | ID_PASSIVE)})[ \t](?:dia|ia|beliau|[A-Z])"
    rf"|(?:he|she)[ \t](?:{_alternatives(EN_VERBS)})\b"
    rf"|(?:{_alternatives(EN_VERBS)})[ \t][A-Z])"
)


@dataclass(frozen=True)
class ExtractedQuote:
    """One quote found in a story.

    ``text`` is the quote without its marks (the parts of a quote split around its attribution joined with a space,
    a quote running over several paragraphs joined likewise). ``speaker`` is the name without titles, ranks or
    honorifics, or None when the story does not make the speaker clear; ``speaker_title`` is the title as printed.
    ``paragraph`` indexes the story's paragraphs (-1 for the photo caption); ``start``/``end`` are character offsets
    of the quoted words in that paragraph, ``end`` in ``end_paragraph`` when the quote runs on.
    ``speaker_kind`` says what kind of speaker it is: "person" (with a ``speaker``), "group" (a quantified group:
    "most street vendors", *sebagian warga*) or "organisation" (a body speaking as such), or "" when unknown; a group
    or an organisation has no ``speaker``.
    """

    text: str
    speaker: str | None
    speaker_title: str
    paragraph: int
    start: int
    end: int
    end_paragraph: int | None = None
    speaker_kind: str = ""

    def __post_init__(self) -> None:
        if self.end_paragraph is None:
            object.__setattr__(self, "end_paragraph", self.paragraph)
        if self.speaker and not self.speaker_kind:
            object.__setattr__(self, "speaker_kind", "person")

    def as_dict(self) -> dict[str, str | None]:
        """The quote as the import preview and the tests see it."""
        return {"text": self.text, "speaker": self.speaker, "speaker_title": self.speaker_title}


def extract_quotes(paragraphs: Sequence[str], caption: str = "", language: str | None = None) -> list[ExtractedQuote]:
    """Return the quotes of a story in reading order, the caption's first.

    ``language`` ("id" or "en") is guessed from the text when not given. Both languages' attributions are read in
    any story, as Indonesian copy quotes English speakers and the other way round; the language decides where a
    title is looked for first (Indonesian before the name, English after it).
    """
    paragraphs = [paragraph or "" for paragraph in paragraphs]
    english = (language or guess_language(" ".join(paragraphs))).lower().startswith("en")
    places = place_evidence([caption, *paragraphs])
    registry = PersonRegistry()
    body = _StoryReader(paragraphs, 0, registry, places, english).read()
    # The caption is read after the body so a surname in it finds the full name, with its own discourse: a pronoun
    # in a caption cannot lean on the story's paragraphs.
    captions = _StoryReader([caption], -1, registry, places, english).read() if caption.strip() else []
    # Names and titles are taken once the whole story is read: "kata Budi" early on gets the "Budi Santoso, Kepala
    # Dinas X" the story prints later.
    return [kept.quote(registry) for kept in (*captions, *body)]


# --- Pairing quote marks ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Span:
    """Quoted words before attribution: ``parts`` are (paragraph, start, end) in local paragraph numbers."""

    parts: tuple[tuple[int, int, int], ...]
    after: int  # offset in the last paragraph where the words after the quote begin
    missing_open: bool = False

    @property
    def opened_at(self) -> tuple[int, int]:
        paragraph, start, _ = self.parts[0]
        return paragraph, start


def _mark_kind(text: str, pos: int) -> int:
    """Whether a double mark opens or closes, from its neighbours: "… “Kami" opens, "kami,” …" closes."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    opening = before.isspace() or before in _OPEN_AFTER
    closing = after.isspace() or after in _CLOSE_BEFORE
    if opening and not closing:
        return _OPEN
    if closing and not opening:
        return _CLOSE
    return _EITHER


def _comma_before(text: str, pos: int) -> bool:
    index = pos - 1
    while index >= 0 and pos - index <= 4 and text[index] in " \t":
        index -= 1
    return index >= 0 and text[index] == ","


def _opens_with_mark(text: str) -> bool:
    match = re.match(r"\s{0,8}", text)
    index = match.end() if match else 0
    return index < len(text) and text[index] in DOUBLE_MARKS


def _stop_inside(text: str, start: int, end: int) -> int | None:
    """Where an unclosed quote should have closed: before ", ujarnya" or ", he said" within it, if anywhere."""
    match = _ATTRIBUTION_INSIDE.search(text, start, end)
    return match.start() if match else None


def _find_spans(paragraphs: Sequence[str], run_on: bool) -> list[_Span]:
    """Pair the double marks of all paragraphs into quoted spans in one pass (``run_on``: quotes may continue)."""
    spans: list[_Span] = []
    carried: list[tuple[int, int, int]] = []
    for number, text in enumerate(paragraphs):
        marks = [(match.start(), _mark_kind(text, match.start())) for match in _MARK_RE.finditer(text)]
        parts, carried = carried, []
        depth, begin, index = 0, 0, 0
        if parts and marks:
            depth, begin, index = 1, marks[0][0] + 1, 1
        seen = bool(parts)
        while index < len(marks):
            pos, kind = marks[index]
            if depth == 0:
                if kind != _CLOSE:
                    depth, begin, parts, seen = 1, pos + 1, [], True
                elif not seen and text[:pos].strip():
                    # A closer with no opener before it in the paragraph: the opener was forgotten.
                    spans.append(_Span(((number, 0, pos),), pos + 1, missing_open=True))
                    seen = True
            elif depth == 1:
                if kind != _OPEN:
                    spans.append(_Span((*parts, (number, begin, pos)), pos + 1))
                    depth, parts = 0, []
                else:
                    following = marks[index + 1][1] if index + 1 < len(marks) else None
                    if _ATTRIBUTION_AHEAD.match(text, pos + 1):
                        # '"Saya senang, "ujarnya': a closer with its space on the wrong side.
                        spans.append(_Span((*parts, (number, begin, pos)), pos + 1))
                        depth, parts = 0, []
                    elif following is not None and following != _OPEN:
                        depth = 2  # a quote inside the quote, closed by the next mark
                    elif _comma_before(text, pos):
                        spans.append(_Span((*parts, (number, begin, pos)), pos + 1))
                        depth, parts = 0, []
                    else:
                        # A new quote opens while the last never closed: end that one here.
                        spans.append(_unclosed(text, number, parts, begin, pos))
                        begin, parts = pos + 1, []
            elif kind != _OPEN:
                depth = 1
            index += 1
        if depth:
            end = len(text.rstrip())
            cut = _stop_inside(text, begin, end)
            if cut is None and run_on and number + 1 < len(paragraphs) and _opens_with_mark(paragraphs[number + 1]):
                parts.append((number, begin, end))  # grown in place: a quote may run over thousands of paragraphs
                carried = parts
            else:
                spans.append(_unclosed(text, number, parts, begin, end))
    return spans


def _unclosed(text: str, number: int, parts: list[tuple[int, int, int]], begin: int, stop: int) -> _Span:
    """A quote whose closing mark is missing: it ends before an attribution inside it, or at ``stop``."""
    cut = _stop_inside(text, begin, stop)
    end = stop if cut is None else cut
    return _Span((*parts, (number, begin, end)), end)


# --- Reading a story -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Found:
    """A span with what the words around it say: its attribution and how it sits in its sentence."""

    span: _Span
    attribution: Subject | None
    text: str
    start: int
    end: int
    last_paragraph: int
    position: int  # character offset of the opening in the first paragraph, to order it among mentions


class _StoryReader:
    """Reads a run of paragraphs (the body, or the caption alone) with one discourse memory."""

    def __init__(
        self,
        paragraphs: Sequence[str],
        first_number: int,
        registry: PersonRegistry,
        places: frozenset[str],
        english: bool,
    ) -> None:
        self.paragraphs = paragraphs
        self.first_number = first_number
        self.registry = registry
        self.discourse = Discourse(registry)
        self.readers = [IntroducingReader(text.translate(_BLANK_MARKS), places, english=english) for text in paragraphs]
        self.starts = [[token.start for token in reader.tokens] for reader in self.readers]

    def read(self) -> list[_Kept]:
        found_spans = _find_spans(self.paragraphs, run_on=self.first_number >= 0)
        spans = [span for span in found_spans if not self._in_name(span)]
        for span in spans:
            for number, start, end in span.parts:
                self._block(number, start, end)
        attributions = [self._attribution(span) for span in spans]
        found = self._join_split_quotes(spans, attributions)
        return self._walk(found)

    def _in_name(self, span: _Span) -> bool:
        """Whether the span is a nickname inside a name (Margaret "Peg" Lindqvist): one to three capitalised words
        between two capitalised words. Its words are then read as part of the name, and left out of it."""
        if len(span.parts) != 1 or span.missing_open:
            return False
        number, start, end = span.parts[0]
        words = self.paragraphs[number][start:end].split()
        if not words or not _nickname(words) or any(word[-1:] in ",;:" for word in words):
            return False
        tokens, indices = self.readers[number].tokens, self._token_range(number, start, end)
        before, after = indices.start - 1, indices.stop
        if before < 0 or after >= len(tokens) or not indices:
            return False
        if not (tokens[before].capital and tokens[after].capital) or tokens[before].ends_clause:
            return False
        self.readers[number].nicknames.update(indices)
        return True

    def _token_range(self, number: int, start: int, end: int) -> range:
        starts = self.starts[number]
        return range(bisect_left(starts, start), bisect_left(starts, end))

    def _block(self, number: int, start: int, end: int) -> None:
        barrier = self.readers[number].barrier
        for index in self._token_range(number, start, end):
            barrier[index] = True

    def _attribution(self, span: _Span) -> Subject | None:
        """Read the attribution after the span, and block its words from being read again as narrative."""
        number, start, end = span.parts[-1]
        reader = self.readers[number]
        first = bisect_left(self.starts[number], span.after)
        text = self.paragraphs[number]
        closing = text[start:end].rstrip()[-1:]
        if text[span.after : span.after + 4].lstrip().startswith(","):
            closing = ","  # '"Foo", kata Budi': the comma outside the marks
        subject = reader.attribution_after(first, closing=closing)
        if subject is not None:
            for index in range(first, subject.end):
                reader.barrier[index] = True
        return subject

    def _join_split_quotes(self, spans: list[_Span], attributions: list[Subject | None]) -> list[_Found]:
        """Join "…," kata X, "…" into one quote; make the others _Found as they are."""
        found: list[_Found] = []
        index = 0
        while index < len(spans):
            span, subject = spans[index], attributions[index]
            parts = list(span.parts)
            while subject is not None and index + 1 < len(spans) and self._continues(span, subject, spans[index + 1]):
                index += 1
                following = attributions[index]
                if subject.kind == "pronoun" and following is not None and following.kind == "person":
                    subject = following
                span = spans[index]
                parts.extend(span.parts)
            found.append(self._found(_Span(tuple(parts), span.after, spans[index].missing_open), subject))
            index += 1
        return found

    def _continues(self, span: _Span, subject: Subject, following: _Span) -> bool:
        number = span.parts[-1][0]
        next_number, next_start = following.opened_at
        if next_number != number or following.missing_open:
            return False
        reader = self.readers[number]
        last_token = reader.tokens[subject.end - 1]
        gap = self.paragraphs[number][last_token.end : next_start - 1]
        return last_token.comma and not gap.strip(" ,\t")

    def _found(self, span: _Span, subject: Subject | None) -> _Found:
        texts = []
        for number, start, end in span.parts:
            texts.append(self.paragraphs[number][start:end].strip())
        text = " ".join(part for part in texts if part).rstrip(_TRIMMED)
        first_number, first_start, first_end = span.parts[0]
        segment = self.paragraphs[first_number][first_start:first_end]
        start = first_start + len(segment) - len(segment.lstrip())
        last_number, last_start, end = span.parts[-1]
        last_text = self.paragraphs[last_number]
        while end > last_start and last_text[end - 1] in _TRIMMED:
            end -= 1
        return _Found(span, subject, text, start, end, last_number, first_start)

    def _walk(self, found: list[_Found]) -> list[_Kept]:
        """Go through the story in order, updating who speaks and resolving each kept quote's speaker."""
        quotes: list[_Kept] = []
        by_paragraph: dict[int, list[_Found]] = {}
        for item in found:
            by_paragraph.setdefault(item.span.parts[0][0], []).append(item)
        for number, reader in enumerate(self.readers):
            events: list[tuple[int, int, Mention | Introduction | _Found]] = []
            # Read paragraph by paragraph, as the registry grows: "Moreno scheduled …" is a subject only once the
            # story has introduced Alicia Moreno.
            introduced: dict[int, int] = {}
            for introduction in reader.introductions():
                # Registered before the paragraph's mentions are read, so "Reyes said" in the same paragraph knows
                # the Daniel Reyes introduced a sentence earlier.
                subject = introduction.subject
                introduced[introduction.index] = self.registry.add(
                    subject.name, subject.title, subject.gender, subject.alias, roles=subject.roles
                )
                events.append((reader.tokens[introduction.index].start, 0, introduction))
            for mention in reader.mentions(self.registry):
                events.append((reader.tokens[mention.index].start, 1, mention))
            for item in by_paragraph.get(number, []):
                events.append((item.position, 2, item))
            events.sort(key=lambda event: (event[0], event[1]))
            last_speech_sentence = -1
            for position, _, event in events:
                if isinstance(event, Introduction):
                    person_id = introduced[event.index]
                    self.discourse.introduce(person_id, number, leads=event.leads)
                    if event.opens:
                        self.discourse.open_sentence(person_id, number)
                    continue
                if isinstance(event, Mention):
                    self._apply(event, number)
                    if event.strong:
                        last_speech_sentence = self._sentence_of(number, position)
                    continue
                quote = self._judge(event, number, last_speech_sentence)
                if quote is not None:
                    quotes.append(quote)
        return quotes

    def _apply(self, mention: Mention, number: int) -> None:
        if mention.strong:
            self.discourse.speak(self.discourse.resolve(mention.subject, number))
        else:
            self.discourse.open_sentence(
                self.registry.add(
                    mention.subject.name, mention.subject.title, mention.subject.gender, mention.subject.alias
                ),
                number,
            )

    def _sentence_of(self, number: int, position: int) -> int:
        """A sentence key for the token at ``position``: the offset where its sentence starts (bounded search)."""
        reader = self.readers[number]
        index = bisect_left(self.starts[number], position)
        steps = 0
        while index > 0 and steps < 200 and not reader.tokens[index - 1].ends_sentence:
            if reader.barrier[index - 1]:
                break
            index -= 1
            steps += 1
        return index

    def _nickname(self, nickname: str, number: int) -> None:
        """Record a nickname for the person the story last presented, so that "Bams emphasized" finds them."""
        person_id = self.discourse.last_person()
        if person_id is not None:
            self.registry.add(self.registry.people[person_id].name, alias=nickname)

    def _judge(self, item: _Found, number: int, last_speech_sentence: int) -> _Kept | None:
        """Keep the span if it is a quote, resolve its speaker, and tell the discourse who spoke."""
        words = item.text.split()
        if not words or (item.span.missing_open and item.attribution is None):
            return None
        if item.attribution is None:
            reader = self.readers[number]
            opening = item.position - 1
            previous = bisect_left(self.starts[number], opening) - 1
            before = reader.tokens[previous] if previous >= 0 else None
            standalone = before is None or before.ends_sentence or reader.barrier[previous]
            adjacent = before is not None and (
                before.trail.endswith((":", ",")) or before.norm in ("bahwa", "that") or is_speech_word(before.norm)
            )
            speech_here = not standalone and self._sentence_of(number, opening) == last_speech_sentence
            if before is not None and before.norm in NAMING_WORDS and _nickname(words):
                self._nickname(item.text, number)
                return None  # 'familiarly called "Bams"': the name the speaker goes by, not speech
            if _title_cased(words):
                return None
            sentence = standalone and item.text[:1].isupper() and item.text.endswith((".", "!", "?"))
            if len(words) <= _MAX_TERM_WORDS and not (adjacent and speech_here) and not sentence:
                return None  # "banjir kiriman", "no role": a term in quotes, unless it is a sentence ("Tidak!")
            if not standalone and not speech_here:
                return None  # a phrase in quotes inside the story's own sentence: a term or a title
        if item.attribution is not None:
            floor = self.discourse.resolve(item.attribution, number)
        else:
            floor = self.discourse.unattributed(number)
        self.discourse.speak(floor)
        return _Kept(item, floor, self.first_number)


@dataclass(frozen=True)
class _Kept:
    """A quote judged to be one, with its speaker's id in the story's registry."""

    found: _Found
    floor: Floor  # the speaker's id in the story's registry (or None) and their kind
    first_number: int  # paragraph number of local paragraph 0: 0 for the body, -1 for the caption

    def quote(self, registry: PersonRegistry) -> ExtractedQuote:
        item, speaker, title = self.found, None, ""
        person, kind = self.floor
        if person is not None:
            known = registry.people[person]
            speaker, title = known.name, known.title
        paragraph = item.span.parts[0][0] + self.first_number
        last_paragraph = item.last_paragraph + self.first_number
        return ExtractedQuote(item.text, speaker, title, paragraph, item.start, item.end, last_paragraph, kind)


def _nickname(words: list[str]) -> bool:
    """One to three capitalised words with no sentence punctuation: "Bams", "Abah Ujang"."""
    return len(words) <= _MAX_TERM_WORDS and all(word[:1].isupper() for word in words) and words[-1][-1:] not in ".!?"


def _title_cased(words: list[str]) -> bool:
    """A short run of capitalised words in quotes names something ("Jalan Panjang Menuju Kota yang Ramah Anak",
    "Safe Staffing Saves Lives"): a title, a programme or a slogan, not speech."""
    if len(words) < 2 or len(words) > 10 or words[-1].endswith((".", "!", "?")):
        return False
    content = [word.strip("'\u2018\u2019(),;:") for word in words]
    content = [word for word in content if word and word.lower() not in STOPWORDS]
    return len(content) >= 2 and all(word[:1].isupper() or word[:1].isdigit() for word in content)
