"""Reading an agency's ninjs item (IPTC's News in JSON, 1.x, 2.x and 3.x) into a wire item. Pure: no Django.

The three branches name the same things differently: 1.x has ``headline``, ``body_html``/``body_text``,
``description_*`` and ``byline``, with associations and renditions as objects keyed by name; 2.x has arrays
(``headlines``, ``bodies``, ``descriptions``) and arrays of associations and renditions, in lower case; 3.x is 2.x in
camelCase (``versionCreated``, ``contentType``) with ``embargoed`` renamed ``embargoedUntil``. Names are therefore
read case-insensitively, and every shape of associations and renditions is accepted whatever the branch: the branch
is what the file declares (``standard``/``$standard``, or the schema address), else what its structure shows.

A file that declares IPTC's schema is checked against the shipped copy (wire/validation.py) and refused with the
schema's complaints; an agency's own profile (TT's "TTNINJS" …) or an undeclared file is read leniently, optional
values of the wrong type ignored. The uri and a headline are required in every case.

Versions: ninjs's ``version`` is a string. Whole numbers ("7") are read as they are; dotted ones keep their order as
major * 1,000,000 + minor * 1,000 + patch ("1.2" → 1002000, "1.10" → 1010000), each part below 1000; anything else,
or no version, falls back to the version's creation time in whole seconds since 1970 (so a later delivery still
counts as later), else 1. Every result fits a 32-bit integer until 2038.

Also here, because the NewsML-G2 reader (wire/newsml.py) needs the same rules: the size-limited read, where a
picture's file may be (``local_file``), dates, plain text made into paragraphs, and bylines split into names.
Everything runs in time linear in the file's size.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from articles.text.html_paragraphs import body_paragraphs
from wire.items import WireByline, WireFormatError, WireItem, WirePicture

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_JSON_DEPTH",
    "best_rendition",
    "html_inner_body",
    "local_file",
    "ninjs_version_number",
    "parse_datetime",
    "plain_text",
    "plain_text_html",
    "read_limited",
    "read_ninjs",
    "split_byline",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Real items nest five or six levels (associations → renditions → poi); anything far deeper is an attack on parsers.
MAX_JSON_DEPTH = 64
_MAX_ERRORS_SHOWN = 5
# Keys that exist only in camelCase in ninjs 3.x: one of them at the top level marks a 3.x item.
_CAMEL_CASE_KEYS = frozenset(
    {
        "versionCreated",
        "firstCreated",
        "contentCreated",
        "embargoedUntil",
        "pubStatus",
        "copyrightHolder",
        "copyrightNotice",
        "usageTerms",
        "altIds",
        "infoSources",
        "representationType",
        "edNote",
        "trustIndicators",
        "digitalSourceType",
        "rightsInfo",
    }
)
_IPTC_SCHEMA = re.compile(r"iptc\.org/std/ninjs/ninjs-schema_(\d+\.\d+)\.json", re.IGNORECASE)
_WHOLE_VERSION = re.compile(r"[vV]?(\d{1,9})")
_DOTTED_VERSION = re.compile(r"[vV]?(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?")
_WITHDRAWN = frozenset({"canceled", "cancelled", "withheld"})
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
_PICTURE_TYPES = frozenset({"picture", "graphic"})
# "By" as the agencies the issue names write it: English, Indonesian, German (dpa), Norwegian/Swedish (NTB, TT).
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|reporting by|oleh|dilaporkan oleh|von|av)\s+", re.IGNORECASE)
_NAME_LIST = re.compile(r"\s+(?:and|dan|und|og|och)\s+|\s*[&;]\s*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def read_ninjs(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, validate: bool = True) -> list[WireItem]:
    """The item in a ninjs file, as a one-item list (NewsML-G2 files hold several). Raises WireFormatError saying
    what is wrong with a file that cannot be read as a ninjs item."""
    path = Path(path)
    data = _parse_json(read_limited(path, max_bytes))
    if not isinstance(data, dict):
        raise WireFormatError("a ninjs item is a JSON object ({…}); this file holds something else")
    item = _lower(data)
    guid = _required_uri(item)
    branch, declared, iptc = _branch(data, item)
    headline = _headline(item)
    if not headline:
        raise WireFormatError("the item has no headline (ninjs “headlines”, or “headline” in ninjs 1.x)")
    status = _text(item.get("pubstatus")).lower()
    if status in _WITHDRAWN:
        raise WireFormatError(f"the agency has withdrawn this item (pubStatus “{status}”); there is nothing to import")
    if validate and iptc and declared:
        _check_schema(data, declared)
    return [_item(item, guid, headline, branch, path.parent)]


# --- reading the file ------------------------------------------------------------------------------------------------


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refused (WireFormatError) when unreadable or over ``max_bytes``; never more than
    ``max_bytes + 1`` bytes are read."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise WireFormatError(f"the file cannot be read: {error.strerror or error}") from error
    if len(data) > max_bytes:
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = len(data)
        raise WireFormatError(f"the file is {size} bytes; the limit is {max_bytes}")
    return data


def _parse_json(raw: bytes) -> Any:
    try:
        data = json.loads(raw)  # detects UTF-8 (with or without BOM), UTF-16 and UTF-32 as RFC 8259 allows
    except UnicodeDecodeError as error:
        raise WireFormatError(
            f"the file is not UTF-8 text (byte {raw[error.start]:#04x} at position {error.start}): save it as UTF-8"
        ) from error
    except json.JSONDecodeError as error:
        raise WireFormatError(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}; is the file complete?"
        ) from error
    except RecursionError as error:
        raise WireFormatError(f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep") from error
    except ValueError as error:  # a number of thousands of digits, over Python's limit
        raise WireFormatError(f"not a JSON item Newsroom can read: {error}") from error
    if not _nested_within(data, MAX_JSON_DEPTH):
        raise WireFormatError(f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep")
    return data


def _nested_within(data: Any, limit: int) -> bool:
    """Whether no container in ``data`` is more than ``limit`` containers deep; iterative, so any depth is safe."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return False
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return True


