"""The XSS matrix's assertions on one output: what a payload may never create, and where its text must show.

Each ``check_*`` function parses a response body and returns a ``Findings``: the problems found (empty when the
output is safe), the markers of the fields whose text it shows, and how many checks it made. An HTML page is compared
with the same page rendered for harmless content (``Structure``): the payload may add no element, attribute or script
the harmless page does not have, beyond what the story body's own allowlist lets an editor write.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field

import html5lib
from defusedxml import ElementTree as SafeET

# What the body cleaner lets an editor write (articles/models/story.py BODY_EXTENSIONS): new in a page only through
# the body, so allowed beyond the harmless page's elements.
BODY_TAGS = {"p", "strong", "em", "b", "i", "s", "sub", "sup", "h2", "h3", "h4", "ul", "ol", "li", "blockquote"}
BODY_TAGS |= {"hr", "br", "a", "img", "figure", "figcaption", "del", "ins"}
BODY_ATTRIBUTES = {"href", "src", "alt", "title", "width", "height", "srcset", "sizes", "loading", "rel", "target"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application")
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
JAVASCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}
MARKER = re.compile(r"zz\d\d")
# Neither a tag opener nor a comment may survive inside a JSON block: either ends the <script> element early.
JSON_BREAKOUT = re.compile(r"</script|<!--", re.IGNORECASE)
JSON_BLOCK = re.compile(
    r"<script[^>]*type=\"application/(?:ld\+)?json\"[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL
)
SVG_BLOCK = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
SVG_ELEMENTS = {"svg", "title", "text", "rect", "desc", "g"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    shown: set[str] = field(default_factory=set)  # markers of the fields whose text the output shows
    checks: int = 0
    texts: list[str] = field(default_factory=list)  # every text node and attribute value, for "shown as text"

    def check(self, ok: bool, problem: str) -> None:
        self.checks += 1
        if not ok:
            self.problems.append(problem)

    def saw(self, text: str) -> None:
        """Count ``text`` (a text node, an attribute value, a JSON string or a CSV cell) as shown by the output."""
        self.texts.append(text)
        self.shown.update(MARKER.findall(text))

    def shows(self, value: str) -> bool:
        """Whether ``value`` (its first 24 characters, without control characters) is one of the texts shown."""
        probe = visible(value)[:24]
        return any(probe in visible(text) for text in self.texts)


def visible(text: str) -> str:
    """The text as a reader sees it, to compare a stored value with what an output shows."""
    # Parsers and the feeds drop control characters and non-characters; compare the rest.
    # Whitespace runs count as one space: a filter such as truncatewords joins the words with single spaces.
    kept = "".join(ch for ch in text if ch.isspace() or not (unicodedata.category(ch) == "Cc" or ch in "\ufffe\uffff"))
    return " ".join(kept.split())


@dataclass
class Structure:
    """What a page is made of: elements with their attribute names, and its scripts."""

    attributes: dict[str, set[str]]  # tag → attribute names seen on it
    scripts: set[tuple[str, str, str]]  # (src, type, inline code) of every JavaScript <script>

    @classmethod
    def of(cls, content: str) -> Structure:
        attributes: dict[str, set[str]] = {}
        scripts = set()
        for element in _elements(content):
            attributes.setdefault(element.tag, set()).update(element.attrib)
            if element.tag == "script" and element.get("type", "").lower() not in DATA_SCRIPT_TYPES:
                scripts.add((element.get("src", ""), element.get("type", ""), (element.text or "").strip()))
        return cls(attributes, scripts)


def _elements(content: str):
    document = html5lib.parse(content, treebuilder="etree", namespaceHTMLElements=False)
    for element in document.iter():
        if isinstance(element.tag, str):
            # html5lib names foreign elements {namespace}tag: an <svg> from a payload is "{…svg}svg".
            element.tag = element.tag.rsplit("}", 1)[-1].lower()
            yield element


def check_html(content: str, baseline: Structure, *, body_allowed: bool) -> Findings:
    """No script, element, attribute or URL scheme a payload made; JSON blocks intact; what text the page shows."""
    found = Findings()
    allowed_tags = set(baseline.attributes) | (BODY_TAGS if body_allowed else set())
    for element in _elements(content):
        tag = element.tag
        found.check(tag in allowed_tags, f"<{tag}> appears, which the harmless page does not have")
        allowed_attributes = baseline.attributes.get(tag, set()) | (BODY_ATTRIBUTES if body_allowed else set())
        for name, value in element.attrib.items():
            found.saw(value)
            found.check(not name.lower().startswith("on"), f"<{tag} {name}=…> event handler")
            found.check(name in allowed_attributes, f"<{tag} {name}=…> attribute the harmless page does not have")
            if name.lower() in URL_ATTRIBUTES:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                found.check(not scheme.startswith(DANGEROUS_SCHEMES), f"<{tag} {name}={value[:60]!r}>")
        if tag == "script":
            kind = element.get("type", "").lower()
            if kind in DATA_SCRIPT_TYPES:
                _check_json(element.text or "", found)
            else:
                code = (element.get("src", ""), element.get("type", ""), (element.text or "").strip())
                found.check(code in baseline.scripts, f"a script the harmless page does not have: {code[2][:60]!r}")
        for text in (element.text, element.tail):
            if text:
                found.saw(text)
    # The raw JSON blocks too: a "</script" inside one would have ended it before the parser saw the rest.
    for block in JSON_BLOCK.findall(content):
        found.check(not JSON_BREAKOUT.search(block), "“</script” or “<!--” inside a JSON block")
    return found


def _check_json(text: str, found: Findings) -> None:
    try:
        data = json.loads(text)
    except ValueError as error:
        found.check(False, f"a JSON block that does not parse: {error}")
        return
    found.check(True, "")
    for value in _json_strings(data):
        found.saw(value)


def _json_strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_strings(value)


def check_xml(content: bytes, allowed_tags: set[str] | None = None) -> Findings:
    """Well-formed XML (defusedxml: no entities, no DTD), the payload only as text: no element outside the
    harmless document's, no attribute that is an event handler."""
    found = Findings()
    try:
        root = SafeET.fromstring(content)
    except Exception as error:  # ParseError, or defusedxml refusing an entity or DTD
        found.check(False, f"not well-formed XML: {error}")
        return found
    found.check(True, "")
    is_rss = root.tag == "rss"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if allowed_tags is not None:
            found.check(tag in allowed_tags, f"<{tag}> in the XML, which the harmless document does not have")
        for name, value in element.attrib.items():
            found.check(not name.lower().startswith("on"), f"<{tag} {name}=…> event handler in XML")
            found.saw(value)
        if not element.text:
            continue
        if _carries_html(element, tag, is_rss):
            # A feed reader decodes this text once more, as HTML: it must hold no markup of its own (an escaped
            # “&lt;script&gt;” stays words), and what the reader shows is the decoded text.
            found.check(
                "<" not in element.text, f"<{tag}> carries markup a feed reader would run: {element.text[:40]!r}"
            )
            found.saw(html.unescape(element.text))
        else:
            found.saw(element.text)
    return found


