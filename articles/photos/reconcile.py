"""MWG reconciliation: pick, per property, which of the EXIF, IPTC-IIM and XMP copies wins.

The rules are written out in the docstring of ``metadata.py``; in short: a valid-UTF-8 EXIF value first (creator,
copyright, caption), then IIM against XMP by the IPTC digest (matching or absent digest: XMP; mismatching digest:
IIM unless it is a truncated copy of the XMP), then non-MWG fallbacks (PLUS, PNG text chunks, XPAuthor).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

from .exif import ExifFields, ExifText
from .iptc import IIM_LIMITS, IptcFields
from .photo_metadata import PhotoMetadata
from .xmp import XmpFields

__all__ = ["reconcile"]

_EXIF_TAG_NAMES = {"byline": "Artist", "copyright": "Copyright", "caption": "ImageDescription"}
_IPTC_STATE_REASON = {
    "in sync": "the IPTC digest matches, so XMP is current (MWG)",
    "changed": "the IPTC digest does not match: IPTC was edited by a program that ignores XMP (MWG)",
    "no digest": "there is no IPTC digest, so XMP is preferred (MWG)",
}


@dataclass(frozen=True)
class _Pick:
    """The winning values of one property and the copy they came from."""

    values: tuple[str, ...] = ()
    origin: str | None = None


def _is_truncated_copy(iim: tuple[str, ...], xmp: tuple[str, ...], lengths: tuple[int, ...], limit: int) -> bool:
    """True when every IIM value is the XMP value cut at the dataset's octet limit (IIM cannot hold more)."""
    if len(iim) != len(xmp) or len(lengths) < len(iim):
        return False
    return all(x.startswith(i) and x != i and n >= limit for i, x, n in zip(iim, xmp, lengths, strict=False))


def _iim_vs_xmp(name: str, iim: tuple[str, ...], xmp: tuple[str, ...], iptc: IptcFields | None) -> _Pick:
    """Apply MWG's IPTC-digest rule to one property."""
    if not iim:
        return _Pick(xmp, "XMP") if xmp else _Pick()
    if not xmp:
        return _Pick(iim, "IPTC")
    if iptc is not None and iptc.digest_state == "changed":
        lengths = iptc.raw_lengths.get(name, ())
        if _is_truncated_copy(iim, xmp, lengths, IIM_LIMITS[name]):
            return _Pick(xmp, "XMP")
        return _Pick(iim, "IPTC")
    return _Pick(xmp, "XMP")


def _with_exif(exif: ExifText | None, rest: _Pick, field_name: str, problems: list[str]) -> _Pick:
    """EXIF first when it is valid UTF-8; a legacy-encoded EXIF value yields to a Unicode IPTC/XMP copy."""
    if exif is not None and not exif.guessed:
        return _Pick(exif.values, "EXIF")
    if exif is not None and rest.values:
        problems.append(f"EXIF {_EXIF_TAG_NAMES[field_name]} is not UTF-8; the {rest.origin} copy is used instead")
        return rest
    if exif is not None:
        problems.append(f"EXIF {_EXIF_TAG_NAMES[field_name]} is not UTF-8; decoded as cp1252")
        return _Pick(exif.values, "EXIF")
    return rest


def _describe(values: tuple[str, ...]) -> str:
    """Short quoted form of a value for notes."""
    text = "; ".join(values)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _disagreement(name: str, chosen: _Pick, candidates: Mapping[str, tuple[str, ...]], iptc_state: str) -> str | None:
    """Explain, for editors, when copies of a property differ and which one was used."""
    others = {origin: values for origin, values in candidates.items() if values and values != chosen.values}
    if not others or chosen.origin is None:
        return None
    reason = "EXIF is the native store (MWG)" if chosen.origin == "EXIF" else _IPTC_STATE_REASON.get(iptc_state, "")
    listed = ", ".join(f"{origin} has {_describe(values)}" for origin, values in others.items())
    return f"{name}: {chosen.origin} copy {_describe(chosen.values)} used; {listed}" + (
        f" - {reason}" if reason else ""
    )


