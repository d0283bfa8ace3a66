"""Benchmark the quote extractor: time per labelled story, and 1 MB against 2 MB of hostile text.

Run from the project folder::

    .venv/bin/python benchmarks/quote_extraction.py

It prints figures and asserts nothing: the point is to see that doubling the input doubles the time (linear), however
unbalanced the quote marks. The hostile text mixes every shape that could make a careless extractor backtrack or
rescan: thousands of openers with no closer, runs of paragraphs that each open a quote and never close it, one huge
paragraph, marks glued to words, attribution verbs and capitalised names everywhere, and commas without end.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.text.quotes import extract_quotes  # noqa: E402  (the path must be set first)

STORIES = ROOT / "tests" / "data" / "quote_stories"
_PIECES = (
    '"',
    "\u201c",
    "\u201d",
    "\u201e",
    "\u00ab",
    "\u00bb",
    ' "',
    '" ',
    ", ujarnya",
    ", kata Budi",
    ", he said",
    " said Smith,",
    " mengatakan,",
    " Kepala Dinas Pendidikan Kota Bogor Ahmad Fulan",
    " Menurut Budi,",
    " the official said",
    " lanjut Jatmika,",
    ", , , ,",
    " Jakarta Pusat",
    " kami ingin",
    " (Aspem)",
    ". ",
    "'",
    " ",
)


def hostile_story(size: int, seed: int = 7) -> tuple[str, list[str]]:
    """A caption and paragraphs totalling about ``size`` characters of worst-case text."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        shape = rng.randrange(5)
        if shape == 0:  # a run of paragraphs that each open a quote and never close it
            chunk = [
                f"\u201cKami ingin belajar langsung dari Jakarta Pusat nomor {i}" for i in range(rng.randrange(50, 400))
            ]
        elif shape == 1:  # openers without closers
            chunk = [" ".join(f'"kata{i}' for i in range(rng.randrange(200, 2000)))]
        elif shape == 2:  # random soup of marks, verbs and names
            chunk = ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(500, 5000)))]
        elif shape == 3:  # one huge paragraph
            chunk = ["".join(rng.choice(_PIECES) for _ in range(min(60_000, max(1, (size - total) // 8))))]
        else:  # ordinary quotes, many of them
            chunk = ['"Kami siap bekerja sama," ujar Kepala Dinas Budi Santoso. ' * rng.randrange(20, 200)]
        paragraphs.extend(chunk)
        total += sum(len(paragraph) + 2 for paragraph in chunk)
    return '"Caption with an open quote, kata Budi', paragraphs


def _time(caption: str, paragraphs: list[str], repeat: int = 3) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = len(extract_quotes(paragraphs, caption))
        best = min(best, time.perf_counter() - started)
    return best, count


def main() -> None:
    stories = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(STORIES.glob("*.json"))]
    per_story = []
    for story in stories:
        seconds, _ = _time(story["caption"], story["paragraphs"], repeat=20)
        per_story.append(seconds)
    print(
        f"labelled stories: {len(stories)}; per story mean {statistics.mean(per_story) * 1000:.2f} ms, "
        f"max {max(per_story) * 1000:.2f} ms"
    )
    results = {}
    for megabytes in (1, 2):
        caption, paragraphs = hostile_story(megabytes * 1_000_000)
        chars = len(caption) + sum(len(paragraph) for paragraph in paragraphs)
        seconds, count = _time(caption, paragraphs)
        results[megabytes] = seconds
        print(
            f"hostile {megabytes} MB: {chars:,} chars in {len(paragraphs):,} paragraphs -> {count:,} quotes "
            f"in {seconds:.2f} s ({chars / seconds / 1e6:.2f} M chars/s)"
        )
    print(f"2 MB / 1 MB time ratio: {results[2] / results[1]:.2f} (2.0 is linear)")


if __name__ == "__main__":
    main()
