"""Who said it: speaker names, titles and attributions in Indonesian and English news copy.

``quotes.py`` finds the quoted passages; this module reads the words around them. It works on word tokens, so every
look-up is a set membership test and every phrase is read within a fixed number of tokens: the cost per quote or per
verb is bounded and the whole story is handled in linear time.

Three pieces:

* ``tokenize`` and the word lists (honorifics, ranks, title words, places, speech verbs);
* phrase readers that turn "Analis Kebijakan Ahli Muda Pemerintah Kota Cirebon Muhammad Jatmika" into a title and a
  name, and recognise "ujarnya", "kata X", "X said", "said X, the city's policy analyst", "the official said" …;
* ``Discourse``, the running memory of who has been speaking, which resolves pronouns, surnames and descriptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

__all__ = [
    "Discourse",
    "Mention",
    "ParagraphReader",
    "PersonRegistry",
    "Subject",
    "Token",
    "is_speech_word",
    "place_evidence",
    "tokenize",
]


def _words(*chunks: str) -> frozenset[str]:
    """A look-up set from whitespace-separated words (written lower case, without dots, as ``Token.norm`` is)."""
    return frozenset(word for chunk in chunks for word in chunk.split())


# --- Word lists ------------------------------------------------------------------------------------------------------
# Courtesy forms say nothing about the job, so they never count as a title on their own ("Pak Budi" has no title).
COURTESY = _words("bapak pak bpk ibu bu sdr sdri saudara saudari tuan nyonya nona mas mbak bang kak mr mrs ms miss mx")
COURTESY_MALE = _words("bapak pak bpk sdr saudara tuan mas bang mr")
COURTESY_FEMALE = _words("ibu bu sdri saudari nyonya nona mbak mrs ms miss")
# Honorifics, ranks and degrees: stripped from names, kept in the title as printed when they stand before the name.
HONORIFICS = _words(
    "h hj haji hajjah kh kiai kyai ustaz ustadz ustazah habib gus dr drg prof ir drs dra sir dame rev reverend hon",
    "dato datuk syekh sheikh",
)
RANKS = _words(
    "gen general lt lieut col maj capt cpt sgt cpl pvt spc pfc adm cmdr cdr brig brigadier lieutenant colonel major",
    "captain sergeant corporal admiral commander marshal det supt insp jenderal jend letjen mayjen brigjen kolonel",
    "kol letkol mayor kapten lettu letda serma serka sertu pelda peltu koptu kopda praka pratu prada laksamana laksdya",
    "laksda laksma marsekal marsdya marsda marsma komjen irjen kombes akbp kompol akp iptu ipda aiptu aipda bripka",
    "brigpol brigadir briptu bripda bharada bharatu bharaka pol purn",
)
DEGREES = _words(
    "sh mh se mm msi ssos spd mpd st mt skom phd mba sag mag lc ma msc sip sked ssi skm mkes sth mhum shi mpa sp",
    "sikom ak cpa mkom sfarm apt spog spa spb sppd mars dba llm",
)
# Words of jobs, offices and institutions. Surnames that are also English words (White, King, Green, Young, Bishop,
# Dean) are left out on purpose: "said John White" must keep its name.
TITLE_WORDS = _words(
    # Indonesian offices and ranks of office
    "presiden wapres wakil menteri menko wamen gubernur wagub bupati wabup walikota wali wawali camat lurah kades",
    "sekda sekko sekot setko sekretaris sekjen asisten aspem asek staf stafsus ahli khusus kepala ketua ketum kadis",
    "kabid kabag kasubag kasubbag kasi kasie kasat kanit panit kapolsek kapolres kapolresta kapolrestabes kapolda",
    "kapolri wakapolri wakapolda wakapolres kabareskrim kadiv karo kapuspen kapendam dandim danrem pangdam danramil",
    "kasdam panglima ksad ksal ksau kasad kasal kasau kajari kajati kakanwil kapuskesmas dirut direktur direksi",
    "komisaris manajer pimpinan anggota dewan bendahara koordinator korlap juru bicara jubir kuasa pengacara advokat",
    "jaksa hakim panitera penyidik pengamat peneliti ekonom dosen guru rektor dekan analis kebijakan pranata penyuluh",
    "perencana pengawas pemeriksa widyaiswara auditor inspektur inspektorat pelaksana tugas plt plh pj penjabat",
    "sementara pertama muda madya utama fungsional senior eksekutif pendiri pemilik pengasuh pembina penasihat",
    "penasehat pengurus relawan kabiro kasubdit kasubdiv dirreskrimum dirreskrimsus dirlantas dirnarkoba dirpolairud",
    "kasatreskrim kasatlantas kasatnarkoba kasatpolpp kapolair kapospol bhabinkamtibmas babinsa",
    # Indonesian institutions and their fields
    "pemerintah pemerintahan pemkot pemkab pemprov pemda pemdes kementerian kemenkes kemendagri kemenkeu kemendikbud",
    "kemenag kemensos kemenhub kemenkumham kemenpan kemenpora kemenparekraf kominfo kemkominfo bappenas bappeda",
    "badan dinas kantor biro bagian bidang seksi sub subbag subbagian satuan unit divisi direktorat sekretariat",
    "lembaga komisi fraksi partai dpr dprd mpr dpd dpp dpw dpc ri nkri polri polisi kepolisian polda polres polresta",
    "polrestabes polsek tni kodam korem kodim koramil lantamal lanud kejaksaan kejari kejati kejagung mahkamah",
    "pengadilan kpk kpu bawaslu ojk bi bpbd bnpb basarnas bnn bpk bpkp bpn bps bmkg satpol pp damkar puskesmas rsud",
    "rsup rs rumah sakit universitas univ institut sekolah politeknik fakultas prodi jurusan program studi yayasan",
    "asosiasi himpunan ikatan persatuan serikat forum aliansi koalisi gerakan organisasi komunitas kelompok",
    "paguyuban koperasi perum perumda bumd bumn pt cv tbk persero administrasi kota kabupaten kab provinsi prov",
    "kecamatan kelurahan desa dusun kampung daerah wilayah cabang ranting pusat nasional negeri negara umum hubungan",
    "masyarakat humas pendidikan kesehatan perhubungan pekerjaan perumahan rakyat sosial keuangan pertahanan hukum",
    "agama pertanian perdagangan perindustrian pariwisata ekonomi kreatif lingkungan hidup kehutanan kelautan",
    "perikanan energi sumber daya mineral tenaga kerja usaha kecil menengah pemuda olahraga komunikasi informatika",
    "informasi perencanaan pembangunan riset teknologi kebudayaan investasi penanaman modal aparatur sipil reformasi",
    "birokrasi kabinet kepresidenan istana keamanan ketertiban pamong praja pemadam kebakaran penyelamatan lalu lintas",
    "reserse kriminal narkoba narkotika pelayanan kependudukan pencatatan dukcapil ketahanan pangan tata ruang",
    "kawasan permukiman pertanahan pertamanan kebersihan bina marga cipta karya sanitasi perizinan terpadu pintu ptsp",
    "kepegawaian pengembangan pengelolaan aset pendapatan retribusi pajak penanggulangan bencana pencarian",
    "pertolongan pemberantasan korupsi pemilihan pengawasan pemilu kelembagaan organisasi pemberdayaan perlindungan",
    "perempuan anak keluarga berencana kesejahteraan statistik meteorologi klimatologi geofisika pengaduan",
    "metro jaya raya tinggi majelis ulama mui pbnu pwnu muhammadiyah pesantren ponpes masjid gereja pura vihara",
    "direktur corporate communication vp svp evp gm dalam luar suku warga pelatih kapten manajer pemain kiper bek",
    "gelandang penyerang striker wasit atlet politik data pengamat",
    # English offices and institutions
    "president vice prime minister secretary chancellor chair chairman chairwoman chairperson director deputy",
    "assistant associate executive chief officer ceo cfo coo cto spokesman spokeswoman spokesperson press senator",
    "sen representative rep congressman congresswoman governor gov mayor attorney justice magistrate prosecutor",
    "sheriff detective inspector superintendent commissioner ambassador envoy diplomat speaker leader whip majority",
    "minority analyst economist strategist researcher professor lecturer scientist principal provost coach manager",
    "founder cofounder co-founder owner head official adviser advisor consultant expert counsel lawyer spokesperson",
    "policy foreign defense defence health finance interior homeland security state house senate congress",
    "parliament city county council councilman councilwoman councillor councilor committee commission department",
    "ministry office agency bureau board bank federal reserve national international regional district supreme court",
    "party republican democrat democratic labour labor conservative liberal union association corp corporation inc",
    "ltd llc group firm organization organisation foundation institute university college school hospital police",
    "army navy force marine marines corps guard military joint chiefs staff cabinet treasury trade commerce",
    "agriculture education transportation affairs queen prince princess crown pope cardinal archbishop rabbi imam",
    "pastor priest chaplain emir sultan premier delegate attache registrar curator editor publisher judge resident",
    "member councilmember",
)
# A word after these names a place or an organisation ("Kota Cirebon", "Polres Bogor", "Gubernur Banten"), not a person.
INTRODUCERS = _words(
    "kota kabupaten kab provinsi prov kecamatan kelurahan desa dusun kampung polres polresta polrestabes polda polsek",
    "kodim korem kodam lantamal lanud koramil kejari kejati kanwil pt cv bank partai fraksi universitas univ institut",
    "sekolah sma smp sd smk man mts politeknik rsud rs rsup puskesmas pemkot pemkab pemprov pemda pemdes gubernur",
    "wagub bupati wabup walikota wawali camat lurah kades kapolres kapolresta kapolrestabes kapolda kapolsek",
    "wakapolres wakapolda dandim danrem pangdam kajari kajati kakanwil sekda masjid gereja pura vihara pesantren",
    "ponpes yayasan komunitas kelompok paguyuban koperasi perumda perum jalan jl pasar klub tim grup stasiun bandara",
    "pelabuhan terminal pelatih kapten manajer pemain kiper bek gelandang penyerang striker coach captain warga",
)
# "Kota" introduces a city ("Pemerintah Kota Cirebon") but also ends department names ("Dinas Pertamanan Kota").
WEAK_INTRODUCERS = _words("kota kab")
COMPASS = _words("utara selatan barat timur tengah pusat raya north south east west central northern southern")
PLACES = _words(
    "indonesia jakarta dki jawa sumatera sumatra kalimantan sulawesi papua bali ntb ntt aceh riau kepri jambi bengkulu",
    "lampung banten yogyakarta yogya jogja diy gorontalo maluku bangka belitung babel kaltim kalbar kalsel kalteng",
    "kaltara sulsel sulut sulteng sultra sulbar sumut sumsel sumbar jabar jateng jatim jabodetabek bandung surabaya",
    "medan semarang makassar palembang bogor depok tangerang bekasi cirebon solo surakarta malang denpasar batam",
    "pekanbaru padang manado pontianak balikpapan samarinda banjarmasin mataram kupang jayapura ambon serang cilegon",
    "sukabumi tasikmalaya garut karawang purwakarta cianjur kuningan indramayu majalengka subang sumedang tegal",
    "pekalongan magelang klaten sleman bantul kediri blitar madiun jember banyuwangi sidoarjo gresik mojokerto",
    "pasuruan probolinggo lamongan tuban bojonegoro jakpus jaksel jakut jakbar jaktim gambir menteng senen kemayoran",
    "malaysia singapura singapore thailand filipina philippines vietnam china tiongkok cina jepang japan korea",
    "australia amerika america serikat inggris britain england prancis perancis france jerman germany belanda",
    "netherlands rusia russia ukraina ukraine india pakistan arab saudi mesir egypt israel palestina palestine gaza",
    "iran irak iraq suriah syria turki turkey brasil brazil kanada canada meksiko mexico us usa uk eu europe eropa",
    "asia afrika africa asean washington london beijing tokyo moscow kyiv kiev paris berlin brussels geneva",
    "california texas florida ohio michigan pennsylvania georgia arizona virginia carolina illinois",
)
STOPWORDS = _words(
    # Indonesian function words, pronouns and sentence openers
    "saya kami kita aku dia ia beliau mereka anda kamu ini itu hal namun tetapi tapi sementara selain dalam pada di",
    "ke dari untuk bagi dengan oleh karena sebab jika kalau apabila ketika saat setelah sebelum sejak hingga sampai",
    "agar supaya meski meskipun walaupun bahkan juga lalu kemudian selanjutnya akhirnya adapun sedangkan ada tidak",
    "bukan belum sudah telah akan masih yang dan atau serta maka jadi pun para sang si seluruh semua setiap beberapa",
    "banyak sejumlah salah satu menurut lebih lanjut terkait mengenai tentang soal apa siapa mengapa kenapa",
    "bagaimana kapan dimana berapa begitu demikian sebelumnya sesudah usai seusai kini sekarang hari kemarin besok",
    "pekan bulan tahun pagi siang sore malam ya oh wah nah semoga terima kasih adapun tak sedang baru jumlah selama",
    "meski sebanyak sekitar tercatat disebutkan dikatakan diketahui rencananya sebelumnya",
    # English function words and sentence openers
    "i we you he she it they this that these those the a an and but or so if when while after before since until",
    "because although though however meanwhile also then there here what who why how where which in on at by for",
    "from with about as of to into over under between during without within across through last next yesterday",
    "today tomorrow yes no thanks our my his her their its one two some many most more several both each every",
    "still even just only not now later earlier",
    # days and months
    "senin selasa rabu kamis jumat sabtu minggu monday tuesday wednesday thursday friday saturday sunday januari",
    "februari maret mei juni juli agustus oktober november desember january february march june july august",
    "september october december",
)
# Words that join parts of a title ("Menteri Koordinator Bidang Politik dan Keamanan", "Secretary of State").
CONNECTORS = _words("of the for and dan dari bidang untuk urusan & on")
PARTICLES = _words("bin binti van der den de da von al el la le dos du ibn ter")
# Lower-case role words that may stand inside a name phrase: "White House press secretary Karine Jean-Pierre",
# "kapten Persib Marc Klok".
ROLE_LOWER = _words(
    "president vice prime minister secretary chair chairman chairwoman director deputy assistant executive chief",
    "officer spokesman spokeswoman spokesperson press senator governor mayor attorney general prosecutor sheriff",
    "detective inspector commissioner ambassador envoy leader analyst economist strategist researcher professor",
    "scientist coach manager founder owner head official adviser advisor consultant expert lawyer policy senior",
    "foreign defense defence health finance security city state county company campaign party union police",
    "army military white house communications spokesperson council member counsel general district",
    "pelatih kapten manajer pemain kiper bek gelandang penyerang striker juru bicara jubir pengamat peneliti ekonom",
    "dosen guru warga parent resident student teacher nurse driver farmer worker volunteer trader",
    # occupations that stand before a name or in an appositive: "pedagang sayur di Pasar Minggu", "a retired nurse"
    "pedagang petani nelayan sopir pengemudi buruh karyawan pegawai mahasiswa siswa pelajar pengusaha pemilik",
    "pengrajin penjual pembeli pengunjung penumpang pemudik pengungsi korban saksi relawan aktivis pendamping",
    "vendor shopkeeper fisherman commuter passenger survivor witness activist organizer protester retiree",
    "businessman businesswoman mother father",
)
# Plural roles stand for a group, never one speaker: "Forecasters said", "Officials said", "Polisi mengatakan".
PLURAL_ROLES = _words(
    "officials residents analysts forecasters authorities experts critics officers investigators witnesses neighbors",
    "neighbours researchers scientists lawmakers voters doctors teachers students parents workers economists",
    "prosecutors organizers organisers protesters activists police polisi warga petugas",
)
# Heads of descriptions that name an organisation, never a person: "the ministry said", "pihak kepolisian mengatakan".
ORG_HEADS = _words(
    "ministry department agency company firm government police military army court office group bank council",
    "committee commission union party board statement report university hospital embassy administration campaign",
    "team club organization organisation authority authorities regulator kementerian dinas pemerintah pemkot pihak",
    "kepolisian lembaga perusahaan polisi instansi kantor badan",
)
FIRST_NAMES = _words(
    "muhammad mohammad mohamad muhamad moh mochamad mochammad muhammed achmad ahmad abdul abdullah siti sri nur nurul",
    "dewi agus budi dwi tri eko andi ade asep dedi dedy deddy denny deni dani danny dodi hendra hendri heri hery herry",
    "iwan irwan indra joko bambang slamet rudi rudy yusuf ali hasan ibrahim ismail arief arif rizki rizky fajar dian",
    "rina ani yuni wahyu adi hari teguh imam yudi sugeng rahmat lukman zainal zulkifli taufik irfan fahmi fauzi hadi",
    "heru jaka kiki lina maya mega nanda nia novi puji ratna reza rini santi sandi tono toni tommy umar usman wawan",
    "yoga yayan putu made nyoman ketut kadek komang gede wayan raden teuku tengku cut daeng anies ridwan ganjar",
    "prabowo jusuf mahfud erick sandiaga susi retno tito basuki fadli puan megawati airlangga muhaimin gibran",
    "khofifah listyo sigit nadiem bima dhany john james robert michael david william richard joseph thomas charles",
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen daniel mark paul steven andrew kevin",
    "brian george edward jane anna maria emma olivia peter",
)
DEMONSTRATIVES = _words("itu tersebut ini")
DEFINITE = _words("the this that sang si")
INDEFINITE = _words("a an one another some several seorang salah sejumlah beberapa sebagian banyak para")
PRONOUNS_MALE = _words("he him")
PRONOUNS_FEMALE = _words("she her")
PRONOUNS_ONE = _words("dia ia beliau") | PRONOUNS_MALE | PRONOUNS_FEMALE
# Plural and first-person speakers are no one in particular for the desk.
PRONOUNS_OTHER = _words("mereka kami kita keduanya ketiganya semuanya they we i it them")
# Words that may stand between a subject and its verb: "Budi juga mengatakan", "Smith has also said".
BETWEEN = _words(
    "juga pun pula kembali lalu kemudian sempat sebelumnya langsung hanya turut pernah sudah telah masih justru malah",
    "bahkan kerap sering selalu lantas also then later previously earlier once has have had would will did does",
    "recently repeatedly simply flatly bluntly quietly further additionally not never yet",
)
# Verbs that take the speaker after them and "-nya" for "he/she": "ujar Budi", "ujarnya".
ID_ROOTS = _words(
    "kata ujar ungkap tutur tambah jelas ucap terang sebut imbuh papar lanjut tegas tandas jawab pungkas kilah seru",
    "aku beber sambung timpal cetus sergah tukas urai pinta harap nilai tanya ajak klaim canda kenang keluh tulis",
    "bilang tuding bantah balas kritik sindir tegur pesan ingat seloroh celetuk sahut tanggap tutup akui kisah",
)
ID_NYA = frozenset(root + "nya" for root in ID_ROOTS) | _words("menurutnya")
ID_PASSIVE = _words(
    "dikatakan disampaikan diungkapkan dijelaskan ditegaskan dituturkan disebutkan ditambahkan diutarakan",
    "dikemukakan dipaparkan diterangkan dinyatakan ditulis diakui diucapkan",
)
# Verbs that take the speaker before them: "Muhammad Jatmika menjelaskan, …", "Smith said".
ID_INTRO = _words(
    "mengatakan menuturkan mengungkapkan menegaskan menyebutkan menyebut menjelaskan menambahkan menyampaikan",
    "menilai berharap mengharapkan mengaku mengakui menerangkan memaparkan membeberkan berujar berkata bertutur",
    "mengimbau meminta mengingatkan menekankan menyatakan mengklaim membantah menjawab menanggapi mengucapkan",
    "melanjutkan memastikan menandaskan mengemukakan mengutarakan berpendapat bercerita menceritakan mengisahkan",
    "berpesan mengajak menampik menepis menyesalkan mengkritik menyoroti mengeluhkan menyarankan mengusulkan",
    "memprediksi memperkirakan mengimbuhkan menulis berkomentar mengomentari menginformasikan memberitahukan",
    "mengumumkan menjanjikan menyinggung bertanya menanyakan mempertanyakan menyerukan meyakini menyahut membalas",
    "mengeluh bercanda berseloroh berdalih berkilah berargumen menggambarkan mengenang mengatakannya menambahkan",
    "menyebutnya mengklarifikasi mewanti-wanti",
)
EN_VERBS = _words(
    "said says say told tells added adds asked asks explained explains noted notes wrote writes tweeted posted stated",
    "states declared declares insisted insists argued argues warned warns recalled recalls remarked replied replies",
    "responded responds continued continues observed suggested suggests acknowledged acknowledges admitted admits",
    "conceded concedes cautioned stressed stresses emphasized emphasised complained complains claimed claims announced",
    "testified concluded agreed lamented joked quipped urged predicted confirmed confirms countered recounted mused",
    "wondered reiterated shouted yelled whispered answered commented texted emailed vowed promised boasted contended",
    "maintained pleaded demanded exclaimed sighed",
)
# "called the financing 'a shell game'": speech in the narrative, never an attribution after a quote.
EN_NARRATIVE = _words("called calls described describes dubbed")
INTRO_VERBS = ID_INTRO | EN_VERBS | EN_NARRATIVE
_MAX_PHRASE = 16  # tokens in a name phrase: titles run long ("Asisten Pemerintahan (Aspem) Sekko …"), names do not
_MAX_APPOSITIVE = 14  # tokens between the commas of "John Smith, the city's policy analyst, said"
_RECENT = 40  # people searched when a description or pronoun needs an antecedent


def is_speech_word(norm: str) -> bool:
    """True for a word that attributes speech on its own ("ujarnya", "said", "mengatakan", "kata")."""
    return norm in ID_NYA or norm in ID_ROOTS or norm in INTRO_VERBS or norm in ID_PASSIVE


# --- Tokens ----------------------------------------------------------------------------------------------------------
_TOKEN_RE = re.compile(r"\S+")
_LEAD = "([{<'\u2018\u201a`*\u2014\u2013"
_TRAIL = ".,;:!?)]}>'\u2019\u2026*\u2014\u2013"
# Abbreviations whose dot belongs to the word, so "Gen." or "Dr." does not end a sentence.
_ABBREVIATIONS = (
    HONORIFICS
    | RANKS
    | COURTESY
    | _words("sen rep gov st jr sr inc corp co ltd no vs kab jl jln rt rw dept univ prov kec kel ds messrs gen u s")
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a paragraph: ``word`` as printed without surrounding punctuation, ``norm`` for look-ups."""

    word: str
    norm: str
    start: int
    end: int
    lead: str
    trail: str
    capital: bool
    ends_sentence: bool
    ends_clause: bool  # a comma, colon or sentence end after the word closes the phrase it belongs to
    comma: bool  # a comma follows, possibly after a closing bracket: "Siti Aminah (45), pedagang …"