def _earliest(*candidates: tuple[date | datetime | None, str]) -> tuple[date | datetime | None, str | None]:
    """The earliest expiry among the candidates: using a photo after either date is a rights problem."""
    present = [(value, origin) for value, origin in candidates if value is not None]
    if not present:
        return None, None

    def day(value: date | datetime) -> date:
        return value.date() if isinstance(value, datetime) else value

    return min(present, key=lambda item: day(item[0]))


def reconcile(
    fmt: str | None,
    exif: ExifFields,
    iptc: IptcFields | None,
    xmp: XmpFields | None,
    png_text: Mapping[str, str],
    problems: tuple[str, ...],
) -> PhotoMetadata:
    """Combine the decoded copies into one :class:`PhotoMetadata`."""
    xmp = xmp or XmpFields()
    iptc_fields = iptc or IptcFields()
    iptc_state = "no IPTC" if iptc is None else iptc.digest_state
    notes: list[str] = []
    found_problems = list(problems)
    origins: dict[str, str] = {}
    results: dict[str, str | None] = {}

    def single(value: str | None) -> tuple[str, ...]:
        return (value,) if value else ()

    exif_copies = {"byline": exif.artist, "copyright": exif.copyright, "caption": exif.description}
    iim_copies = {
        "byline": iptc_fields.byline,
        "copyright": single(iptc_fields.copyright),
        "caption": single(iptc_fields.caption),
        "credit": single(iptc_fields.credit),
        "source": single(iptc_fields.source),
    }
    xmp_copies = {
        "byline": xmp.creators,
        "copyright": single(xmp.rights),
        "caption": single(xmp.description),
        "credit": single(xmp.credit),
        "source": single(xmp.source),
    }
    # Last-resort copies outside MWG: PLUS image creator, PNG's own text keywords, Windows XPAuthor.
    fallbacks: dict[str, list[tuple[tuple[str, ...], str]]] = {
        "byline": [
            (xmp.image_creators, "XMP"),
            (single(png_text.get("Author")), "PNG"),
            (single(exif.xp_author), "EXIF"),
        ],
        "copyright": [(single(png_text.get("Copyright")), "PNG")],
        "caption": [(single(png_text.get("Description")), "PNG")],
    }
    for name in ("byline", "credit", "copyright", "caption", "source"):
        pick = _iim_vs_xmp(name, iim_copies[name], xmp_copies[name], iptc)
        exif_copy = exif_copies.get(name)
        if name in exif_copies:
            pick = _with_exif(exif_copy, pick, name, found_problems)
        for values, origin in fallbacks.get(name, []):
            if pick.values:
                break
            if values:
                pick = _Pick(values, origin)
        candidates = {
            "EXIF": exif_copy.values if exif_copy else (),
            "IPTC": iim_copies[name],
            "XMP": xmp_copies[name],
        }
        note = _disagreement(name, pick, candidates, iptc_state)
        if note:
            notes.append(note)
        results[name] = "; ".join(pick.values) if pick.values else None
        if pick.values and pick.origin:
            origins[name] = pick.origin

    extras: dict[str, tuple[str | None, str]] = {
        "usage_terms": (xmp.usage_terms, "XMP"),
        "licence_url": (xmp.web_statement or xmp.terms_url, "XMP"),
        "licensor": ("; ".join(xmp.licensors) or None, "XMP"),
        "copyright_owner": ("; ".join(xmp.copyright_owners) or None, "XMP"),
    }
    for name, (value, origin) in extras.items():
        results[name] = value
        if value:
            origins[name] = origin
    expires, expires_origin = _earliest((iptc_fields.expires, "IPTC"), (xmp.licence_end, "XMP"))
    if expires_origin:
        origins["expires"] = expires_origin

    return PhotoMetadata(
        byline=results["byline"],
        credit=results["credit"],
        copyright=results["copyright"],
        caption=results["caption"],
        source=results["source"],
        usage_terms=results["usage_terms"],
        licence_url=results["licence_url"],
        licensor=results["licensor"],
        copyright_owner=results["copyright_owner"],
        expires=expires,
        format=fmt,
        iptc_state=iptc_state,
        origins=MappingProxyType(origins),
        notes=tuple(notes),
        problems=tuple(dict.fromkeys(found_problems)),  # the same note can arrive twice via merged packets
    )
