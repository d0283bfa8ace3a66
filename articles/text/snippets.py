"""Search result snippets: whole sentences with the reader's words marked. Pure (no Django), the same on every database.

- ``Matcher`` says which words of a text answer the query: the same word, the start of the last word (the one being
  typed), or another form of the same root (articles/text/stemming.py) — the rules the search index matches by.
- ``mark`` escapes a text and wraps the matched words in ``<mark>``: nothing else in it can become markup.
- ``opening`` gives a story's first whole sentences within a length: the summary where the desk wrote none.
- ``snippet`` picks the sentence with most of the query's words from a story's paragraphs (dek first, then the
  body), adds the sentences after it from the same paragraph as they were written while they fit, and a sentence
  holding words it lacks from elsewhere after a “…”. Sentences of different paragraphs are never run together, and
  an over-long sentence is cut between words, with “…” where it was cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from articles.text.stemming import fold, query_stems

_WORD = re.compile(r"[^\W_]+")
_SPACE_SEPARATED = re.compile(r"\S+")
# The end of a sentence: its punctuation, closing quotes or brackets, then space before what starts the next one.
_CLOSING, _OPENING = "\"'\u201d\u2019\u00bb)\\]", "\"'\u201c\u2018\u00ab(\\["  # quotes and brackets, either way
_SENTENCE_END = re.compile(rf"[.!?…]+[{_CLOSING}]*(?=\s+[{_OPENING}]?[^\W_a-z])")
# Words a full stop follows without ending the sentence (titles and abbreviations in Indonesian and English news).
_ABBREVIATIONS = frozenset(
    [
        *("dr", "drs", "dra", "ir", "prof", "h", "hj", "ny", "sdr", "bpk", "kh", "jl", "jln", "no", "rp", "st"),
        *("kec", "kab", "kel", "mr", "mrs", "ms", "jr", "sr", "vs", "etc", "tel"),
    ]
)
ELLIPSIS = "…"


@dataclass(frozen=True)
class _Term:
    word: str
    stems: frozenset[str]
    prefix: bool


@dataclass(frozen=True)
class Matcher:
    """The reader's words, each matched exactly, by a shared stem, or (the last one) by its start."""

    terms: tuple[_Term, ...]

    @classmethod
    def for_words(cls, words: Sequence[str]) -> Matcher:
        folded = [fold(word) for word in words if word]
        return cls(
            tuple(
                _Term(word, frozenset(query_stems(word)), prefix=index == len(folded) - 1)
                for index, word in enumerate(folded)
            )
        )

    def term_of(self, token: str) -> int | None:
        """Which of the reader's words this word of the text answers, if any."""
        word = fold(token)
        stems = None
        for index, term in enumerate(self.terms):
            if word == term.word or (term.prefix and word.startswith(term.word)):
                return index
            stems = query_stems(word) if stems is None else stems
            if stems & term.stems:
                return index
        return None


