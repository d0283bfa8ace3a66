"""Word and phrase pools for generating large numbers of realistic-looking demo stories.

Everything is fictional and set in "Kota Administrasi Jakarta Tengah", an invented Jakarta-like
municipality (the same setting as the hand-written stories in ``articles/demo/stories/``).

``CORPUS`` maps a language code ("id" or "en") to a dict with the same keys in both languages, so a
generator can be written once and run for either language:

``HEADLINE_PATTERNS``
    Headline templates, already in headline case.
``PARAGRAPH_PATTERNS``
    Body templates: ``NARRATIVE_PATTERNS`` followed by ``QUOTE_PATTERNS``. An Indonesian quote
    template is two paragraphs separated by a blank line (``"\\n\\n"``): the house-style attribution
    ("<title> <name> mengatakan, pihaknya ...") and then the quote itself ('"...," ujarnya.').
    Join paragraphs with ``"\\n\\n"`` when writing a story file, or ``split("\\n\\n")`` a filled
    template to get separate paragraphs. English quote templates are one paragraph each.
``NARRATIVE_PATTERNS`` / ``QUOTE_PATTERNS``
    The two halves of ``PARAGRAPH_PATTERNS``, for generators that want a set number of quotes.
``CAPTION_PATTERNS``
    Photo captions ending in a credit ("Foto: {photographer}", "(Photo by {photographer})" ...)
    that ``articles.text.credits.split_credit`` recognises.
``PLACES``, ``PROJECTS``, ``OFFICIAL_ROLES``, ``PERSON_NAMES``, ``TOPICS``, ``PHOTOGRAPHERS``, ``DAYS``
    The pools the placeholders draw from. ``TOPICS`` double as tag names.

Templates use ``str.format`` placeholders from this fixed set only (see ``PLACEHOLDERS``):

===================  ================================================================
``{place}``          a neighbourhood (kelurahan) name from ``PLACES``, without "Kelurahan"
``{project}``        a programme or works name from ``PROJECTS``, in title case
``{official_role}``  a long official title from ``OFFICIAL_ROLES``; Indonesian titles go before
                     the name ("Kepala Suku Dinas ... {name}"), English ones after it
                     ("{name}, head of ...")
``{name}``           a person from ``PERSON_NAMES``
``{topic}``          a lower-case subject from ``TOPICS`` (English ones may start "the ...")
``{photographer}``   a photographer from ``PHOTOGRAPHERS``
``{number}``         an integer the generator chooses within ``NUMBER_RANGE`` (inclusive; every
                     template reads sensibly anywhere in that range)
``{day}``            a weekday name from ``DAYS``
===================  ================================================================

Quotes are set in curly quotation marks (“...”), the house style, so the quoted words can be
found with ``text.split("“")``.

A template may use a placeholder more than once (meaning the same value) or not at all, so always
pass every placeholder: ``pattern.format(**values)``. Drawing {place} and {project} once per story
and the other values once per template gives the most coherent results. Pure data, no Django imports.
"""

from __future__ import annotations

__all__ = ["CORPUS", "NUMBER_RANGE", "PLACEHOLDERS"]

PLACEHOLDERS: frozenset[str] = frozenset(
    {"place", "project", "official_role", "name", "topic", "photographer", "number", "day"}
)
NUMBER_RANGE: tuple[int, int] = (2, 500)


# Shared by both languages: the setting is one Indonesian city.
_PLACES: tuple[str, ...] = (
    "Rawa Melati",
    "Tanjung Sari",
    "Cempaka Asri",
    "Pasar Lama",
    "Kebon Kenari",
    "Kenanga Baru",
    "Gunung Sari",
    "Karang Anyar",
    "Sawah Lebar",
    "Petojo Indah",
    "Kampung Bandan Hulu",
    "Kebon Sirih Lama",
    "Paseban Timur",
    "Bungur Asri",
    "Kemayoran Lama",
    "Galur Baru",
    "Serdang Raya",
    "Utan Kayu Hilir",
    "Pondok Melati",
    "Tugu Selatan",
    "Kali Anyar",
    "Mangga Dua Tengah",
    "Sumur Batu Asri",
    "Cikini Ujung",
    "Rawa Bunga",
    "Johar Indah",
)

