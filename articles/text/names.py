"""Comparing people's names the way a desk editor does: case, spacing and accents do not make a new person."""

import unicodedata


def name_key(name: str) -> str:
    """A key equal for “Dwi  Arif”, “dwi arif” and “Dwí Arif”; empty for a blank name."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(without_accents.casefold().split())
