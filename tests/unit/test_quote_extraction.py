"""The quote extractor: quotes, speakers and titles, judged as a desk editor would mark them.

Pure tests: no database, no Django. The labelled stories in ``tests/data/quote_stories`` are fictional, written for
these tests in Indonesian and English; ``test_labelled_stories_meet_the_bar`` scores the story reader over all of them
with the shared scorer (tests/unit/labelled_set.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from articles.text.quotes import ExtractedQuote, extract_quotes
from tests.unit.conftest import DATA, FIXTURES, SHARED_STORY
from tests.unit.labelled_set import load, score

STORIES = DATA / "quote_stories"
# Curly marks spelled out, so the test source shows exactly which mark each case uses.
LQ, RQ, LOW, LG, RG, APOS = "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2019"


def quotes_of(*paragraphs: str, caption: str = "", language: str | None = None) -> list[dict[str, str | None]]:
    return [quote.as_dict() for quote in extract_quotes(list(paragraphs), caption, language)]


def speakers_of(*paragraphs: str, language: str | None = None) -> list[str | None]:
    return [quote["speaker"] for quote in quotes_of(*paragraphs, language=language)]


# --- The labelled set ----------------------------------------------------------------------------------------------
def test_labelled_set_is_broad_enough():
    """Thirty stories or more in each language, every case the reader must handle labelled somewhere."""
    stories = [story for _, story in load(STORIES)]
    languages = Counter(story["language"] for story in stories)
    assert languages["id"] >= 30 and languages["en"] >= 30 and len(stories) >= 60
    quotes = [quote for story in stories for quote in story["quotes"]]
    kinds = Counter(quote.get("speaker_kind", "") for quote in quotes)
    assert kinds["group"] >= 2 and kinds["organisation"] >= 2  # no person: a group, a body speaking as such
    assert any(quote["speaker"] is None and not quote.get("speaker_kind") for quote in quotes)  # unclear speaker
    assert any(quote["speaker"] and quote.get("speaker_title") for quote in quotes)  # a titled speaker
    assert any(story.get("expected_credit") is None and story.get("caption") for story in stories)  # no credit
    assert any(story.get("expected_credit") for story in stories)  # a credit in the caption
    assert any(story.get("credit_line") for story in stories)  # a credit on its own line
    assert any('"' in story.get("caption", "") or LQ in story.get("caption", "") for story in stories)  # caption quote


def test_labelled_stories_meet_the_bar():
    """Over the whole labelled set: credit 0.97, quote F1 0.97 and speakers 0.93 (tests/unit/labelled_set.py)."""
    result = score(load(STORIES))
    print("labelled set:", result.figures())
    assert result.credit >= 0.97
    assert result.quote_f1 >= 0.97
    assert result.speaker >= 0.93


# --- The real story ------------------------------------------------------------------------------------------------
def read_story_file(path: Path) -> tuple[str, list[str]]:
    """Minimal reading of the shared story format: "# caption", a headline, then paragraphs between blank lines."""
    blocks = [block.strip() for block in path.read_text(encoding="utf-8").split("\n\n") if block.strip()]
    caption = ""
    if blocks[0].startswith("#"):
        caption, blocks = blocks[0].lstrip("#").strip(), blocks[1:]
    return caption, [" ".join(block.split()) for block in blocks[1:]]


# Defined only when ../shared is on this machine (see tests/unit/conftest.py): a fresh clone does not collect it.
# Its twin: test_fixture_story_pasar_kenari, below.
if SHARED_STORY.exists():

    def test_real_story_jakpus_cirebon():
        """Every quote of the Jakarta Pusat / Cirebon story comes out with the right speaker and title."""
        caption, paragraphs = read_story_file(SHARED_STORY)
        quotes = extract_quotes(paragraphs, caption, "id")
        denny = ("Denny Ramdany", "Asisten Pemerintahan (Aspem) Sekko Administrasi Jakarta Pusat")
        jatmika = ("Muhammad Jatmika", "Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon")
        assert [(q.speaker, q.speaker_title) for q in quotes] == [denny, jatmika, jatmika, jatmika, jatmika]
        assert quotes[0].text.startswith("Saya menyambut baik kunjungan tersebut")
        assert quotes[0].text.endswith("saling berkolaborasi")
        assert quotes[-1].text == "Kami ingin studi tersebut sehingga bisa diterapkan di Kota Cirebon"
        for quote in quotes:
            assert paragraphs[quote.paragraph][quote.start : quote.end] == quote.text


def test_fixture_story_pasar_kenari():
    """The repository's own story: two speakers introduced with their titles, the second quoted twice (the second
    time with "tuturnya")."""
    caption, paragraphs = read_story_file(FIXTURES / "stories" / "pasar-kenari.txt")
    quotes = extract_quotes(paragraphs, caption, "id")
    ratna = ("Ratna Kusumawardani", "Kepala Dinas Perdagangan Kota Sukamaju")
    hendra = ("Hendra Gunawan", "Ketua Paguyuban Pedagang Pasar Kenari")
    assert [(q.speaker, q.speaker_title) for q in quotes] == [ratna, hendra, hendra]
    assert [q.paragraph for q in quotes] == [2, 5, 6]
    assert quotes[-1].text == "Yang kami minta sekarang hanya satu, parkir ditata supaya pembeli mau datang lagi"
    for quote in quotes:
        assert paragraphs[quote.paragraph][quote.start : quote.end] == quote.text


# --- Quote marks ---------------------------------------------------------------------------------------------------
def test_straight_and_curly_marks_and_a_closer_of_another_kind():
    """Straight, curly, mixed (opened " and closed ”) marks all delimit quotes."""
    found = quotes_of(
        '"Kami siap membantu warga," kata Budi.',
        f"{LQ}Semua posko sudah dibuka sejak pagi,{RQ} ujarnya.",
        f'"Bantuan logistik juga sudah tiba,{RQ} tambahnya.',
    )
    assert [q["text"] for q in found] == [
        "Kami siap membantu warga",
        "Semua posko sudah dibuka sejak pagi",
        "Bantuan logistik juga sudah tiba",
    ]
    assert {q["speaker"] for q in found} == {"Budi"}


def test_low_and_guillemet_marks():
    """German-style low marks and guillemets, with the comma outside the marks, are quotes too."""
    found = quotes_of(
        f"{LOW}Apinya besar sekali, saya langsung telepon pemadam{LQ}, kata Joko Susilo.",
        f"{LG}Pendinginan masih berlangsung sampai siang{RG}, lanjutnya.",
    )
    assert [(q["text"], q["speaker"]) for q in found] == [
        ("Apinya besar sekali, saya langsung telepon pemadam", "Joko Susilo"),
        ("Pendinginan masih berlangsung sampai siang", "Joko Susilo"),
    ]


def test_missing_closing_mark_stops_at_the_attribution():
    """A quote whose closing mark is missing ends before ", ujarnya" inside it."""
    found = quotes_of('Budi berharap program berlanjut. "Anggarannya sedang kami ajukan ke DPRD, ujarnya.')
    assert found == [{"text": "Anggarannya sedang kami ajukan ke DPRD", "speaker": "Budi", "speaker_title": ""}]


def test_missing_closing_mark_runs_to_the_paragraph_end():
    """Without an attribution inside, an unclosed quote runs to the end of its paragraph and no further."""
    found = quotes_of(
        "Budi Santoso mengatakan, kunjungan itu penting.",
        '"Kami ingin belajar banyak dari Jakarta Pusat.',
        "Kunjungan berlangsung dua hari.",
    )
    assert found == [
        {"text": "Kami ingin belajar banyak dari Jakarta Pusat.", "speaker": "Budi Santoso", "speaker_title": ""}
    ]


def test_closer_typed_with_the_space_on_the_wrong_side():
    """'"Saya senang, "ujarnya' is a closer with a misplaced space, not the start of a new quote."""
    found = quotes_of('Ani Lestari tiba di lokasi. "Saya senang sekali, "ujarnya. "Semua berjalan lancar," tambahnya.')
    assert [(q["text"], q["speaker"]) for q in found] == [
        ("Saya senang sekali", "Ani Lestari"),
        ("Semua berjalan lancar", "Ani Lestari"),
    ]


def test_apostrophes_and_nested_single_quotes_stay_inside():
    """Apostrophes in words and single-marked quotes inside a quote do not end it."""
    found = quotes_of(
        "\"Istilahnya, 'jangan buang bayi bersama air mandinya'. Salat Jum'at tetap jalan,\" kata Yohana.",
        f"{LQ}We told them, \u2018Expect to be sued,{APOS} and they didn{APOS}t listen,{RQ} Hensley said.",
    )
    assert found[0]["text"] == "Istilahnya, 'jangan buang bayi bersama air mandinya'. Salat Jum'at tetap jalan"
    assert found[1]["text"] == f"We told them, \u2018Expect to be sued,{APOS} and they didn{APOS}t listen"
    assert [q["speaker"] for q in found] == ["Yohana", "Hensley"]


def test_nested_double_marks_inside_a_quote():
    """A double-marked quote inside a quote stays inside it."""
    found = quotes_of('"Dia bilang "tidak mungkin" kepada saya kemarin," kata Rina.')
    assert found == [{"text": 'Dia bilang "tidak mungkin" kepada saya kemarin', "speaker": "Rina", "speaker_title": ""}]


def test_quote_split_around_its_attribution_is_joined():
    """'"…," kata X, "…"' and '"…," X said, "…"' come out as one quote."""
    found = quotes_of(
        '"Kalau hujan tidak berhenti, air baru surut besok," kata Rahmat, "jadi warga tetap di pengungsian."',
        f"{LQ}We heard the concerns,{RQ} Chen said, {LQ}and we built in a review after the first year.{RQ}",
    )
    assert [q["text"] for q in found] == [
        "Kalau hujan tidak berhenti, air baru surut besok, jadi warga tetap di pengungsian.",
        "We heard the concerns, and we built in a review after the first year.",
    ]
    assert [q["speaker"] for q in found] == ["Rahmat", "Chen"]


def test_quote_over_several_paragraphs_is_one():
    """Paragraphs that each open a quote, only the last closing it, make one quote with its span recorded."""
    paragraphs = [
        "Kepala Dinas Pendidikan Kabupaten Sleman Bambang Sutrisno mengatakan program itu didanai bersama.",
        '"Setiap anak mendapat satu porsi makanan. Menu berganti setiap hari.',
        f"{LQ}Orang tua tidak perlu membayar apa pun. Kami hanya meminta laporan setiap pagi,{RQ} ujarnya.",
    ]
    (quote,) = extract_quotes(paragraphs, "", "id")
    assert quote.text == (
        "Setiap anak mendapat satu porsi makanan. Menu berganti setiap hari. "
        "Orang tua tidak perlu membayar apa pun. Kami hanya meminta laporan setiap pagi"
    )
    assert (quote.speaker, quote.speaker_title) == ("Bambang Sutrisno", "Kepala Dinas Pendidikan Kabupaten Sleman")
    assert (quote.paragraph, quote.end_paragraph) == (1, 2)
    assert paragraphs[1][quote.start :].startswith("Setiap anak")
    assert paragraphs[2][: quote.end].endswith("laporan setiap pagi")


def test_offsets_and_caption():
    """Offsets point at the quoted words; a quote in the caption is paragraph -1 and comes first."""
    paragraphs = ['Warga berdatangan. "Air naik cepat sekali sejak subuh," kata Suryani, warga RT 05.']
    quotes = extract_quotes(paragraphs, caption='"Kami kehilangan semuanya," ujar Marni di pengungsian.')
    assert [q.paragraph for q in quotes] == [-1, 0]
    assert quotes[0].as_dict() == {"text": "Kami kehilangan semuanya", "speaker": "Marni", "speaker_title": ""}
    body = quotes[1]
    assert paragraphs[0][body.start : body.end] == body.text == "Air naik cepat sekali sejak subuh"
    assert (body.speaker, body.speaker_title) == ("Suryani", "warga RT 05")
    assert isinstance(body, ExtractedQuote)


# --- Scare quotes --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "paragraph",
    [
        'Warga menyebut kejadian ini sebagai "banjir kiriman" karena hujan turun di Bogor.',
        'Program tersebut diberi nama "Kredit Mesra" dan dikelola oleh Bank BJB.',
        'Slamet Riyadi, yang akrab disapa "Pak Kumis" oleh pelanggannya, mengatakan harga turun.',
        'Forecasters described the system as a "bomb cyclone," a term for storms that intensify rapidly.',
        f"Milley said the military had {LQ}no role{RQ} in deciding the outcome of elections.",
        'Ia menulis buku berjudul "Jalan Panjang Menuju Kota yang Ramah Anak" tahun lalu.',
    ],
)
def test_scare_quotes_and_quoted_names_are_not_quotes(paragraph):
    """Short quoted terms, nicknames and titles with no attribution are not speech."""
    assert quotes_of(paragraph) == []


