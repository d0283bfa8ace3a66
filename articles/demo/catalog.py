"""Metadata for the hand-written demo stories in ``articles/demo/stories/``.

The plain-text story format carries only the caption, headline and body; everything else a demo
article needs (section, bylines, tags, kicker, dek, publication time) lives here. All people,
places and events are fictional: the stories are set in "Kota Administrasi Jakarta Tengah", an
invented Jakarta-like municipality. Pure Python, no Django imports, so it can be read anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CONTRIBUTORS", "SECTIONS", "STORIES", "DemoContributor", "DemoSection", "DemoStory"]


@dataclass(frozen=True)
class DemoSection:
    slug: str
    name: str
    order: int
    name_en: str


@dataclass(frozen=True)
class DemoContributor:
    slug: str
    name: str
    title: str
    bio: str


@dataclass(frozen=True)
class DemoStory:
    file: str  # file name in articles/demo/stories/
    section: str  # section slug
    bylines: tuple[tuple[str, str], ...]  # (contributor slug, role) in order; reporter/photographer/editor/contributor
    tags: tuple[str, ...]
    kicker: str
    dek: str
    hours_ago: int  # how long ago it was published (so the home page has a spread)


SECTIONS: tuple[DemoSection, ...] = (
    DemoSection("kota", "Kota", 1, "City"),
    DemoSection("pemerintahan", "Pemerintahan", 2, "Government"),
    DemoSection("ekonomi", "Ekonomi", 3, "Economy"),
    DemoSection("pendidikan", "Pendidikan", 4, "Education"),
    DemoSection("kesehatan", "Kesehatan", 5, "Health"),
    DemoSection("budaya", "Budaya", 6, "Culture"),
)

CONTRIBUTORS: tuple[DemoContributor, ...] = (
    DemoContributor(
        "dewi-anggraini",
        "Dewi Anggraini",
        "Reporter Kota",
        "Meliput urusan kota dan pemerintahan sejak 2016, dari banjir musiman hingga rapat anggaran. "
        "Paling sering ditemui di kantor kelurahan dan pos RW.",
    ),
    DemoContributor(
        "hendra-siregar",
        "Hendra Siregar",
        "Reporter Ekonomi",
        "Menulis tentang pasar tradisional, UMKM, dan harga kebutuhan pokok. "
        "Sebelumnya bekerja sebagai analis di sebuah koperasi simpan pinjam.",
    ),
    DemoContributor(
        "sekar-ayuningtyas",
        "Sekar Ayuningtyas",
        "Reporter Pendidikan dan Kesehatan",
        "Mengikuti isu sekolah, puskesmas, dan layanan sosial di tingkat kecamatan. "
        "Lulusan ilmu kesehatan masyarakat yang beralih ke jurnalisme.",
    ),
    DemoContributor(
        "adrian-halim",
        "Adrian Halim",
        "Reporter Desk Bahasa Inggris",
        "Menulis liputan kota dalam bahasa Inggris untuk pembaca internasional dan komunitas ekspatriat. "
        "Tertarik pada transportasi publik dan tata ruang.",
    ),
    DemoContributor(
        "fajar-nugroho",
        "Fajar Nugroho",
        "Redaktur Pelaksana",
        "Menyunting liputan kota, kesehatan, dan desk bahasa Inggris. "
        "Dua puluh tahun di ruang redaksi, percaya setiap kutipan harus bisa dipertanggungjawabkan.",
    ),
    DemoContributor(
        "laras-pertiwi",
        "Laras Pertiwi",
        "Kontributor Budaya",
        "Penulis lepas dan pegiat sanggar tari yang menulis tentang seni pertunjukan dan tradisi kampung kota.",
    ),
    DemoContributor(
        "rina-wulandari",
        "Rina Wulandari",
        "Fotografer",
        "Fotografer staf yang memotret kehidupan sehari-hari warga kota, terutama di permukiman bantaran kali.",
    ),
    DemoContributor(
        "bagus-pramono",
        "Bagus Pramono",
        "Fotografer",
        "Fotografer staf dengan minat pada pasar, transportasi, dan orang-orang yang bekerja sebelum subuh.",
    ),
    DemoContributor(
        "yoga-saputra",
        "Yoga Saputra",
        "Fotografer",
        "Pewarta foto lepas yang karyanya juga didistribusikan kantor berita. "
        "Banyak memotret acara pemerintahan dan festival budaya.",
    ),
)

STORIES: tuple[DemoStory, ...] = (
    DemoStory(
        file="pompa-banjir-kali-kenanga.txt",
        section="kota",
        bylines=(("dewi-anggraini", "reporter"), ("rina-wulandari", "photographer"), ("fajar-nugroho", "editor")),
        tags=("banjir", "pompa air", "Rawa Melati", "musim hujan"),
        kicker="Antisipasi Banjir",
        dek="Tiga pompa berkapasitas 500 liter per detik dipasang di Rumah Pompa Kali Kenanga. "
        "Genangan ditargetkan surut dalam dua jam.",
        hours_ago=2,
    ),
    DemoStory(
        file="renovasi-pasar-cempaka-asri.txt",
        section="ekonomi",
        bylines=(("hendra-siregar", "reporter"), ("bagus-pramono", "photographer")),
        tags=("pasar tradisional", "UMKM", "Cempaka Asri", "pembayaran nontunai"),
        kicker="Revitalisasi Pasar",
        dek="Sebanyak 412 pedagang akan kembali ke gedung baru dan dibebaskan dari sewa kios selama tiga bulan.",
        hours_ago=7,
    ),
    DemoStory(
        file="gerakan-literasi-sekolah-kenanga.txt",
        section="pendidikan",
        bylines=(("sekar-ayuningtyas", "reporter"), ("yoga-saputra", "photographer")),
        tags=("literasi", "sekolah dasar", "Kenanga", "perpustakaan"),
        kicker="Literasi Anak",
        dek="Setiap kelas mendapat pojok baca berisi sedikitnya 60 judul buku. "
        "Peminjaman buku naik hampir dua kali lipat.",
        hours_ago=13,
    ),
    DemoStory(
        file="kampanye-berantas-jentik-nyamuk.txt",
        section="kesehatan",
        bylines=(("sekar-ayuningtyas", "reporter"), ("rina-wulandari", "photographer"), ("fajar-nugroho", "editor")),
        tags=("demam berdarah", "jumantik", "Tanjung Sari", "puskesmas"),
        kicker="Waspada DBD",
        dek="Sebanyak 340 kader jumantik memeriksa rumah warga setelah kasus DBD naik dari 29 menjadi 47 "
        "dalam sebulan.",
        hours_ago=22,
    ),
    DemoStory(
        file="rapat-anggaran-perubahan-kota.txt",
        section="pemerintahan",
        bylines=(("dewi-anggraini", "reporter"), ("yoga-saputra", "photographer")),
        tags=("anggaran daerah", "musrenbang", "penerangan jalan", "saluran air"),
        kicker="Anggaran Perubahan",
        dek="Dari 126 usulan warga, perbaikan saluran dan lampu jalan mendominasi. "
        "Pemkot menjanjikan verifikasi lapangan dalam dua minggu.",
        hours_ago=36,
    ),
    DemoStory(
        file="feeder-bus-route-kenanga-station.txt",
        section="kota",
        bylines=(("adrian-halim", "reporter"), ("bagus-pramono", "photographer")),
        tags=("public transport", "feeder bus", "Kenanga", "commuters"),
        kicker="Transport",
        dek="Route 14B's 18 minibuses squeeze through narrow streets, and the transfer to the train is free.",
        hours_ago=50,
    ),
    DemoStory(
        file="kenanga-culture-festival-returns.txt",
        section="budaya",
        bylines=(("laras-pertiwi", "contributor"), ("yoga-saputra", "photographer")),
        tags=("Betawi culture", "festival", "mask dance", "night market"),
        kicker="Festival",
        dek="Twenty-six neighbourhood groups take the stage over three nights, with 140 rent-free food stalls.",
        hours_ago=75,
    ),
    DemoStory(
        file="free-eye-screening-elderly.txt",
        section="kesehatan",
        bylines=(("adrian-halim", "reporter"), ("rina-wulandari", "photographer"), ("fajar-nugroho", "editor")),
        tags=("elderly", "eye health", "cataracts", "Pasar Lama"),
        kicker="Health",
        dek="Nearly one in three residents aged 60 and over who were screened needed glasses; 137 were referred "
        "for suspected cataracts.",
        hours_ago=120,
    ),
)
