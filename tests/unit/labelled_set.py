"""Score the story reader against hand-labelled stories: photo credits, quote spans and speakers.

A labelled story is a JSON file (format: tests/data/quote_stories/README.md). Each is turned back into the newsroom's
plain-text story format and read the way an import reads it (``parse_story`` for the caption and credit,
``extract_quotes`` for the quotes), then compared with what a desk editor marked:

* **credit**: the share of stories whose credit *and* caption text both come out as labelled (a story with no credit
  counts too: it must come out with none);
* **quote F1**: quotes matched by text (``same_quote``), precision and recall over all stories;
* **speaker**: the share of matched quotes whose speaker is the labelled one; where the label has no person because
  the speaker is a group or an organisation, the reader must say that kind.

Run it on a folder to see the figures and every miss::

    python -m tests.unit.labelled_set tests/data/quote_stories [--misses]

Pure: no Django.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from articles.text.quotes import extract_quotes
from articles.text.story_format import parse_story

KINDS_WITHOUT_PERSON = frozenset({"group", "organisation"})


def normalise(text: str) -> str:
    """Lower case, punctuation and quote marks dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def same_quote(expected: str, found: str) -> bool:
    """Texts match when equal once normalised, or when one holds the other and is at least 60% of its length."""
    expected, found = normalise(expected), normalise(found)
    if expected == found:
        return True
    shorter, longer = sorted((expected, found), key=len)
    return bool(shorter) and shorter in longer and len(shorter) >= 0.6 * len(longer)


def _same_text(expected: str | None, found: str | None) -> bool:
    """Credits and captions compare with spaces collapsed and a trailing separator or full stop ignored."""

    def tidy(value: str | None) -> str:
        return " ".join((value or "").split()).rstrip(" .|-\u2013\u2014:/")

    return tidy(expected) == tidy(found)


def story_text(story: dict) -> str:
    """The labelled story in the plain-text format an import reads: caption line(s), headline, paragraphs."""
    lines = []
    if story.get("caption"):
        lines.append(f"# {story['caption']}")
    if story.get("credit_line"):
        lines.append(story["credit_line"])  # a credit printed alone under the caption, as typed
    head = "\n".join(lines)
    blocks = [story.get("headline") or "Berita", *story["paragraphs"]]
    return (head + "\n\n" if head else "") + "\n\n".join(blocks) + "\n"


@dataclass
class Score:
    stories: int = 0
    credits_right: int = 0
    quotes_expected: int = 0
    quotes_found: int = 0
    quotes_matched: int = 0
    speakers_right: int = 0
    titles_right: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def credit(self) -> float:
        return self.credits_right / self.stories if self.stories else 1.0

    @property
    def precision(self) -> float:
        return self.quotes_matched / self.quotes_found if self.quotes_found else 1.0

    @property
    def recall(self) -> float:
        return self.quotes_matched / self.quotes_expected if self.quotes_expected else 1.0

    @property
    def quote_f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def speaker(self) -> float:
        return self.speakers_right / self.quotes_matched if self.quotes_matched else 0.0

    @property
    def title(self) -> float:
        return self.titles_right / self.quotes_matched if self.quotes_matched else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "stories": self.stories,
            "quotes": self.quotes_expected,
            "credit": round(self.credit, 3),
            "quote_precision": round(self.precision, 3),
            "quote_recall": round(self.recall, 3),
            "quote_f1": round(self.quote_f1, 3),
            "speaker": round(self.speaker, 3),
            "speaker_title": round(self.title, 3),
            "ms_per_story": round(1000 * self.seconds / self.stories, 2) if self.stories else 0.0,
        }


def speaker_right(expected: dict, found: dict) -> bool:
    """The speaker is right when the names match; a group or organisation label needs that kind and no person."""
    kind = expected.get("speaker_kind") or ("person" if expected["speaker"] else "")
    if kind in KINDS_WITHOUT_PERSON:
        return found["speaker"] is None and found["speaker_kind"] == kind
    return found["speaker"] == expected["speaker"]


def score_story(story: dict, result: Score, name: str = "") -> None:
    started = time.perf_counter()
    parsed = parse_story(story_text(story))
    quotes = extract_quotes(list(parsed.paragraphs), parsed.photo_caption, story["language"])
    result.seconds += time.perf_counter() - started
    result.stories += 1
    if _same_text(story.get("expected_credit"), parsed.photo_credit) and _same_text(
        story.get("expected_caption", ""), parsed.photo_caption
    ):
        result.credits_right += 1
    else:
        result.misses.append(
            f"{name}: credit {parsed.photo_credit!r} caption {parsed.photo_caption!r}"
            f" — expected {story.get('expected_credit')!r} / {story.get('expected_caption')!r}"
        )
    found = [
        {"text": q.text, "speaker": q.speaker, "speaker_title": q.speaker_title, "speaker_kind": q.speaker_kind}
        for q in quotes
    ]
    used: set[int] = set()
    result.quotes_found += len(found)
    result.quotes_expected += len(story["quotes"])
    for expected in story["quotes"]:
        hit = next((i for i, q in enumerate(found) if i not in used and same_quote(expected["text"], q["text"])), None)
        if hit is None:
            result.misses.append(f"{name}: quote not found: {expected['text'][:70]!r}")
            continue
        used.add(hit)
        result.quotes_matched += 1
        got = found[hit]
        if speaker_right(expected, got):
            result.speakers_right += 1
        else:
            result.misses.append(
                f"{name}: speaker {got['speaker']!r} ({got['speaker_kind']}) for {expected['text'][:50]!r}"
                f" — expected {expected['speaker']!r} ({expected.get('speaker_kind', '')})"
            )
        result.titles_right += got["speaker_title"] == (expected.get("speaker_title") or "")
    for i, extra in enumerate(found):
        if i not in used:
            result.misses.append(f"{name}: extra quote: {extra['text'][:70]!r}")


def load(folder: Path) -> list[tuple[str, dict]]:
    return [(path.stem, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(folder.glob("*.json"))]


def score(stories: list[tuple[str, dict]]) -> Score:
    result = Score()
    for name, story in stories:
        score_story(story, result, name)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--language", choices=("id", "en"), help="score one language only")
    args = parser.parse_args(argv)
    stories = [item for folder in args.folders for item in load(folder)]
    if args.language:
        stories = [(name, story) for name, story in stories if story["language"] == args.language]
    result = score(stories)
    print(json.dumps(result.figures()))
    if args.misses:
        print("\n".join(result.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