def test_short_quote_with_an_attribution_is_a_quote():
    """A one-word answer is a quote when the story says who said it."""
    assert quotes_of('"Tidak," kata Budi singkat.') == [{"text": "Tidak", "speaker": "Budi", "speaker_title": ""}]


# --- Indonesian attributions ---------------------------------------------------------------------------------------
ID_AFTER = [
    "ujarnya",
    "katanya",
    "ungkapnya",
    "tuturnya",
    "tambahnya",
    "jelasnya",
    "ucapnya",
    "terangnya",
    "sebutnya",
    "imbuhnya",
    "paparnya",
    "lanjutnya",
    "tegasnya",
    "tandasnya",
    "jawabnya",
    "pungkasnya",
    "kilahnya",
    "serunya",
    "akunya",
    "bebernya",
    "sambungnya",
    "timpalnya",
    "cetusnya",
]


@pytest.mark.parametrize("verb", ID_AFTER)
def test_indonesian_pronoun_attributions(verb):
    """Every "-nya" attribution refers back to the speaker the story introduced."""
    found = quotes_of(
        "Kepala Dinas Perhubungan Kota Bogor Agus Setiawan meninjau terminal Baranangsiang, Senin.",
        f'"Kami akan menambah armada bus sebelum libur panjang," {verb}.',
    )
    assert found == [
        {
            "text": "Kami akan menambah armada bus sebelum libur panjang",
            "speaker": "Agus Setiawan",
            "speaker_title": "Kepala Dinas Perhubungan Kota Bogor",
        }
    ]