_PERSON_NAMES: tuple[str, ...] = (
    "Ratna Kusumawardani",
    "Agus Setiawan Harahap",
    "Siti Maemunah",
    "Bambang Kusumo Wibisono",
    "Yohanes Lumban Tobing",
    "Rahmawati Nasution",
    "Eko Prasetyo Hadiwijaya",
    "Sri Hartati Purnomo",
    "Maria Goretti Simanjuntak",
    "Andi Firmansyah Lubis",
    "Sumiati Rahayu",
    "Hendrawan Saputra Nugraha",
    "Lestari Handayani Putri",
    "Muhammad Ridwan Siregar",
    "Dimas Aryo Wicaksono",
    "Yulia Kartikasari",
    "Wulan Sekarsari Hadiningrat",
    "Rohimah Sulaiman",
    "Benny Halomoan Situmorang",
    "Indah Permatasari",
    "Darmaji Kusnadi",
    "Supriyadi Wirawan",
    "Nur Aini Rachmawati",
    "Teguh Santoso Wiryawan",
    "Fitri Handayani Lubis",
    "Rudi Hartono Simatupang",
    "Kartika Dewi Maharani",
    "Slamet Riyadi Kurniawan",
    "Anisa Rahmadani Putri",
    "Gregorius Bayu Adinata",
    "Ni Luh Putu Sukmawati",
    "Irwan Syahputra Daulay",
    "Dian Novitasari Hakim",
    "Wahyu Nugroho Santoso",
    "Yuliana Marpaung",
    "Arief Budiman Saleh",
    "Rosmalina Pohan",
    "Hasan Basri Tanjung",
    "Cahyani Eka Putri",
    "Joko Susilo Pranoto",
    "Fransiska Ayu Lestari",
    "Zainal Abidin Rangkuti",
)

_PHOTOGRAPHERS: tuple[str, ...] = (
    "Rina Wulandari",
    "Bagus Pramono",
    "Yoga Saputra",
    "Dwi Aryanto",
    "Melati Kusuma",
    "Rizky Ananda Putra",
    "Galih Prasetya",
    "Nadia Safitri",
)


# --- Indonesian ------------------------------------------------------------------------------------------

_ID_HEADLINE_PATTERNS: tuple[str, ...] = (
    "{official_role} Tinjau {project} di {place}",
    "Pemkot Jakteng Mulai Kerjakan {project} di {place}",
    "Warga {place} Sambut Baik {project}",
    "{project} di {place} Ditargetkan Rampung Akhir Tahun",
    "Ratusan Warga {place} Ikuti Sosialisasi {project}",
    "Pemkot Kebut {project} Jelang Musim Hujan",
    "{number} Petugas Dikerahkan untuk {project} di {place}",
    "Camat dan Lurah Pantau Langsung {project} di {place}",
    "{project} Tahap Kedua Dimulai di {place}",
    "Dewan Kota Dukung {project} Diperluas ke Kelurahan Lain",
    "Tampung Keluhan Warga, Pemkot Gelar {project} di {place}",
    "{official_role} Minta Warga {place} Dukung {project}",
    "Anggaran {project} Dibahas dalam Rapat Dengar Pendapat",
    "{place} Jadi Percontohan {project} di Jakarta Tengah",
    "Warga {place} Gotong Royong Sukseskan {project}",
    "Pekan Ini, {project} Digelar Serentak di {number} Titik",
    "Pemkot Evaluasi {project} di {place} Setelah Dikeluhkan Warga",
    "Libatkan Karang Taruna, {place} Gelar {project}",
    "Lurah {place} Pastikan {project} Tak Ganggu Aktivitas Warga",
    "{official_role} Resmikan {project} di {place}",
    "Sambut Hari Jadi Kota, Warga {place} Ikuti {project}",
    "Progres {project} di {place} Memasuki Tahap Akhir",
    "{project} Dinilai Bermanfaat bagi Warga {place}",
    "Dari {place}, Pemkot Luncurkan {project}",
    "{official_role} Ajak Warga Awasi {project}",
)

