"""Search snippets (articles/text/snippets.py): whole sentences, whole words, the reader's words marked."""

from __future__ import annotations

import re

from articles.text.snippets import Matcher, mark, opening, snippet

PARAGRAPHS = [
    "Air naik sejak pagi, tambahnya.",
    "Pantauan di lokasi menunjukkan pompa air bekerja. Petugas berjaga sampai malam.",
]


def plain(html: str) -> str:
    return re.sub(r"</?mark>", "", html)


def test_sentences_from_two_paragraphs_are_never_glued():
    """Words found in two paragraphs show both sentences apart, never as “tambahnya. Pantauan”."""
    text = snippet(PARAGRAPHS, Matcher.for_words(["tambahnya", "pantauan"]))
    assert "tambahnya. Pantauan" not in plain(text) and "tambahnya.Pantauan" not in plain(text)
    assert plain(text) == (
        "Air naik sejak pagi, tambahnya. … Pantauan di lokasi menunjukkan pompa air bekerja. "
        "Petugas berjaga sampai malam."
    )


def test_the_sentence_with_the_word_is_shown_whole():
    """The snippet starts at the start of the sentence holding the word and ends at a sentence's end."""
    text = snippet(PARAGRAPHS, Matcher.for_words(["pompa"]))
    assert text == "Pantauan di lokasi menunjukkan <mark>pompa</mark> air bekerja. Petugas berjaga sampai malam."


def test_the_sentence_with_most_words_wins():
    """Of several sentences, the one holding the most of the reader's words is shown."""
    paragraphs = ["Banjir datang lagi.", "Rapat membahas anggaran.", "Pompa dipasang saat banjir surut."]
    text = snippet(paragraphs, Matcher.for_words(["banjir", "pompa"]), limit=40)
    assert plain(text) == "Pompa dipasang saat banjir surut."


def test_sentences_in_one_paragraph_keep_their_own_spacing():
    """Following sentences of the same paragraph are added as written, with their own space."""
    text = snippet(["Dr. Sari datang. Warga lega!  Hujan reda."], Matcher.for_words(["sari"]))
    assert plain(text) == "Dr. Sari datang. Warga lega!  Hujan reda."


def test_a_long_sentence_is_cut_at_word_boundaries():
    """An over-long sentence is cut between words with “…”, keeping the matched word."""
    words = [f"kata{number}" for number in range(80)]
    words[50] = "pompanya"
    sentence = " ".join(words) + "."
    text = snippet([sentence], Matcher.for_words(["pompa"]), limit=120)
    assert text.startswith("… ") and text.endswith(" …")
    assert "<mark>pompanya</mark>" in text
    shown = plain(text).removeprefix("… ").removesuffix(" …").split(" ")
    assert all(word in words for word in shown)
    assert len(plain(text)) <= 120 + 4


def test_exact_prefix_and_stem_matches_are_marked():
    """The word itself, the start of the last word typed and other forms of the same root are all marked."""
    text = mark("Kebanjiran lagi, warga memompa air; banjir dan pompanya rusak.", Matcher.for_words(["banjir", "pomp"]))
    assert text == (
        "<mark>Kebanjiran</mark> lagi, warga memompa air; <mark>banjir</mark> dan <mark>pompanya</mark> rusak."
    )


def test_a_prefix_applies_to_the_last_word_only():
    """Only the word being typed (the last) matches by its start; earlier words must be whole or share a stem."""
    assert mark("pompa kenanga", Matcher.for_words(["pomp", "kenang"])) == "pompa <mark>kenanga</mark>"


def test_english_forms_are_marked():
    """“floods” marks “flooding” in an English story."""
    assert mark("Flooding closed the road.", Matcher.for_words(["floods"])) == "<mark>Flooding</mark> closed the road."


def test_everything_else_is_escaped():
    """Markup in the text is shown as text; only <mark> is markup."""
    text = mark('Festival <b>budaya</b> & "seni"', Matcher.for_words(["festival"]))
    assert text == "<mark>Festival</mark> &lt;b&gt;budaya&lt;/b&gt; &amp; &quot;seni&quot;"


def test_without_a_match_the_text_begins_the_snippet():
    """A story found by its headline or a quote shows its first sentences."""
    assert snippet(PARAGRAPHS, Matcher.for_words(["kenanga"]), limit=60) == "Air naik sejak pagi, tambahnya."
    assert snippet([], Matcher.for_words(["kenanga"])) == ""


def test_opening_takes_whole_sentences_that_fit():
    """A summary where the desk wrote none: whole first sentences, paragraphs joined with a space, never glued."""
    paragraphs = ["Kata Dr. Sari pagi ini. Banjir surut.", "Paragraf dua di sini."]
    assert opening(paragraphs, limit=40) == "Kata Dr. Sari pagi ini. Banjir surut."
    assert opening(paragraphs, limit=200) == "Kata Dr. Sari pagi ini. Banjir surut. Paragraf dua di sini."
    assert opening([], limit=20) == ""


def test_opening_cuts_a_long_first_sentence_between_words():
    assert opening(["Satu kalimat yang sangat panjang sekali tanpa titik"], limit=20) == "Satu kalimat yang…"
