"""Small text helpers shared by the EXIF, IPTC and XMP readers.

Legacy metadata rarely says which character set it uses, so every reader needs the same two steps: decode bytes
with a sensible guess, then tidy the result (trim, drop NUL padding, treat empty as absent).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DecodedText", "clean_text", "decode_legacy"]


@dataclass(frozen=True)
class DecodedText:
    """A decoded byte string and how it was decoded.

    ``guessed`` is true when the bytes were not valid UTF-8 and had to be read as cp1252; callers use it to
    prefer a copy of the same property stored in a Unicode-safe place (MWG: EXIF strings should be UTF-8).
    """

    text: str
    guessed: bool


def _decode_cp1252_lenient(raw: bytes) -> str:
    """Decode cp1252, mapping the five bytes cp1252 leaves undefined to their Latin-1 code points.

    Python's cp1252 codec rejects 0x81, 0x8D, 0x8F, 0x90 and 0x9D; Latin-1 keeps them as C1 controls, which is
    what a reader that "falls back to Latin-1" would show, and it never raises.
    """
    return "".join(
        raw[i : i + 1].decode("cp1252", errors="strict")
        if raw[i] not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
        else chr(raw[i])
        for i in range(len(raw))
    )


def decode_legacy(raw: bytes) -> DecodedText:
    """Decode bytes of unknown encoding: strict UTF-8 first, then cp1252 (a superset of printable Latin-1).

    UTF-8 is tried first because many writers store UTF-8 without saying so, and a legacy 8-bit string is very
    unlikely to be valid UTF-8 by accident (any accented letter alone breaks it). cp1252 is the fallback because
    it is what Windows-era tools wrote and what exiftool assumes for undeclared IPTC.
    """
    try:
        return DecodedText(raw.decode("utf-8"), guessed=False)
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(raw.decode("cp1252"), guessed=True)
    except UnicodeDecodeError:
        return DecodedText(_decode_cp1252_lenient(raw), guessed=True)


def clean_text(value: str | None) -> str | None:
    """Trim whitespace and NUL padding; return None for an empty result so "present but blank" means absent."""
    if value is None:
        return None
    # NUL is padding in EXIF/IIM (C strings, fixed-size fields); it never belongs in a credit line.
    cleaned = value.replace("\x00", " ").strip()
    # IIM and Mac-era tools end lines with CR; normalise so copies compare equal and display the same.
    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    return cleaned or None