def _required_uri(item: Mapping[str, Any]) -> str:
    uri = item.get("uri")
    if uri is None or uri == "":
        raise WireFormatError("the item has no uri, the identifier every ninjs item must have")
    if not isinstance(uri, str):
        raise WireFormatError(f"the item's uri must be text, not {_json_type(uri)}")
    if not uri.strip():
        raise WireFormatError("the item has no uri, the identifier every ninjs item must have")
    return uri.strip()


def _branch(data: Mapping[str, Any], item: Mapping[str, Any]) -> tuple[int, str, bool]:
    """(branch 1, 2 or 3; the declared version, "" if none; whether the declaration is IPTC's own schema)."""
    standard = item.get("standard") if isinstance(item.get("standard"), dict) else item.get("$standard")
    standard = _lower(standard) if isinstance(standard, dict) else {}
    schema = _text(standard.get("schema")) or _text(item.get("$schema"))
    declared = _text(standard.get("version"))
    from_schema = _IPTC_SCHEMA.search(schema)
    iptc = bool(from_schema) or _text(standard.get("name")).lower() == "ninjs"
    if from_schema and not declared:
        declared = from_schema.group(1)
    major = declared.split(".")[0]
    if major in {"1", "2", "3"}:
        return int(major), declared, iptc
    return _branch_from_structure(data, item), "", False


def _branch_from_structure(data: Mapping[str, Any], item: Mapping[str, Any]) -> int:
    if _CAMEL_CASE_KEYS & data.keys():
        return 3
    blocks = [entry for key in ("headlines", "bodies", "descriptions") for entry in _objects(item.get(key))]
    if any("contentType" in entry for entry in blocks):
        return 3
    if blocks or isinstance(item.get("associations"), list) or isinstance(item.get("renditions"), list):
        return 2
    return 1


def _check_schema(data: Mapping[str, Any], declared: str) -> None:
    try:
        from wire import validation
    except ImportError:  # the schemas are not shipped in this installation: read without the check
        return
    try:
        # Formats ("uri", "date-time") are annotations in JSON Schema 2020-12 and IPTC's own test runner leaves
        # them out; a relative link to a picture delivered beside the item is no absolute URI but exactly what an
        # agency's drop folder holds.
        errors = validation.validate(data, declared, check_formats=False)
    except ValueError:  # a branch no shipped schema covers (a future 4.x): read it as its structure shows
        return
    if errors:
        shown = "; ".join(errors[:_MAX_ERRORS_SHOWN])
        more = f" (and {len(errors) - _MAX_ERRORS_SHOWN} more)" if len(errors) > _MAX_ERRORS_SHOWN else ""
        raise WireFormatError(f"the item does not match IPTC's ninjs {declared} schema it declares: {shown}{more}")


# --- the item --------------------------------------------------------------------------------------------------------


