"""Quotes as the desk reviews them: confirming and rejecting, and reading a story again for quotes after it changed.

The record stays true to the story:

- Editors' decisions and edits always stand: extraction never touches a quote an editor confirmed, rejected or edited
  (``Quote.held_by_editor``) and never adds a second copy of one, however the story or the quote was edited since.
- A confirmed quote's words are words the story prints (``StoryText.prints``), unless an editor marked the quote a
  paraphrase: forms refuse other words and ``review_quotes`` skips them.
- When a story stops printing a confirmed quote's words, the quote goes back to proposed, flagged for the desk
  (``quotes_follow_story``, run after every save of a story by articles/signals.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from functools import cached_property

from django.db import transaction
from django.utils import timezone

from articles import audit
from articles.models import Article, AuditEntry, Quote
from articles.services.sources import confirm_quote_sources, source_for_speaker
from articles.signals import stories_changed
from articles.text.html_paragraphs import body_paragraphs  # the one reading of a body every caller shares
from articles.text.quotes import DOUBLE_MARKS, ExtractedQuote, extract_quotes

# Every quote mark, double and single, straight and typographic: they never make two quotes different.
_MARKS = DOUBLE_MARKS + "'\u2018\u2019\u201a\u201b\u2039\u203a`\u00b4"
_NO_MARKS = str.maketrans(dict.fromkeys(_MARKS, " "))
_EDGE_PUNCTUATION = " .,;:!?\u2026-\u2013\u2014"
# Shorter texts are not matched by containment: “ya” is inside almost any quote.
_MIN_CONTAINED = 12
# Two quotes this similar are one quote an editor touched up (a typo, a word); see ``same_quote``.
_SIMILAR = 0.85

# States in which saving a story proposes its quotes again (the admin's save, the desk API's edit): before an editor
# has signed the story off, the text may still change under them.
QUOTES_PROPOSED_ON_SAVE = (Article.Status.DRAFT, Article.Status.IN_REVIEW)


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
    has (same text up to case, spacing and quote marks, one inside the other, or nearly equal — to its words now or
    to its first ones) is never added again. Quotes an editor confirmed, rejected or edited are left exactly as they
    are, even when their words left the story. A machine proposal follows the story: it moves to its new paragraph,
    takes the story's new wording when its own is no longer there, and is removed once nothing like it is left in the
    story. ``user`` is who asked (for callers' messages and future auditing; no rule depends on it).
    """
    # Lock the story row: two runs at once on the same story wait for each other instead of both adding quotes.
    callers_copy, article = article, Article.objects.select_for_update().get(pk=article.pk)
    found = story_quotes(article)
    existing = [
        (quote, normalise_quote(quote.text), normalise_quote(quote.original_text))
        for quote in article.quotes.select_for_update().order_by("pk")
    ]
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
            existing.append((quote, text, ""))
            matched.add(quote.pk)
            added += 1
            continue
        kept += match.pk not in matched
        matched.add(match.pk)
        if not match.held_by_editor:
            updated += _follow_story(match, item, story_text)
    stale = [
        quote.pk
        for quote, text, _original in existing
        if quote.pk not in matched and not quote.held_by_editor and not _in_story(text, story_text)
    ]
    removed = Quote.objects.filter(pk__in=stale).delete()[0] if stale else 0
    if added or updated or removed:
        Article.objects.filter(pk=article.pk).touch()  # an open story form now holds stale quotes
        callers_copy.version += 1  # the change the caller asked for is not a conflict for the caller
    return ExtractionResult(added=added, kept=kept, updated=updated, removed=removed)


def _follow_story(quote: Quote, item: ExtractedQuote, story_text: str) -> bool:
    # Only machine proposals follow the story; a wording the story still has (a trim) is kept.
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


def _best_match(text: str, existing: list[tuple[Quote, str, str]]) -> Quote | None:
    # The closest kind of sameness wins, to a quote's words now or to its first ones (an editor's rewrite is still
    # the quote it was); among equals a confirmed quote, then one an editor holds, before the others.
    for test in (str.__eq__, same_quote):
        candidates = [
            quote for quote, words, original in existing if test(text, words) or (original and test(text, original))
        ]
        if candidates:
            return min(
                candidates,
                key=lambda quote: (quote.status != Quote.Status.CONFIRMED, not quote.held_by_editor, quote.pk),
            )
    return None


def _in_story(text: str, story_text: str) -> bool:
    return bool(text) and text in story_text