_SENTENCE_END = frozenset(".!?\u2026")
_CLAUSE_END = frozenset(".!?\u2026,:;")


def _token(word: str, norm: str, start: int, end: int, lead: str, trail: str) -> Token:
    # Flags are computed once here: phrase readers ask for them many times per token.
    marks = set(trail) if trail else ()
    return Token(
        word,
        norm,
        start,
        end,
        lead,
        trail,
        word[:1].isupper(),
        bool(marks and not _SENTENCE_END.isdisjoint(marks)),
        bool(marks and not _CLAUSE_END.isdisjoint(marks)),
        trail.lstrip(")]").startswith(","),
    )


def tokenize(text: str) -> list[Token]:
    """Split text into tokens. Quote marks should already be blanked out by the caller (offsets stay the same)."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        raw, offset = match.group(), match.start()
        left, right = 0, len(raw)
        while left < right and raw[left] in _LEAD:
            left += 1
        while right > left and raw[right - 1] in _TRAIL:
            right -= 1
        if left == right:
            tokens.append(_token("", "", offset, offset, "", raw))
            continue
        word, trail = raw[left:right], raw[right:]
        norm = word.lower().replace(".", "")
        if trail.startswith(".") and (len(word) == 1 or "." in word or norm in _ABBREVIATIONS):
            word, trail, right = word + ".", trail[1:], right + 1
        norm = norm.removesuffix("'s").removesuffix("\u2019s")
        tokens.append(_token(word, norm, offset + left, offset + right, raw[:left], trail))
    return tokens


# --- Reading a paragraph's words -------------------------------------------------------------------------------------
_NAME, _TITLE, _PLACE, _HONOR, _CONN, _PARTICLE, _ROLE, _OTHER, _INITIAL, _ACRONYM = range(10)
_IN_PHRASE = frozenset({_NAME, _TITLE, _PLACE, _HONOR, _PARTICLE, _ROLE, _INITIAL, _ACRONYM})
_NAME_PARTS = (_NAME, _INITIAL, _PARTICLE)
# Institution abbreviations coined by prefix: Kemendikbud, Kapolresta, Kasatreskrim, Dirreskrimsus …
_TITLE_PREFIXES = (
    "kemen",
    "kapol",
    "wakapol",
    "kasat",
    "kasubag",
    "kasubbag",
    "dirres",
    "kasubdit",
    "pemkot",
    "pemkab",
)
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][A-Za-z.]{0,6}$")
_NOT_TITLES = _words("who which whose where when yang adding saying referring speaking citing noting")
_ARTICLES = _words("a an the")
# Words that open an adverbial between a subject and its verb: "Budi kepada wartawan mengatakan".
_ADVERBIAL = _words("kepada saat ketika usai seusai setelah sesudah sebelum dalam di pada melalui lewat via")


def _word_class(token: Token, places: frozenset[str]) -> int:
    """What a word can be inside a name phrase: part of a name, of a title, a place, a connector … or nothing."""
    norm, word = token.norm, token.word
    if not word or not any(ch.isalpha() for ch in word):
        return _OTHER
    if norm in COURTESY or norm in {"h", "hj", "haji", "hajjah"}:
        return _HONOR
    if norm in HONORIFICS or norm in RANKS:
        return _TITLE
    if not word[0].isupper():
        if norm in CONNECTORS:
            return _CONN
        if norm in PARTICLES or norm.startswith(("al-", "el-")):
            return _PARTICLE
        return _ROLE if norm in ROLE_LOWER else _OTHER
    if norm in TITLE_WORDS or norm.startswith(_TITLE_PREFIXES):
        return _TITLE
    if norm in PLACES or norm in COMPASS:
        return _PLACE
    if len(word) == 2 and word.endswith("."):
        return _INITIAL
    if word.isupper() and len(word) >= 2:
        return _ACRONYM
    if norm in PARTICLES:
        return _PARTICLE
    if norm in STOPWORDS:
        return _OTHER
    if norm in places and norm not in FIRST_NAMES:
        return _PLACE
    return _NAME


@dataclass(frozen=True)
class NamePhrase:
    """A name phrase split into its parts; ``name`` is empty when the phrase names only an office or a place."""

    title: str
    name: str
    alias: str = ""
    gender: str = ""


@dataclass(frozen=True)
class Subject:
    """Who an attribution points at, before it is resolved against the story.

    ``kind`` is "person" (a name, possibly a surname only), "pronoun" (ujarnya, he said), "definite" (the official,
    pria itu: someone already in the story), "title" (kata Kapolres: an office without a name) or "anonymous"
    (a spokesman, seorang warga, they). ``end`` is the index of the token after the attribution.
    """

    kind: str
    end: int
    name: str = ""
    title: str = ""
    alias: str = ""
    head: tuple[str, ...] = ()
    gender: str = ""


@dataclass(frozen=True)
class Mention:
    """A speaker presented in the story's own words at token ``index``; ``strong`` when a speech verb says so."""

    index: int
    subject: Subject
    strong: bool


