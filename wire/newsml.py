"""Reading an agency's NewsML-G2 file (IPTC, namespace http://iptc.org/std/nar/2006-10-01/) into wire items. Pure:
no Django.

A file is a bare ``newsItem`` or a ``newsMessage`` whose ``itemSet``s hold news items and packages. Text items
(``itemClass`` ninat:text) become wire items; picture items (ninat:picture, ninat:graphic) become the pictures of
the text item they belong to: the text item a ``packageItem`` groups them with, the one whose ``itemMeta/link``
names them, or, when the message holds a single text item, that one. With no text item in the file, each picture
item is an item of its own (it needs a headline, like any item). A bare ``packageItem`` names items it does not
carry and is refused.

The body is taken from the richest rendition in ``contentSet``: an XHTML ``inlineXML`` (the ``<body>``'s inner
HTML), then NITF (``body.content``, with NITF's ``hl2``/``bq`` as ``h2``/``blockquote``), then ``inlineData`` as
HTML or plain text (paragraphs wrapped), then a text file delivered beside the item (``remoteContent``).

Hostile files: parsing goes through defusedxml with DTDs forbidden, so entity expansion ("billion laughs") and
external entities (XXE) are refused before anything expands; files over the size limit are not parsed; markup is
walked without recursion, so any depth is safe; everything is linear in the file's size. The version is NewsML-G2's
whole number (absent: 1, the schema's default); anything else is refused rather than guessed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element  # type only: parsing itself is done by defusedxml below

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import ParseError, fromstring

from wire.items import WireByline, WireFormatError, WireItem, WirePicture
from wire.ninjs_in import (
    DEFAULT_MAX_BYTES,
    best_rendition,
    html_inner_body,
    local_file,
    parse_datetime,
    plain_text_html,
    read_limited,
    split_byline,
)

__all__ = ["NAR_NAMESPACE", "read_newsml"]

NAR_NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"
_NAR = f"{{{NAR_NAMESPACE}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PICTURE_CLASSES = frozenset({"picture", "graphic"})
_WITHDRAWN = frozenset({"canceled", "cancelled", "withheld"})
_VERSION = re.compile(r"\d{1,9}")
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# HTML elements that have no end tag.
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
# NITF's block names as HTML; None unwraps the element (its content stays).
_NITF_AS_HTML: dict[str, str | None] = {"hl1": "h1", "hl2": "h2", "bq": "blockquote", "block": None}
_TEXT_FILE_TYPES = ("text/plain", "text/html", "application/xhtml+xml")


def read_newsml(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[WireItem]:
    """The text items of a NewsML-G2 file (a picture item alone when there is no text), their pictures attached.
    Raises WireFormatError saying what is wrong with a file that cannot be read; a single bad item refuses the whole
    file, so that an import leaves nothing half done."""
    path = Path(path)
    root = _parse(read_limited(path, max_bytes))
    name = _local(root.tag)
    if not root.tag.startswith(_NAR):
        raise WireFormatError(f"not NewsML-G2: the document is <{name}>, not a newsItem or newsMessage of IPTC's")
    if name == "newsItem":
        news_items, packages = [root], []
    elif name == "newsMessage":
        news_items = root.findall(f"{_NAR}itemSet/{_NAR}newsItem")
        packages = root.findall(f"{_NAR}itemSet/{_NAR}packageItem")
    elif name == "packageItem":
        raise WireFormatError("a NewsML-G2 package without the items it names: send it in a newsMessage with them")
    else:
        raise WireFormatError(f"a NewsML-G2 {name} holds no news item to import")
    return _Message(path.parent, max_bytes).read(news_items, packages)


def _parse(raw: bytes) -> Element:
    try:
        return fromstring(raw, forbid_dtd=True)
    except DTDForbidden as error:
        raise WireFormatError(
            "the file declares a DTD (<!DOCTYPE …>), which NewsML-G2 never uses; refused, because DTDs are how "
            "entity-expansion and external-entity attacks arrive"
        ) from error
    except DefusedXmlException as error:  # entities or external references without a DTD: not reached, but certain
        raise WireFormatError(f"the file uses entities or external references, which are refused: {error}") from error
    except ParseError as error:
        raise WireFormatError(f"not well-formed XML: {error}{_encoding_hint(raw)}") from error


def _encoding_hint(raw: bytes) -> str:
    """Why a parse failed, when the cause is bytes that are not in the encoding the file declares."""
    declared = _XML_ENCODING.match(raw[:200])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ""  # UTF-16 with its byte order mark: the parser knows
    try:
        raw.decode(encoding)
    except LookupError:
        return f" (the encoding it declares, {encoding}, is unknown)"
    except UnicodeDecodeError as error:
        return (
            f" (byte {raw[error.start]:#04x} at position {error.start} is not {encoding}, the encoding the file "
            "declares or XML's default: save it as UTF-8 or declare its real encoding)"
        )
    return ""


@dataclass
class _Entry:
    """A news item read from the file, before pictures are tied to text."""

    guid: str
    version: int
    item_class: str
    element: Element
    withdrawn: bool
    links: list[str] = field(default_factory=list)


class _Message:
    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes

    def read(self, news_items: list[Element], packages: list[Element]) -> list[WireItem]:
        entries = [_entry(element) for element in news_items]
        texts = _latest_by_guid(e for e in entries if e.item_class not in _PICTURE_CLASSES)
        pictures = {
            e.guid: picture for e in entries if e.item_class in _PICTURE_CLASSES if (picture := self._picture(e))
        }
        if not texts:
            return self._pictures_alone([e for e in entries if e.guid in pictures], pictures)
        usable = [text for text in texts if not text.withdrawn]
        if not usable:
            raise WireFormatError("the agency has withdrawn this item (pubStatus canceled); there is nothing to import")
        attached = _attachments(usable, pictures, packages)
        return [self._text_item(text, tuple(pictures[guid] for guid in attached[text.guid])) for text in usable]

    def _pictures_alone(self, entries: list[_Entry], pictures: dict[str, WirePicture]) -> list[WireItem]:
        if not entries:
            raise WireFormatError("the file holds no text item and no picture Newsroom can import")
        if all(entry.withdrawn for entry in entries):
            raise WireFormatError("the agency has withdrawn this item (pubStatus canceled); there is nothing to import")
        usable = [entry for entry in entries if not entry.withdrawn]
        return [self._text_item(e, (pictures[e.guid],), default_role="photographer") for e in usable]

    def _text_item(self, entry: _Entry, pictures: tuple[WirePicture, ...], *, default_role: str = "writer") -> WireItem:
        item = entry.element
        meta = _child(item, "itemMeta")
        content = _child(item, "contentMeta")
        headline = _headline(content)
        if not headline:
            raise WireFormatError(f"the item {entry.guid} has no headline (contentMeta/headline)")
        holder, notice, terms = _rights(item)
        language = _attribute(_child(content, "language"), "tag") or (item.get(_XML_LANG) or "").strip()
        return WireItem(
            guid=entry.guid,
            version=entry.version,
            headline=headline,
            language=language,
            body_html=self._body(_child(item, "contentSet")),
            source_format="newsml-g2",
            dek=_dek(content),
            slugline=_text(_child(content, "slugline")),
            bylines=_bylines(content, default_role),
            first_created=_datetime(_child(meta, "firstCreated")),
            version_created=_datetime(_child(meta, "versionCreated")),
            embargoed_until=_datetime(_child(meta, "embargoed")),
            subjects=_subjects(content, language),
            located=_name(_child(content, "located")),
            provider=_name(_child(meta, "provider")) or holder,  # an agency's own copyright: it delivered the item
            copyright_notice=notice,
            usage_terms=terms,
            pictures=pictures,
        )

    def _body(self, content_set: Element | None) -> str:
        if content_set is None:
            return ""
        candidates: list[tuple[int, str]] = []
        for position, rendition in enumerate(content_set):
            if (found := self._rendition_body(rendition)) is not None:
                rank, body = found
                candidates.append((rank * 1_000_000 - position, body))  # best kind first, then the first given
        return max(candidates)[1] if candidates else ""

    def _rendition_body(self, rendition: Element) -> tuple[int, str] | None:
        kind = _local(rendition.tag)
        content_type = (rendition.get("contenttype") or "").lower()
        if kind == "inlineXML":
            if "nitf" in content_type or _first(rendition, "nitf") is not None:
                content = _first(rendition, "body.content") or _first(rendition, "body")
                return 3, _inner_html(content if content is not None else rendition, _NITF_AS_HTML)
            body = _first(rendition, "body")
            return 4, _inner_html(body if body is not None else rendition)
        if kind == "inlineData":
            text = rendition.text or ""
            if "html" in content_type:
                return 2, html_inner_body(text)
            return 1, plain_text_html(text)
        if kind == "remoteContent" and content_type.startswith(_TEXT_FILE_TYPES):
            path = local_file(rendition.get("href") or "", self.folder)
            if path is None:
                return None
            try:
                text = read_limited(path, self.max_bytes).decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise WireFormatError(f"the body file {path.name} is not UTF-8 text") from error
            return (0, plain_text_html(text)) if content_type.startswith("text/plain") else (0, html_inner_body(text))
        return None

    def _picture(self, entry: _Entry) -> WirePicture | None:
        item = entry.element
        content = _child(item, "contentMeta")
        renditions = [
            (href, _dimension(r.get("width")), _dimension(r.get("height")), (r.get("contenttype") or "").strip())
            for r in _children(_child(item, "contentSet"), "remoteContent")
            if (href := (r.get("href") or "").strip())
        ]
        chosen = best_rendition(renditions, self.folder)
        if chosen is None:
            return None
        href, local_path, mime_type = chosen
        descriptions = [((d.get("role") or "").lower(), _text(d)) for d in _children(content, "description")]
        descriptions = [(role, text) for role, text in descriptions if text]
        caption = next((text for role, text in descriptions if "caption" in role), "")
        caption = caption or next((text for role, text in descriptions if "alt" not in role), "")
        holder, notice, terms = _rights(item)
        return WirePicture(
            href=href,
            local_path=local_path,
            caption=caption or _headline(content),
            credit=_text(_child(content, "creditline")),
            creator=next((name for c in _children(content, "creator") if (name := _name(c))), ""),
            copyright_notice=notice,
            copyright_holder=holder,
            usage_terms=terms,
            alt_text=next((text for role, text in descriptions if "alt" in role), ""),
            mime_type=mime_type,
            guid=entry.guid,
        )


def _entry(item: Element) -> _Entry:
    guid = (item.get("guid") or "").strip()
    if not guid:
        raise WireFormatError("a newsItem has no guid, the identifier every NewsML-G2 item must have")
    version_text = (item.get("version") or "1").strip()
    if not _VERSION.fullmatch(version_text):
        raise WireFormatError(
            f"the item {guid} has version “{version_text}”: NewsML-G2 versions are whole numbers (1, 2, 3 …)"
        )
    meta = _child(item, "itemMeta")
    status = _code(_attribute(_child(meta, "pubStatus"), "qcode"))
    links = [ref for link in _children(meta, "link") if (ref := (link.get("residref") or "").strip())]
    item_class = _code(_attribute(_child(meta, "itemClass"), "qcode") or _attribute(_child(meta, "itemClass"), "uri"))
    return _Entry(guid, int(version_text), item_class or "text", item, status in _WITHDRAWN, links)


def _latest_by_guid(entries: Iterable[_Entry]) -> list[_Entry]:
    """One entry per guid, the highest version, in the order the guids first appear."""
    latest: dict[str, _Entry] = {}
    for entry in entries:
        if entry.guid not in latest or entry.version > latest[entry.guid].version:
            latest[entry.guid] = entry
    return list(latest.values())


def _attachments(
    texts: list[_Entry], pictures: dict[str, WirePicture], packages: list[Element]
) -> dict[str, list[str]]:
    """For each text item, the guids of its pictures in order: grouped with it in a package, or linked from it; the
    pictures no package or link places go to the only text item, if there is only one."""
    attached: dict[str, dict[str, None]] = {text.guid: {} for text in texts}
    placed: set[str] = set()
    for package in packages:
        refs = [ref for item_ref in package.iter(f"{_NAR}itemRef") if (ref := (item_ref.get("residref") or "").strip())]
        package_pictures = [ref for ref in refs if ref in pictures]
        for ref in refs:
            if ref in attached:
                attached[ref].update(dict.fromkeys(package_pictures))
                placed.update(package_pictures)
    for text in texts:
        linked = [ref for ref in text.links if ref in pictures]
        attached[text.guid].update(dict.fromkeys(linked))
        placed.update(linked)
    if len(texts) == 1:
        attached[texts[0].guid].update(dict.fromkeys(guid for guid in pictures if guid not in placed))
    return {guid: list(refs) for guid, refs in attached.items()}


# --- contentMeta and rightsInfo --------------------------------------------------------------------------------------


def _headline(content: Element | None) -> str:
    headlines = [((h.get("role") or "").lower(), _text(h)) for h in _children(content, "headline")]
    headlines = [(role, text) for role, text in headlines if text]
    main = next((text for role, text in headlines if not role or role.endswith("main")), "")
    return main or (headlines[0][1] if headlines else "")


def _dek(content: Element | None) -> str:
    descriptions = [((d.get("role") or "").lower(), _text(d)) for d in _children(content, "description")]
    descriptions = [(role, text) for role, text in descriptions if text and "caption" not in role and "alt" not in role]
    for wanted in ("summary", "abstract"):
        if found := next((text for role, text in descriptions if wanted in role), ""):
            return found
    return descriptions[0][1] if descriptions else ""


def _bylines(content: Element | None, default_role: str) -> tuple[WireByline, ...]:
    people = [
        WireByline(name, _code(person.get("role") or "") or default)
        for kind, default in (("creator", default_role), ("contributor", "contributor"))
        for person in _children(content, kind)
        if (name := _name(person))
    ]
    return tuple(dict.fromkeys(people)) or split_byline(_text(_child(content, "by")))


def _subjects(content: Element | None, language: str) -> tuple[str, ...]:
    primary = language.split("-")[0].lower()
    names = []
    for subject in _children(content, "subject"):
        labelled = [((n.get(_XML_LANG) or "").split("-")[0].lower(), _text(n)) for n in _children(subject, "name")]
        labelled = [(lang, text) for lang, text in labelled if text]
        chosen = next((text for lang, text in labelled if lang == primary), "")
        chosen = chosen or next((text for lang, text in labelled if not lang), "")
        if chosen := chosen or (labelled[0][1] if labelled else ""):
            names.append(chosen)
    return tuple(dict.fromkeys(names))


def _rights(item: Element) -> tuple[str, str, str]:
    """(copyright holder, copyright notice, usage terms) from the item's first rightsInfo."""
    rights = _child(item, "rightsInfo")
    return (
        _name(_child(rights, "copyrightHolder")),
        _text(_child(rights, "copyrightNotice")),
        _text(_child(rights, "usageTerms")),
    )


