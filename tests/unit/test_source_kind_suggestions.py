"""Suggesting a source's kind (and level of government) from the title and organisation a story gave them."""

from __future__ import annotations

import time

import pytest

from articles.text.source_kinds import KINDS, LEVELS, KindSuggestion, suggest_kind

GOV, LAW, SEC, EXPERT, BIZ, CIVIL, CITIZEN, OTHER = (
    "government",
    "lawmaker",
    "security",
    "expert",
    "business",
    "civil_society",
    "citizen",
    "other",
)


@pytest.mark.parametrize(
    ("title", "organisation", "kind", "level"),
    [
        # Government officials, Indonesian.
        ("Kepala Dinas Kesehatan Kota Bandung", "", GOV, "city"),
        ("Kepala Dinas Kesehatan DKI Jakarta", "", GOV, "province"),
        ("Wali Kota Bogor", "", GOV, "city"),
        ("Wakil Bupati Sleman", "", GOV, "city"),
        ("Camat Menteng", "", GOV, "city"),
        ("Lurah Cikini", "", GOV, "city"),
        ("Sekda", "Pemerintah Provinsi Jawa Tengah", GOV, "province"),
        ("Gubernur Jawa Barat", "", GOV, "province"),
        ("Menteri Kesehatan", "", GOV, "national"),
        ("Presiden", "", GOV, "national"),
        ("Juru bicara Pemkot Surabaya", "", GOV, "city"),
        ("Kepala Pelaksana BPBD", "Pemkab Garut", GOV, "city"),
        ("Direktur Jenderal", "Kementerian Perhubungan", GOV, "national"),
        # Government officials, English.
        ("Mayor", "", GOV, "city"),
        ("county commissioner", "", GOV, "city"),
        ("Secretary of Transportation", "", GOV, "national"),
        ("director of the city's transportation department", "", GOV, "city"),
        ("spokesperson for the city", "", GOV, "city"),
        ("Governor of Ohio", "", GOV, "province"),
        # Lawmakers.
        ("Anggota Komisi III DPR RI", "", LAW, "national"),
        ("Ketua DPRD Kota Surabaya", "", LAW, "city"),
        ("Wakil Ketua DPRD DKI Jakarta", "", LAW, "province"),
        ("Anggota DPD", "", LAW, "national"),
        ("Ketua Komisi B", "DPRD Jawa Timur", LAW, "province"),
        ("Senator", "", LAW, "national"),
        ("state Rep.", "", LAW, "province"),
        ("city council member", "", LAW, "city"),
        ("council member", "", LAW, "city"),
        # Police and military.
        ("Kapolres Metro Jakarta Barat", "", SEC, "city"),
        ("Kapolsek Menteng", "", SEC, "city"),
        ("Kasatreskrim Polres Bogor", "", SEC, "city"),
        ("Kabid Humas Polda Metro Jaya", "", SEC, "province"),
        ("Kadiv Humas Mabes Polri", "", SEC, "national"),
        ("AKBP", "", SEC, ""),
        ("Kompol", "", SEC, ""),
        ("Iptu", "Polsek Tanah Abang", SEC, "city"),
        ("Dandim 0501/Jakarta Pusat", "", SEC, "city"),
        ("Danrem 061/Suryakancana", "", SEC, "province"),
        ("Pangdam Jaya", "", SEC, "province"),
        ("Kolonel Inf.", "", SEC, ""),
        ("Mayor Inf.", "Kodim 0618", SEC, "city"),
        ("police chief", "Springfield Police Department", SEC, "city"),
        ("Sheriff", "", SEC, "city"),
        ("Sgt.", "", SEC, ""),
        ("Lt. Col.", "U.S. Army", SEC, "national"),
        ("commander", "", SEC, ""),
        ("public affairs officer", "Navy", SEC, "national"),
        # Experts.
        ("Pengamat kebijakan publik", "Universitas Trisakti", EXPERT, ""),
        ("Peneliti", "BRIN", EXPERT, ""),
        ("Dosen Fakultas Hukum", "Universitas Padjadjaran", EXPERT, ""),
        ("Guru Besar Universitas Indonesia", "", EXPERT, ""),
        ("Ahli gizi", "", EXPERT, ""),
        ("Ekonom", "INDEF", EXPERT, ""),
        ("Epidemiolog", "Universitas Griffith", EXPERT, ""),
        ("professor of economics", "", EXPERT, ""),
        ("researcher", "", EXPERT, ""),
        ("analyst at the Brookings Institution", "", EXPERT, ""),
        ("economist", "", EXPERT, ""),
        ("Ph.D. candidate", "", EXPERT, ""),
        # Business.
        ("Direktur Utama PT Transjakarta", "", BIZ, ""),
        ("Pengusaha", "", BIZ, ""),
        ("CEO", "Acme Inc.", BIZ, ""),
        ("owner of a bakery", "", BIZ, ""),
        ("manager at", "Global Ltd.", BIZ, ""),
        ("Sekretaris Perusahaan", "PT Bank Rakyat Indonesia Tbk", BIZ, ""),
        # Civil society.
        ("Ketua LSM Lingkar Hijau", "", CIVIL, ""),
        ("Ketua Yayasan Peduli Anak", "", CIVIL, ""),
        ("Ketua Paguyuban Pedagang Pasar Baru", "", CIVIL, ""),
        ("Koordinator", "ICW", CIVIL, ""),
        ("Direktur Eksekutif", "Walhi Jawa Barat", CIVIL, ""),
        ("Aktivis lingkungan", "", CIVIL, ""),
        ("Ketua RT 05", "", CIVIL, ""),
        ("Ketua RW 03 Kelurahan Cikini", "", CIVIL, ""),
        ("advocate", "", CIVIL, ""),
        ("union president", "", CIVIL, ""),
        ("director of a nonprofit", "", CIVIL, ""),
        ("pastor", "", CIVIL, ""),
        # Citizens.
        ("warga Kelurahan Kenari", "", CITIZEN, ""),
        ("Pedagang", "", CITIZEN, ""),
        ("pengemudi ojek online", "", CITIZEN, ""),
        ("orang tua siswa", "", CITIZEN, ""),
        ("a resident of Springfield", "", CITIZEN, ""),
        ("parent", "", CITIZEN, ""),
        ("commuter", "", CITIZEN, ""),
        ("vendor", "", CITIZEN, ""),
        ("mother of two", "", CITIZEN, ""),
        # Other voices.
        ("Pelatih Timnas", "", OTHER, ""),
        ("singer", "", OTHER, ""),
    ],
)
def test_each_kind_and_level(title, organisation, kind, level):
    suggestion = suggest_kind(title, organisation)
    assert (suggestion.source_type, suggestion.level) == (kind, level), suggestion.reason


