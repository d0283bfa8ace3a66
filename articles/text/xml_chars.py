"""Text that XML 1.0 can carry: the characters it forbids outright, left out (pure, no Django).

XML 1.0 allows no C0 control character but tab, newline and carriage return, and neither U+FFFE nor U+FFFF, not even
escaped (``&#1;`` is an error too). A headline pasted from a word processor can hold one; written as it is, it makes
the whole document unreadable (Django's feed writer refuses it with a server error instead). The feeds and the
report's SVG charts drop them where they write XML; HTML pages show the same text harmlessly and keep it.
"""

from __future__ import annotations

import re

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """``value`` with the characters XML 1.0 cannot carry left out: a string, or a list or tuple of strings (other
    values, lazy translations included, are returned as they are)."""
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value