def mark(text: str, matcher: Matcher) -> str:
    """The text escaped for HTML, with each matched word in <mark>."""
    parts, position = [], 0
    for match in _WORD.finditer(text):
        if matcher.term_of(match.group()) is None:
            continue
        parts += [escape(text[position : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


@dataclass(frozen=True)
class _Sentence:
    paragraph: int
    start: int
    end: int
    terms: frozenset[int]


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : end.start()].rsplit(None, 1)
        if before and before[-1].casefold().strip(_OPENING) in _ABBREVIATIONS:
            continue  # “Dr. Sari”, “Rp. 5 juta”: not a sentence's end
        spans.append((start, end.end()))
        start = end.end() + len(paragraph[end.end() :]) - len(paragraph[end.end() :].lstrip())
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans


def opening(paragraphs: Sequence[str], *, limit: int) -> str:
    """A story's first whole sentences as one plain text of at most ``limit`` characters, for a summary where the
    desk wrote none (a feed item, a page's description); a first sentence longer than that is cut between words,
    with “…”. Sentences of different paragraphs are joined with a space, never glued."""
    taken = ""
    for paragraph in (paragraph.strip() for paragraph in paragraphs if paragraph and paragraph.strip()):
        for start, end in _sentence_spans(paragraph):
            candidate = f"{taken} {paragraph[start:end]}".strip()
            if len(candidate) > limit:
                return taken or _cut_plain(candidate, limit)
            taken = candidate
    return taken


def _cut_plain(text: str, limit: int) -> str:
    words = text[: limit + 1].split()
    kept = " ".join(words[:-1] if len(text) > limit and len(words) > 1 else words)
    return f"{kept[:limit].rstrip()}{ELLIPSIS}"


def _sentences(paragraphs: Sequence[str], matcher: Matcher) -> list[_Sentence]:
    sentences = []
    for number, paragraph in enumerate(paragraphs):
        for start, end in _sentence_spans(paragraph):
            terms = (matcher.term_of(word) for word in _WORD.findall(paragraph[start:end]))
            sentences.append(_Sentence(number, start, end, frozenset(term for term in terms if term is not None)))
    return sentences


def snippet(paragraphs: Sequence[str], matcher: Matcher, *, limit: int = 240) -> str:
    """The sentences of these paragraphs that best show why the story matched, marked, at most about ``limit``
    characters (plus a “…” at each end of a cut)."""
    paragraphs = [paragraph.strip() for paragraph in paragraphs if paragraph and paragraph.strip()]
    sentences = _sentences(paragraphs, matcher)
    if not sentences:
        return ""
    best = max(range(len(sentences)), key=lambda index: (len(sentences[index].terms), -index))

    def length(index: int) -> int:
        return sentences[index].end - sentences[index].start

    if length(best) > limit:
        return _cut(paragraphs[sentences[best].paragraph][sentences[best].start : sentences[best].end], matcher, limit)
    chosen, used = {best}, length(best)
    missing = set(range(len(matcher.terms))) - sentences[best].terms
    # First a sentence holding words the best one lacks, then what follows each in its paragraph.
    for index in sorted(range(len(sentences)), key=lambda index: -len(sentences[index].terms & missing)):
        if not sentences[index].terms & missing:
            break
        if used + length(index) + 3 <= limit:
            chosen.add(index)
            used += length(index) + 3
            missing -= sentences[index].terms
    for index in sorted(chosen):
        following = index + 1
        while (
            following < len(sentences)
            and following not in chosen
            and sentences[following].paragraph == sentences[index].paragraph
            and used + length(following) + 1 <= limit
        ):
            chosen.add(following)
            used += length(following) + 1
            following += 1
    return f" {ELLIPSIS} ".join(mark(text, matcher) for text in _runs(sorted(chosen), sentences, paragraphs))


def _runs(chosen: list[int], sentences: list[_Sentence], paragraphs: Sequence[str]) -> list[str]:
    """Consecutive sentences of one paragraph as one piece of its text, with the spacing it was written with."""
    runs: list[tuple[int, int]] = []
    for index in chosen:
        if runs and runs[-1][1] == index - 1 and sentences[index].paragraph == sentences[runs[-1][0]].paragraph:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return [
        paragraphs[sentences[first].paragraph][sentences[first].start : sentences[last].end] for first, last in runs
    ]


def _matches(text: str, matcher: Matcher) -> bool:
    return any(matcher.term_of(word) is not None for word in _WORD.findall(text))


def _cut(sentence: str, matcher: Matcher, limit: int) -> str:
    """A window of whole words around the first matched word, “…” where the sentence goes on."""
    words = list(_SPACE_SEPARATED.finditer(sentence))
    first = next((number for number, word in enumerate(words) if _matches(word.group(), matcher)), 0)
    start = max(0, first - 6)  # a little of what comes before the word, for its sense
    end = start
    while end < len(words) and words[end].end() - words[start].start() <= limit:
        end += 1
    end = max(end, first + 1)
    text = mark(sentence[words[start].start() : words[end - 1].end()], matcher)
    return f"{ELLIPSIS + ' ' if start else ''}{text}{' ' + ELLIPSIS if end < len(words) else ''}"
