"""Word and phrase pools for generating large numbers of realistic-looking demo stories.

The pools are data, in ``corpus.json`` beside this module; this module reads them once, on import, into the
same tuples as ever. In the file, ``shared`` holds the pools both languages use (``PLACES``, ``PERSON_NAMES``,
``PHOTOGRAPHERS``) and ``id`` / ``en`` the rest; ``PARAGRAPH_PATTERNS`` is not stored but made here. Edit the
JSON to change the demo text: a template with a placeholder outside ``PLACEHOLDERS`` fails on import.

Everything is fictional and set in "Kota Administrasi Jakarta Tengah", an invented Jakarta-like
municipality (the same setting as the hand-written stories in ``articles/demo/stories/``).

``CORPUS`` maps a language code ("id" or "en") to a dict with the same keys in both languages, so a
generator can be written once and run for either language:

``HEADLINE_PATTERNS``
    Headline templates, already in headline case.
``PARAGRAPH_PATTERNS``
    Body templates: ``NARRATIVE_PATTERNS`` followed by ``QUOTE_PATTERNS``. An Indonesian quote
    template is two paragraphs separated by a blank line (``"\\n\\n"``): the house-style attribution
    ("<title> <name> mengatakan, pihaknya ...") and then the quote itself ('"...," ujarnya.').
    Join paragraphs with ``"\\n\\n"`` when writing a story file, or ``split("\\n\\n")`` a filled
    template to get separate paragraphs. English quote templates are one paragraph each.
``NARRATIVE_PATTERNS`` / ``QUOTE_PATTERNS``
    The two halves of ``PARAGRAPH_PATTERNS``, for generators that want a set number of quotes.
``CAPTION_PATTERNS``
    Photo captions ending in a credit ("Foto: {photographer}", "(Photo by {photographer})" ...)
    that ``articles.text.credits.split_credit`` recognises.
``PLACES``, ``PROJECTS``, ``OFFICIAL_ROLES``, ``PERSON_NAMES``, ``TOPICS``, ``PHOTOGRAPHERS``, ``DAYS``
    The pools the placeholders draw from. ``TOPICS`` double as tag names.

Templates use ``str.format`` placeholders from this fixed set only (see ``PLACEHOLDERS``):

===================  ================================================================
``{place}``          a neighbourhood (kelurahan) name from ``PLACES``, without "Kelurahan"
``{project}``        a programme or works name from ``PROJECTS``, in title case
``{official_role}``  a long official title from ``OFFICIAL_ROLES``; Indonesian titles go before
                     the name ("Kepala Suku Dinas ... {name}"), English ones after it
                     ("{name}, head of ...")
``{name}``           a person from ``PERSON_NAMES``
``{topic}``          a lower-case subject from ``TOPICS`` (English ones may start "the ...")
``{photographer}``   a photographer from ``PHOTOGRAPHERS``
``{number}``         an integer the generator chooses within ``NUMBER_RANGE`` (inclusive; every
                     template reads sensibly anywhere in that range)
``{day}``            a weekday name from ``DAYS``
===================  ================================================================

Quotes are set in curly quotation marks (“...”), the house style, so the quoted words can be
found with ``text.split("“")``.

A template may use a placeholder more than once (meaning the same value) or not at all, so always
pass every placeholder: ``pattern.format(**values)``. Drawing {place} and {project} once per story
and the other values once per template gives the most coherent results. Pure data, no Django imports.
"""

from __future__ import annotations

import json
from pathlib import Path
from string import Formatter

__all__ = ["CORPUS", "NUMBER_RANGE", "PLACEHOLDERS"]

CORPUS_FILE = Path(__file__).resolve().parent / "corpus.json"
_SHARED = ("PLACES", "PERSON_NAMES", "PHOTOGRAPHERS")
_TEMPLATES = ("HEADLINE_PATTERNS", "NARRATIVE_PATTERNS", "QUOTE_PATTERNS", "CAPTION_PATTERNS")


def _load(path: Path) -> tuple[frozenset[str], tuple[int, int], dict[str, dict[str, tuple[str, ...]]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    placeholders = frozenset(data["placeholders"])
    low, high = data["number_range"]
    shared = {key: tuple(data["shared"][key]) for key in _SHARED}
    corpus: dict[str, dict[str, tuple[str, ...]]] = {}
    for language in ("id", "en"):
        words = {key: tuple(values) for key, values in data[language].items()}
        for key in _TEMPLATES:
            for template in words[key]:
                unknown = {field for _, field, _, _ in Formatter().parse(template) if field} - placeholders
                if unknown:
                    raise ValueError(f"{path.name}: {language} {key} template uses {sorted(unknown)}: {template!r}")
        corpus[language] = {
            "HEADLINE_PATTERNS": words["HEADLINE_PATTERNS"],
            "PARAGRAPH_PATTERNS": words["NARRATIVE_PATTERNS"] + words["QUOTE_PATTERNS"],
            "NARRATIVE_PATTERNS": words["NARRATIVE_PATTERNS"],
            "QUOTE_PATTERNS": words["QUOTE_PATTERNS"],
            "CAPTION_PATTERNS": words["CAPTION_PATTERNS"],
            "PLACES": shared["PLACES"],
            "PROJECTS": words["PROJECTS"],
            "OFFICIAL_ROLES": words["OFFICIAL_ROLES"],
            "PERSON_NAMES": shared["PERSON_NAMES"],
            "TOPICS": words["TOPICS"],
            "PHOTOGRAPHERS": shared["PHOTOGRAPHERS"],
            "DAYS": words["DAYS"],
        }
    return placeholders, (low, high), corpus


PLACEHOLDERS: frozenset[str]
NUMBER_RANGE: tuple[int, int]
CORPUS: dict[str, dict[str, tuple[str, ...]]]
PLACEHOLDERS, NUMBER_RANGE, CORPUS = _load(CORPUS_FILE)
