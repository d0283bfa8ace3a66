"""The quote rules and the comparison of versions read a story body as the same paragraphs
(articles/text/html_paragraphs.py), so what the desk compares is what the quote extractor and the record check."""

from __future__ import annotations

from articles.services import quotes, restoring, revisions
from articles.services.revisions import SameParagraph, WordDiff
from articles.text.html_paragraphs import body_paragraphs

BODY = (
    "<h2>Banjir di Kenanga</h2>"
    "<p>Warga &amp; relawan bekerja sejak pagi.</p>"
    "<ul><li>Pompa pertama</li><li>Pompa kedua</li></ul>"
    "<blockquote><p>“Kami siap,” kata Lurah.</p></blockquote>"
    "<figure><img src='/media/a.webp' alt=''><figcaption>Pompa di Kali Kenanga.</figcaption></figure>"
    "<h3>Catatan</h3><p>Selesai.</p>"
)
EXPECTED = [
    "Banjir di Kenanga",
    "Warga & relawan bekerja sejak pagi.",
    "Pompa pertama",
    "Pompa kedua",
    "“Kami siap,” kata Lurah.",
    "Pompa di Kali Kenanga.",
    "Catatan",
    "Selesai.",
]


def _compared_paragraphs(old: str, new: str) -> tuple[list[str], list[str]]:
    """The paragraphs of both bodies as the comparison saw them (no folding: each is next to a change)."""
    before, after = [], []
    for block in revisions.paragraph_diff(old, new).blocks:
        if isinstance(block, SameParagraph):
            before.append(block.text)
            after.append(block.text)
        elif isinstance(block, WordDiff):
            before += ["".join(block.old)] if block.old else []
            after += ["".join(block.new)] if block.new else []
    return before, after


def test_the_quote_rules_and_the_comparison_see_the_same_paragraphs():
    assert quotes.body_paragraphs(BODY) == body_paragraphs(BODY) == EXPECTED
    # Every paragraph changes, so the comparison lists each paragraph of both versions, none folded.
    changed = "".join(f"<p>{text} lagi</p>" for text in EXPECTED)
    before, after = _compared_paragraphs(BODY, changed)
    assert before == EXPECTED and after == [f"{text} lagi" for text in EXPECTED]


def test_a_heading_or_caption_change_is_a_paragraph_change_for_both():
    """A changed heading is one changed paragraph for the restore preview, and the quote rules read the new one."""
    edited = BODY.replace("Catatan", "Catatan redaksi").replace("Kali Kenanga", "Kali Mati")
    assert restoring._body_change(BODY, edited) == restoring.BodyChange(added=0, removed=0, changed=2)
    assert "Catatan redaksi" in quotes.body_paragraphs(edited) and "Pompa di Kali Mati." in quotes.body_paragraphs(
        edited
    )