_ID_PROJECTS: tuple[str, ...] = (
    "Revitalisasi Pasar Tradisional",
    "Pembangunan Rumah Pompa",
    "Normalisasi Saluran Penghubung",
    "Pengerukan Lumpur Kali",
    "Penataan Trotoar",
    "Perbaikan Penerangan Jalan Umum",
    "Pembangunan Ruang Terbuka Hijau",
    "Penataan Kampung Kumuh",
    "Bedah Rumah Warga",
    "Sarapan Sehat Anak Sekolah",
    "Gerakan Lima Belas Menit Membaca",
    "Pemeriksaan Kesehatan Lansia",
    "Pemberantasan Sarang Nyamuk",
    "Imunisasi Anak Serentak",
    "Layanan Bus Pengumpan",
    "Penataan Pedagang Kaki Lima",
    "Pembangunan Sumur Resapan",
    "Bank Sampah Warga",
    "Kebun Sayur Kampung",
    "Festival Budaya Betawi",
    "Pelatihan UMKM Digital",
    "Pembangunan Jalur Sepeda",
    "Perbaikan Jalan Lingkungan",
    "Posyandu Remaja",
    "Penataan Kabel Udara",
    "Pembangunan Taman Bermain Anak",
    "Sambungan Air Bersih Perpipaan",
    "Pelatihan Tanggap Bencana",
    "Pemasangan CCTV Lingkungan",
    "Renovasi Gedung Sekolah",
    "Pengolahan Sampah Organik",
    "Penataan Halte Bus",
)

_ID_OFFICIAL_ROLES: tuple[str, ...] = (
    "Wali Kota Administrasi Jakarta Tengah",
    "Wakil Wali Kota Administrasi Jakarta Tengah",
    "Sekretaris Kota Administrasi Jakarta Tengah",
    "Asisten Pemerintahan Sekretaris Kota Administrasi Jakarta Tengah",
    "Asisten Perekonomian dan Pembangunan Sekretaris Kota Administrasi Jakarta Tengah",
    "Kepala Suku Dinas Sumber Daya Air Kota Administrasi Jakarta Tengah",
    "Kepala Suku Dinas Perhubungan Kota Administrasi Jakarta Tengah",
    "Kepala Suku Dinas Kesehatan Kota Administrasi Jakarta Tengah",
    "Kepala Suku Dinas Pendidikan Wilayah I Kota Administrasi Jakarta Tengah",
    "Kepala Suku Dinas Lingkungan Hidup Kota Administrasi Jakarta Tengah",
    "Kepala Suku Dinas Bina Marga Kota Administrasi Jakarta Tengah",
    "Kepala Suku Dinas Pertamanan dan Hutan Kota Jakarta Tengah",
    "Kepala Suku Dinas Kebudayaan Kota Administrasi Jakarta Tengah",
    "Kepala Suku Dinas Sosial Kota Administrasi Jakarta Tengah",
    (
        "Kepala Suku Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah Kota Administrasi Jakarta "
        "Tengah"
    ),
    "Kepala Suku Dinas Penanggulangan Kebakaran dan Penyelamatan Kota Administrasi Jakarta Tengah",
    "Kepala Bagian Perekonomian dan Pembangunan Sekretariat Kota Administrasi Jakarta Tengah",
    "Kepala Satuan Polisi Pamong Praja Kota Administrasi Jakarta Tengah",
    "Camat Kenanga",
    "Camat Sawah Lebar",
    "Kepala Puskesmas Kecamatan Kenanga",
    "Manajer Area Perumda Pasar Kota Administrasi Jakarta Tengah",
)

_ID_TOPICS: tuple[str, ...] = (
    "banjir",
    "genangan",
    "kemacetan",
    "transportasi publik",
    "sampah",
    "kebersihan lingkungan",
    "kesehatan warga",
    "demam berdarah",
    "gizi anak",
    "pendidikan dasar",
    "literasi",
    "ruang terbuka hijau",
    "pedagang kaki lima",
    "parkir liar",
    "penerangan jalan",
    "keamanan lingkungan",
    "air bersih",
    "polusi udara",
    "UMKM",
    "harga pangan",
    "pasar tradisional",
    "kebudayaan Betawi",
    "kepemudaan",
    "lansia",
    "penyandang disabilitas",
    "anggaran daerah",
    "pelayanan publik",
    "tanggap bencana",
    "kebakaran permukiman",
    "permukiman kumuh",
)

_ID_DAYS: tuple[str, ...] = (
    "Senin",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Sabtu",
    "Minggu",
)