@pytest.mark.parametrize(
    "verb", ["kata", "ujar", "ungkap", "tutur", "tambah", "jelas", "ucap", "terang", "sebut", "imbuh", "papar", "tegas"]
)
def test_indonesian_verb_then_name(verb):
    """ "kata X", "ujar X" … name the speaker, with the title as printed before the name."""
    found = quotes_of(
        f'"Pasokan beras aman sampai akhir tahun," {verb} Direktur Utama Perum Bulog Bayu Krisnamurthi di Jakarta.'
    )
    assert found[0]["speaker"] == "Bayu Krisnamurthi"
    assert found[0]["speaker_title"] == "Direktur Utama Perum Bulog"


@pytest.mark.parametrize(
    "verb",
    [
        "mengatakan",
        "menuturkan",
        "mengungkapkan",
        "menegaskan",
        "menyebutkan",
        "menjelaskan",
        "menambahkan",
        "menyampaikan",
        "berharap",
    ],
)
def test_indonesian_speaker_introduced_before_the_quote(verb):
    """ "X menjelaskan, …" in one paragraph makes X the speaker of the next paragraph's "ujarnya"."""
    found = quotes_of(
        f"Sementara itu, Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon Muhammad Jatmika {verb}, kunjungan ini "
        "untuk belajar langsung.",
        '"Kami melihat Jakarta Pusat memiliki banyak prestasi," ujarnya.',
    )
    assert (found[0]["speaker"], found[0]["speaker_title"]) == (
        "Muhammad Jatmika",
        "Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon",
    )


