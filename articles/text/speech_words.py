"""The word lists the speaker reader uses: courtesy titles, honorifics, ranks, degrees, title words, places,
speech verbs and pronouns, in Indonesian and English. Data only, kept apart from the reading logic in speakers.py.

Every list is a frozenset of lower-case words, so a look-up is one set membership test.
"""

from __future__ import annotations


def _words(*chunks: str) -> frozenset[str]:
    """A look-up set from whitespace-separated words (written lower case, without dots, as ``Token.norm`` is)."""
    return frozenset(word for chunk in chunks for word in chunk.split())


# --- Word lists ------------------------------------------------------------------------------------------------------
# Courtesy forms say nothing about the job, so they never count as a title on their own ("Pak Budi" has no title).
COURTESY = _words("bapak pak bpk ibu bu sdr sdri saudara saudari tuan nyonya nona mas mbak bang kak mr mrs ms miss mx")
# Regional and family forms of address, courtesy only when capitalised before a name ("Mbah Sarinah", "Abah Ujang",
# "Kang Asep"): several are everyday words in lower case ("teh", "om"), and none is an abbreviation.
REGIONAL_COURTESY = _words("mbah mbok abah ambu eyang kakek nenek cak ning bung om tante koh cik teh kang akang neng")
COURTESY_MALE = _words("bapak pak bpk sdr saudara tuan mas bang mr abah kakek cak bung om koh kang akang aa bli uda")
COURTESY_FEMALE = _words("ibu bu sdri saudari nyonya nona mbak mrs ms miss mbok ambu nenek ning tante cik teh neng uni")
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
    "brigpol brigadir briptu bripda bharada bharatu bharaka pol purn comr commr",
)
# Army corps written after an Indonesian rank ("Kolonel Inf.", "Letkol Czi"): abbreviations, part of the rank.
CORPS = _words("inf kav arh czi chb cpm ckm pnb psk")
# Words inside an English rank when capitalised: "Sgt. 1st Class", "Staff Sgt.". Not abbreviations: "the class."
RANK_PARTS = _words("1st 2nd 3rd class staff")
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
    "member councilmember keeper zookeeper administrator clerk engineer investigator coordinator supervisor",
    "trustee treasurer planner technician paramedic firefighter ranger dispatcher controller comptroller auditor",
    "quarterback pitcher goalkeeper midfielder defender linebacker receiver outfielder shortstop",
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
# Words a place's name follows: "warga Kampung Melayu" names a place, not a person called Melayu.
PLACE_INTRODUCERS = _words(
    "kota kabupaten kab provinsi prov kecamatan kec kelurahan kel desa dusun kampung jalan jl jln gang pasar stasiun",
    "bandara pelabuhan terminal komplek kompleks perumahan perum blok rt rw street avenue county city town village",
)
# Offices a person holds, for the title of a person introduced with a place in it: "Kepala Desa Budi".
OFFICES = _words(
    "kepala ketua wakil sekretaris direktur lurah camat kades bupati walikota wali gubernur kapolsek kapolres",
    "danramil babinsa mayor governor chief head director",
)
# "Kota" introduces a city ("Pemerintah Kota Cirebon") but also ends department names ("Dinas Pertamanan Kota"); a
# team role introduces a club ("kapten Persib Ruben Verhagen") but also stands before a two-word name ("Coach Widodo
# Harjanto"). After these, a place or club needs two name words still to follow.
WEAK_INTRODUCERS = _words("kota kab pelatih kapten manajer pemain kiper bek gelandang penyerang striker coach captain")
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
CONNECTORS = _words("of the for and dan dari bidang untuk urusan & on pada")
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
    "ketua kepala hakim jaksa wakil anggota komandan",
    # occupations that stand before a name or in an appositive: "pedagang sayur di Pasar Minggu", "a retired nurse"
    "pedagang petani nelayan sopir pengemudi buruh karyawan pegawai mahasiswa siswa pelajar pengusaha pemilik",
    "pengrajin penjual pembeli pengunjung penumpang pemudik pengungsi korban saksi relawan aktivis pendamping",
    "vendor shopkeeper fisherman commuter passenger survivor witness activist organizer protester retiree",
    "businessman businesswoman mother father administrator clerk engineer investigator coordinator supervisor",
    "keeper zookeeper istri suami wife husband widow janda quarterback pitcher goalkeeper midfielder defender",
    "trustee treasurer planner technician paramedic firefighter ranger dispatcher",
)
# Plural roles stand for a group, never one speaker: "Forecasters said", "Officials said", "Polisi mengatakan".
PLURAL_ROLES = _words(
    "officials residents analysts forecasters authorities experts critics officers investigators witnesses neighbors",
    "neighbours researchers scientists lawmakers voters doctors teachers students parents workers economists",
    "prosecutors organizers organisers protesters activists police polisi warga petugas riders commuters",
    "passengers drivers vendors merchants shoppers customers farmers nurses patients tenants landlords owners",
    "suppliers traders members supporters fans families victims survivors commissioners",
)
# English plural roles are plain plurals: "analysts at Brightwater wrote" is a group. Indonesian ones ("warga",
# "petugas") are one person as often as many, and stay unknown.
PLURAL_GROUPS = frozenset(word for word in PLURAL_ROLES if word.endswith("s"))
# Heads of descriptions that name an organisation, never a person: "the ministry said", "pihak kepolisian mengatakan".
ORG_HEADS = _words(
    "ministry department agency company firm government police military army court office group bank council",
    "committee commission union party board statement report university hospital embassy administration campaign",
    "team club organization organisation authority authorities regulator kementerian dinas pemerintah pemkot pihak",
    "zoo museum library school district distrik",
    "kepolisian lembaga perusahaan polisi instansi kantor badan division manajemen",
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
# Words that make a plural description a group the desk credits as such ("most street vendors", *sebagian warga*).
QUANTIFIERS = _words(
    "most many some several numerous few all kebanyakan sebagian sejumlah banyak beberapa para mayoritas seluruh",
    "semua segelintir puluhan ratusan ribuan dozens hundreds thousands",
)
# Pronouns that point back to a group that has just spoken: "…," kata mereka.
PRONOUNS_PLURAL = _words("mereka they")
# First words of an Indonesian name phrase, and last words of an English one, that make it a body speaking as such
# ("Pemkot Bogor menyatakan", "Polda Metro Jaya menyebutkan", "the Riverton Police Department said").
INSTITUTIONS = ORG_HEADS | _words(
    "pemprov pemda pemdes polda polres polresta polrestabes polsek polri kodam korem kodim kejari kejati kejagung",
    "kejaksaan pengadilan mahkamah kpk kpu bawaslu ojk bpbd bnpb bmkg basarnas bnn bps pln pdam dprd dpr mpr",
    "rsud rsup puskesmas bulog pertamina fraksi partai yayasan koperasi paguyuban asosiasi kemenkes kemendagri",
    "kemenkeu kemendikbud kemenag kemensos kemenhub kominfo direktorat sekretariat satpol damkar pt",
    "department ministry agency office company corporation corp inc service bureau council commission committee",
    "board court administration authority pentagon union association institute foundation district division",
    "manajemen perumda perseroda",
)
# What a rank written short stands for, so "the colonel" finds "Lt. Col. Jane Harris" and *jenderal bintang dua itu*
# finds "Irjen Karyoto".
RANK_MEANINGS = {
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "maj": "major",
    "capt": "captain",
    "cpt": "captain",
    "sgt": "sergeant",
    "cpl": "corporal",
    "adm": "admiral",
    "cmdr": "commander",
    "cdr": "commander",
    "det": "detective",
    "insp": "inspector",
    "supt": "superintendent",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "brig": "brigadier general",
    "jend": "jenderal",
    "letjen": "jenderal bintang tiga",
    "mayjen": "jenderal bintang dua",
    "brigjen": "jenderal bintang satu",
    "komjen": "jenderal bintang tiga",
    "irjen": "jenderal bintang dua",
    "kol": "kolonel perwira menengah",
    "kolonel": "perwira menengah",
    "letkol": "kolonel perwira menengah",
    "kombes": "perwira menengah",
    "akbp": "perwira menengah",
    "kompol": "perwira menengah",
    "akp": "perwira pertama",
    "iptu": "perwira pertama",
    "ipda": "perwira pertama",
}
# What an Indonesian office written short stands for, so "sang kades" finds the "Kepala Desa Tugu Utara" and "sang
# ketua dewan" the "Ketua DPRD".
OFFICE_MEANINGS = {
    "kades": "kepala desa",
    "kadis": "kepala dinas",
    "kabid": "kepala bidang",
    "kabag": "kepala bagian",
    "kasi": "kepala seksi",
    "kapolsek": "kepala polsek",
    "kapolres": "kepala polres",
    "kapolda": "kepala polda",
    "kajari": "kepala kejaksaan",
    "kakanwil": "kepala kantor wilayah",
    "sekda": "sekretaris daerah",
    "danrem": "komandan korem",
    "dandim": "komandan kodim",
    "pangdam": "panglima kodam",
    "dprd": "dewan",
    "dpr": "dewan",
    "wabup": "wakil bupati",
    "wawali": "wakil wali kota",
    "wagub": "wakil gubernur",
    "dirut": "direktur utama",
    "jubir": "juru bicara",
}
# Balinese birth-order and caste names: "I" and "Ni" before them open a name ("I Gede Ardana", "Ni Luh Made Sarini").
BALINESE_NAMES = _words("wayan made nyoman ketut gede putu kadek komang nengah luh gusti ayu agung")
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
# Words that give a nickname in quotes ('called "Bams" by reporters', 'akrab disapa "Abah"'): a name, not speech.
NAMING_WORDS = _words("called dubbed nicknamed named disapa dijuluki julukan sapaan panggilan dipanggil")
# Words after a speech verb that say a body spoke, not a person: "said in a statement", "dalam keterangan tertulis".
STATEMENT_WORDS = _words("statement release keterangan siaran rilis pernyataan")
# "called the financing 'a shell game'": speech in the narrative, never an attribution after a quote.
EN_NARRATIVE = _words("called calls described describes dubbed")
INTRO_VERBS = ID_INTRO | EN_VERBS | EN_NARRATIVE
# Indonesian speech words never start a name, even capitalised at the head of a sentence: "Ditambahkan Agus, …".
ID_SPEECH = ID_NYA | ID_ROOTS | ID_PASSIVE | ID_INTRO
# Words in a title that say a person holds it (an office, a rank, a courtesy form, an occupation), unlike the words
# of places, bodies and fields ("Golden State", "Kampung Melayu"): evidence that a name phrase names a person.
PERSON_WORDS = (
    OFFICES
    | RANKS
    | HONORIFICS
    | COURTESY
    | REGIONAL_COURTESY
    | (
        ROLE_LOWER
        - _words(
            "state city county company campaign party union police army military white house communications security",
            "health finance foreign defense defence policy senior general district council press",
        )
    )
    | _words(
        "presiden wapres menteri menko wamen gubernur wagub bupati wabup walikota wali wawali camat lurah kades sekda",
        "sekretaris sekjen asisten aspem kadis kabid kabag kasi kasie kasat kanit kapolsek kapolres kapolresta",
        "kapolrestabes kapolda kapolri dandim danrem pangdam panglima kajari kajati kakanwil dirut direktur komisaris",
        "pimpinan koordinator jubir juru pengacara advokat analis pelaksana plt plh pj penjabat pendiri pengasuh",
        "pembina penasihat pengurus babinsa bhabinkamtibmas senator mayor governor judge justice magistrate sheriff",
        "chancellor ceo cfo coo cto",
    )
)
