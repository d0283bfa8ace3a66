"""Stemming for search (articles/text/stemming.py): what lets “pompanya” find a story that says “pompa”."""

from __future__ import annotations

import pytest

from articles.text import stemming


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("pompanya", "pompa"),
        ("kebanjiran", "banjir"),
        ("dibangun", "bangun"),
        ("pembangunan", "bangun"),
        ("berkunjung", "kunjung"),
        ("kunjungan", "kunjung"),
    ],
)
def test_indonesian_affixes_come_off(word, stem):
    """An Indonesian word with prefixes, suffixes or a possessive is reduced to the root a reader would search for."""
    assert stemming.stem_id(word) == stem


@pytest.mark.parametrize("word", ["kusumawardani", "jakarta", "2024", "café", "москва", "x"])
def test_names_numbers_and_other_scripts_are_left_alone(word):
    """A name, a number or a word in another script comes back as it was, never cut into pieces."""
    assert stemming.stem_id(word) == word


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        (["flood", "floods", "flooded", "flooding"], "flood"),
        (["pump", "pumps", "pumped", "pumping"], "pump"),
        (["city", "cities"], "city"),
        (["house", "houses"], "hous"),
        (["box", "boxes"], "box"),
        (["run", "running"], "run"),
    ],
)
def test_english_inflections_share_one_stem(words, stem):
    """An English story's “flooding” and a reader's “floods” meet at one stem."""
    assert {stemming.stem_en(word) for word in words} == {stem}


def test_short_english_words_are_kept():
    """Short words (“is”, “bus”, “news”) are not cut down to nothing."""
    assert [stemming.stem_en(word) for word in ["is", "bus", "gas"]] == ["is", "bus", "gas"]


def test_text_is_stemmed_word_by_word_in_its_language():
    """A story's text becomes its stems, in the story's language; accents and case are folded."""
    assert stemming.stem_text("Pompanya dibangun di Kali Kenanga.", "id") == "pompa bangun di kali kenanga"
    assert stemming.stem_text("Floods reached the Café", "en") == "flood reach the cafe"


def test_a_query_word_is_stemmed_both_ways():
    """A reader's word finds Indonesian and English stories alike: both stems are tried."""
    assert stemming.query_stems("pompanya") == {"pompa", "pompanya"}
    assert stemming.query_stems("floods") == {"flood", "floods"}


def test_fold_removes_case_and_accents():
    """“Café”, “CAFÉ” and “cafe” fold to one form."""
    assert {stemming.fold(word) for word in ["Café", "CAFÉ", "cafe"]} == {"cafe"}


def test_stems_are_cached_per_word():
    """Stemming the same word again costs a dictionary lookup, not another run of the stemmer."""
    stemming.stem_id("kebanjiran")
    before = stemming.stem_id.cache_info().hits
    stemming.stem_text("kebanjiran kebanjiran kebanjiran", "id")
    assert stemming.stem_id.cache_info().hits >= before + 3


def test_reading_order_ignores_case_and_accents_and_puts_other_scripts_last():
    """A list of topics reads “apel, banjir, Cuaca, Ékonomi, zebra, Москва”: not by code point."""
    names = ["zebra", "Москва", "banjir", "Ékonomi", "apel", "Cuaca"]
    assert sorted(names, key=stemming.reading_order_key) == ["apel", "banjir", "Cuaca", "Ékonomi", "zebra", "Москва"]