def _item(item: Mapping[str, Any], guid: str, headline: str, branch: int, folder: Path) -> WireItem:
    version_created = parse_datetime(_text(item.get("versioncreated")))
    return WireItem(
        guid=guid,
        version=_version(item.get("version"), version_created),
        headline=headline,
        language=_text(item.get("language")).strip(),
        body_html=_body(item),
        source_format=f"ninjs-{branch}",
        dek=_dek(item),
        slugline=_clean(_text(item.get("slugline"))),
        bylines=_bylines(item),
        first_created=parse_datetime(_text(item.get("firstcreated"))),
        version_created=version_created,
        embargoed_until=parse_datetime(_text(item.get("embargoeduntil")) or _text(item.get("embargoed"))),
        subjects=_subjects(item),
        located=_clean(_text(item.get("located"))),
        provider=_provider(item),
        copyright_notice=_clean(_text(item.get("copyrightnotice"))),
        usage_terms=_clean(_text(item.get("usageterms"))),
        pictures=tuple(_pictures(item, folder)),
    )


def ninjs_version_number(text: str) -> int | None:
    """A ninjs version string as a number that keeps versions in order (see the module's docstring); None when the
    string holds no version."""
    text = text.strip()
    if whole := _WHOLE_VERSION.fullmatch(text):
        return int(whole.group(1))
    if dotted := _DOTTED_VERSION.fullmatch(text):
        major, minor, patch = (int(part or 0) for part in dotted.groups())
        return major * 1_000_000 + minor * 1_000 + patch
    return None


def _version(value: Any, version_created: datetime | None) -> int:
    number = None
    if isinstance(value, str):
        number = ninjs_version_number(value)
    elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1_000_000_000:
        number = value  # a number where the schema wants a string: the meaning is plain
    if number is not None:
        return number
    if version_created is not None and version_created.tzinfo is not None:
        return int(version_created.timestamp())
    return 1


def _headline(item: Mapping[str, Any]) -> str:
    headlines = [(_text(h.get("role")), _block_text(h)) for h in map(_lower, _objects(item.get("headlines")))]
    headlines = [(role, value) for role, value in headlines if value]
    for wanted in ("main", ""):
        for role, value in headlines:
            if role.lower() == wanted:
                return value
    if headlines:
        return headlines[0][1]
    single = _clean(_text(item.get("headline"))) or _clean(_text(item.get("headline_main")))
    return single or next((_clean(v) for k, v in _pattern(item, "headline_") if _clean(v)), "")


def _body(item: Mapping[str, Any]) -> str:
    bodies = [_lower(body) for body in _objects(item.get("bodies"))]
    html_bodies = [b for b in bodies if _is_html(b) and _text(b.get("value")).strip()]
    plain_bodies = [b for b in bodies if _is_plain(b) and _text(b.get("value")).strip()]
    for candidates, as_html in ((html_bodies, True), (plain_bodies, False)):
        if candidates:
            chosen = next((b for b in candidates if _text(b.get("role")).lower() == "main"), candidates[0])
            value = _text(chosen.get("value"))
            return html_inner_body(value) if as_html else plain_text_html(value)
    for key in ("body_html", "body_xhtml", "body_richhtml"):
        if value := _text(item.get(key)).strip():
            return html_inner_body(value)
    if value := _text(item.get("body_text")).strip():
        return plain_text_html(value)
    return ""


def _is_html(block: Mapping[str, Any]) -> bool:
    content_type = (_text(block.get("contenttype")) or _text(block.get("mimetype"))).lower()
    if content_type:
        return content_type.startswith(_HTML_TYPES)
    return _text(block.get("value")).lstrip().startswith("<")


def _is_plain(block: Mapping[str, Any]) -> bool:
    content_type = (_text(block.get("contenttype")) or _text(block.get("mimetype"))).lower()
    return content_type.startswith("text/plain") if content_type else not _is_html(block)


def _dek(item: Mapping[str, Any]) -> str:
    descriptions = _roles_and_texts(item.get("descriptions"))
    descriptions = [(role, value) for role, value in descriptions if value and not _is_picture_role(role)]
    for wanted in ("summary", "abstract", "teaser", "lede"):
        for role, value in descriptions:
            if role == wanted:
                return value
    if descriptions:
        return descriptions[0][1]
    for key in ("description_summary", "description_text", "description_abstract"):
        if value := _clean(_text(item.get(key))):
            return value
    if value := _text(item.get("description_html")):
        return plain_text(value)
    return next((_clean(v) for k, v in _pattern(item, "description_") if not _is_picture_role(k) and _clean(v)), "")