class ParagraphReader:
    """Reads the words of one paragraph: name phrases, attributions, and the speakers its sentences present.

    ``text`` must have its double quote marks blanked out (same length, so offsets hold). ``barrier`` marks tokens
    that sentences must not be read across: words inside quotes and attributions already used by a quote.
    """

    def __init__(self, text: str, places: frozenset[str], *, english: bool) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.places = places
        self.english = english
        self.barrier = [False] * len(self.tokens)

    # Name phrases ------------------------------------------------------------------------------------------------
    def _slice(self, first: int, last: int) -> str:
        """The text as printed from token ``first`` to ``last`` (inclusive), without trailing punctuation."""
        if last < first:
            return ""
        text = self.text[self.tokens[first].start : self.tokens[last].end].strip(" ,;:")
        if text.count("(") > text.count(")") and self.tokens[last].trail.startswith(")"):
            text += ")"  # "… Bogor (IPB)": the bracket closes in the token's trailing punctuation
        return text

    def phrase_end(self, start: int, limit: int) -> int:
        """Read a name phrase forwards from ``start``; return the index after its last token."""
        tokens, index, depth = self.tokens, start, 0
        while index < limit and index - start < _MAX_PHRASE:
            token = tokens[index]
            if not token.word:
                break
            depth += token.lead.count("(")
            if depth == 0:
                cls = _word_class(token, self.places)
                if cls == _CONN:
                    following = tokens[index + 1] if index + 1 < limit else None
                    if following is None or not following.capital or index == start or tokens[index - 1].ends_clause:
                        break
                elif cls not in _IN_PHRASE:
                    break
            depth = max(0, depth - token.trail.count(")"))
            index += 1
            if depth == 0 and token.ends_clause:
                break
        return index

    def phrase_start(self, last: int, floor: int) -> int:
        """Read a name phrase backwards ending at ``last``; return the index of its first token."""
        tokens, index, depth = self.tokens, last, 0
        while index >= floor and last - index < _MAX_PHRASE:
            token = tokens[index]
            if index != last and depth == 0 and token.ends_clause and not self._comma_in_title(index):
                break
            if not token.word:
                break
            depth += token.trail.count(")")
            if depth == 0:
                cls = _word_class(token, self.places)
                if cls == _CONN:
                    before = tokens[index - 1] if index - 1 >= floor else None
                    if before is None or not before.capital or before.ends_clause or index == last:
                        break
                elif cls not in _IN_PHRASE:
                    break
            depth = max(0, depth - token.lead.count("("))
            index -= 1
        start = index + 1
        if floor < start <= last and tokens[start - 1].norm in DEFINITE and not tokens[start - 1].ends_clause:
            start -= 1  # "The city's policy analyst, Jane Doe, said": the article belongs to the title as printed
        return self._role_before(start, floor)

    def _comma_in_title(self, index: int) -> bool:
        """A comma inside an Indonesian title: "Kepala Pusat Data, Informasi dan …", "Politik, Hukum, dan Keamanan"."""
        token, following = self.tokens[index], self.tokens[index + 1]
        if not token.comma or token.trail.startswith(",,") or not token.capital:
            return False
        if _word_class(token, self.places) != _TITLE:
            return False
        return _word_class(following, self.places) in (_TITLE, _CONN) and following.norm != "the"

    def _role_before(self, start: int, floor: int) -> int:
        """Extend a name phrase back over a lower-case role that opens its clause: "pengamat pertanian dari IPB …"."""
        tokens, index = self.tokens, start
        while index > floor and start - index < 4:
            previous = tokens[index - 1]
            if not previous.word or previous.ends_clause or previous.capital:
                break
            if previous.norm in STOPWORDS and previous.norm not in CONNECTORS:
                break
            index -= 1
        while index < start and tokens[index].norm not in TITLE_WORDS | ROLE_LOWER:
            index += 1  # the run must begin with a role word, or it is not part of the title
        opens_clause = index == floor or tokens[index - 1].ends_clause or tokens[index - 1].norm in STOPWORDS
        return index if index < start and opens_clause else start

    def split(self, first: int, last: int) -> NamePhrase:
        """Split tokens ``first..last`` into the title (everything before the name, as printed) and the name.

        Indonesian copy puts the whole title before the name ("Analis Kebijakan … Kota Cirebon Muhammad Jatmika"), so
        the name is the run of name-like words at the end, after the last title, rank or place word. A word right
        after "Kota", "Polres", "Bupati" … is a place even when no list knows it.
        """
        tokens = self.tokens
        classes: list[int] = []
        depth = 0
        for index in range(first, last + 1):
            token = tokens[index]
            depth += token.lead.count("(")
            cls = _ACRONYM if depth > 0 else _word_class(token, self.places)
            depth = max(0, depth - token.trail.count(")"))
            if cls == _NAME and classes and classes[-1] in (_TITLE, _ROLE) and self._names_place(index, last):
                cls = _PLACE
            classes.append(cls)
        end, alias = len(classes), ""
        if ")" in tokens[last].trail:
            # "Presiden Joko Widodo (Jokowi)": a bracket right after a name holds the name people use.
            bracket = end - 1
            while bracket > 0 and "(" not in tokens[first + bracket].lead:
                bracket -= 1
            if bracket > 0 and _word_class(tokens[first + bracket - 1], self.places) == _NAME:
                inside = self._slice(first + bracket, last).strip("()")
                alias = inside if any(ch.isalpha() for ch in inside) else ""  # "(45)" is an age, not a name
                end = bracket
        name_end = end
        short_acronym = end >= 2 and classes[end - 1] == _ACRONYM and len(tokens[first + end - 1].word) <= 3
        if short_acronym and classes[end - 2] == _NAME:
            classes[end - 1] = _NAME  # "Mahfud MD"
        name_start = name_end
        while name_start > 0 and classes[name_start - 1] in _NAME_PARTS:
            name_start -= 1
        if name_start == name_end or classes[name_start - 1 : name_start] == [_CONN]:
            # "Gov. Greg Abbott of Texas", "Budi dari Fraksi Golkar": the name before a connector, the rest a title.
            for conn in range(name_start - 1, 0, -1):
                if classes[conn] == _CONN and classes[conn - 1] == _NAME:
                    left = conn - 1
                    while left > 0 and classes[left - 1] in _NAME_PARTS:
                        left -= 1
                    title = self._slice(first, first + left - 1)
                    qualifier = self._slice(first + conn, first + end - 1)
                    if not title:
                        qualifier = qualifier.split(" ", 1)[-1]
                    return self._finish(first, left, conn, " ".join(p for p in (title, qualifier) if p), alias)
        while name_start < name_end and classes[name_start] == _PARTICLE:
            name_start += 1
        if name_start == name_end:
            return NamePhrase(self._slice(first, first + end - 1), "")
        if name_end - name_start >= 3 and tokens[first + name_start].norm not in FIRST_NAMES:
            # A long run of unknown capitalised words usually opens with a place no list knows: "… Sleman Ahmad Fulan".
            for index in range(name_start + 1, name_end - 1):
                if tokens[first + index].norm in FIRST_NAMES:
                    name_start = index
                    break
        title_end = name_start
        while title_end > 0 and (classes[title_end - 1] == _HONOR or tokens[first + title_end - 1].norm in HONORIFICS):
            title_end -= 1  # "… Kabupaten Sleman Drs. H. Bambang": the honorifics are the person's, not the office's
        title = self._slice(first, first + title_end - 1)
        if all(cls in (_HONOR, _PLACE, _OTHER) for cls in classes[:title_end]):
            title = ""  # "Pak Budi", "Di Jakarta Budi": courtesy words and places are no title
        return self._finish(first, name_start, name_end, title, alias)

    def _names_place(self, index: int, last: int) -> bool:
        """Whether the unknown word at ``index``, right after an introducer, is the place or body it introduces.

        "Bupati Kebumen Arif Sugiyanto": yes. "Dinas Pertamanan Kota Ratna Kusumawardani": no, as "Kota" can end a
        department's name; after it, a place needs two name words still to follow, and a known first name never is.
        """
        tokens = self.tokens
        introducer = tokens[index - 1].norm
        if introducer not in INTRODUCERS or tokens[index].norm in FIRST_NAMES:
            return False
        following = 0
        while index + following + 1 <= last and _word_class(tokens[index + following + 1], self.places) == _NAME:
            following += 1
        return following >= (2 if introducer in WEAK_INTRODUCERS else 1)

    def _finish(self, first: int, name_start: int, name_end: int, title: str, alias: str) -> NamePhrase:
        before = {self.tokens[first + i].norm for i in range(name_start)}
        gender = "m" if before & COURTESY_MALE else "f" if before & COURTESY_FEMALE else ""
        name = self._slice(first + name_start, first + name_end - 1).strip("()")
        return NamePhrase(title, name, alias, gender)

    # Subjects ------------------------------------------------------------------------------------------------------
    def description(self, start: int, limit: int, *, verb_follows: bool) -> Subject | None:
        """Read a lower-case description ("the official", "pria berusia 45 tahun itu", "seorang warga")."""
        tokens, index, words = self.tokens, start, []
        while index < limit and index - start < 8:
            token = tokens[index]
            if not token.word or (verb_follows and token.norm in INTRO_VERBS):
                break
            words.append(token)
            index += 1
            if token.ends_clause:
                break
        if not words:
            return None
        first = words[0].norm
        if first in INDEFINITE or any(w.capital and w.word.endswith(("'s", "\u2019s")) for w in words):
            return Subject("anonymous", index)  # "a spokesman", "Smith's lawyer": not anyone quoted so far
        heads = tuple(w.norm for w in words if w.norm not in DEFINITE | DEMONSTRATIVES | STOPWORDS)
        if heads and heads[-1] in ORG_HEADS:
            return Subject("anonymous", index)
        for offset, token in enumerate(words):
            if token.norm in DEMONSTRATIVES:
                # Stop at the demonstrative: "kata pria itu kepada wartawan" is about "pria itu".
                return Subject("definite", start + offset + 1, head=heads)
        if first in DEFINITE:
            if len(words) > 1 and words[1].capital:
                return None  # "the Pentagon", "the White House": a name phrase, read as such
            return Subject("definite", index, head=heads)
        return Subject("anonymous", index)

    def appositive(self, start: int, limit: int, *, closed: bool) -> tuple[str, int] | None:
        """Read ", the city's policy analyst" after a name; return the title ("" when not one) and the index after.

        With ``closed`` the appositive must end in a comma, a verb following it; otherwise it runs to the sentence end
        or the next comma. Relative clauses, ages and participles ("who …", "45", "adding …") are not titles.
        """
        tokens, index = self.tokens, start
        while index < limit and index - start < _MAX_APPOSITIVE:
            token = tokens[index]
            index += 1
            if not token.word:
                return None
            if token.ends_clause:
                if closed and not (token.comma or token.trail.startswith(";")):
                    return None
                break
        else:
            if closed:
                return None
        if index == start:
            return None
        first = tokens[start]
        if _PARTY_TAG.match(first.word) and index - start == 1:
            return "", index  # "Chuck Schumer, D-N.Y.": party and state, not a title
        titled = first.norm in _ARTICLES or first.norm in TITLE_WORDS or first.norm in ROLE_LOWER or first.capital
        if first.norm in _NOT_TITLES or first.norm.isdigit() or first.norm.endswith("ing") or not titled:
            return ("", index) if closed else None
        return self._slice(start, index - 1), index

    def _pick_title(self, before: str, appositive: str) -> str:
        # English copy describes people after the name ("Mark Milley, chairman of the Joint Chiefs"); Indonesian
        # copy before it. Each language's usual place wins when a story prints both, except that a bare rank
        # ("AKBP Rina Marlina, Kasat Reskrim …") gives way to the office after the name.
        if not appositive:
            return before
        rank_only = all(word.lower().replace(".", "") in RANKS | HONORIFICS for word in before.split())
        if self.english or rank_only:
            return appositive
        return before

    def subject_after(self, start: int, limit: int, *, verb_follows: bool) -> Subject | None:
        """Read who is named from ``start``: after "kata"/"said" (``verb_follows`` False) or before "said" (True)."""
        tokens = self.tokens
        while not verb_follows and start < limit and tokens[start].norm in ("oleh", "by"):
            start += 1  # "disampaikan oleh Budi"
        if start >= limit or not tokens[start].word:
            return None
        token = tokens[start]
        if token.norm in PRONOUNS_ONE:
            return Subject("pronoun", start + 1, gender=_pronoun_gender(token.norm))
        if token.norm in PRONOUNS_OTHER:
            return Subject("anonymous", start + 1)
        if not token.capital and token.norm in ROLE_LOWER | TITLE_WORDS:
            # "said council member Maria Okafor", "parent Melissa Grant told": a lower-case role before a name.
            end = start
            while end < limit and end - start < 4 and tokens[end].word and not tokens[end].capital:
                if tokens[end].ends_clause or tokens[end].norm in INTRO_VERBS:
                    break
                end += 1
            end = self.phrase_end(end, limit) if end < limit and tokens[end].capital else start
            if end > start:
                phrase = self.split(start, end - 1)
                named = self._name_after_comma(end, limit) if tokens[end - 1].comma else None
                if named is not None:  # "kata warga Cilandak, Budi Hartono"
                    return replace(named, title=self._slice(start, end - 1))
                if phrase.name:
                    return Subject("person", end, phrase.name, phrase.title, phrase.alias, gender=phrase.gender)
        if token.norm in PLURAL_ROLES and not verb_follows:
            return Subject("anonymous", start + 1)  # "kata warga", "said officials"
        if not token.capital and token.norm in STOPWORDS and token.norm not in DEFINITE | INDEFINITE:
            return None  # "… estimated at $2 billion": a preposition is nobody
        if not token.capital or token.norm in DEFINITE | INDEFINITE | PLURAL_ROLES:
            described = self.description(start, limit, verb_follows=verb_follows)
            if described is None and token.norm in DEFINITE:
                return self.subject_after(start + 1, limit, verb_follows=verb_follows)
            if described is not None and described.end < limit and tokens[described.end - 1].comma:
                # "the company's spokeswoman, Jane Doe, said"
                named = self.subject_after(described.end, limit, verb_follows=verb_follows)
                if named is not None and named.kind == "person" and not named.title:
                    return replace(named, title=self._slice(start, described.end - 1))
            return described
        end = self.phrase_end(start, limit)
        if end == start:
            return None
        phrase = self.split(start, end - 1)
        last = tokens[end - 1]
        if not phrase.name:
            head = tuple(tokens[i].norm for i in range(start, end))
            named = self._name_after_comma(end, limit) if last.comma else None
            if named is not None:  # "kata Kepala Dinas Pendidikan, Budi Santoso, di …": the name follows the office
                return replace(named, title=phrase.title)
            if end < limit and tokens[end].norm in DEMONSTRATIVES:
                return Subject("definite", end + 1, head=head)
            return Subject("title", end, head=head, title=phrase.title)
        appositive = ""
        if last.comma and end < limit:
            found = self.appositive(end, limit, closed=verb_follows)
            if found is not None:
                appositive, end = found
        title = self._pick_title(phrase.title, appositive)
        return Subject("person", end, phrase.name, title, phrase.alias, gender=phrase.gender)

    def _name_after_comma(self, start: int, limit: int) -> Subject | None:
        """A bare name right after an office and its comma: the person the office belongs to."""
        end = self.phrase_end(start, limit) if start < limit else start
        if end == start:
            return None
        named = self.split(start, end - 1)
        if not named.name or named.title:
            return None
        return Subject("person", end, named.name, "", named.alias, gender=named.gender)

    def subject_before(self, last: int, floor: int) -> Subject | None:
        """Read who is named in the words ending at ``last``, just before a verb ("… Muhammad Jatmika menjelaskan")."""
        tokens = self.tokens
        end = last + 1
        while last > floor and _is_degree(tokens[last]) and (tokens[last - 1].comma or _is_degree(tokens[last - 1])):
            last -= 1  # "Bambang Sutrisno, M.Pd. mengatakan": degrees after the name are the person's
        token = tokens[last]
        if token.norm in PRONOUNS_ONE:
            return Subject("pronoun", end, gender=_pronoun_gender(token.norm))
        if token.norm in PRONOUNS_OTHER or (
            token.norm in PLURAL_ROLES and (last == floor or not tokens[last - 1].capital)
        ):
            return Subject("anonymous", end)
        if token.comma and end == last + 1:
            return self._subject_with_appositive(last, floor)
        start = self.phrase_start(last, floor)
        if start > last:
            # A lower-case description: "Pria itu mengatakan", "The official said", "Seorang warga mengatakan".
            back = last
            while back > floor and last - back < 6 and tokens[back - 1].word and not tokens[back - 1].ends_clause:
                back -= 1
            if tokens[back].capital and tokens[back].norm not in STOPWORDS | INDEFINITE:
                return None
            return self.description(back, last + 1, verb_follows=True)
        if token.word.endswith(("'s", "\u2019s")):
            return None
        inner = start + 1 if tokens[start].norm in DEFINITE else start
        if inner > last:
            return None
        phrase = self.split(inner, last)
        if not phrase.name:
            head = tuple(tokens[i].norm for i in range(inner, last + 1))
            if inner > start:
                return Subject("definite", end, head=head)
            return Subject("title", end, head=head, title=phrase.title)
        return Subject("person", end, phrase.name, phrase.title, phrase.alias, gender=phrase.gender)

    def _subject_with_appositive(self, last: int, floor: int) -> Subject | None:
        """Read "Jane Doe, the city's policy analyst, said", "Kepala Dinas X, Budi Santoso, mengatakan" and
        "Salah satu siswa, Dimas, mengaku": two comma-separated parts before the verb, one of them the name."""
        tokens = self.tokens
        comma = last - 1
        while comma >= floor and last - comma <= _MAX_APPOSITIVE and not tokens[comma].ends_clause:
            comma -= 1
        if comma < floor or last - comma > _MAX_APPOSITIVE or not tokens[comma].comma:
            return None
        chunk = comma + 1
        inner_end = self.phrase_end(chunk, last + 1)
        inner = self.split(chunk, inner_end - 1) if inner_end == last + 1 else None
        start = self.phrase_start(comma, floor)
        outer = self.split(start + (tokens[start].norm in DEFINITE), comma) if start <= comma else None
        pure_inner = inner is not None and inner.name and not inner.title and " " in inner.name
        if outer is not None and outer.name and not (outer.title and pure_inner):
            appositive = ""
            first = tokens[chunk]
            if (first.norm in TITLE_WORDS | ROLE_LOWER | _ARTICLES or first.capital) and not _PARTY_TAG.match(
                first.word
            ):
                appositive = self._slice(chunk, last)
            if (
                first.norm in _NOT_TITLES
                or first.norm.isdigit()
                or (inner is not None and inner.name and not inner.title)
            ):
                appositive = ""  # "Budi, 45," or "Budi, who …": no title; "Budi, Ani, …" is a list
            title = self._pick_title(outer.title, appositive)
            return Subject("person", last + 1, outer.name, title, outer.alias, gender=outer.gender)
        # The office or description comes first; it runs back to the start of the clause: "Guru kelas IV, …".
        begin = min(start, comma)
        while begin > floor and comma - begin < 8 and not tokens[begin - 1].ends_clause and tokens[begin - 1].word:
            previous = tokens[begin - 1]
            if (
                previous.norm in STOPWORDS
                and previous.norm not in INDEFINITE
                and previous.norm not in ("satu", "salah")
            ):
                break
            begin -= 1
        if inner is not None and inner.name:
            described = tokens[begin].norm in INDEFINITE or tokens[begin].norm in ("salah", "satu")
            title = "" if described else self._slice(begin, comma)
            return Subject("person", last + 1, inner.name, title, inner.alias, gender=inner.gender)
        described = self.description(begin, comma + 1, verb_follows=False)
        return replace(described, end=last + 1) if described is not None else None

    # Attributions --------------------------------------------------------------------------------------------------
    def limit_from(self, start: int) -> int:
        """Index of the first barrier token at or after ``start``, looking a bounded distance ahead."""
        end = min(len(self.tokens), start + _MAX_PHRASE + _MAX_APPOSITIVE)
        for index in range(start, end):
            if self.barrier[index]:
                return index
        return end

    def attribution_after(self, start: int, *, closing: str) -> Subject | None:
        """Read the attribution after a closing quote mark ("…,” ujarnya", "…,” said X", "…,” X said").

        ``closing`` is the punctuation that ends the quote ("," also when it stands after the mark). "X said" after a
        quote is an attribution only when the quote ends with a comma, question or exclamation mark or a dash: after
        a full stop, "X mengatakan, …" opens a new sentence, and after no punctuation "X …" is the sentence going on
        ('disapa "Pak Kumis" oleh pelanggannya').
        """
        tokens, limit, index = self.tokens, self.limit_from(start), start
        while index < limit and not tokens[index].word:
            if any(mark in tokens[index].trail for mark in ".!?"):
                return None
            index += 1
        if index >= limit:
            return None
        if tokens[index].norm in ("demikian", "begitu") and index + 1 < limit:
            index += 1
        token = tokens[index]
        norm = token.norm
        if norm in ID_NYA:
            return Subject("pronoun", index + 1)
        if token.ends_clause and norm not in EN_VERBS:
            pass
        elif norm in ID_ROOTS or norm in ID_PASSIVE or norm in EN_VERBS:
            return self.subject_after(index + 1, limit, verb_follows=False)
        elif norm == "menurut" or (norm == "according" and index + 1 < limit and tokens[index + 1].norm == "to"):
            return self.subject_after(index + (2 if norm == "according" else 1), limit, verb_follows=False)
        subject = self.subject_after(index, limit, verb_follows=True)
        if subject is None or subject.end >= limit:
            return None
        verb_at = _skip_between(tokens, subject.end, limit)
        if verb_at >= limit or tokens[verb_at].norm not in INTRO_VERBS:
            return None
        if not closing or closing not in ",?!\u2014\u2013-\u2026":
            return None
        return replace(subject, end=verb_at + 1)

    # Speakers the narrative presents ------------------------------------------------------------------------------
    def mentions(self, known: PersonRegistry) -> list[Mention]:
        """Find who this paragraph's own sentences present as speaking, or as the subject a pronoun would mean.

        Speech verbs ("X mengatakan", "Menurut X", ", lanjut X,", "X said", "According to X") give strong mentions.
        The person a sentence opens with ("Dalam kesempatan ini, Asisten … Denny Ramdany membuka …") gives a weak one.
        Names elsewhere in a sentence are merely mentioned and count for nothing.
        """
        tokens, barrier = self.tokens, self.barrier
        found: list[Mention] = []
        floor, sentence_open, spoken = 0, True, False
        for index, token in enumerate(tokens):
            if barrier[index]:
                floor, sentence_open = index + 1, True
                continue
            if sentence_open and token.word:
                weak = self._sentence_subject(index, known)
                if weak is not None:
                    found.append(weak)
                sentence_open, spoken = False, False
            subject = self._speech_at(index, floor)
            # Only the first speaker of a sentence is its speaker: in "Hensley said his office had warned …" the
            # second verb is part of what was said. A later named speaker ("…, sementara Ani menegaskan") still counts.
            if subject is not None and (not spoken or subject.kind == "person"):
                found.append(Mention(index, subject, strong=True))
                spoken = True
            if token.ends_sentence:
                floor, sentence_open = index + 1, True
        return found

    def _speech_at(self, index: int, floor: int) -> Subject | None:
        tokens = self.tokens
        norm = tokens[index].norm
        starts_part = index == floor or tokens[index - 1].ends_clause
        if norm in INTRO_VERBS:
            before = index - 1
            while before >= floor and tokens[before].norm in BETWEEN and not tokens[before].ends_clause:
                before -= 1
            if before >= floor and tokens[before].word and not tokens[before].ends_sentence:
                subject = self.subject_before(before, floor)
                if subject is None or subject.kind not in ("person", "pronoun"):
                    subject = self._subject_across_adverbial(before, floor) or subject
                return subject
            if starts_part and norm in EN_VERBS:  # ", said Smith, …"
                return self.subject_after(index + 1, self.limit_from(index + 1), verb_follows=False)
            return None
        if norm in ID_NYA:
            return Subject("pronoun", index + 1) if starts_part else None
        if (norm in ID_ROOTS and starts_part) or norm in ID_PASSIVE or norm == "menurut":
            limit = self.limit_from(index + 1)
            following = tokens[index + 1] if index + 1 < limit else None
            if following is not None and (following.capital or following.norm in PRONOUNS_ONE):
                return self.subject_after(index + 1, limit, verb_follows=False)
            return None
        if norm == "according" and _next_norm(tokens, index) == "to":
            return self.subject_after(index + 2, self.limit_from(index + 2), verb_follows=False)
        return None

    def _subject_across_adverbial(self, last: int, floor: int) -> Subject | None:
        """ "Budi kepada wartawan mengatakan", "Bayu di Jakarta, Selasa, menyebutkan": the subject stands before a
        short adverbial (to whom, where, when) that separates it from the verb."""
        tokens = self.tokens
        index = last
        while index > floor and last - index < 10 and not tokens[index].ends_sentence:
            token = tokens[index]
            if token.norm in _ADVERBIAL and not token.capital:
                previous = tokens[index - 1]
                if (
                    not previous.word
                    or previous.ends_sentence
                    or not (previous.capital or previous.norm in PRONOUNS_ONE)
                ):
                    return None
                subject = self.subject_before(index - 1, floor)
                return subject if subject is not None and subject.kind in ("person", "pronoun") else None
            index -= 1
        return None

    def _sentence_subject(self, index: int, known: PersonRegistry) -> Mention | None:
        """The person a sentence opens with, after opening phrases such as "Dalam kesempatan ini," or "On Tuesday,"."""
        tokens, barrier, count = self.tokens, self.barrier, len(self.tokens)
        start = index
        for _ in range(2):
            # Skip an opening phrase up to its comma when it holds no name: "Sementara itu, …", "Selain itu, …".
            probe = start
            while probe < count and probe - start < 8 and not barrier[probe] and not tokens[probe].ends_clause:
                probe += 1
            if probe >= count or barrier[probe] or probe - start >= 8 or not tokens[probe].comma:
                break
            if probe + 1 < count and self._comma_in_title(probe):
                break
            named = any(_word_class(tokens[i], self.places) == _NAME for i in range(start + 1, probe + 1))
            opener = tokens[start]
            if named or known.knows(opener.word) or opener.norm in FIRST_NAMES:
                break
            start = probe + 1
        if start >= count or barrier[start] or not tokens[start].capital:
            return None
        limit = self.limit_from(start)
        end = self.phrase_end(start, limit)
        if end == start or end >= limit:
            return None
        last = tokens[end - 1]
        if last.ends_sentence or last.word.endswith(("'s", "\u2019s")):
            return None
        if tokens[end].capital and not last.comma:
            return None
        phrase = self.split(start, end - 1)
        if not phrase.name:
            return None
        if " " not in phrase.name and not known.knows(phrase.name) and phrase.name.lower() not in FIRST_NAMES:
            return None  # one unknown capitalised word opening a sentence is as likely a place or a brand
        subject = Subject("person", end, phrase.name, phrase.title, phrase.alias, gender=phrase.gender)
        return Mention(start, subject, strong=False)


