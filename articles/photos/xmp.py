"""XMP packet reading with defusedxml: credit, rights, description and licensing properties.

XMP is RDF/XML, and a property can be written several equivalent ways (attribute on rdf:Description, element
text, rdf:resource, rdf:Seq/Bag/Alt arrays, structures as parseType="Resource" or nested rdf:Description), so the
helpers below accept all of them. Packets come from untrusted uploads: parsing goes through defusedxml with DTDs
forbidden, so entity-expansion ("billion laughs") and external-entity (XXE) tricks fail instead of expanding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from xml.etree.ElementTree import Element  # type only: parsing itself is done by defusedxml below

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from .textdecode import clean_text

__all__ = ["XmpFields", "decode_packet", "parse_xmp", "parse_xmp_date"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DC = "http://purl.org/dc/elements/1.1/"
_PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
_XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/"
_PLUS = "http://ns.useplus.org/ldf/xmp/1.0/"
_XMP_NOTE = "http://ns.adobe.com/xmp/note/"
# Packets are a few KB; anything huge is abuse or junk, and ElementTree would hold it all in memory.
MAX_PACKET_CHARS = 4 * 1024 * 1024
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class XmpFields:
    """Credit-related XMP properties (IPTC Core / Extension and PLUS mappings), cleaned; None when absent."""

    creators: tuple[str, ...] = ()
    rights: str | None = None
    description: str | None = None
    credit: str | None = None
    source: str | None = None
    usage_terms: str | None = None
    web_statement: str | None = None
    image_creators: tuple[str, ...] = ()
    copyright_owners: tuple[str, ...] = ()
    licensors: tuple[str, ...] = ()
    licence_end: date | datetime | None = None
    terms_url: str | None = None
    extended_guid: str | None = None
    problems: tuple[str, ...] = ()

    def merged_with(self, other: XmpFields) -> XmpFields:
        """Fill properties missing here from ``other`` (used for JPEG ExtendedXMP, which holds overflow)."""
        values = {}
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            values[name] = mine if mine not in (None, ()) else theirs
        values["problems"] = self.problems + other.problems
        return XmpFields(**values)


def decode_packet(raw: bytes | str) -> tuple[str | None, tuple[str, ...]]:
    """Turn raw XMP bytes into text, detecting UTF-16/32 (with or without BOM) as the XMP spec allows."""
    if isinstance(raw, str):
        text = raw
    else:
        encoding = "utf-8"
        for prefix, name in (
            (b"\x00\x00\xfe\xff", "utf-32-be"),
            (b"\xff\xfe\x00\x00", "utf-32-le"),
            (b"\xfe\xff", "utf-16-be"),
            (b"\xff\xfe", "utf-16-le"),
            (b"\x00\x00\x00<", "utf-32-be"),
            (b"<\x00\x00\x00", "utf-32-le"),
            (b"\x00<", "utf-16-be"),
            (b"<\x00", "utf-16-le"),
        ):
            if raw.startswith(prefix):
                encoding = name
                break
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            # XMP must be Unicode; keep what we can rather than lose the whole packet to one bad byte.
            text = raw.decode(encoding, errors="replace")
            return _tidy(text), (f"XMP packet is not valid {encoding}; bad bytes replaced",)
    return _tidy(text), ()


def _tidy(text: str) -> str | None:
    """Strip the BOM, NUL padding and anything before the first tag so the XML parser sees a clean document."""
    text = text.lstrip("\ufeff").strip("\x00 \t\r\n")
    start = text.find("<")
    return text[start:] if start >= 0 else None


def _local_values(element: Element) -> list[str]:
    """All text values of one property element: arrays give each item, Alt gives x-default (or the first)."""
    resource = element.get(f"{{{_RDF}}}resource")
    if resource is not None:
        return [resource]
    for container in element:
        if container.tag in (f"{{{_RDF}}}Seq", f"{{{_RDF}}}Bag"):
            return [v for li in container if li.tag == f"{{{_RDF}}}li" for v in _item_text(li)]
        if container.tag == f"{{{_RDF}}}Alt":
            items = [li for li in container if li.tag == f"{{{_RDF}}}li"]
            chosen = next((li for li in items if li.get(_XML_LANG) == "x-default"), items[0] if items else None)
            return _item_text(chosen) if chosen is not None else []
        if container.tag == f"{{{_RDF}}}Description":
            return _item_text(container)
    return _item_text(element)


def _item_text(element: Element) -> list[str]:
    """Text of an rdf:li or simple property, honouring the rdf:value qualifier form."""
    value = element.find(f"{{{_RDF}}}value")
    if value is None:
        nested = element.find(f"{{{_RDF}}}Description")
        value = nested.find(f"{{{_RDF}}}value") if nested is not None else None
    text = clean_text((value if value is not None else element).text)
    return [text] if text else []


def _struct_items(element: Element, namespace: str, field_name: str) -> list[str]:
    """Values of one field across a Seq/Bag of structures (e.g. plus:ImageCreator/plus:ImageCreatorName)."""
    qualified = f"{{{namespace}}}{field_name}"
    holders: list[Element] = []
    for container in element:
        if container.tag in (f"{{{_RDF}}}Seq", f"{{{_RDF}}}Bag", f"{{{_RDF}}}Alt"):
            holders.extend(li for li in container if li.tag == f"{{{_RDF}}}li")
        else:
            holders.append(element)  # a lone structure written without an array
            break
    values: list[str] = []
    for holder in holders:
        candidates = [holder, *holder.findall(f"{{{_RDF}}}Description")]
        for node in candidates:
            text = clean_text(node.get(qualified))
            if text is None:
                child = node.find(qualified)
                text = clean_text(child.text) if child is not None else None
            if text:
                values.append(text)
                break
    return values


def parse_xmp_date(text: str | None) -> date | datetime | None:
    """Parse an XMP (ISO 8601) date: "YYYY-MM-DD" gives a date, a full timestamp a datetime; else None."""
    if not text:
        return None
    if _DATE_RE.match(text):
        return date.fromisoformat(text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def parse_xmp(raw: bytes | str) -> XmpFields:
    """Parse one XMP packet; never raises, reporting unreadable packets in ``problems``."""
    text, notes = decode_packet(raw)
    problems = list(notes)
    if text is None:
        return XmpFields(problems=(*problems, "XMP packet is empty"))
    if len(text) > MAX_PACKET_CHARS:
        return XmpFields(problems=(*problems, "XMP packet is too large to parse; ignored"))
    try:
        root = fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return XmpFields(
            problems=(*problems, f"XMP packet uses forbidden XML features ({type(exc).__name__}); ignored")
        )
    except (ParseError, ValueError) as exc:
        return XmpFields(problems=(*problems, f"XMP packet is not well-formed XML ({exc}); ignored"))

    # Top-level properties sit on rdf:Description elements, directly as attributes or as child elements.
    # Only direct children of rdf:RDF count: nested rdf:Description elements are structure values, not properties.
    props: dict[str, Element | str] = {}
    for rdf in root.iter(f"{{{_RDF}}}RDF"):
        for description in rdf.findall(f"{{{_RDF}}}Description"):
            for key, value in description.attrib.items():
                props.setdefault(key, value)
            for child in description:
                props.setdefault(child.tag, child)

    def values(namespace: str, name: str) -> list[str]:
        prop = props.get(f"{{{namespace}}}{name}")
        if prop is None:
            return []
        if isinstance(prop, str):
            text_value = clean_text(prop)
            return [text_value] if text_value else []
        return _local_values(prop)

    def single(namespace: str, name: str) -> str | None:
        found = values(namespace, name)
        return found[0] if found else None

    def structs(name: str, field_name: str) -> tuple[str, ...]:
        prop = props.get(f"{{{_PLUS}}}{name}")
        return tuple(_struct_items(prop, _PLUS, field_name)) if isinstance(prop, Element) else ()

    licence_end_text = single(_PLUS, "LicenseEndDate")
    licence_end = parse_xmp_date(licence_end_text)
    if licence_end_text and licence_end is None:
        problems.append(f"XMP plus:LicenseEndDate {licence_end_text!r} is not an ISO 8601 date; ignored")
    return XmpFields(
        creators=tuple(dict.fromkeys(values(_DC, "creator"))),
        rights=single(_DC, "rights"),
        description=single(_DC, "description"),
        credit=single(_PHOTOSHOP, "Credit"),
        source=single(_PHOTOSHOP, "Source"),
        usage_terms=single(_XMP_RIGHTS, "UsageTerms"),
        web_statement=single(_XMP_RIGHTS, "WebStatement"),
        image_creators=structs("ImageCreator", "ImageCreatorName"),
        copyright_owners=structs("CopyrightOwner", "CopyrightOwnerName"),
        licensors=structs("Licensor", "LicensorName"),
        licence_end=licence_end,
        terms_url=single(_PLUS, "TermsAndConditionsURL"),
        extended_guid=single(_XMP_NOTE, "HasExtendedXMP"),
        problems=tuple(problems),
    )
