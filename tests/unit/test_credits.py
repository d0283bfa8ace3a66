"""Tests for the photo-credit parser (pure Python, no Django)."""

import time

import pytest

from articles.text.credits import CaptionCredit, format_credit, split_credit

# --- the required examples -------------------------------------------------------------------


def test_foto_colon_label():
    """'Foto: Dwi Arif' credits Dwi Arif."""
    assert split_credit("Foto: Dwi Arif").credit == "Dwi Arif"


def test_foto_label_in_parentheses():
    """A parenthesised '(Foto: Dwi Arif)' credits Dwi Arif without the brackets."""
    assert split_credit("(Foto: Dwi Arif)").credit == "Dwi Arif"


def test_foto_slash_label():
    """'Foto/Dwi Arif' credits Dwi Arif."""
    assert split_credit("Foto/Dwi Arif").credit == "Dwi Arif"


def test_antara_foto_kept_as_printed():
    """'ANTARA FOTO/Budi Santoso' keeps the agency as printed."""
    assert split_credit("ANTARA FOTO/Budi Santoso").credit == "ANTARA FOTO/Budi Santoso"


def test_ap_photo_in_parentheses():
    """'(AP Photo/Jane Doe)' credits 'AP Photo/Jane Doe' without the brackets."""
    assert split_credit("(AP Photo/Jane Doe)").credit == "AP Photo/Jane Doe"


def test_photograph_label_with_agency():
    """'Photograph: Jane Doe/Reuters' keeps the agency after the name."""
    assert split_credit("Photograph: Jane Doe/Reuters").credit == "Jane Doe/Reuters"


def test_photo_colon_label():
    """'Photo: Jane Doe' credits Jane Doe."""
    assert split_credit("Photo: Jane Doe").credit == "Jane Doe"


def test_photo_by_label():
    """'Photo by Jane Doe' credits Jane Doe."""
    assert split_credit("Photo by Jane Doe").credit == "Jane Doe"


def test_navy_photo_by_released():
    """An organisation before 'photo by' and a '/Released' marker are both dropped."""
    result = split_credit("(U.S. Navy photo by Petty Officer Jane Doe/Released)")
    assert result == CaptionCredit("", "Petty Officer Jane Doe")


def test_credit_label_with_organisation():
    """'Credit: NASA/Bill Ingalls' keeps the organisation."""
    assert split_credit("Credit: NASA/Bill Ingalls").credit == "NASA/Bill Ingalls"


def test_name_slash_agency_unlabelled():
    """An unlabelled 'Jane Doe/KOMPAS' is a credit."""
    assert split_credit("Jane Doe/KOMPAS").credit == "Jane Doe/KOMPAS"


def test_credit_printed_first_with_pipe():
    """A credit printed first and separated by '|' counts, and the caption is what follows."""
    assert split_credit("Photo By Jane Doe | A man walks in the rain.") == CaptionCredit(
        "A man walks in the rain.", "Jane Doe"
    )


def test_credit_after_last_sentence():
    """A trailing 'Foto:' credit is split off and the caption keeps its full stop."""
    result = split_credit("Pemkot Jakpus terima kunjungan kerja Pemerintah Kota Cirebon. Foto: Dwi Arif")
    assert result == CaptionCredit("Pemkot Jakpus terima kunjungan kerja Pemerintah Kota Cirebon.", "Dwi Arif")


def test_no_credit_keeps_caption_trimmed():
    """A caption without a credit gives None and the caption, trimmed."""
    assert split_credit("  Warga antre di Jakarta Pusat.  \n") == CaptionCredit("Warga antre di Jakarta Pusat.", None)


def test_empty_caption():
    """An empty or blank caption gives an empty caption and no credit."""
    assert split_credit("   ") == CaptionCredit("", None)


# --- wider conventions ------------------------------------------------------------------------