def _is_degree(token: Token) -> bool:
    return token.norm in DEGREES and ("." in token.word or token.word.isupper())


def _pronoun_gender(norm: str) -> str:
    return "m" if norm in PRONOUNS_MALE else "f" if norm in PRONOUNS_FEMALE else ""


def _skip_between(tokens: list[Token], index: int, limit: int) -> int:
    while index < limit and tokens[index].norm in BETWEEN and not tokens[index].ends_clause:
        index += 1
    return index


def _next_norm(tokens: list[Token], index: int) -> str:
    return tokens[index + 1].norm if index + 1 < len(tokens) else ""


_PLACE_RE = re.compile(r"\b(?:di|ke|in|at|Kota|Kabupaten|Kecamatan|Desa|Kelurahan|Provinsi) {1,2}([A-Z][a-z]{2,})\b")


def place_evidence(texts: Iterable[str]) -> frozenset[str]:
    """Capitalised words the story itself uses as places: after "di", "ke", "in", "at", "Kota", "Kabupaten" …

    Such a word at the front of a would-be name is a place the word lists do not know ("Dinas Pendidikan Sleman
    Ahmad Fulan" in a story that also says "di Sleman").
    """
    found = set()
    for text in texts:
        for match in _PLACE_RE.finditer(text):
            word = match.group(1).lower()
            if word not in FIRST_NAMES and word not in STOPWORDS:
                found.add(word)
    return frozenset(found)