_ID_NARRATIVE_PATTERNS: tuple[str, ...] = (
    (
        "Pemerintah Kota Administrasi Jakarta Tengah mulai menjalankan kegiatan {project} di Kelurahan {place}. "
        "Kegiatan ini diharapkan memberi manfaat langsung bagi warga di permukiman padat sekitarnya."
    ),
    (
        "Sebanyak {number} petugas gabungan dari suku dinas terkait, kecamatan, dan kelurahan dikerahkan untuk "
        "mendukung kegiatan {project} di wilayah {place}."
    ),
    (
        "Kegiatan tersebut merupakan bagian dari upaya pemerintah kota terkait {topic} yang selama ini kerap "
        "disampaikan warga dalam musyawarah perencanaan pembangunan."
    ),
    (
        "Berdasarkan data kelurahan, terdapat {number} kepala keluarga di {place} yang akan merasakan dampak "
        "langsung dari kegiatan {project} tersebut."
    ),
    (
        "Pada tahap awal, petugas melakukan pendataan dan survei lapangan di {number} titik. Hasil survei akan "
        "menjadi dasar penyusunan jadwal pekerjaan selanjutnya."
    ),
    (
        "Warga juga diimbau untuk aktif melaporkan kendala di lapangan melalui aplikasi pengaduan resmi pemerintah "
        "kota maupun langsung ke kantor kelurahan setempat."
    ),
    (
        "Selain itu, pemerintah kota menyiapkan posko informasi di kantor Kelurahan {place} yang buka setiap hari "
        "mulai pukul 08.00 hingga 16.00 WIB."
    ),
    (
        "Kegiatan {project} dibiayai melalui anggaran pendapatan dan belanja daerah tahun berjalan dan diawasi "
        "langsung oleh inspektorat pembantu wilayah."
    ),
    (
        "Menurut catatan suku dinas, laporan dan permintaan warga terkait {topic} di wilayah tersebut meningkat "
        "dalam beberapa bulan terakhir."
    ),
    (
        "Dalam kegiatan tersebut, pemerintah kota juga melibatkan pengurus RT dan RW, kader PKK, serta karang taruna "
        "agar informasi tersampaikan hingga ke tingkat gang."
    ),
    (
        "Hingga {day} sore, sebanyak {number} warga tercatat telah mendaftar untuk mengikuti kegiatan tersebut "
        "melalui pengurus RW masing-masing."
    ),
    (
        "Pemerintah kota berencana memperluas kegiatan serupa ke kelurahan lain apabila hasil evaluasi di {place} "
        "menunjukkan dampak yang baik bagi warga."
    ),
    (
        "Sebelumnya, kawasan {place} menjadi salah satu wilayah yang paling sering disebut warga dalam pembahasan "
        "soal {topic} di Jakarta Tengah."
    ),
    (
        "Evaluasi akan dilakukan secara berkala setiap bulan dengan melibatkan perwakilan warga, pihak kecamatan, "
        "dan suku dinas terkait."
    ),
    (
        "Untuk mendukung kelancaran kegiatan, arus lalu lintas di sekitar lokasi dialihkan sementara dan petugas "
        "perhubungan disiagakan di sejumlah persimpangan."
    ),
    (
        "Kegiatan ini juga sejalan dengan program prioritas pemerintah kota tahun ini yang menitikberatkan pada "
        "pelayanan dasar, lingkungan, dan ketahanan warga."
    ),
    (
        "Warga yang membutuhkan informasi lebih lanjut dapat menghubungi layanan pengaduan pemerintah kota atau "
        "mendatangi kantor kecamatan pada jam kerja."
    ),
    (
        "Pantauan di lokasi pada {day} pagi, sejumlah pekerja tampak menurunkan material, sementara warga tetap "
        "beraktivitas seperti biasa di sekitar {place}."
    ),
)

