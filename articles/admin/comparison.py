"""The comparison of two versions of a story as the admin shows it: removed words in <del>, added ones in <ins>,
everything else escaped.

The data (which fields, paragraphs and parts changed, and the word-level operations) comes from
articles/services/revisions.py; this module only turns it into HTML for templates/admin/articles/article/compare.html.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from articles.services import revisions
from articles.services.revisions import BodyDiff, Change, Comparison, FoldedParagraphs, SameParagraph, WordDiff

_WORD_MARKUP = {"equal": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>"}


@dataclass
class ShownChange:
    label: str
    diff: SafeString


@dataclass
class ShownComparison:
    """A comparison ready for the page: the two snapshots and each change as a label and its HTML."""

    comparison: Comparison
    fields: list[ShownChange]
    parts: list[ShownChange]

    @property
    def old(self) -> revisions.Snapshot:
        return self.comparison.old

    @property
    def new(self) -> revisions.Snapshot:
        return self.comparison.new

    @property
    def changed(self) -> list[str]:
        return self.comparison.changed


def compare(old: revisions.Snapshot, new: revisions.Snapshot) -> ShownComparison:
    """What differs between two saved versions of a story, as the compare page shows it."""
    return show_comparison(revisions.compare(old, new))


def show_comparison(comparison: Comparison) -> ShownComparison:
    return ShownComparison(
        comparison=comparison,
        fields=[ShownChange(change.label, show_change(change)) for change in comparison.fields],
        parts=[ShownChange(change.label, show_change(change)) for change in comparison.parts],
    )


def show_change(change: Change) -> SafeString:
    if change.body is not None:
        return show_body(change.body)
    if change.words is not None:
        return show_words(change.words)
    return format_html("<del>{}</del> → <ins>{}</ins>", change.old, change.new)


def show_words(diff: WordDiff) -> SafeString:
    """Word by word: removed words in <del>, added ones in <ins>, the rest as it was (all of it escaped)."""
    return format_html_join("", "{}", ((format_html(_WORD_MARKUP[kind], text),) for kind, text in diff.segments))


def show_body(diff: BodyDiff) -> SafeString:
    """A body's changed paragraphs word by word, one per line, with the unchanged ones around them; a folded run of
    unchanged paragraphs as its count."""
    blocks = []
    for block in diff.blocks:
        if isinstance(block, WordDiff):
            blocks.append(show_words(block))
        elif isinstance(block, SameParagraph):
            blocks.append(format_html("{}", block.text))
        elif isinstance(block, FoldedParagraphs):
            blocks.append(format_html("<span class='folded'>[… {} …]</span>", _folded(block.count)))
    return mark_safe("\n".join(blocks))  # every block was escaped by format_html


def text_diff(old: str, new: str) -> SafeString:
    """Two texts word by word, as HTML (see ``show_words``)."""
    return show_words(revisions.word_diff(old, new))


def body_diff(old: str, new: str) -> SafeString:
    """Two story bodies paragraph by paragraph, as HTML (see ``show_body``)."""
    return show_body(revisions.paragraph_diff(old, new))


def _folded(count: int) -> str:
    return _("%(count)d unchanged paragraphs") % {"count": count}