# --- People in the story ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    """Someone the story quotes or presents: ``name`` without titles; ``title`` as first printed."""

    name: str
    title: str = ""
    gender: str = ""


def _name_keys(name: str) -> tuple[str, ...]:
    return tuple(part for part in name.lower().replace(".", " ").split() if len(part) > 1 and part not in PARTICLES)


@dataclass
class PersonRegistry:
    """Everyone named in the story, so that "lanjut Jatmika" finds "Muhammad Jatmika" and titles carry over."""

    people: list[Person] = field(default_factory=list)
    _by_word: dict[str, list[int]] = field(default_factory=dict)
    _keys: list[set[str]] = field(default_factory=list)  # name and alias words of each person

    def knows(self, name: str) -> bool:
        return self._find(_name_keys(name)) is not None

    def _find(self, keys: tuple[str, ...]) -> int | None:
        if not keys:
            return None
        candidates = self._by_word.get(keys[-1]) or self._by_word.get(keys[0]) or []
        # The most recent person whose name holds every word: "Jatmika" → "Muhammad Jatmika".
        for person_id in reversed(candidates[-_RECENT:]):
            if set(keys) <= self._keys[person_id]:
                return person_id
        return None

    def add(self, name: str, title: str = "", gender: str = "", alias: str = "") -> int:
        """Return the id of this person, adding them or filling in a longer name, a title or a gender."""
        keys = _name_keys(name)
        person_id = self._find(keys)
        if person_id is None and alias:
            person_id = self._find(_name_keys(alias))
        if person_id is None:
            # A longer name for someone first met by one word: "Budi" then "Budi Santoso".
            for key in keys:
                for candidate in reversed(self._by_word.get(key, [])[-_RECENT:]):
                    if set(_name_keys(self.people[candidate].name)) <= set(keys) | set(_name_keys(alias)):
                        person_id = candidate
                        break
                if person_id is not None:
                    break
        if person_id is None:
            self.people.append(Person(name, title, gender))
            self._keys.append(set())
            person_id = len(self.people) - 1
        else:
            known = self.people[person_id]
            longer = name if len(keys) > len(_name_keys(known.name)) else known.name
            # Keep the first title unless a later one prints it in full:
            # "Kepala Pusat Data, Informasi …" replaces "Informasi …".
            fuller = title if known.title and known.title in title else known.title or title
            self.people[person_id] = Person(longer, fuller, known.gender or gender)
        self._keys[person_id].update(keys, _name_keys(alias))
        for key in (*keys, *_name_keys(alias)):
            ids = self._by_word.setdefault(key, [])
            if not ids or ids[-1] != person_id:
                ids.append(person_id)
        return person_id

    def set_gender(self, person_id: int, gender: str) -> None:
        if gender and not self.people[person_id].gender:
            self.people[person_id] = replace(self.people[person_id], gender=gender)

    def by_title(self, head: tuple[str, ...], recent: list[int]) -> int | None:
        """The most recent speaker whose title shares a word with a description ("the analyst", "Kapolres itu")."""
        words = {word for word in head if len(word) > 2 and word not in STOPWORDS}
        if not words:
            return None
        for person_id in reversed(recent[-_RECENT:]):
            title_words = set(self.people[person_id].title.lower().replace("'s", "").replace(",", " ").split())
            if words & title_words:
                return person_id
        return None