def test_menurut_and_bahwa_openings():
    """ "Menurut X, …" and "X mengatakan bahwa …" paragraphs introduce the speaker of the following quote."""
    assert speakers_of(
        "Menurut Sekretaris Daerah Kota Bogor Syarifah Nuraini, kenaikan itu sesuai aturan.",
        '"Tidak ada yang kami tutupi dari dewan," tegasnya.',
        "Ketua Fraksi Golkar Hendra Saputra mengatakan bahwa fraksinya menolak.",
        '"Anggaran harus berpihak pada rakyat kecil," katanya.',
    ) == ["Syarifah Nuraini", "Hendra Saputra"]


def test_adverbial_between_speaker_and_verb():
    """ "X kepada wartawan mengatakan" and "X di Jakarta, Selasa, menyebutkan" still name X as the speaker."""
    assert speakers_of(
        '"Modusnya sabu disembunyikan di dalam kemasan teh," kata Irjen Karyoto.',
        "Direktur Utama Perum Bulog Bayu Krisnamurthi di Jakarta, Selasa, menyebutkan stok beras cukup.",
        '"Masyarakat tidak perlu memborong beras," ujarnya.',
        "Ketua RT 05 Slamet Riyadi kepada wartawan mengatakan warganya sudah mengungsi.",
        '"Semua sudah kami pindahkan ke masjid," ujarnya.',
    ) == ["Karyoto", "Bayu Krisnamurthi", "Slamet Riyadi"]