def _name(element: Element | None) -> str:
    """A party or place: its <name>, else its literal, else the code after the scheme ("nprov:KBF" → "KBF")."""
    if element is None:
        return ""
    if name := _text(_child(element, "name")):
        return name
    return " ".join((element.get("literal") or "").split()) or _code(element.get("qcode") or "", keep_case=True)


def _code(qcode: str, *, keep_case: bool = False) -> str:
    """The code of a QCode or a NewsCodes URI: "ninat:text" → "text", ".../ninature/text" → "text"."""
    code = qcode.strip().rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return code if keep_case else code.lower()


def _datetime(element: Element | None) -> datetime | None:
    return parse_datetime(element.text or "") if element is not None else None


def _dimension(value: str | None) -> int:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 7 else 0


# --- elements --------------------------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element: Element | None, name: str) -> Element | None:
    return None if element is None else element.find(_NAR + name)


def _children(element: Element | None, name: str) -> list[Element]:
    return [] if element is None else element.findall(_NAR + name)


def _first(element: Element, local_name: str) -> Element | None:
    """The first descendant with this local name, whatever its namespace (XHTML's, NITF's or none)."""
    return next((e for e in element.iter() if e is not element and _local(e.tag) == local_name), None)


def _attribute(element: Element | None, name: str) -> str:
    return "" if element is None else (element.get(name) or "").strip()