_ID_QUOTE_PATTERNS: tuple[str, ...] = (
    (
        "{official_role} {name} mengatakan, pihaknya menargetkan kegiatan {project} selesai tepat waktu tanpa "
        "mengganggu aktivitas warga.\n\n"
        "“Kami sudah berkoordinasi dengan pengurus RT dan RW setempat. Pekerjaan dilakukan bertahap supaya warga "
        "tetap bisa beraktivitas seperti biasa,” ujarnya, {day}."
    ),
    (
        "{official_role} {name} mengatakan, pihaknya akan terus memantau perkembangan terkait {topic} di {place}.\n\n"
        "“Kami tidak ingin hanya bergerak saat ada keluhan. Pemantauan akan kami lakukan rutin setiap pekan dan "
        "hasilnya kami sampaikan kepada warga,” ungkapnya."
    ),
    (
        "{official_role} {name} menjelaskan, pihaknya telah menyiapkan {number} personel untuk mendukung kegiatan "
        "tersebut.\n\n"
        "“Personel kami siagakan secara bergantian, termasuk pada malam hari dan akhir pekan. Warga tidak perlu "
        "khawatir,” tuturnya."
    ),
    (
        "Sementara itu, {official_role} {name} mengatakan, pihaknya mengapresiasi partisipasi warga {place} yang "
        "aktif sejak tahap perencanaan.\n\n"
        "“Masukan warga sangat membantu kami menentukan titik mana yang harus didahulukan. Tanpa itu, pekerjaan di "
        "lapangan tidak akan selancar ini,” katanya."
    ),
    (
        "{official_role} {name} mengatakan, pihaknya membuka ruang seluas-luasnya bagi warga untuk menyampaikan "
        "masukan terkait kegiatan {project}.\n\n"
        "“Silakan sampaikan kritik dan saran melalui kanal pengaduan resmi. Setiap laporan akan kami tindak lanjuti "
        "paling lambat tiga hari kerja,” jelasnya."
    ),
    (
        "Di tempat yang sama, {official_role} {name} mengatakan, pihaknya akan menggandeng komunitas dan dunia usaha "
        "untuk memperluas manfaat kegiatan tersebut.\n\n"
        "“Pemerintah tidak bisa bekerja sendiri. Kolaborasi dengan warga, komunitas, dan pelaku usaha adalah kunci "
        "keberhasilan program ini,” tambahnya."
    ),
    (
        "Salah seorang warga {place}, {name}, mengaku senang dengan adanya kegiatan {project} di lingkungannya.\n\n"
        "“Sudah lama kami menunggu. Mudah-mudahan hasilnya awet dan dirawat bersama, bukan hanya bagus di awal "
        "saja,” katanya."
    ),
    (
        "Ketua RW di Kelurahan {place}, {name}, mengatakan, pihaknya siap menggerakkan warga untuk ikut menjaga "
        "hasil kegiatan {project}.\n\n"
        "“Warga di sini sangat mendukung. Kami siap ikut merawat supaya manfaatnya terasa lama, bukan hanya setahun "
        "dua tahun,” ungkapnya."
    ),
    (
        "{official_role} {name} mengatakan, pihaknya telah mengusulkan anggaran untuk kegiatan lanjutan pada tahun "
        "depan.\n\n"
        "“Tahun ini fokus kami di {place}. Tahun depan, jika evaluasinya baik, kegiatan yang sama akan kami bawa ke "
        "kelurahan lain,” ujarnya saat ditemui di lokasi, {day}."
    ),
    (
        "{official_role} {name} mengatakan, pihaknya memprioritaskan keselamatan warga selama pekerjaan "
        "berlangsung.\n\n"
        "“Kami sudah memasang rambu dan pembatas di sekitar lokasi. Kami minta warga, terutama anak-anak, tidak "
        "mendekati area kerja,” tuturnya."
    ),
    (
        "Menurut {official_role} {name}, pihaknya mencatat sedikitnya {number} laporan warga terkait {topic} "
        "sepanjang tahun ini.\n\n"
        "“Angka ini menjadi pengingat bagi kami bahwa pelayanan harus terus diperbaiki. Setiap laporan kami "
        "perlakukan dengan serius,” jelasnya."
    ),
    (
        "{official_role} {name} mengatakan, pihaknya juga akan menggelar sosialisasi kepada warga sebelum tahap "
        "berikutnya dimulai.\n\n"
        "“Sosialisasi penting supaya tidak ada salah paham. Warga harus tahu jadwal, manfaat, dan apa saja yang "
        "mungkin terdampak,” ujarnya."
    ),
)