def test_surname_and_parenthetical_attribution():
    """ ", lanjut Jatmika, …" and "kata Jatmika" find the full name introduced earlier."""
    found = quotes_of(
        "Analis Kebijakan Pemerintah Kota Cirebon Muhammad Jatmika menjelaskan tujuan kunjungan.",
        "Selain itu, lanjut Jatmika, kunjungan ini untuk mengetahui penataan kelembagaan.",
        '"Ruang hijau di Jakarta Pusat sangat terawat dan indah," ungkapnya.',
        '"Kami ingin menirunya di Cirebon," kata Jatmika.',
    )
    assert {q["speaker"] for q in found} == {"Muhammad Jatmika"}
    assert {q["speaker_title"] for q in found} == {"Analis Kebijakan Pemerintah Kota Cirebon"}


def test_person_merely_mentioned_is_not_the_speaker():
    """A person named in passing, or an organisation opening a sentence, does not take over "ujarnya"."""
    assert speakers_of(
        '"Kami menolak anggaran itu," kata Ketua Fraksi PAN DPRD Kota Bogor Hendra Saputra.',
        "Ia juga menyinggung pernyataan Wali Kota Bogor Dedie Kurniawan pekan lalu.",
        "Selain itu, jajaran Pemkot Bogor ingin mengetahui rincian anggaran tersebut.",
        '"Perjalanan dinas naik, perbaikan jalan dipotong, itu salah urus," ujarnya.',
    ) == ["Hendra Saputra", "Hendra Saputra"]


def test_sentence_subject_before_the_quote_is_the_speaker():
    """The person a sentence opens with is who the next "ujarnya" means, speech verb or not."""
    assert speakers_of(
        "Dalam kesempatan ini, Asisten Pemerintahan (Aspem) Sekko Administrasi Jakarta Pusat Denny Ramdany membuka "
        "kegiatan itu.",
        '"Saya menyambut baik kunjungan tersebut sebagai sarana berbagi informasi," ujarnya.',
    ) == ["Denny Ramdany"]


