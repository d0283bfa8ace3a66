"""The result type of the photo-credit reader (kept apart so the reader and the reconciler can both use it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

__all__ = ["PhotoMetadata"]


@dataclass(frozen=True)
class PhotoMetadata:
    """Credit metadata of one image, reconciled per MWG. Every text field is trimmed, or None when absent.

    ``origins`` maps each filled field to the copy that won ("EXIF", "IPTC", "XMP" or "PNG" text chunk) so an
    editor can see where a credit came from. ``notes`` explains disagreements between copies; ``problems`` lists
    what could not be read. ``error`` is set only when the file could not be read as an image at all.
    """

    byline: str | None = None
    credit: str | None = None
    copyright: str | None = None
    caption: str | None = None
    source: str | None = None
    usage_terms: str | None = None
    licence_url: str | None = None
    licensor: str | None = None
    copyright_owner: str | None = None
    expires: date | datetime | None = None
    format: str | None = None
    iptc_state: str = "no IPTC"
    origins: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    notes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    error: str | None = None

    @property
    def readable(self) -> bool:
        """True when the file was recognised as an image (even if some metadata in it was damaged)."""
        return self.error is None

    def as_json_dict(self, file_label: str) -> dict[str, str | None]:
        """The shape the management command prints: credit fields (null when absent), or the error."""
        if self.error is not None:
            return {"file": file_label, "error": self.error}
        return {
            "file": file_label,
            "byline": self.byline,
            "credit": self.credit,
            "copyright": self.copyright,
            "caption": self.caption,
            "source": self.source,
        }