def _carries_html(element, tag: str, is_rss: bool) -> bool:
    """RSS titles and descriptions are read as HTML (hence Django's feeds escape them twice); in Atom, the elements
    that say ``type="html"``."""
    if is_rss:
        return tag in {"title", "description"} and element.tag == tag  # RSS's own elements, not media:description
    return element.get("type") == "html"


def xml_tags(content: bytes) -> set[str]:
    return {element.tag.rsplit("}", 1)[-1] for element in SafeET.fromstring(content).iter()}


def check_svg(content: str) -> Findings:
    """Every inline SVG of a page parses as XML on its own and holds only the chart's elements (no script, no
    foreignObject, no event handler)."""
    found = Findings()
    blocks = SVG_BLOCK.findall(content)
    found.check(bool(blocks), "no SVG chart in the report")
    for block in blocks:
        try:
            root = SafeET.fromstring(block)
        except Exception as error:
            found.check(False, f"an SVG chart that is not well-formed XML: {error}")
            continue
        found.check(True, "")
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            found.check(tag in SVG_ELEMENTS, f"<{tag}> inside an SVG chart")
            for name in element.attrib:
                found.check(not name.lower().startswith("on"), f"<{tag} {name}=…> event handler in an SVG chart")
            for text in (element.text, element.tail):
                if text:
                    found.saw(text)
    return found


def check_csv(content: str) -> Findings:
    """Parses as CSV; no cell a spreadsheet would run as a formula (OWASP: = + - @ tab CR first)."""
    found = Findings()
    rows = list(csv.reader(io.StringIO(content)))
    found.check(len(rows) > 1, "a CSV with no rows")
    for row in rows:
        for cell in row:
            found.saw(cell)
            found.check(not cell.startswith(FORMULA_STARTS), f"a CSV cell a spreadsheet runs: {cell[:60]!r}")
    return found