def test_descriptions_and_titles_resolve_to_the_introduced_person():
    """ "tambah pejabat itu" and "kata Kapolres" mean the person introduced with that office."""
    assert speakers_of(
        "Kapolres Metro Jakarta Pusat Kombes Susatyo Purnomo Condro mengatakan api berasal dari korsleting.",
        '"Tidak ada korban jiwa dalam kebakaran ini," kata Kapolres.',
        '"Kami masih menunggu hasil laboratorium forensik," tambah perwira menengah itu.',
    ) == ["Susatyo Purnomo Condro", "Susatyo Purnomo Condro"]


def test_unclear_and_anonymous_speakers_are_none():
    """An anonymous source, its "-nya" follow-up and a quote nobody is introduced for have no speaker."""
    assert speakers_of(
        '"Pembeli jadi sepi sejak harga cabai naik," kata seorang pedagang yang enggan disebut namanya.',
        '"Sudah dua minggu begini, untung kami makin tipis," ujarnya lagi.',
    ) == [None, None]
    assert speakers_of('"Kami belum tahu kapan air akan surut," ujarnya.') == [None]


# --- English attributions ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "verb", ["said", "says", "told", "added", "asked", "explained", "noted", "insisted", "warned", "wrote"]
)
def test_english_name_then_verb(verb):
    """'"…," Smith said' style attributions name the speaker for each common verb."""
    found = quotes_of(
        "Mayor Linda Chen toured the flooded district on Tuesday.",
        f"{LQ}We will rebuild every home that was lost in the storm,{RQ} Chen {verb}.",
        language="en",
    )
    assert (found[0]["speaker"], found[0]["speaker_title"]) == ("Linda Chen", "Mayor")


def test_english_verb_then_name_with_title_after_comma():
    """'said Jane Doe, the city's policy analyst' keeps the title after the comma as printed."""
    found = quotes_of(
        f"{LQ}This is the biggest transit investment in decades,{RQ} said Jane Doe, the city{APOS}s policy analyst."
    )
    assert found[0]["speaker"] == "Jane Doe"
    assert found[0]["speaker_title"] == f"the city{APOS}s policy analyst"


def test_english_ranks_and_honorifics_are_not_part_of_the_name():
    """'Army Gen. Mark Milley' is Mark Milley; 'Ms. Patel' is the Priya Patel introduced before."""
    assert speakers_of(
        f"{LQ}Our oath is to the Constitution,{RQ} Army Gen. Mark Milley, chairman of the Joint Chiefs of Staff, "
        "told reporters.",
        "Priya Patel, who runs a bakery supply business, said the delay forced her to borrow.",
        f"{LQ}I never once paid them late,{RQ} Ms. Patel said.",
    ) == ["Mark Milley", "Priya Patel"]


def test_indonesian_honorifics_and_degrees_are_not_part_of_the_name():
    """'Drs. H. Bambang Sutrisno, M.Pd.' is Bambang Sutrisno, 'dr. Yudi Prasetyo' is Yudi Prasetyo."""
    found = quotes_of(
        "Kepala Dinas Pendidikan Kabupaten Sleman Drs. H. Bambang Sutrisno, M.Pd. mengatakan program itu berjalan.",
        '"Setiap anak mendapat satu porsi makanan bergizi," ujarnya.',
        "Menurut Kepala Suku Dinas Kesehatan Jakarta Selatan dr. Yudi Prasetyo, kasus DBD naik tajam.",
        '"Jangan tunggu fogging untuk membersihkan sarang nyamuk," jelas Yudi.',
    )
    assert [(q["speaker"], q["speaker_title"]) for q in found] == [
        ("Bambang Sutrisno", "Kepala Dinas Pendidikan Kabupaten Sleman"),
        ("Yudi Prasetyo", "Kepala Suku Dinas Kesehatan Jakarta Selatan"),
    ]