CONVENTIONS = [
    (
        "Warga antre, Senin (1/1/2024). ANTARA FOTO/M. Risyal Hidayat/foc.",
        "Warga antre, Senin (1/1/2024).",
        "ANTARA FOTO/M. Risyal Hidayat",
    ),
    ("Warga antre di Jakarta. KOMPAS.com/Garry Lotulung", "Warga antre di Jakarta.", "KOMPAS.com/Garry Lotulung"),
    ("Warga antre di Jakarta (ANTARA/Budi Santoso)", "Warga antre di Jakarta", "ANTARA/Budi Santoso"),
    ("Warga antre di Jakarta. Foto: Dwi Arif/Tempo", "Warga antre di Jakarta.", "Dwi Arif/Tempo"),
    ("Warga antre di Jakarta. (Dok. Humas Pemkot Jakpus)", "Warga antre di Jakarta.", "Humas Pemkot Jakpus"),
    ("Warga antre. Dokumentasi Pemkot Jakpus", "Warga antre.", "Pemkot Jakpus"),
    ("Warga antre. Sumber foto: Instagram @jakpus", "Warga antre.", "Instagram @jakpus"),
    ("Warga antre. Kredit: Istimewa", "Warga antre.", "Istimewa"),
    ("Warga antre. foto: dok. pribadi", "Warga antre.", "pribadi"),
    ("Warga antre - Foto: Dwi Arif", "Warga antre", "Dwi Arif"),
    ("Warga antre.\nFOTO: DWI ARIF", "Warga antre.", "DWI ARIF"),
    ("Warga antre. Dwi Arif/detikcom", "Warga antre.", "Dwi Arif/detikcom"),
    ("Warga antre di Jakarta ANTARA FOTO/Budi Santoso", "Warga antre di Jakarta", "ANTARA FOTO/Budi Santoso"),
    ("Warga antre. (ANTARA FOTO/Aprillio Akbar).", "Warga antre.", "ANTARA FOTO/Aprillio Akbar"),
    ("Foto: Dwi Arif - Warga antre di Jakarta", "Warga antre di Jakarta", "Dwi Arif"),
    ("KOMPAS.com/Garry Lotulung | Warga antre", "Warga antre", "KOMPAS.com/Garry Lotulung"),
    (
        "A man walks in Kyiv, March 1, 2022. REUTERS/Gleb Garanich/File Photo",
        "A man walks in Kyiv, March 1, 2022.",
        "REUTERS/Gleb Garanich",
    ),
    ("A man walks in Kyiv. (Reuters)", "A man walks in Kyiv.", "Reuters"),
    ("A man walks in Kyiv. Getty Images", "A man walks in Kyiv.", "Getty Images"),
    ("A man walks in Kyiv. Jane Doe/AFP via Getty Images", "A man walks in Kyiv.", "Jane Doe/AFP via Getty Images"),
    ("A man walks in Kyiv. (AP Photo/Jane Doe, File)", "A man walks in Kyiv.", "AP Photo/Jane Doe"),
    ("A man walks in Kyiv (AP Photo/Jane Doe) (File)", "A man walks in Kyiv", "AP Photo/Jane Doe"),
    ("A man walks in Kyiv. Courtesy of The White House", "A man walks in Kyiv.", "The White House"),
    ("A man walks in Kyiv. Photo courtesy of Jane Doe", "A man walks in Kyiv.", "Jane Doe"),
    ("A man walks in Kyiv. PHOTOS BY JANE DOE AND JOHN ROE.", "A man walks in Kyiv.", "JANE DOE AND JOHN ROE"),
    ("A man walks in Kyiv. Picture: Jane Doe", "A man walks in Kyiv.", "Jane Doe"),
    ("A man walks in Kyiv. Image: Getty Images", "A man walks in Kyiv.", "Getty Images"),
    ("A man walks in Kyiv. Photo - Jane Doe", "A man walks in Kyiv.", "Jane Doe"),
    ("A view of Mars. (NASA/JPL-Caltech)", "A view of Mars.", "NASA/JPL-Caltech"),
    ("Sailors muster. (U.S. Navy photo/Released)", "Sailors muster.", "U.S. Navy"),
    ("\u201cWe will win,\u201d he said. Jane Doe/AP", "\u201cWe will win,\u201d he said.", "Jane Doe/AP"),
]


@pytest.mark.parametrize(("text", "caption", "credit"), CONVENTIONS)
def test_conventions(text, caption, credit):
    """Indonesian and English credit conventions split into the expected caption and credit."""
    assert split_credit(text) == CaptionCredit(caption, credit)