def _roles_and_texts(blocks: Any) -> list[tuple[str, str]]:
    """(role in lower case, text) of each description or headline object."""
    return [(_text(block.get("role")).lower(), _block_text(block)) for block in map(_lower, _objects(blocks))]


def _is_picture_role(role: str) -> bool:
    return "caption" in role or "alt" in role


def _bylines(item: Mapping[str, Any]) -> tuple[WireByline, ...]:
    authors = [
        WireByline(_clean(_text(a.get("name"))), _clean(_text(a.get("role"))) or "writer")
        for a in map(_lower, _objects(item.get("authors")))
        if _clean(_text(a.get("name")))
    ]
    if authors:
        return tuple(authors)
    return split_byline(_text(item.get("by")) or _text(item.get("byline")))


def _subjects(item: Mapping[str, Any]) -> tuple[str, ...]:
    subjects = _objects(item.get("subjects")) or _objects(item.get("subject"))
    names = (_clean(_text(_lower(subject).get("name"))) for subject in subjects)
    return tuple(dict.fromkeys(name for name in names if name))


def _provider(item: Mapping[str, Any]) -> str:
    sources = [_lower(s) for s in _objects(item.get("infosources")) or _objects(item.get("infosource"))]
    named = [s for s in sources if _clean(_text(s.get("name")))]
    for source in named:
        if any(word in _text(source.get("role")).lower() for word in ("provider", "originat", "source")):
            return _clean(_text(source.get("name")))
    if named:
        return _clean(_text(named[0].get("name")))
    return _clean(_text(item.get("copyrightholder")))


# --- pictures --------------------------------------------------------------------------------------------------------


def _pictures(item: Mapping[str, Any], folder: Path) -> Iterator[WirePicture]:
    # A picture item: the picture is the item itself.
    if _text(item.get("type")).lower() in _PICTURE_TYPES and (picture := _picture(item, folder)):
        yield picture
    for association in _named_objects(item.get("associations")):
        association = _lower(association)
        kind = _text(association.get("type")).lower()
        is_picture = kind in _PICTURE_TYPES or (not kind and _has_image_rendition(association))
        if is_picture and (picture := _picture(association, folder)):
            yield picture


def _picture(item: Mapping[str, Any], folder: Path) -> WirePicture | None:
    renditions = [_lower(r) for r in _named_objects(item.get("renditions"))]
    chosen = best_rendition(
        (
            (_text(r.get("href")), _int(r.get("width")), _int(r.get("height")), _mime(r))
            for r in renditions
            if _text(r.get("href")).strip()
        ),
        folder,
    )
    if chosen is None:
        return None
    href, local_path, mime_type = chosen
    descriptions = _roles_and_texts(item.get("descriptions"))
    alt_text = next((value for role, value in descriptions if "alt" in role and value), "")
    caption = next((value for role, value in descriptions if "caption" in role and value), "")
    caption = caption or next((value for role, value in descriptions if "alt" not in role and value), "")
    caption = caption or _clean(_text(item.get("description_caption"))) or _clean(_text(item.get("description_text")))
    authors = [_lower(a) for a in _objects(item.get("authors"))]
    creator = next((_clean(_text(a.get("name"))) for a in authors if _text(a.get("name")).strip()), "")
    return WirePicture(
        href=href,
        local_path=local_path,
        caption=caption or _headline(item),
        credit=_clean(_text(item.get("by")) or _text(item.get("byline"))),
        creator=creator,
        copyright_notice=_clean(_text(item.get("copyrightnotice"))),
        copyright_holder=_clean(_text(item.get("copyrightholder"))),
        usage_terms=_clean(_text(item.get("usageterms"))),
        alt_text=alt_text or _clean(_text(item.get("description_alt"))),
        mime_type=mime_type,
        guid=_text(item.get("uri")).strip(),
    )


def _has_image_rendition(item: Mapping[str, Any]) -> bool:
    return any(_mime(_lower(r)).startswith("image/") for r in _named_objects(item.get("renditions")))


def _mime(rendition: Mapping[str, Any]) -> str:
    return (_text(rendition.get("contenttype")) or _text(rendition.get("mimetype"))).strip()


def best_rendition(
    renditions: Iterable[tuple[str, int, int, str]], folder: Path
) -> tuple[str, Path | None, str] | None:
    """Of (href, width, height, media type) renditions, the one to take: a file delivered beside the item first (it
    can be used as it is), then the most pixels, then the first given. (href, local path or None, media type)."""
    best: tuple[tuple[bool, int, int], str, Path | None, str] | None = None
    for position, (href, width, height, mime_type) in enumerate(renditions):
        local = local_file(href, folder)
        rank = (local is not None, width * height, -position)
        if best is None or rank > best[0]:
            best = (rank, href, local, mime_type)
    return None if best is None else (best[1], best[2], best[3])