class StoryText:
    """The words of a story as a quote's are checked against: what its body prints, then its photos' captions and
    the quotes the extractor reads in them (a quote split around its attribution, “A,” kata X, “B”, is printed as
    one quote although the body never has “A B” in one piece).

    Read lazily, from the story as it is in memory (a form's new body before it is saved): the body alone answers
    almost every check, and the captions (a query) and the extractor are read only when it does not.
    """

    def __init__(self, article: Article) -> None:
        self.article = article

    def prints(self, text: str) -> bool:
        """Whether the story prints these words, up to case, spacing, quote marks and punctuation at either end."""
        words = normalise_quote(text)
        return _in_story(words, self._body) or _in_story(words, self._read)

    @cached_property
    def _paragraphs(self) -> list[str]:
        return body_paragraphs(self.article.body)

    @cached_property
    def _body(self) -> str:
        return normalise_quote(" ".join(self._paragraphs))

    @cached_property
    def _read(self) -> str:
        article = self.article
        uses = article.photo_uses.select_related("photo").order_by("order") if article.pk else []
        captions = [use.display_caption for use in uses]
        found = extract_quotes(
            self._paragraphs, caption=captions[0] if captions else "", language=article.language or None
        )
        return normalise_quote(" ".join([*captions, *(quote.text for quote in found)]))


def quotes_follow_story(article: Article) -> list[Quote]:
    """After a story was saved: each confirmed quote whose words the story no longer prints goes back to proposed,
    flagged for the desk (``words_gone_since``, shown as ``review_note``), so readers never see words the story
    does not carry. Paraphrases do not depend on the body's wording and stay. Returns the quotes sent back.

    articles/signals.py runs it after every save of a story, in the save's transaction: the admin, a restore, an
    import, the workflow and code in a shell all pass there. The quote stays the editor's (``edited_by_editor``):
    extraction neither removes it nor proposes its words again, and only an editor confirms it again.
    """
    confirmed = list(
        Quote.objects.filter(article_id=article.pk, status=Quote.Status.CONFIRMED, is_paraphrase=False).order_by(
            "position", "pk"
        )
    )
    if not confirmed:
        return []
    story = StoryText(article)
    gone = [quote for quote in confirmed if not story.prints(quote.text)]
    now = timezone.now()
    for quote in gone:
        quote.status, quote.words_gone_since, quote.edited_by_editor = Quote.Status.PROPOSED, now, True
        # A save per quote, not update(): the search index, the page cache and an open revision follow each one.
        quote.save(update_fields=["status", "words_gone_since", "edited_by_editor"])
    return gone


def may_review_quotes(user) -> bool:
    """Whether ``user`` decides quotes: confirms, rejects, marks pull quotes and paraphrases, and changes quotes an
    editor has decided — editors. Reporters also hold the quote permissions, for the quotes of their own drafts, so
    the rule adds the right to edit anyone's story."""
    return user.is_active and user.has_perm("articles.change_quote") and user.has_perm("articles.edit_any_article")


@dataclass
class QuoteReview:
    """What one ``review_quotes`` call did."""

    changed: int = 0
    # Not confirmed: the story does not print their words and they are not marked as paraphrases.
    skipped: list[Quote] = field(default_factory=list)


@transaction.atomic
def review_quotes(*, quotes: Iterable[Quote], status: str, user=None) -> QuoteReview:
    """Confirm or reject quotes (editors' bulk actions); confirming also confirms their sources.

    A quote whose words its story does not print is confirmed only when it is marked as a paraphrase: the others are
    skipped, left as they are, and returned in ``skipped`` for the caller to name."""
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
    skipped = []
    if status == Quote.Status.CONFIRMED:
        stories: dict[int, StoryText] = {}
        for quote in changed:
            story = stories.setdefault(quote.article_id, StoryText(quote.article))
            if not quote.is_paraphrase and not story.prints(quote.text):
                skipped.append(quote)
        changed = [quote for quote in changed if quote not in skipped]
    previous = {quote.pk: quote.status for quote in changed}
    # A decision clears the flag of a quote whose words had left the story, and keeps extraction off it from now on.
    Quote.objects.filter(pk__in=[quote.pk for quote in changed]).update(
        status=status, edited_by_editor=True, words_gone_since=None
    )
    for quote in changed:
        quote.status, quote.edited_by_editor, quote.words_gone_since = status, True, None
    action = AuditEntry.Action.QUOTE_CONFIRMED if status == Quote.Status.CONFIRMED else AuditEntry.Action.QUOTE_REJECTED
    for quote in changed:
        audit.record_change(
            target=quote, action=action, user=user, before={"status": previous[quote.pk]}, after={"status": status}
        )
    article_ids = {quote.article_id for quote in changed}
    Article.objects.filter(pk__in=article_ids).touch()  # open story forms show the old statuses in their inline
    stories_changed(article_ids)
    if status == Quote.Status.CONFIRMED:
        quote_saved(quotes=changed, user=user)
    return QuoteReview(changed=len(changed), skipped=skipped)


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