_ID_CAPTION_PATTERNS: tuple[str, ...] = (
    "Petugas memantau pelaksanaan kegiatan {project} di Kelurahan {place}. Foto: {photographer}",
    "Warga {place} mengikuti sosialisasi {project} di kantor kelurahan (Foto: {photographer})",
    "Suasana kegiatan {project} di {place}, {day}. Foto: {photographer}",
    "Pekerja menyelesaikan tahap akhir {project} di kawasan {place}. Foto: {photographer}",
    "Anak-anak bermain di sekitar lokasi {project} di {place} (Foto: {photographer})",
    "Sejumlah warga antre mengikuti kegiatan {project} di {place}. Foto: {photographer}",
    "Pengurus RW dan kader PKK {place} berdiskusi dengan petugas kelurahan (Foto: {photographer})",
    "Papan informasi {project} terpasang di pintu masuk kawasan {place}. Foto: {photographer}",
    "Tampak dari udara kawasan {place} yang menjadi lokasi {project}. Foto: {photographer}",
    "Lurah {place} berbincang dengan warga di sela kegiatan {project}, {day}. Foto: {photographer}",
)


# --- English ---------------------------------------------------------------------------------------------

_EN_HEADLINE_PATTERNS: tuple[str, ...] = (
    "{place} Council Approves {project}",
    "City Begins {project} in {place}",
    "{place} Residents Welcome {project}",
    "{project} in {place} Due for Completion by Year's End",
    "Hundreds Join Briefing on {project} in {place}",
    "City Speeds Up {project} Ahead of Rainy Season",
    "{number} Officers Deployed for {project} in {place}",
    "District Chief Inspects {project} in {place}",
    "Second Phase of {project} Starts in {place}",
    "City Council Backs Wider Rollout of {project}",
    "Officials Launch {project} in {place} After Residents' Requests",
    "Officials Urge {place} Residents to Support {project}",
    "Budget for {project} Debated at Public Hearing",
    "{place} Chosen as Pilot Area for {project}",
    "{place} Neighbours Pitch In for {project}",
    "{project} Rolls Out at {number} Sites This Week",
    "City Reviews {project} in {place} Following Complaints",
    "Youth Groups Lead {project} in {place}",
    "Subdistrict Head Says {project} Will Not Disrupt {place}",
    "Mayor Opens {project} in {place}",
    "{place} Marks City Anniversary With {project}",
    "{project} in {place} Enters Final Stage",
    "{project} Wins Praise From {place} Residents",
    "City Launches {project}, Starting in {place}",
    "Residents Invited to Monitor {project} in {place}",
)

_EN_PROJECTS: tuple[str, ...] = (
    "Traditional Market Renovation",
    "Flood Pump Station",
    "Drain Widening Programme",
    "River Dredging Works",
    "Pavement Upgrade",
    "Street Lighting Repairs",
    "Pocket Park Project",
    "Kampong Upgrading Scheme",
    "Home Repair Programme",
    "School Breakfast Scheme",
    "Fifteen-Minute Reading Programme",
    "Free Health Checks for the Elderly",
    "Mosquito Breeding Site Clean-Up",
    "Child Immunisation Drive",
    "Feeder Bus Service",
    "Street Vendor Relocation",
    "Rainwater Infiltration Wells",
    "Community Waste Bank",
    "Kampong Vegetable Gardens",
    "Betawi Culture Festival",
    "Digital Skills Training for Small Businesses",
    "Protected Cycle Lane",
    "Neighbourhood Road Repairs",
    "Youth Health Post",
    "Overhead Cable Clean-Up",
    "Children's Playground",
    "Piped Clean Water Connections",
    "Disaster Preparedness Training",
    "Neighbourhood CCTV Network",
    "School Building Renovation",
    "Organic Waste Composting",
    "Bus Shelter Upgrade",
)

