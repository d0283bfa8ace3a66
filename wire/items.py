"""What a wire item is once read, whatever format it came in: the shape the ninjs and NewsML-G2 readers
(wire/ninjs_in.py, wire/newsml.py) return and the importer (wire/services.py) takes. Pure, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class WireByline:
    """A contributor as the item credits them; ``role`` as the item says it ("writer", "photographer", "editor")."""

    name: str
    role: str = ""


@dataclass(frozen=True)
class WirePicture:
    """A picture the item carries or points to.

    ``href`` is as the item gives it. ``local_path`` is set only when it names a file delivered beside the item
    (inside the item's folder); a remote link is recorded and never fetched.
    """

    href: str
    local_path: Path | None = None
    caption: str = ""
    credit: str = ""  # the credit line as printed ("ANTARA FOTO/Budi Santoso")
    creator: str = ""  # the photographer's name, when given apart from the credit
    copyright_notice: str = ""
    copyright_holder: str = ""
    usage_terms: str = ""
    alt_text: str = ""
    mime_type: str = ""
    guid: str = ""


@dataclass(frozen=True)
class WireItem:
    """One news item: ``guid`` and ``version`` identify it (a later version of the same guid updates it)."""

    guid: str
    version: int
    headline: str
    language: str  # BCP 47 as delivered, e.g. "id", "en-US"
    body_html: str  # XHTML/HTML as delivered; the importer sanitises it
    source_format: str  # "ninjs-1", "ninjs-2", "ninjs-3" or "newsml-g2"
    dek: str = ""  # description/summary/abstract
    slugline: str = ""
    bylines: tuple[WireByline, ...] = ()
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargoed_until: datetime | None = None
    subjects: tuple[str, ...] = ()  # subject names, as tags
    located: str = ""  # dateline place
    provider: str = ""  # the agency that delivered it ("ANTARA", "AP")
    copyright_notice: str = ""
    usage_terms: str = ""
    pictures: tuple[WirePicture, ...] = field(default_factory=tuple)


class WireFormatError(ValueError):
    """A file that is not a wire item Newsroom can read; the message says why, for the person importing it."""
