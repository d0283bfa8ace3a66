"""Benchmark the revision comparison: how long comparing two versions of a story body takes as the story grows.

Run from the project folder::

    .venv/bin/python benchmarks/revision_diff.py

It prints figures and asserts nothing. The usual case is an editor's fix (three paragraphs changed in a long story);
the worst case is a body rewritten from the first word to the last, compared word by word.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402  (the path must be set first)

django.setup()

from articles.admin.comparison import body_diff  # noqa: E402

WORDS = [
    "pompa",
    "banjir",
    "kali",
    "kenanga",
    "warga",
    "kelurahan",
    "dinas",
    "sumber",
    "daya",
    "air",
    "musim",
    "hujan",
    "tahun",
    "ini",
    "kota",
]


def body(paragraphs: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(40)) + "." for _ in range(paragraphs)]


def as_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def best_of(old: str, new: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        body_diff(old, new)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    for count in (50, 100, 200):
        old = body(count, seed=1)
        edited = list(old)
        for index in (2, count // 2, count - 1):
            edited[index] = edited[index].replace("warga", "penduduk", 1) + " Ditambahkan satu kalimat."
        rewritten = body(count, seed=2)
        fix = best_of(as_html(old), as_html(edited))
        rewrite = best_of(as_html(old), as_html(rewritten), repeat=1)
        print(
            f"{count} paragraphs ({count * 40:,} words): 3 paragraphs edited {fix * 1000:.1f} ms; "
            f"rewritten throughout {rewrite * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
