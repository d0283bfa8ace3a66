"""Text that XML 1.0 can carry: the characters it forbids outright, left out (pure, no Django).

XML 1.0 allows no C0 control character but tab, newline and carriage return, and neither U+FFFE nor U+FFFF, not even
escaped (``&#1;`` is an error too). A headline pasted from a word processor can hold one; written as it is, it makes
the whole document unreadable (Django's feed writer refuses it with a server error instead). The feeds and the
report's SVG charts drop them where they write XML; HTML pages show the same text harmlessly and keep it.
"""

from __future__ import annotations

import re

# Lone surrogates are no characters at all: no UTF-8 document (nor database) can hold one.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What no editorial text needs either: besides the above, DEL and the C1 controls (U+0080 to U+009F), which XML 1.0
# tolerates but which are invisible leftovers of a wrong encoding when they appear in a headline or a caption.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """``value`` with the characters XML 1.0 cannot carry left out: a string, or a list or tuple of strings (other
    values, lazy translations included, are returned as they are)."""
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


def without_control_characters(text: str) -> str:
    """``text`` without control characters (C0 but tab, newline and carriage return; DEL; C1), lone surrogates and
    U+FFFE/U+FFFF: what models keep of any text typed, pasted or imported (articles/models/text_fields.py)."""
    return _CONTROL.sub("", text)