def local_file(href: str, folder: Path) -> Path | None:
    """The file ``href`` names inside ``folder`` (a relative path, a ``file:`` URI or an absolute path), resolved;
    None for a web link, a path leading out of the folder (``../``, an absolute path elsewhere, a symbolic link
    pointing out) or a file that is not there. Web links are never fetched."""
    href = href.strip()
    if not href:
        return None
    parts = urlsplit(href)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return None
        name = unquote(parts.path)
        # IPTC's own examples write a file beside the item as file:///./name: a relative path, not the root's.
        name = name.removeprefix("/") if name.startswith("/./") else name
    elif parts.scheme or parts.netloc or len(parts.scheme) == 1:
        return None  # http:, https:, ftp:, //host/…, or a Windows drive letter
    else:
        name = unquote(parts.path)
    if not name:
        return None
    root = Path(folder).resolve()
    try:
        candidate = (root / name).resolve()  # an absolute ``name`` replaces ``root``; symbolic links are followed
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte
        return None
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


# --- text ------------------------------------------------------------------------------------------------------------


def parse_datetime(text: str) -> datetime | None:
    """An ISO 8601 / RFC 3339 date and time ("2025-01-14T08:45:30+07:00", "…Z", a date alone); None when empty or
    not a date. A time without an offset stays naive: only the importer knows which zone the agency meant."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.upper())
    except ValueError:
        return None


def plain_text_html(text: str) -> str:
    """Plain wire copy as HTML paragraphs, escaped. Blank lines separate paragraphs (a single line break inside one
    is a wrapped line); text without blank lines has one paragraph per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    paragraphs = (_clean(block) for block in blocks)
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs if paragraph)


def html_inner_body(markup: str) -> str:
    """What is inside ``<body>`` when ``markup`` is a whole HTML document; the markup itself otherwise."""
    start = _BODY_START.search(markup)
    if start is None:
        return markup.strip()
    end = markup.lower().rfind("</body")
    return markup[start.end() : end if end >= start.end() else len(markup)].strip()


def plain_text(markup: str) -> str:
    """HTML as one line of text: tags dropped, entities decoded, spacing collapsed."""
    return " ".join(body_paragraphs(markup))


def split_byline(text: str) -> tuple[WireByline, ...]:
    """A byline as printed ("By Ana Putri and Tomas Lee", "Oleh Sari Wulandari dan Bayu Pratama") as writers.
    The word for "by" is dropped; "and" in those languages separates names (in lower case only: "Dan" is a name).
    Commas separate names only in a list that also has "and"/"dan"/"&" ("A, B and C"); otherwise a comma is more
    likely a title ("Meredith Jameson, Staff Reporter") and the byline is kept whole."""
    text = _BYLINE_PREFIX.sub("", _clean(text))
    if not text:
        return ()
    names = _NAME_LIST.split(text)
    if len(names) > 1:
        names = [name for part in names for name in part.split(",")]
    cleaned = (_clean(name) for name in names)
    return tuple(WireByline(name, "writer") for name in dict.fromkeys(name for name in cleaned if name))


# --- lenient access to JSON values -----------------------------------------------------------------------------------


def _lower(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The object with its names in lower case: 2.x and 3.x differ only in case (and 1.x shares most names)."""
    return {key.lower(): value for key, value in mapping.items() if isinstance(key, str)}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _clean(text: str) -> str:
    return " ".join(text.split())


def _objects(value: Any) -> list[dict[str, Any]]:
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _named_objects(value: Any) -> list[dict[str, Any]]:
    """Entries of an array (2.x, 3.x) or the values of an object keyed by name (1.x)."""
    if isinstance(value, dict):
        return [entry for entry in value.values() if isinstance(entry, dict)]
    return _objects(value)


def _pattern(item: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, str]]:
    """1.x pattern properties (``headline_subhead``, ``description_caption``) in file order, text values only."""
    return ((key, value) for key, value in item.items() if key.startswith(prefix) and isinstance(value, str))


def _block_text(block: Mapping[str, Any]) -> str:
    value = _text(block.get("value"))
    return plain_text(value) if _is_html(block) and "<" in value else _clean(value)


def _json_type(value: Any) -> str:
    names = {list: "a list", dict: "an object", bool: "true or false", int: "a number", float: "a number"}
    return names.get(type(value), "null" if value is None else type(value).__name__)
