"""A story body's paragraphs as plain text: what a reader reads, without the markup. Pure (no Django).

One reading for every caller: the quote extractor and the record's check that a story prints a quote
(articles/services/quotes.py), the comparison of two versions and the restore preview
(articles/services/revisions.py, restoring.py). Two readings would let the desk's comparison show paragraphs the
quote rules never saw.

Each block an editor can write is its own paragraph: <p>, headings, list items, block quotes and figure captions. A
block inside a block (``<blockquote><p>…</p></blockquote>``, ``<li><p>…</p></li>``) ends the text gathered so far, so
each is its own paragraph. Text outside any block (a body written without the editor) is a paragraph too: the page
prints it. Line breaks join lines with a space; entities are decoded and spacing collapsed.
"""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "figure", "hr"})
# Elements whose text a reader never sees.
_HIDDEN = frozenset({"script", "style", "template"})


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._text: list[str] = []
        self._hidden = 0

    def flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.paragraphs.append(text)
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in BLOCKS:
            self.flush()
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self._hidden:
            self._text.append(data)


def body_paragraphs(html: str) -> list[str]:
    """The body's paragraphs as plain text, in reading order (see the module's docstring)."""
    parser = _Paragraphs()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.paragraphs
