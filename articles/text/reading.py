"""How long a story body is for its reader: words and reading time. Pure (no Django).

The same reading of the body as the quote rules (articles/text/html_paragraphs.py), so the count is of the words a
reader reads, without markup. static/newsroom/writing_aids.js counts the same way live in the form (words are runs
of non-space characters; the minutes are rounded up, at least one for any text).
"""

from __future__ import annotations

import math

from articles.text.html_paragraphs import body_paragraphs

# Words a minute an adult reads on screen: the usual figure for news sites' "x min read" (Brysbaert 2019 puts
# silent reading of non-fiction at about 238; 200 is the rounder, slightly cautious figure most sites use).
WORDS_PER_MINUTE = 200


def word_count(html: str) -> int:
    """Words in the body as a reader reads it."""
    return sum(len(paragraph.split()) for paragraph in body_paragraphs(html))


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` words, rounded up; 0 only for an empty body."""
    return math.ceil(words / WORDS_PER_MINUTE) if words > 0 else 0
