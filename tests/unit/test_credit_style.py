"""The house credit style: a photographer and an agency composed into one credit line (pure Python, no Django)."""

import pytest

from articles.text.credits import compose_credit


def test_agency_first_is_the_indonesian_style():
    """Indonesian house style prints the agency first: “ANTARA FOTO/Budi Santoso”."""
    assert compose_credit("Budi Santoso", "ANTARA FOTO") == "ANTARA FOTO/Budi Santoso"


def test_agency_last_style():
    """The other house style prints the agency last: “Budi Santoso/ANTARA FOTO”."""
    assert compose_credit("Budi Santoso", "ANTARA FOTO", style="agency_last") == "Budi Santoso/ANTARA FOTO"


@pytest.mark.parametrize(
    ("style", "separator", "expected"),
    [("agency_first", " / ", "AP / PAUL SANCYA"), ("agency_last", " | ", "PAUL SANCYA | AP")],
)
def test_separator_is_the_houses(style, separator, expected):
    """The separator between agency and name is the house's choice, in either order."""
    assert compose_credit("PAUL SANCYA", "AP", style=style, separator=separator) == expected


@pytest.mark.parametrize("style", ["agency_first", "agency_last"])
def test_a_credit_already_naming_the_agency_is_kept(style):
    """“AP Photo/Jane Doe” credited by AP, or Corbis credited by Corbis, is not doubled into “AP/AP Photo/Jane Doe”."""
    assert compose_credit("AP Photo/Jane Doe", "AP", style=style) == "AP Photo/Jane Doe"
    assert compose_credit("Corbis", "corbis", style=style) == "Corbis"


def test_agency_inside_a_longer_word_is_not_a_match():
    """A photographer called Japri credited by AP still gets the agency: “AP” is a word, not a few letters."""
    assert compose_credit("Japri", "AP") == "AP/Japri"


@pytest.mark.parametrize(
    ("person", "agency", "expected"), [("Dwi Arif", None, "Dwi Arif"), (None, "Reuters", "Reuters"), (" ", "", "")]
)
def test_only_one_of_the_two(person, agency, expected):
    """With only a person or only an agency, that one is the credit; with neither, nothing."""
    assert compose_credit(person, agency) == expected


def test_unknown_style_is_refused():
    """A misspelt style is an error the setting's owner sees, not a silently different credit."""
    with pytest.raises(ValueError, match="unknown credit style"):
        compose_credit("Budi", "ANTARA", style="agency-first")