_EN_OFFICIAL_ROLES: tuple[str, ...] = (
    "the mayor of Jakarta Tengah",
    "the deputy mayor of Jakarta Tengah",
    "the Jakarta Tengah city secretary",
    "assistant for governance to the Jakarta Tengah city secretary",
    "assistant for economy and development to the Jakarta Tengah city secretary",
    "head of the Jakarta Tengah Water Resources Sub-agency",
    "head of the Jakarta Tengah Transport Sub-agency",
    "head of the Jakarta Tengah Health Sub-agency",
    "head of the Jakarta Tengah Education Sub-agency for Region I",
    "head of the Jakarta Tengah Environment Sub-agency",
    "head of the Jakarta Tengah Roads Sub-agency",
    "head of the Jakarta Tengah Parks and Urban Forest Sub-agency",
    "head of the Jakarta Tengah Culture Sub-agency",
    "head of the Jakarta Tengah Social Affairs Sub-agency",
    "head of the Jakarta Tengah Sub-agency for Industry, Trade, Cooperatives and Small Businesses",
    "head of the Jakarta Tengah Fire and Rescue Sub-agency",
    "head of economy and development at the Jakarta Tengah city secretariat",
    "head of the Jakarta Tengah public order agency",
    "head of Kenanga district",
    "head of Sawah Lebar district",
    "head of the Kenanga district community health centre",
    "area manager of the Jakarta Tengah municipal markets company",
)

_EN_TOPICS: tuple[str, ...] = (
    "flooding",
    "waterlogging",
    "traffic congestion",
    "public transport",
    "waste",
    "neighbourhood cleanliness",
    "public health",
    "dengue fever",
    "child nutrition",
    "primary education",
    "literacy",
    "green space",
    "street vendors",
    "illegal parking",
    "street lighting",
    "neighbourhood security",
    "clean water",
    "air pollution",
    "small businesses",
    "food prices",
    "traditional markets",
    "Betawi culture",
    "youth",
    "the elderly",
    "people with disabilities",
    "the city budget",
    "public services",
    "disaster preparedness",
    "house fires",
    "informal settlements",
)

_EN_DAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

_EN_NARRATIVE_PATTERNS: tuple[str, ...] = (
    (
        "The Jakarta Tengah administration has begun work on the {project} in {place}, a scheme officials say will "
        "directly benefit residents of the densely populated neighbourhood."
    ),
    (
        "A joint team of {number} officers from city agencies, the district office and the subdistrict office has "
        "been deployed to support the work in {place}."
    ),
    (
        "The programme is part of the city's wider work on {topic}, a priority residents have raised repeatedly at "
        "neighbourhood planning meetings."
    ),
    (
        "According to subdistrict records, {number} households in {place} are expected to benefit directly from the "
        "{project}."
    ),
    (
        "In the first phase, officers surveyed {number} locations. The results will be used to draw up a schedule "
        "for the rest of the work."
    ),
    (
        "Residents have been urged to report any problems through the city's official complaints app or directly at "
        "their subdistrict office."
    ),
    (
        "An information post has also been set up at the {place} subdistrict office, open every day from 8 a.m. to 4 "
        "p.m."
    ),
    "The {project} is funded from this year's regional budget and is being monitored by the city inspectorate.",
    (
        "Reports and requests from residents concerning {topic} in the area have risen over the past few months, "
        "according to figures from the local agency."
    ),
    (
        "Neighbourhood heads, family welfare volunteers and youth groups are also taking part, so that information "
        "reaches every alley."
    ),
    "By {day} afternoon, {number} residents had signed up through their neighbourhood associations to take part.",
    (
        "The city plans to extend the programme to other subdistricts if an evaluation in {place} shows clear "
        "benefits for residents."
    ),
    (
        "{place} has long been one of the neighbourhoods residents mention most often when {topic} comes up at city "
        "hearings."
    ),
    (
        "Progress will be reviewed every month with representatives of residents, the district office and the "
        "agencies involved."
    ),
    (
        "Traffic around the site has been temporarily diverted, and transport officers have been stationed at nearby "
        "junctions."
    ),
    (
        "The work is in line with this year's city priorities, which focus on basic services, the environment and "
        "community resilience."
    ),
    (
        "Residents who need more information can call the city's public service hotline or visit the district office "
        "during working hours."
    ),
    (
        "On {day} morning, workers could be seen unloading materials while residents went about their daily routines "
        "around {place}."
    ),
)