NEGATIVES = [
    "Layanan ini buka 24/7 untuk warga.",
    "Warga dan/atau pengunjung diminta tertib.",
    "Harga 1/2 kilogram beras naik.",
    "Laga Persija/Persib berakhir imbang.",
    "Rute Jakarta/Bandung ditutup",
    "Gedung Komisi Pemberantasan Korupsi (KPK)",
    "Koalisi partai (PDIP/PKB)",
    "Presiden (kiri) dan Wakil Presiden (kanan)",
    "Menteri Keuangan (Menkeu) Sri Mulyani",
    "JAKARTA - Presiden Joko Widodo meresmikan jalan tol.",
    "Warga melihat dokumentasi sejarah kota.",
    "Bukti foto/video diserahkan ke polisi",
    "Pameran foto di Jakarta Pusat ramai.",
    "The photo by the window was lovely.",
    "Image of the day",
    "Credit card fraud rises in Jakarta.",
    "Source code leaked online.",
    "A man walks in Kyiv on 1/3 of the road.",
    "Suasana Pasar Tanah Abang Jakarta Pusat Jane Doe/KOMPAS",
    "Warga antre (File)",
    "(File)",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives_have_no_credit(text):
    """Captions without a credit return None and the caption unchanged."""
    assert split_credit(text) == CaptionCredit(text.strip(), None)


@pytest.mark.parametrize(
    "text",
    ["(" * 1_000_000, ")" * 1_000_000, "(File)" * 100_000, "a/" * 500_000, "Foto: " * 200_000, "A. " * 300_000],
)
def test_hostile_input_is_fast(text):
    """Megabyte-sized pathological captions are handled in well under a second."""
    started = time.perf_counter()
    split_credit(text)
    assert time.perf_counter() - started < 1.0


def test_format_credit_indonesian():
    """Indonesian display reads 'Foto: NAME' with the agency kept as printed."""
    assert format_credit("Dwi Arif/Tempo", "id") == "Foto: Dwi Arif/Tempo"


def test_format_credit_english():
    """English display reads 'Photo: NAME'."""
    assert format_credit("Jane Doe/Reuters", "en") == "Photo: Jane Doe/Reuters"


def test_format_credit_accepts_locale_tags():
    """Locale tags such as 'en-US' use their language part."""
    assert format_credit("Jane Doe", "en-US") == "Photo: Jane Doe"


def test_format_credit_rejects_unknown_language_and_empty_credit():
    """An unsupported language or an empty credit raises ValueError."""
    with pytest.raises(ValueError):
        format_credit("Jane Doe", "fr")
    with pytest.raises(ValueError):
        format_credit("  ", "id")


# --- every form a caption prints a credit in (issue 23) ------------------------------------------

# (printed caption, caption without the credit, credit as printed)
FORMS = [
    # Lower-case label with no colon at the end, photographer and outlet joined by a dash.
    (
        "Warga antre di Pasar Kenari, Senin (3/2). foto Dwi Arif - Jakpus.id",
        "Warga antre di Pasar Kenari, Senin (3/2).",
        "Dwi Arif - Jakpus.id",
    ),
    ("Commuters wait at the station. photo Jane Doe - Reuters", "Commuters wait at the station.", "Jane Doe - Reuters"),
    # The same family in the middle of the line, the name even in lower case: the dash and the domain end it.
    (
        "Pedagang menata dagangan foto dwi arif - radarcirebon.com Suasana pasar pagi hari.",
        "Pedagang menata dagangan Suasana pasar pagi hari.",
        "dwi arif - radarcirebon.com",
    ),
    (
        "Commuters wait photo jane doe - citypaper.com The line opened on Monday.",
        "Commuters wait The line opened on Monday.",
        "jane doe - citypaper.com",
    ),
    # A colon label in the middle, ended by the dash and the outlet.
    (
        "Suasana rapat. Foto: Dwi Arif - Jakpus.id Wali Kota meninjau lokasi.",
        "Suasana rapat. Wali Kota meninjau lokasi.",
        "Dwi Arif - Jakpus.id",
    ),
    (
        "Commuters wait. Photo: Jane Doe - Citypaper.com The mayor opened the line.",
        "Commuters wait. The mayor opened the line.",
        "Jane Doe - Citypaper.com",
    ),
    # ... ended by the outlet named as an agency in capitals, or known.
    (
        "Suasana rapat. Foto: Dwi Arif - ANTARA Wali Kota meninjau.",
        "Suasana rapat. Wali Kota meninjau.",
        "Dwi Arif - ANTARA",
    ),
    (
        "Commuters wait. Photo: Jane Doe - Reuters The line opened.",
        "Commuters wait. The line opened.",
        "Jane Doe - Reuters",
    ),
    # ... ended by a full stop.
    (
        "Suasana rapat. Foto: Dwi Arif. Wali Kota meninjau lokasi.",
        "Suasana rapat. Wali Kota meninjau lokasi.",
        "Dwi Arif",
    ),
    ("Commuters wait. Photo by Jane Doe. The line opened.", "Commuters wait. The line opened.", "Jane Doe"),
    # ... ended by a slash-joined outlet.
    (
        "Suasana rapat. FOTO/Dwi Arif/Jakpus.id Wali Kota meninjau.",
        "Suasana rapat. Wali Kota meninjau.",
        "Dwi Arif/Jakpus.id",
    ),
    # ... an agency head before "FOTO/" stays with the credit.
    (
        "Suasana rapat. ANTARA FOTO/Budi Santoso/foc. Wali Kota meninjau.",
        "Suasana rapat. Wali Kota meninjau.",
        "ANTARA FOTO/Budi Santoso",
    ),
    # ... with nothing but the next sentence's capital to end it, the shorter credit eats no caption text.
    (
        "Suasana rapat. Foto: Dwi Arif Wali Kota Cirebon meninjau.",
        "Suasana rapat. Wali Kota Cirebon meninjau.",
        "Dwi Arif",
    ),
    (
        "Commuters wait. Photo: Jane Doe Commuters board the train.",
        "Commuters wait. Commuters board the train.",
        "Jane Doe",
    ),
    # In parentheses in the middle.
    ("Suasana rapat (Foto: Dwi Arif) di Balai Kota.", "Suasana rapat di Balai Kota.", "Dwi Arif"),
    ("Commuters wait (Photo: Jane Doe/Reuters) at the station.", "Commuters wait at the station.", "Jane Doe/Reuters"),
    # At the start, with no colon, then the caption.
    ("foto Dwi Arif - Jakpus.id Warga antre di Jakarta.", "Warga antre di Jakarta.", "Dwi Arif - Jakpus.id"),
    ("Photo by Jane Doe. The mayor opened the line.", "The mayor opened the line.", "Jane Doe"),
    ("Dok. Humas Pemkot Jakpus | Warga antre di Jakarta.", "Warga antre di Jakarta.", "Humas Pemkot Jakpus"),
    # At the end with a colon and an outlet after a dash; lower-case label with a capitalised name.
    ("Warga antre. FOTO: DWI ARIF - JAKPUS.ID", "Warga antre.", "DWI ARIF - JAKPUS.ID"),
    ("Warga antre. Sumber foto: Dwi Arif - Jakpus.id", "Warga antre.", "Dwi Arif - Jakpus.id"),
    ("Warga antre di Jakarta. foto Dwi Arif", "Warga antre di Jakarta.", "Dwi Arif"),
    ("Commuters wait. photo Jane Doe", "Commuters wait.", "Jane Doe"),
    # Unlabelled "Name - Outlet" after the last sentence.
    ("Warga antre di Jakarta. Dwi Arif - Jakpus.id", "Warga antre di Jakarta.", "Dwi Arif - Jakpus.id"),
    # An organisation credited with its unit number, after a colon label.
    ("Warga antre. Sumber foto: Pendim 0619/Purwakarta", "Warga antre.", "Pendim 0619/Purwakarta"),
    ("Sailors muster. Photo: Battalion 7 Public Affairs", "Sailors muster.", "Battalion 7 Public Affairs"),
    # A credit on its own line under the caption.
    ("Warga antre di Jakarta.\nfoto Dwi Arif", "Warga antre di Jakarta.", "Dwi Arif"),
    ("Commuters wait at the station\nPhoto: Jane Doe - Reuters", "Commuters wait at the station", "Jane Doe - Reuters"),
    ("Warga antre.\nFoto: Dwi Arif\n", "Warga antre.", "Dwi Arif"),
]


@pytest.mark.parametrize(("text", "caption", "credit"), FORMS)
def test_credit_forms(text, caption, credit):
    """Each form of printed credit, start, middle or end, either language, is split off as printed."""
    assert split_credit(text) == CaptionCredit(caption, credit)


# "foto" and "photo" are everyday words too: without a colon they credit only what reads as a credit.
BARE_LABEL_PROSE = [
    "Lomba foto anak digelar di taman kota.",
    "Warga berpose foto bersama usai rapat.",
    "Foto bersama usai rapat paripurna.",
    "Pengunjung mendatangi spot foto baru di Monas.",
    "Lomba foto Hari Kemerdekaan digelar di Monas.",
    "Foto Presiden Joko Widodo dipasang di kelas.",
    "A photo Jane Doe took in 2020 hangs in the hall.",
    "Photo exhibition opens in the old town hall.",
    "Warga melihat foto - foto lama di museum.",
    "Warga antre. Foto: 2024",
]


@pytest.mark.parametrize("text", BARE_LABEL_PROSE)
def test_bare_label_words_in_prose_are_caption_text(text):
    """A lower-case or colon-less 'foto'/'photo' in ordinary prose is caption text, not a credit."""
    assert split_credit(text) == CaptionCredit(text, None)


def test_mid_line_scan_reads_only_a_caption_sized_start():
    """A label far into a megabyte of text is not looked for in the middle: no caption is that long, and the
    scan stays cheap; the end of the text is still searched."""
    filler = "Warga antre di pasar. " * 50_000
    assert split_credit(filler + "Foto: Dwi Arif - Jakpus.id Suasana pasar.").credit is None
    assert split_credit(filler + "Foto: Dwi Arif - Jakpus.id").credit == "Dwi Arif - Jakpus.id"


@pytest.mark.parametrize(
    "text",
    [
        "(" * 1_000_000,
        "Dwi Arif " * 110_000,
        "a - " * 250_000,
        "Foto: Dwi Arif - Jakpus.id " * 50_000,
        "foto a - b.id " * 80_000,
        "x foto " * 150_000,
        "Suasana. (Foto: " * 60_000,
        "Dwi Arif " * 110_000 + "- Jakpus.id",
        "\n" * 1_000_000,
        "a\n" * 500_000,
    ],
)
def test_hostile_input_with_mid_line_labels_is_fast(text):
    """Megabyte-sized captions full of mid-line labels, dashes and lines take a few milliseconds, not seconds."""
    started = time.perf_counter()
    split_credit(text)
    assert time.perf_counter() - started < 0.1


def test_short_labelled_credit_may_go_on_in_lower_case():
    """After "Foto:" at the end of a caption a short credit may be partly lower case ("Humas pemkot"), while a long
    run of words after a name is still the caption's next sentence."""
    assert split_credit("Warga antre. Foto: Humas pemkot") == CaptionCredit("Warga antre.", "Humas pemkot")
    assert split_credit("Rapat. Foto: Dwi Arif Wali Kota meninjau lokasi").credit == "Dwi Arif"


@pytest.mark.parametrize("printed", ["(Istimewa)", "(istimewa)", "(Ist.)", "(ist)"])
def test_istimewa_in_brackets_is_a_credit(printed):
    """Indonesian captions print "(Istimewa)", a courtesy photo, where a name would stand."""
    result = split_credit(f"Suasana sidang di Pengadilan Negeri Bandung. {printed}")
    assert result.caption == "Suasana sidang di Pengadilan Negeri Bandung."
    assert result.credit == printed.strip("()").rstrip(".")


def test_istimewa_inside_a_sentence_is_caption_text():
    """The adjective in prose ("tamu istimewa") is no credit."""
    assert split_credit("Wali Kota menyambut tamu istimewa").credit is None


@pytest.mark.parametrize(("printed", "credit"), [("Dok. pribadi", "pribadi"), ("Dok. humas Pemkot", "humas Pemkot")])
def test_documentation_label_takes_a_lower_case_credit(printed, credit):
    """After "Dok." at the end of a caption the credit is often lower case: a family's or an office's own photo."""
    result = split_credit(f"Karsono bersama keluarganya sekitar tahun 2001. {printed}")
    assert result == CaptionCredit("Karsono bersama keluarganya sekitar tahun 2001.", credit)
