"""Quotes as the desk reviews them: confirming and rejecting, and reading a story again for quotes after it changed.

Editors' decisions always stand: extraction never touches a confirmed or rejected quote and never adds a second copy
of one, however the story or the quote was edited since.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser

from django.db import transaction

from articles.models import Article, Quote
from articles.services.sources import confirm_quote_sources, source_for_speaker
from articles.signals import after_bulk_change
from articles.text.quotes import DOUBLE_MARKS, ExtractedQuote, extract_quotes

# Every quote mark, double and single, straight and typographic: they never make two quotes different.
_MARKS = DOUBLE_MARKS + "'\u2018\u2019\u201a\u201b\u2039\u203a`\u00b4"
_NO_MARKS = str.maketrans(dict.fromkeys(_MARKS, " "))
_EDGE_PUNCTUATION = " .,;:!?\u2026-\u2013\u2014"
# Shorter texts are not matched by containment: “ya” is inside almost any quote.
_MIN_CONTAINED = 12
# Two quotes this similar are one quote an editor touched up (a typo, a word); see ``same_quote``.
_SIMILAR = 0.85


class _Blocks(HTMLParser):
    """The text of each paragraph-like block of a story body: <p>, <blockquote> and <li>, in reading order."""

    BLOCKS = frozenset({"p", "blockquote", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0
        self._text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.paragraphs.append(text)
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            # A block inside a block (<blockquote><p>) ends the text gathered so far: each is its own paragraph.
            self._flush()
            self._depth += 1
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS and self._depth:
            self._flush()
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


def body_paragraphs(html: str) -> list[str]:
    """The story body's paragraphs as plain text (entities decoded, spacing collapsed), for the quote extractor."""
    parser = _Blocks()
    parser.feed(html or "")
    parser.close()
    parser._flush()
    return parser.paragraphs


def normalise_quote(text: str) -> str:
    """Quote text for comparison: case, spacing, quote marks and punctuation at either end do not count."""
    text = unicodedata.normalize("NFKC", text or "").translate(_NO_MARKS).casefold()
    return " ".join(text.split()).strip(_EDGE_PUNCTUATION)


def same_quote(a: str, b: str) -> bool:
    """Whether two normalised quote texts are the same quote: equal, one inside the other, or nearly equal."""
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= _MIN_CONTAINED and shorter in longer:
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= _SIMILAR and matcher.quick_ratio() >= _SIMILAR and matcher.ratio() >= _SIMILAR


@dataclass(frozen=True)
class ExtractionResult:
    """What one run of ``extract_again`` did to a story's quotes."""

    added: int = 0
    kept: int = 0
    updated: int = 0
    removed: int = 0

    def __add__(self, other: ExtractionResult) -> ExtractionResult:
        return ExtractionResult(**{key: value + getattr(other, key) for key, value in asdict(self).items()})

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def story_quotes(article: Article) -> list[ExtractedQuote]:
    """The quotes the extractor finds in the story as it is now: its body and its lead photo's caption."""
    lead = article.photo_uses.select_related("photo").order_by("order").first()
    caption = lead.display_caption if lead else ""
    return extract_quotes(body_paragraphs(article.body), caption=caption, language=article.language)