def test_place_after_an_office_word_is_part_of_the_title():
    """ "Bupati Kebumen" and "Pemerintah Kota Cirebon" name places; "Dinas Pertamanan Kota" ends before the name."""
    found = quotes_of(
        '"Jalan desa kami perbaiki tahun ini," kata Bupati Kebumen Arif Sugiyanto.',
        "Kepala Dinas Pertamanan Kota Ratna Kusumawardani mengatakan, taman dibuka setiap hari.",
        '"Kami ingin warga punya ruang hijau yang dekat dengan rumah," ujarnya.',
    )
    assert [(q["speaker"], q["speaker_title"]) for q in found] == [
        ("Arif Sugiyanto", "Bupati Kebumen"),
        ("Ratna Kusumawardani", "Kepala Dinas Pertamanan Kota"),
    ]


def test_english_pronouns_and_according_to():
    """'according to X' introduces a speaker; 'he said' and 'she said' follow the right person."""
    assert speakers_of(
        "Utility crews worked through the night, according to Dale Whitman, a spokesman for the cooperative.",
        f"{LQ}Some customers will be without power until Wednesday,{RQ} he said.",
        "Resident Carol Ngata, 71, spent the night at the high school gym.",
        f"{LQ}I just grabbed my coat and my cat and ran,{RQ} she said.",
    ) == ["Dale Whitman", "Carol Ngata"]


def test_english_descriptions():
    """'the mayor said' finds the mayor; 'a senior official said' and 'the official' after it are unknown."""
    assert speakers_of(
        "Mayor Susan Grady declared a local emergency on Sunday.",
        f"{LQ}We ordered more sand, but the trucks could not get through,{RQ} the mayor said.",
        "A senior defense official, speaking on condition of anonymity, said the review would end this year.",
        f"{LQ}Nobody wants to muzzle anyone,{RQ} the official said.",
    ) == ["Susan Grady", None]


def test_unattributed_sentence_after_a_quote_keeps_its_speaker():
    """A full sentence in quotes right after an attributed one belongs to the same speaker."""
    assert speakers_of(
        f"{LQ}We made a hard choice, and I own that,{RQ} Reyes told Reuters. {LQ}But the alternative was layoffs.{RQ}"
    ) == ["Reyes", "Reyes"]


def test_language_is_guessed_when_not_given():
    """Without a language the extractor still reads both languages' attributions."""
    assert speakers_of('"Kami siap membantu," kata Budi.') == ["Budi"]
    assert speakers_of(f"{LQ}We are ready to help,{RQ} said Smith.") == ["Smith"]


# --- Hostile input -------------------------------------------------------------------------------------------------
def test_pathological_text_of_200_kb_is_handled_correctly():
    """200 KB of unbalanced marks, endless openers and a long run-on quote still give exactly the real quotes."""
    openers = '"lorem ' * 14_000  # 98 KB of quotes that never close, one word each: no quotes
    lone_marks = '" ' * 30_000  # 60 KB of marks between spaces: empty pairs, no quotes
    huge = openers + lone_marks + '"Kami siap bekerja sama," kata Budi Santoso.'
    run_on = [f"{LQ}Bagian {number} dari keterangan yang sangat panjang" for number in range(1_000)]
    run_on.append(f"{LQ}Itu semua yang bisa kami sampaikan,{RQ} ujar Ani Lestari.")
    paragraphs = [huge, *run_on]
    assert sum(map(len, paragraphs)) > 200_000
    quotes = extract_quotes(paragraphs, caption='"' * 5_000, language="id")
    assert [(q.speaker, q.paragraph, q.end_paragraph) for q in quotes] == [
        ("Budi Santoso", 0, 0),
        ("Ani Lestari", 1, 1_001),
    ]
    assert quotes[0].text == "Kami siap bekerja sama"
    assert quotes[1].text.startswith("Bagian 0 dari keterangan")
    assert quotes[1].text.endswith("Itu semua yang bisa kami sampaikan")