@pytest.mark.parametrize(
    ("title", "organisation", "kind", "level"),
    [
        # "Ahli Muda" is a civil-service grade, not an expert; "Analis Kebijakan" a civil-service post.
        ("Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon", "", GOV, "city"),
        ("Kepala Bidang Pencegahan dan Pengendalian Penyakit Dinas Kesehatan", "", GOV, ""),
        ("Guru Besar Universitas Gadjah Mada", "", EXPERT, ""),
        # A place alone is no kind: a resident of a village is a citizen, not the village's government.
        ("warga Desa Sukamaju", "", CITIZEN, ""),
        # The Indonesian rank "Mayor" with its corps is an officer, the English "mayor" a city's head.
        ("Mayor Czi", "", SEC, ""),
        # "Komisi" alone is also an independent commission; with its letter or number it is a DPR/DPRD commission.
        ("Ketua", "Komisi Pemberantasan Korupsi", GOV, "national"),
        # Satpol PP is the regional government's own public-order service, not the police.
        ("Kepala Satpol PP Kota Depok", "", GOV, "city"),
        ("lieutenant governor", "", GOV, "province"),
        ("State Department spokesperson", "", GOV, "national"),
        ("Kepala Dinas Pendidikan Kabupaten Bogor, Jawa Barat", "", GOV, "city"),
        # Only government, lawmakers and police or military have a level.
        ("Dosen", "Universitas Negeri Jakarta", EXPERT, ""),
        ("Kepala Perwakilan", "Bank Dunia", GOV, "international"),
        ("spokesperson", "United Nations", GOV, "international"),
        # "President" alone heads anything from a country to a parents' association: it decides nothing.
        ("PTA president", "", CIVIL, ""),
        ("company president", "Acme Inc.", BIZ, ""),
        ("Presiden Direktur PT Maju Jaya", "", BIZ, ""),
        # An officer of a company is no police officer.
        ("chief financial officer", "Harborline Financial", BIZ, ""),
    ],
)
def test_the_tricky_ones(title, organisation, kind, level):
    suggestion = suggest_kind(title, organisation)
    assert (suggestion.source_type, suggestion.level) == (kind, level), suggestion.reason


@pytest.mark.parametrize(
    ("title", "organisation"),
    [("", ""), ("Juru bicara", ""), ("spokesperson", ""), ("Ketua", ""), ("Budi", "Jakarta"), ("Kota", "")],
)
def test_nothing_clear_suggests_nothing(title, organisation):
    """No kind is ever guessed from nothing: an empty title, a bare role or a place alone suggest no kind."""
    assert suggest_kind(title, organisation) == KindSuggestion("", "", "")


def test_the_reason_names_the_words_that_decided():
    suggestion = suggest_kind("Kasatreskrim", "Polres Metro Jakarta Barat")
    assert suggestion.source_type == SEC and suggestion.level == "city"
    assert suggestion.reason == "“Kasatreskrim”, “Polres”"
    # The words as printed (case kept), the kind's first, then the level's when another word gave it.
    assert suggest_kind("Kepala Dinas Kesehatan", "Pemerintah Provinsi Jawa Tengah").reason == (
        "“Dinas”, “Pemerintah Provinsi”"
    )
    assert suggest_kind("Kapolres").reason == "“Kapolres”"


def test_the_kinds_and_levels_are_the_models_codes():
    """The codes this pure module returns are those of SourceType and SourceLevel (tests/test_source_kinds.py checks
    the other side against the choices)."""
    assert set(KINDS) == {GOV, LAW, SEC, EXPERT, BIZ, CIVIL, CITIZEN, OTHER}
    assert set(LEVELS) == {"city", "province", "national", "international"}


def test_priority_when_several_kinds_are_named():
    """The state's own voices first (police or military, lawmakers, government), then civil society above experts
    (a researcher at ICW speaks for ICW), experts above business, citizens last."""
    assert suggest_kind("Peneliti", "ICW").source_type == CIVIL
    assert suggest_kind("Ekonom", "PT Bank Central Asia Tbk").source_type == EXPERT
    assert suggest_kind("warga dan pemilik warung").source_type == BIZ
    assert suggest_kind("Ketua RT 02, warga Cikini").source_type == CIVIL
    assert suggest_kind("Kabid Humas Polda Jawa Barat", "Pemprov Jawa Barat").source_type == SEC


def test_long_or_hostile_input_is_bounded_and_linear():
    """A pasted page is read up to a fixed length; time grows no faster than the text."""
    started = time.perf_counter()
    for _ in range(20):
        suggest_kind("Kepala " * 50_000, "Dinas " * 50_000)
    assert time.perf_counter() - started < 2.0
    assert suggest_kind("x" * 10_000 + " Kapolres").source_type == ""  # past the bound: not read