@transaction.atomic
def extract_again(*, article: Article, user=None) -> ExtractionResult:
    """Read the story again and bring its proposed quotes up to date, in one transaction.

    New quotes are added as proposed, with their speakers' sources (new sources proposed). A quote the story already
    has (same text up to case, spacing and quote marks, one inside the other, or nearly equal) is never added again.
    Confirmed and rejected quotes are left exactly as they are. A proposed quote follows the story: it moves to its
    new paragraph, takes the story's new wording when its own is no longer there, and is removed once nothing like it
    is left in the story. ``user`` is who asked (for callers' messages and future auditing; no rule depends on it).
    """
    # Lock the story row: two runs at once on the same story wait for each other instead of both adding quotes.
    callers_copy, article = article, Article.objects.select_for_update().get(pk=article.pk)
    found = story_quotes(article)
    existing = [(quote, normalise_quote(quote.text)) for quote in article.quotes.select_for_update().order_by("pk")]
    story_text = normalise_quote(
        " ".join([*body_paragraphs(article.body), *(q.text for q in found)])
        + " "
        + " ".join(use.display_caption for use in article.photo_uses.select_related("photo"))
    )
    seen_on = article.publication_date
    matched: set[int] = set()
    added = kept = updated = 0
    for item in found:
        text = normalise_quote(item.text)
        match = _best_match(text, existing)
        if match is None:
            quote = Quote.objects.create(
                article=article,
                text=item.text,
                source=source_for_speaker(item.speaker, item.speaker_title, seen_on=seen_on),
                speaker_title=item.speaker_title[:255],
                position=item.paragraph + 1,  # the caption is paragraph -1, stored as 0
            )
            existing.append((quote, text))
            matched.add(quote.pk)
            added += 1
            continue
        kept += match.pk not in matched
        matched.add(match.pk)
        if match.status == Quote.Status.PROPOSED:
            updated += _follow_story(match, item, story_text)
    stale = [
        quote.pk
        for quote, text in existing
        if quote.pk not in matched and quote.status == Quote.Status.PROPOSED and not _in_story(text, story_text)
    ]
    removed = Quote.objects.filter(pk__in=stale).delete()[0] if stale else 0
    if added or updated or removed:
        Article.objects.filter(pk=article.pk).touch()  # an open story form now holds stale quotes
        callers_copy.version += 1  # the change the caller asked for is not a conflict for the caller
    return ExtractionResult(added=added, kept=kept, updated=updated, removed=removed)


def _follow_story(quote: Quote, item: ExtractedQuote, story_text: str) -> bool:
    # Only machine proposals follow the story; a wording the story still has (an editor's trim) is kept.
    changed = []
    if quote.position != item.paragraph + 1:
        quote.position = item.paragraph + 1
        changed.append("position")
    if not _in_story(normalise_quote(quote.text), story_text):
        quote.text = item.text
        changed.append("text")
    if changed:
        quote.save(update_fields=changed)
    return bool(changed)


def _best_match(text: str, existing: list[tuple[Quote, str]]) -> Quote | None:
    # The closest kind of sameness wins, and among equals a confirmed quote before a proposed or rejected one.
    for test in (str.__eq__, same_quote):
        candidates = [quote for quote, other in existing if test(text, other)]
        if candidates:
            return min(candidates, key=lambda quote: (quote.status != Quote.Status.CONFIRMED, quote.pk))
    return None


def _in_story(text: str, story_text: str) -> bool:
    return bool(text) and text in story_text


def may_review_quotes(user) -> bool:
    """Whether ``user`` works the desk's quote queue: editors. Reporters also hold the quote permissions, for the
    quotes of their own drafts, so the rule adds the right to edit anyone's story."""
    return user.is_active and user.has_perm("articles.change_quote") and user.has_perm("articles.edit_any_article")


@transaction.atomic
def review_quotes(*, quotes: Iterable[Quote], status: str, user=None) -> int:
    """Confirm or reject quotes (editors' bulk actions); confirming also confirms their sources. Returns how many
    quotes changed."""
    if status not in (Quote.Status.CONFIRMED, Quote.Status.REJECTED):
        raise ValueError(f"review_quotes sets confirmed or rejected, not {status!r}")
    pks = [quote.pk for quote in quotes]
    changed = list(
        Quote.objects.select_for_update(of=("self",))
        .filter(pk__in=pks)
        .exclude(status=status)
        .select_related("article", "source")
        .order_by("pk")
    )
    Quote.objects.filter(pk__in=[quote.pk for quote in changed]).update(status=status)
    for quote in changed:
        quote.status = status
    article_ids = {quote.article_id for quote in changed}
    Article.objects.filter(pk__in=article_ids).touch()  # open story forms show the old statuses in their inline
    after_bulk_change(article_ids=article_ids)
    if status == Quote.Status.CONFIRMED:
        quote_saved(quotes=changed, user=user)
    return len(changed)


def quote_saved(*, quotes: Iterable[Quote], user=None) -> None:
    """After quotes were saved (admin inline, quote admin, bulk action): the confirmed ones confirm their sources and
    add their printed titles to the sources' titles over time.

    Confirming a source record is a change to it, so it needs ``change_source`` (editors); quotes a reporter marks
    in their own draft wait for an editor. ``user=None`` is the system (management commands, tests).
    """
    if user is not None and not user.has_perm("articles.change_source"):
        return
    confirmed = [quote for quote in quotes if quote.status == Quote.Status.CONFIRMED and quote.source_id]
    if confirmed:
        confirm_quote_sources(quotes=confirmed)