def _text(element: Element | None) -> str:
    return "" if element is None else " ".join("".join(element.itertext()).split())


def _inner_html(element: Element, renames: dict[str, str | None] | None = None) -> str:
    """The element's content as HTML: local names only, foreign attributes dropped (xml:lang kept as lang), text
    escaped again. Walked with a stack of its own, so no depth of nesting can exhaust Python's."""
    renames = renames or {}
    out: list[str] = [html.escape(element.text or "", quote=False)]
    stack: list[tuple[Element, str | None, bool]] = [(child, None, False) for child in reversed(element)]
    while stack:
        node, name, closing = stack.pop()
        if closing:
            if name is not None:
                out.append(f"</{name}>")
            out.append(html.escape(node.tail or "", quote=False))
            continue
        local = _local(node.tag)
        name = renames.get(local, local) if local else None  # comments and processing instructions have no name
        if name is not None and name in _VOID and len(node) == 0 and not node.text:
            out.append(f"<{name}{_attributes(node)}>")
            out.append(html.escape(node.tail or "", quote=False))
            continue
        if name is not None:
            out.append(f"<{name}{_attributes(node)}>")
        out.append(html.escape(node.text or "", quote=False) if local else "")
        stack.append((node, name, True))
        stack.extend((child, None, False) for child in reversed(node))
    return "".join(out).strip()


def _attributes(node: Element) -> str:
    return "".join(f' {name}="{html.escape(value)}"' for name, value in _html_attributes(node))


def _html_attributes(node: Element) -> Iterator[tuple[str, str]]:
    for key, value in node.attrib.items():
        if key == _XML_LANG:
            yield "lang", value
        elif not key.startswith("{"):
            yield key, value
