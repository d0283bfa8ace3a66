"""Suggest what kind of voice a source is (and, for the state's voices, at which level) from the title and the
organisation a story gave them, in Indonesian or English.

``suggest_kind(title, organisation)`` returns a ``KindSuggestion``: a ``SourceType`` code, a ``SourceLevel`` code and
the words that decided them. It is only a suggestion: an editor confirms it (articles/admin/sources.py), and a kind
is never guessed from nothing — a bare role ("juru bicara", "spokesperson"), a name or a place alone suggest no kind.

How it reads: the title, then the organisation, each cut to ``MAX_CHARS``, are split into words; at each word the
longest known phrase of up to ``MAX_PHRASE`` words starting there is taken (so "ahli muda", a civil-service grade, is
read before "ahli", an expert, and "mayor inf" — the army rank — before the English "mayor"). Each phrase names a kind,
a level, or both. Time is linear in the text: at most ``MAX_PHRASE`` dictionary lookups per word.

When several kinds are named the first in ``KINDS`` wins: the state's own voices (police or military, lawmakers,
government), then civil society above experts (a researcher at ICW speaks for ICW), experts above business (an
economist at a bank speaks as an economist), business, citizens, other. The level is the first level word in the
title then the organisation ("Kapolres Bogor, Polda Jawa Barat" is a city's police chief), and only for the kinds in
``LEVELLED``.

Decisions: the head of an RT or RW (Ketua RT/RW) is civil society — RT and RW are residents' associations under the
kelurahan, their heads elected by neighbours and not civil servants. Satpol PP is the regional government's own
public-order service, so government, not police. A Korem (between a Kodim and a Kodam, within one province) counts
as province level. "Komisi" is a lawmakers' commission only with its letter or number ("Komisi III", "Komisi B"):
alone it is as often the KPK or the KPU.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KINDS", "LEVELLED", "LEVELS", "KindSuggestion", "suggest_kind"]

# The order is the priority when a title names several kinds (see above).
KINDS = ("security", "lawmaker", "government", "civil_society", "expert", "business", "citizen", "other")
LEVELS = ("city", "province", "national", "international")
LEVELLED = frozenset({"government", "lawmaker", "security"})
MAX_CHARS = 300  # a title is at most 255 characters, an organisation 160: anything longer is not a title
MAX_PHRASE = 4

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class KindSuggestion:
    """A suggested kind (a SourceType code, "" when nothing is clear), level (a SourceLevel code or "") and the words
    that decided them, as printed, e.g. '“Kasatreskrim”, “Polres”'."""

    source_type: str = ""
    level: str = ""
    reason: str = ""


# (kind, level) → phrases separated by "|", each lower case, its words as the tokenizer splits them ("u s" for U.S.).
# A kind of "" is a place word (a level only); a kind and level of "" is a phrase that means nothing here but keeps
# its words from being read alone ("vice president" is no head of state).
_TABLE: dict[tuple[str, str], str] = {
    # --- Police and military -------------------------------------------------------------------------------------
    ("security", ""): """
        polri | polisi | kepolisian | tni | kasatreskrim | kasat reskrim | kasat lantas | kasatlantas |
        kanit reskrim | kanit | akbp | kompol | akp | iptu | ipda | aiptu | aipda | bripka | brigpol | briptu | bripda |
        kombes | kombes pol | irjen | irjen pol | brigjen | brigjen pol | brigjen tni | mayjen | letjen | jenderal |
        kolonel | letkol | kapten | letnan | serka | sertu | serma | pelda | peltu | praka | pratu | kopda | koptu |
        mayor inf | mayor czi | mayor arh | mayor kav | mayor cpl | mayor laut | mayor pnb | mayor tni | mayor marinir |
        komandan | danlanud | danlantamal | danyon | brimob | densus | densus 88 |
        police | police officer | police chief | chief of police | police spokesperson | police commissioner |
        sheriff s office | officer | detective | trooper | sgt | sergeant | lt | lieutenant | col | colonel |
        lt col | maj | major general | maj gen | brig gen | lt gen | gen | commander | military | troops |
        marine | marines""",
    ("security", "city"): """
        polres | kapolres | polresta | polrestabes | kapolresta | kapolrestabes | polsek | kapolsek | kodim | dandim |
        koramil | danramil | police department | sheriff | county sheriff | deputy sheriff""",
    ("security", "province"): """
        polda | kapolda | kabid humas polda | korem | danrem | kodam | pangdam | state police | state trooper |
        national guard""",
    ("security", "national"): """
        mabes polri | kapolri | mabes tni | panglima tni | kasad | kasal | kasau | bareskrim | army | u s army |
        navy | air force | marine corps | pentagon | fbi""",
    # --- Lawmakers -----------------------------------------------------------------------------------------------
    ("lawmaker", ""): """
        dprd | anggota dewan | legislator | legislatif | fraksi | lawmaker | legislature | assemblyman |
        assemblywoman | assembly member | state legislator""",
    ("lawmaker", "city"): """
        dprd kota | dprd kabupaten | council member | councilmember | councilman | councilwoman | city council |
        city councilor | alderman | alderwoman | county board""",
    ("lawmaker", "province"): """
        dprd provinsi | state senator | state representative | state rep | state assembly | state legislature""",
    ("lawmaker", "national"): """
        dpr | dpr ri | dpd | dpd ri | mpr | senator | sen | senate | congressman | congresswoman | congress |
        representative | rep | house of representatives""",
    # --- Government ----------------------------------------------------------------------------------------------
    ("government", ""): """
        pemerintah | pemerintahan | pemda | sekretariat | suku dinas | sudin |
        pemerintah daerah | dinas | dinkes | dishub | disdik | diskominfo |
        dukcapil | kepala badan | badan | bpbd | rsud | puskesmas | asn | pns | aparatur sipil negara |
        analis kebijakan | ahli muda | ahli madya | ahli pertama | ahli utama | staf ahli | staf khusus | satpol pp |
        sekda | sekretaris daerah | kpu | bawaslu | ombudsman | official | government | commissioner |
        spokesperson for the government | health department | transportation department | fire department |
        public works | department director | agency | jaksa | kejaksaan | hakim | pengadilan | judge | prosecutor |
        district attorney""",
    ("government", "city"): """
        pemkot | pemkab | pemerintah kota | pemerintah kabupaten | wali kota | walikota | wawali | wakil wali kota |
        bupati | wakil bupati | camat | lurah | kepala desa | kades | sekretaris kelurahan | sekretaris kecamatan |
        sekretaris desa | sekko | sekretaris kota | mayor | deputy mayor | city manager | county commissioner |
        county executive | city official | county official | city s | county s | spokesperson for the city |
        spokesman for the city | spokeswoman for the city | spokesperson for the county""",
    ("government", "province"): """
        pemprov | pemerintah provinsi | gubernur | wakil gubernur | wagub | governor | lieutenant governor |
        state official | state s | governor s office""",
    ("government", "national"): """
        kementerian | kementrian | menteri | wakil menteri | wamen | menko | presiden | wakil presiden | istana |
        kemenkes | kemendikbud | kemendikbudristek | kemenhub | kemenkeu | kemendagri | kemenag | kemensos |
        kemenaker | kemenpupr | kementan | kemenlu | kemenkumham | kemenparekraf | bappenas | bnpb | bps | bmkg |
        bpom | basarnas | kpk | komisi pemberantasan korupsi | komnas ham | white house |
        minister | ministry | secretary of | state department | department of state | u s department |
        federal official | federal government | federal agency | epa | fema | cdc | direktur jenderal | dirjen |
        jaksa agung | kejagung | attorney general""",
    ("government", "international"): """
        pbb | perserikatan bangsa bangsa | united nations | un agency | unicef | unesco | unhcr | world bank |
        bank dunia | imf | dana moneter internasional | world health organization | organisasi kesehatan dunia |
        asean | european union | uni eropa""",
    # --- Civil society, experts, business, citizens, other ---------------------------------------------------------
    ("civil_society", ""): """
        lsm | lmk | kader | relawan | volunteer |
        yayasan | paguyuban | komunitas | serikat | serikat pekerja | aktivis | koordinator | koalisi | ormas |
        icw | indonesia corruption watch | walhi | kontras | ylbhi | lbh | lembaga bantuan hukum | ylki | rt | rw |
        ketua rt | ketua rw | ustaz | ustadz | kiai | pendeta | pastor | romo | imam | nahdlatul ulama | pbnu |
        muhammadiyah | ngo | nonprofit | non profit | advocate | advocacy | activist | union | union president |
        organizer | coalition | foundation | charity | church | mosque | rabbi | reverend | pta |
        parent teacher association""",
    ("expert", ""): """
        pengamat | peneliti | dosen | guru besar | profesor | prof | ahli | pakar | ekonom | epidemiolog |
        sosiolog | psikolog | kriminolog | analis | akademisi | rektor | dekan | universitas | institut |
        sekolah tinggi | politeknik | professor | researcher | research fellow | analyst | economist | scientist |
        epidemiologist | expert | scholar | lecturer | ph d | phd | university | institute | institution |
        college | dean | think tank""",
    ("business", ""): """
        direktur utama | dirut | presiden direktur | pengusaha | pemilik | manajer | komisaris | perusahaan | pt |
        tbk | kadin | apindo | ceo | chief executive | chief executive officer | owner | manager | general manager |
        founder | co founder | executive | inc | ltd | llc | corp | company | businessman | businesswoman |
        chief financial officer | chief operating officer | chief technology officer | company president |
        entrepreneur | sales representative""",
    ("citizen", ""): """
        warga | penduduk | pedagang | pengemudi | pengemudi ojek | ojol | sopir | orang tua siswa | orang tua murid |
        ibu rumah tangga | mahasiswa | mahasiswi |
        siswa | siswi | pelajar | petani | nelayan | buruh | penumpang | pengunjung | pembeli |
        korban | resident | residents | parent | parents | mother of | father of | commuter | vendor | shopper |
        passenger | driver | farmer | student | homeowner | tenant | voter | visitor""",
    ("other", ""): """
        atlet | pelatih | artis | penyanyi | aktor | aktris | selebritas | influencer | athlete | coach | singer |
        actor | actress""",
    # --- Places: a level only ---------------------------------------------------------------------------------------
    ("", "city"): """
        kota | kabupaten | kab | kecamatan | kelurahan | desa | jakarta pusat | jakarta utara | jakarta barat |
        jakarta selatan | jakarta timur | city | county | town | village | municipal | borough""",
    ("", "province"): """
        provinsi | dki | diy | metro jaya | aceh | sumatera utara | sumatera barat | sumatera selatan | riau |
        kepulauan riau | jambi | bengkulu | lampung | bangka belitung | banten | jawa barat | jawa tengah |
        jawa timur | di yogyakarta | bali | nusa tenggara barat | nusa tenggara timur | ntb | ntt |
        kalimantan barat | kalimantan tengah | kalimantan selatan | kalimantan timur | kalimantan utara |
        sulawesi utara | sulawesi tengah | sulawesi selatan | sulawesi tenggara | sulawesi barat | gorontalo |
        maluku | maluku utara | papua | papua barat | state | province | provincial""",
    ("", "national"): """
        nasional | republik indonesia | ri | pusat | national | federal | u s | nation s""",
    ("", "international"): """internasional | international""",
    # --- Words that mean nothing here, read together so their parts are not read alone -----------------------------
    ("", ""): """
        vice president | president of | representative of | juru bicara | direktur eksekutif | officer of |
        state university | city university | national university | kota baru | sekretaris jenderal | sekjen""",
}


def _build_table() -> dict[tuple[str, ...], tuple[str, str]]:
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for meaning, phrases in _TABLE.items():
        for phrase in phrases.split("|"):
            words = tuple(phrase.split())
            if not words:
                continue
            assert len(words) <= MAX_PHRASE and words not in table, phrase  # each phrase has one meaning
            table[words] = meaning
    # A lawmakers' commission is "Komisi" with its letter or number; alone it may be the KPK or the KPU.
    for code in [*"abcde", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"]:
        table.setdefault(("komisi", code), ("lawmaker", ""))
    for number in range(1, 14):
        table.setdefault(("komisi", str(number)), ("lawmaker", ""))
    return table


PHRASES = _build_table()


@dataclass(frozen=True)
class _Match:
    kind: str
    level: str
    printed: str


def _matches(text: str) -> list[_Match]:
    text = text[:MAX_CHARS]
    spans = [(found.group(), found.start(), found.end()) for found in _WORD.finditer(text)]
    words = [word.casefold() for word, _, _ in spans]
    found, at = [], 0
    while at < len(words):
        for length in range(min(MAX_PHRASE, len(words) - at), 0, -1):
            meaning = PHRASES.get(tuple(words[at : at + length]))
            if meaning is not None:
                kind, level = meaning
                if kind or level:
                    found.append(_Match(kind, level, text[spans[at][1] : spans[at + length - 1][2]]))
                at += length
                break
        else:
            at += 1
    return found


def suggest_kind(title: str, organisation: str = "") -> KindSuggestion:
    """The kind of voice (and level) the title and organisation suggest; an empty suggestion when nothing is clear."""
    matches = _matches(title or "") + _matches(organisation or "")
    ranked = [match for match in matches if match.kind]
    if not ranked:
        return KindSuggestion()
    decided = min(ranked, key=lambda match: KINDS.index(match.kind))
    reason = [decided.printed]
    level = ""
    if decided.kind in LEVELLED:
        by_level = next((match for match in matches if match.level), None)
        if by_level is not None:
            level = by_level.level
            if by_level is not decided:
                reason.append(by_level.printed)
    return KindSuggestion(decided.kind, level, ", ".join(f"“{words}”" for words in reason))