_EN_QUOTE_PATTERNS: tuple[str, ...] = (
    (
        "“We have coordinated with the neighbourhood heads, and the work will be done in stages so residents can "
        "carry on with their daily lives,” said {name}, {official_role}."
    ),
    (
        "“We don't want to act only when there is a complaint. We will monitor the situation every week and share "
        "the results with residents,” said {name}, {official_role}, on {day}."
    ),
    (
        "{name}, {official_role}, said {number} personnel had been assigned to the {project}. “They will work in "
        "shifts, including at night and at weekends, so residents do not need to worry,” {name} added."
    ),
    (
        "“Input from residents helped us decide which spots to deal with first. Without it, the work on the ground "
        "would not be going this smoothly,” said {name}, {official_role}."
    ),
    (
        "According to {name}, {official_role}, the city has received at least {number} reports from residents "
        "concerning {topic} this year. “Every single report is taken seriously,” {name} said."
    ),
    (
        "“The government cannot do this alone. Working with residents, community groups and local businesses is the "
        "key to making this programme last,” {name}, {official_role}, added."
    ),
    (
        "“We have been waiting for this for a long time. I just hope it is properly maintained and does not only "
        "look good in the first month,” said {name}, a resident of {place}."
    ),
    (
        "“People here really support it. We are ready to help look after it so the benefits last,” said {name}, a "
        "neighbourhood association head in {place}."
    ),
    (
        "“This year our focus is {place}. If the evaluation is good, we will bring the same programme to other "
        "subdistricts next year,” said {name}, {official_role}, during a site visit on {day}."
    ),
    (
        "“We have put up signs and barriers around the site. We ask residents, especially children, to keep away "
        "from the work area,” said {name}, {official_role}."
    ),
    (
        "“Please send your criticism and suggestions through the official channels. Every report will be followed up "
        "within three working days,” said {name}, {official_role}."
    ),
    (
        "“Outreach matters so there are no misunderstandings. Residents need to know the schedule, the benefits and "
        "what might be affected,” {name}, {official_role}, told reporters."
    ),
)

_EN_CAPTION_PATTERNS: tuple[str, ...] = (
    "Officers oversee work on the {project} in {place}. Photo: {photographer}",
    "Residents of {place} attend a briefing on the {project} at the subdistrict office (Photo: {photographer})",
    "Work on the {project} in {place} on {day}. Photo: {photographer}",
    "Workers finish the last stage of the {project} in {place}. Photo: {photographer}",
    "Children play near the site of the {project} in {place} (Photo by {photographer})",
    "Residents queue to take part in the {project} in {place}. Photo: {photographer}",
    "Neighbourhood volunteers in {place} talk with subdistrict officers (Photo by {photographer})",
    "A sign for the {project} stands at the entrance to {place}. Photo: {photographer}",
    "An aerial view of {place}, where the {project} is under way. Photo: {photographer}",
    "The head of {place} subdistrict chats with residents during the {project} on {day}. Photo: {photographer}",
)


CORPUS: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {
        "HEADLINE_PATTERNS": _ID_HEADLINE_PATTERNS,
        "PARAGRAPH_PATTERNS": _ID_NARRATIVE_PATTERNS + _ID_QUOTE_PATTERNS,
        "NARRATIVE_PATTERNS": _ID_NARRATIVE_PATTERNS,
        "QUOTE_PATTERNS": _ID_QUOTE_PATTERNS,
        "CAPTION_PATTERNS": _ID_CAPTION_PATTERNS,
        "PLACES": _PLACES,
        "PROJECTS": _ID_PROJECTS,
        "OFFICIAL_ROLES": _ID_OFFICIAL_ROLES,
        "PERSON_NAMES": _PERSON_NAMES,
        "TOPICS": _ID_TOPICS,
        "PHOTOGRAPHERS": _PHOTOGRAPHERS,
        "DAYS": _ID_DAYS,
    },
    "en": {
        "HEADLINE_PATTERNS": _EN_HEADLINE_PATTERNS,
        "PARAGRAPH_PATTERNS": _EN_NARRATIVE_PATTERNS + _EN_QUOTE_PATTERNS,
        "NARRATIVE_PATTERNS": _EN_NARRATIVE_PATTERNS,
        "QUOTE_PATTERNS": _EN_QUOTE_PATTERNS,
        "CAPTION_PATTERNS": _EN_CAPTION_PATTERNS,
        "PLACES": _PLACES,
        "PROJECTS": _EN_PROJECTS,
        "OFFICIAL_ROLES": _EN_OFFICIAL_ROLES,
        "PERSON_NAMES": _PERSON_NAMES,
        "TOPICS": _EN_TOPICS,
        "PHOTOGRAPHERS": _PHOTOGRAPHERS,
        "DAYS": _EN_DAYS,
    },
}