class Discourse:
    """The running memory of who is speaking, read in story order.

    Speech (an attributed quote, "X mengatakan", "Menurut X") makes a person the current speaker. A person who opens
    a sentence without a speech verb is a weaker candidate: a following "ujarnya" means them only when they open a
    sentence in the same or the previous paragraph; otherwise the last real speaker keeps the floor. A person merely
    mentioned elsewhere in a sentence changes nothing. An anonymous speaker ("a spokesman said") takes the floor as
    no one, so that "he added" after it stays unknown.
    """

    def __init__(self, registry: PersonRegistry) -> None:
        self.registry = registry
        self._strong: tuple[int | None, int] | None = None
        self._weak: tuple[int, int, int] | None = None  # person, sequence, paragraph
        self._seq = 0
        self._recent: list[int] = []

    def current(self, paragraph: int) -> int | None:
        weak, strong = self._weak, self._strong
        if weak is not None and (strong is None or (weak[1] > strong[1] and weak[2] >= paragraph - 1)):
            return weak[0]
        return strong[0] if strong is not None else None

    def speak(self, person_id: int | None) -> None:
        self._seq += 1
        self._strong = (person_id, self._seq)
        if person_id is not None:
            self._recent.append(person_id)
            if len(self._recent) > 4 * _RECENT:
                del self._recent[: 2 * _RECENT]

    def open_sentence(self, person_id: int, paragraph: int) -> None:
        self._seq += 1
        self._weak = (person_id, self._seq, paragraph)

    def resolve(self, subject: Subject, paragraph: int) -> int | None:
        """Turn a subject into a person id (or None when the story does not make the speaker clear)."""
        if subject.kind == "person":
            return self.registry.add(subject.name, subject.title, subject.gender, subject.alias)
        if subject.kind == "pronoun":
            person_id = self.current(paragraph)
            if person_id is not None and subject.gender:
                known = self.registry.people[person_id].gender
                if known and known != subject.gender:
                    # "she said" after a man spoke: the last woman who spoke, if any.
                    for other in reversed(self._recent[-_RECENT:]):
                        if self.registry.people[other].gender in ("", subject.gender) and other != person_id:
                            return other
                    return None
                self.registry.set_gender(person_id, subject.gender)
            return person_id
        if subject.kind in ("definite", "title"):
            candidates = [*self._recent]
            current = self.current(paragraph)
            if current is not None:
                candidates.append(current)
            matched = self.registry.by_title(subject.head, candidates)
            if matched is not None or subject.kind == "title":
                return matched
            return current
        return None
