"""What XML 1.0 can carry (articles/text/xml_chars.py): the forbidden characters go, everything else stays."""

from xml.etree import ElementTree

from articles.text.xml_chars import xml_safe

FORBIDDEN = "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r") + "\ufffe\uffff"


def test_forbidden_characters_are_left_out_and_the_result_is_xml():
    text = f"Banjir{FORBIDDEN} di Kenanga"
    assert xml_safe(text) == "Banjir di Kenanga"
    ElementTree.fromstring(f"<title>{xml_safe(text)}</title>")  # parses


def test_what_xml_allows_is_kept():
    kept = "Tab\there\nnew line\r <script> & “quotes” \u202edirection\u202c \x7f\x85 日本 🔥"
    assert xml_safe(kept) == kept


def test_lists_and_tuples_are_cleaned_item_by_item_other_values_pass():
    assert xml_safe(["a\x01", "b"]) == ["a", "b"]
    assert xml_safe(("c\x0b",)) == ("c",)
    assert xml_safe(None) is None and xml_safe(12) == 12
