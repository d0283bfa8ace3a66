"""Speakers named in full: the story's discourse resolves every later reference to the person it introduced.

Pure tests: no database, no Django. Each case is one of issue 23's speaker misses, in Indonesian and in English:
short references to a person introduced in full, an unattributed quote after its speaker is introduced, Indonesian
passive and inverted attributions, appositives, and quantified groups and organisations that are no person.
"""

from __future__ import annotations

from articles.text.quotes import extract_quotes

LQ, RQ = "\u201c", "\u201d"


def said(*paragraphs: str, language: str) -> list[tuple[str | None, str, str]]:
    """(speaker, title, kind) of every quote of the story, in reading order."""
    return [(q.speaker, q.speaker_title, q.speaker_kind) for q in extract_quotes(list(paragraphs), "", language)]


# --- A person introduced in full, later named short -------------------------------------------------------------------
def test_surname_finds_a_person_introduced_without_speech_english():
    """ "Harris said" is the Lt. Col. Jane Harris the story introduced in the middle of a sentence."""
    assert said(
        "The Army said Lt. Col. Jane Harris would lead the recovery effort at the base.",
        f"{LQ}We will rebuild every hangar,{RQ} Harris said.",
        language="en",
    ) == [("Jane Harris", "Lt. Col.", "person")]


def test_short_form_finds_a_person_introduced_without_speech_indonesian():
    """ "kata Ardi" is the Kompol Ardiansyah Putra who led the work, introduced as the agent of a passive verb."""
    assert said(
        "Pemadaman dipimpin Kapolsek Tanah Abang Kompol Ardiansyah Putra bersama puluhan petugas, Minggu.",
        '"Api sudah padam sejak pukul lima pagi," kata Ardi.',
        language="id",
    ) == [("Ardiansyah Putra", "Kapolsek Tanah Abang Kompol", "person")]


def test_first_name_finds_the_person_introduced_mid_sentence_indonesian():
    """ "kata Ratna" after "hadir pula Kepala Dinas … Ratna Sari" is Ratna Sari with her title."""
    assert said(
        "Dalam kunjungan itu hadir pula Kepala Dinas Koperasi Kota Bogor Ratna Sari dan sejumlah camat.",
        '"Kami siapkan pelatihan bagi pedagang," kata Ratna.',
        language="id",
    ) == [("Ratna Sari", "Kepala Dinas Koperasi Kota Bogor", "person")]


def test_role_noun_finds_the_person_with_that_rank_english():
    """ "the colonel" is the person introduced as "Lt. Col.", though a sergeant spoke in between."""
    assert said(
        "The recovery is led by Lt. Col. Jane Harris, who arrived on Monday.",
        f"{LQ}Two trucks are gone,{RQ} said Sgt. Omar Diaz.",
        f"{LQ}We will be back within a week,{RQ} the colonel said.",
        language="en",
    ) == [("Omar Diaz", "Sgt.", "person"), ("Jane Harris", "Lt. Col.", "person")]


def test_role_noun_finds_the_person_with_that_office_indonesian():
    """ "sang kepala dinas" is the head of the office introduced before, though a resident spoke in between."""
    assert said(
        "Kepala Dinas Kesehatan Kota Depok Mary Liza meninjau puskesmas Beji, Selasa.",
        '"Antrean sejak subuh," kata Wati, warga Beji.',
        '"Stok vaksin cukup sampai akhir bulan," kata sang kepala dinas.',
        language="id",
    ) == [("Wati", "warga Beji", "person"), ("Mary Liza", "Kepala Dinas Kesehatan Kota Depok", "person")]


# --- The speaker of an unattributed quote -----------------------------------------------------------------------------
def test_unattributed_quote_after_its_speaker_is_introduced_english():
    """A quote with no verb belongs to the person the sentence before it introduced."""
    assert said(
        "The recovery is led by Lt. Col. Jane Harris, commander of the 3rd Battalion.",
        f"{LQ}We will be back on our feet within a week.{RQ}",
        language="en",
    ) == [("Jane Harris", "commander of the 3rd Battalion", "person")]


def test_unattributed_quote_after_its_speaker_is_introduced_indonesian():
    """ "… hadir pula Kepala Dinas … Ratna Sari. "Kami siapkan …"": Ratna Sari says it."""
    assert said(
        'Dalam kunjungan itu hadir pula Kepala Dinas Koperasi Kota Bogor Ratna Sari. "Kami siapkan pelatihan bagi '
        'pedagang kecil di pasar ini."',
        language="id",
    ) == [("Ratna Sari", "Kepala Dinas Koperasi Kota Bogor", "person")]


def test_unattributed_quote_after_an_appositive_introduction_english():
    """ "Tom Reyes, a resident of Millbrook, watched …" then a bare quote: Reyes, described as printed."""
    assert said(
        "Tom Reyes, a resident of Millbrook, watched the river rise from his porch.",
        f"{LQ}I have nothing left.{RQ}",
        language="en",
    ) == [("Tom Reyes", "a resident of Millbrook", "person")]


# --- Indonesian passive and inverted attributions ---------------------------------------------------------------------
def test_passive_attribution_opening_a_sentence_is_not_part_of_the_name():
    """ "Ditambahkan Agus, …" and "Dikatakan Rina, …" name Agus and Rina, not "Ditambahkan Agus"."""
    assert said(
        '"Kami akan menambah armada," ujar Kepala Dinas Perhubungan Kota Bogor Agus Setiawan.',
        'Ditambahkan Agus, armada baru tiba bulan depan. "Sudah dipesan sejak Januari."',
        "Kepala Bidang Lalu Lintas Rina Marlina juga meninjau terminal.",
        'Dikatakan Rina, jalur akan dialihkan. "Mohon warga bersabar."',
        language="id",
    ) == [
        ("Agus Setiawan", "Kepala Dinas Perhubungan Kota Bogor", "person"),
        ("Agus Setiawan", "Kepala Dinas Perhubungan Kota Bogor", "person"),
        ("Rina Marlina", "Kepala Bidang Lalu Lintas", "person"),
    ]


def test_passive_attribution_after_a_quote():
    """'"…," ditambahkan X' and '"…," dikatakan X' name X with the title as printed."""
    assert (
        said(
            '"Armada baru tiba bulan depan," ditambahkan Kepala Dinas Perhubungan Agus Setiawan.',
            '"Tarifnya tidak naik," dikatakan Agus.',
            language="id",
        )
        == [("Agus Setiawan", "Kepala Dinas Perhubungan", "person")] * 2
    )


# --- Appositives ------------------------------------------------------------------------------------------------------
def test_appositive_gives_the_person_not_the_place():
    """ "X, warga Y" and "X, a resident of Y" give X, with the description as the title."""
    assert said(
        '"Air naik cepat sekali," kata Suryani, warga Kelurahan Cikini.',
        'Budi Hartono, warga Kelurahan Kampung Melayu, hanya bisa pasrah. "Sudah biasa banjir begini."',
        language="id",
    ) == [
        ("Suryani", "warga Kelurahan Cikini", "person"),
        ("Budi Hartono", "warga Kelurahan Kampung Melayu", "person"),
    ]
    assert said(
        f"{LQ}The water came up so fast,{RQ} said Carol Ngata, a resident of Eastwood.",
        f"Tom Reyes, a resident of Millbrook, said he lost everything. {LQ}I have nothing left,{RQ} Reyes said.",
        language="en",
    ) == [("Carol Ngata", "a resident of Eastwood", "person"), ("Tom Reyes", "a resident of Millbrook", "person")]


# --- Groups and organisations are no person ---------------------------------------------------------------------------
def test_quantified_groups_are_a_group_english():
    assert said(
        f"{LQ}Business is down by half,{RQ} most street vendors said.",
        f"Many residents said, {LQ}We were never warned about the water.{RQ}",
        language="en",
    ) == [(None, "", "group"), (None, "", "group")]


def test_quantified_groups_are_a_group_indonesian():
    assert said(
        'Kebanyakan pedagang mengaku, "Pembeli sepi sejak harga naik."',
        '"Kami tidak pernah diberi tahu," kata sebagian warga.',
        'Sejumlah pengemudi ojek mengeluhkan hal yang sama. "Penumpang turun drastis," kata mereka.',
        language="id",
    ) == [(None, "", "group"), (None, "", "group"), (None, "", "group")]


def test_organisations_speak_as_such_english():
    assert said(
        f"The department said in a statement, {LQ}The roads will reopen on Friday.{RQ}",
        f"{LQ}We are reviewing the footage,{RQ} the Riverton Police Department said.",
        language="en",
    ) == [(None, "", "organisation"), (None, "", "organisation")]


def test_organisations_speak_as_such_indonesian():
    assert (
        said(
            'Pemkot Bogor dalam keterangan tertulisnya menyatakan, "Pasar akan dibuka kembali pekan depan."',
            '"Situasi sudah terkendali," kata Polda Metro Jaya dalam keterangannya.',
            'Pihak kepolisian menyebutkan, "Pelaku masih diburu."',
            language="id",
        )
        == [(None, "", "organisation")] * 3
    )


def test_an_anonymous_person_is_neither_group_nor_organisation():
    """ "a spokesman said", "seorang warga": unknown, not a group."""
    assert said(f"{LQ}We have no comment,{RQ} a spokesman said.", language="en") == [(None, "", "")]
    assert said('"Saya takut," kata seorang warga yang enggan disebut namanya.', language="id") == [(None, "", "")]


# --- Names, titles and ranks as the labelled stories print them -------------------------------------------------------
def test_balinese_names_keep_their_i_and_ni():
    """ "I Made …" and "Ni Luh …" are whole names: "I" is not the English pronoun here."""
    assert said(
        "Kuta Police Chief Kompol I Made Sudarsa said two suspects were arrested.",
        f"{LQ}We found the bikes in a rented house,{RQ} said Sudarsa.",
        f"{LQ}Report to us in English,{RQ} explained Head of Public Relations of the Bali Police Ni Luh Ayu Lestari.",
        language="en",
    ) == [
        ("I Made Sudarsa", "Kuta Police Chief", "person"),
        ("Ni Luh Ayu Lestari", "Head of Public Relations of the Bali Police", "person"),
    ]


def test_compound_titles_corps_and_military_classes_stay_out_of_the_name():
    assert said(
        f"Boone County Judge-Executive Ana Whitlow opened two shelters. {LQ}Bring your pets,{RQ} Whitlow said.",
        f"Sgt. 1st Class Leo Park guided the trucks. {LQ}Keep it slow,{RQ} Park said.",
        language="en",
    ) == [("Ana Whitlow", "Boone County Judge-Executive", "person"), ("Leo Park", "Sgt. 1st Class", "person")]
    assert (
        said(
            '"Kami bangun jalan bersama warga," kata Dandim 0601 Letkol Inf. Bayu Aji Pratama.',
            '"Jalan ini milik warga," kata Letkol Inf. Bayu.',
            language="id",
        )
        == [("Bayu Aji Pratama", "Dandim 0601 Letkol Inf.", "person")] * 2
    )


def test_possessive_before_a_name_and_a_demonym_after():
    """ "Kenya's Ruth Chebet" is Ruth Chebet; "the Kenyan said" is the person who has the floor."""
    assert said(
        "Kenya's Ruth Chebet won by a second.",
        f"Chebet thanked her coach. {LQ}I knew I had it at the last turn,{RQ} the Kenyan said.",
        language="en",
    ) == [("Ruth Chebet", "Kenya's", "person")]


def test_shared_surname_is_told_apart_by_title():
    """ "Judge Brandt" is the judge, not the court administrator of the same surname quoted since."""
    assert said(
        "Presiding Judge Harold Brandt opened the program.",
        f"Court Administrator Lisa Brandt said it would run a year. {LQ}We will report the numbers,{RQ} she said.",
        f"Judge Brandt said he would review it. {LQ}If it fails, we will say so,{RQ} he said.",
        language="en",
    ) == [("Lisa Brandt", "Court Administrator", "person"), ("Harold Brandt", "Presiding Judge", "person")]


def test_any_verb_ending_the_sentence_after_a_named_speaker():
    """'"…," Delgado shot back.' is Delgado's, whatever the verb."""
    assert said(
        "Mayor Tom Hale and council member Rosa Delgado argued about fares.",
        f"{LQ}That helps, but only if people know it exists,{RQ} Delgado shot back.",
        language="en",
    ) == [("Rosa Delgado", "council member", "person")]


def test_a_body_speaking_in_a_statement_is_an_organisation_unless_a_person_is_known_by_that_name():
    assert said(
        'Shares of Korvan fell. Korvan said in a statement that "demand has been weaker than we hoped."',
        f"Chief Executive Officer Daniel Reyes spoke later. Reyes said in a statement, {LQ}I own this.{RQ}",
        language="en",
    ) == [(None, "", "organisation"), ("Daniel Reyes", "Chief Executive Officer", "person")]


def test_plural_roles_are_groups():
    assert (
        said(
            f"{LQ}Suppliers are the canary in the coal mine,{RQ} analysts at Northgate Capital wrote.",
            f"{LQ}Nobody asked us,{RQ} said several riders waiting for the bus.",
            f"Most riders interviewed at the station on Friday said they had not heard. {LQ}It is too much.{RQ}",
            language="en",
        )
        == [(None, "", "group")] * 3
    )
    assert said(
        'Kebanyakan pedagang yang ditemui di pasar mengaku, "Pembeli sekarang cuma beli seperempat kilo."',
        language="id",
    ) == [(None, "", "group")]


def test_a_nickname_in_quotes_is_no_quote_and_names_the_person():
    """'familiarly called "Bowo"' is a name for the officer just quoted; "Bowo emphasized" is him."""
    assert (
        said(
            f"{LQ}We will place officers at every station,{RQ} said traffic director Sr. Comr. Agus Wibowo.",
            'The officer, who is familiarly called "Bowo" by reporters, added that tickets would follow. '
            f"{LQ}No exceptions,{RQ} Bowo emphasized.",
            language="en",
        )
        == [("Agus Wibowo", "traffic director", "person")] * 2
    )


def test_indonesian_office_then_name_after_the_verb_and_described_speakers():
    assert said(
        '"Operasi pasar kami gelar di sepuluh titik," jelas Kepala Bidang Stabilisasi Harga, Ratna Komalasari.',
        language="id",
    ) == [("Ratna Komalasari", "Kepala Bidang Stabilisasi Harga", "person")]
    assert said(
        "Seorang penumpang asal Bojonggede, Sari Wulandari (29), mengaku masih berdiri.",
        '"Kereta tetap penuh," ujar karyawati itu.',
        language="id",
    ) == [("Sari Wulandari", "penumpang asal Bojonggede", "person")]


def test_regional_forms_of_address_are_not_the_name():
    assert said('"Tangan saya sudah gemetar," kata Mbah Sarijem.', language="id") == [("Sarijem", "", "person")]


def test_a_lower_case_honorific_after_the_verb_opens_the_name():
    assert said('"Jangan malu periksa," kata dr. Ratna Kusuma.', language="id") == [("Ratna Kusuma", "", "person")]


def test_office_written_short_finds_the_person_with_that_office():
    """ "sang kades" is the Kepala Desa; "sang ketua dewan" the Ketua DPRD, not the party whip quoted since."""
    assert said(
        "Kepala Desa Sukamaju Dedi Suherman dan Kepala BPBD Adam Hamdani meninjau lokasi.",
        '"Kami sudah kirim kajian," kata Adam.',
        '"Kajiannya sudah ada sejak lama," timpal sang kades.',
        language="id",
    ) == [("Adam Hamdani", "Kepala BPBD", "person"), ("Dedi Suherman", "Kepala Desa Sukamaju", "person")]


def test_team_roles_before_a_club_and_before_a_name():
    """ "kapten Persib Ruben Verhagen" names the club; "Coach Widodo Harjanto" does not."""
    assert said(
        'Di kubu tamu, kapten Persib Ruben Verhagen memuji suporter. "Poin ini untuk mereka," ujarnya.',
        language="id",
    ) == [("Ruben Verhagen", "kapten Persib", "person")]
    assert said(
        '"Anak-anak bermain bagus," kata Coach Widodo Harjanto.',
        language="id",
    ) == [("Widodo Harjanto", "Coach", "person")]


def test_a_person_opening_the_sentence_keeps_it_past_a_vague_verb():
    """ "Yusuf tampak menangis dan tidak banyak berkomentar" is still Yusuf's sentence; "ucapnya" is him."""
    assert said(
        "Terdakwa Yusuf Permana mendengarkan putusan.",
        '"Sidang ditunda," kata hakim ketua Bambang Sudrajat.',
        'Usai sidang, Yusuf tampak menangis dan tidak banyak berkomentar. "Saya serahkan ke pengacara," ucapnya.',
        language="id",
    ) == [("Bambang Sudrajat", "hakim ketua", "person"), ("Yusuf Permana", "Terdakwa", "person")]


def test_a_surname_two_people_share_means_the_one_the_story_calls_by_it():
    """The director is "Grant" from the start; the keeper of the same surname is "Alisha" once introduced."""
    assert said(
        "Zoo director Marcus Grant announced the birth. Grant said the calf was healthy.",
        f"Keeper Alisha Grant watched the calf overnight. {LQ}She walked in like she owned the place,{RQ} Alisha said.",
        f"{LQ}We are in no hurry to put her on display,{RQ} Grant said.",
        language="en",
    ) == [("Alisha Grant", "Keeper", "person"), ("Marcus Grant", "Zoo director", "person")]


def test_a_nickname_in_quotes_inside_a_name_is_left_out_of_it():
    assert (
        said(
            f"{LQ}We wanted the families back,{RQ} said Margaret {LQ}Peg{RQ} Lindqvist, president of the Fair Board.",
            f"{LQ}If the kids come, the parents come,{RQ} Lindqvist said.",
            language="en",
        )
        == [("Margaret Lindqvist", "president of the Fair Board", "person")] * 2
    )


def test_a_body_named_after_a_place_speaking_in_a_statement_is_an_organisation():
    assert said(
        'Distrik Navigasi Kelas III Tanjung Pandan dalam keterangan tertulisnya menyebutkan, "Menara tetap dijaga."',
        language="id",
    ) == [(None, "", "organisation")]


def test_a_title_running_over_two_bodies_joined_by_pada():
    assert said(
        '"Hari ini kami layani seribu wajib pajak," jelas Kepala Unit Pelaksana Teknis Daerah (UPTD) Pengelolaan '
        "Pendapatan Daerah Kota Serang pada Badan Pendapatan Daerah (Bapenda) Provinsi Banten, Hendra Gunawan, "
        "S.E., M.Si., saat ditemui.",
        language="id",
    ) == [
        (
            "Hendra Gunawan",
            "Kepala Unit Pelaksana Teknis Daerah (UPTD) Pengelolaan Pendapatan Daerah Kota Serang pada Badan "
            "Pendapatan Daerah (Bapenda) Provinsi Banten",
            "person",
        )
    ]


# --- Titles as printed ------------------------------------------------------------------------------------------------
def test_an_age_between_the_name_and_the_description_is_skipped():
    assert said(
        f"Jorge Ruiz, 48, a crane operator at Pier 5, said he was not against machines. {LQ}Train it yourself,{RQ} "
        "Ruiz said.",
        language="en",
    ) == [("Jorge Ruiz", "a crane operator at Pier 5", "person")]


def test_a_description_ends_where_a_relative_clause_begins():
    assert said(
        f"{LQ}My son was in hospital for a week,{RQ} said Budi Hartanto, a resident of Cempaka Putih whose son "
        "fell ill.",
        f"{LQ}It was a hard call,{RQ} said Ruth Bell, the port's harbor master and no relation to the mayor.",
        language="en",
    ) == [
        ("Budi Hartanto", "a resident of Cempaka Putih", "person"),
        ("Ruth Bell", "the port's harbor master", "person"),
    ]


def test_an_english_office_before_a_rank_and_name_is_the_title_without_the_rank():
    """English copy prints "KYEM Director Col. Ray Tuttle": the desk keeps the office; a rank alone stays."""
    assert said(
        f"KYEM Director Col. Ray Tuttle said crews were ready. {LQ}We have boats in every county,{RQ} Tuttle said.",
        f"Mayor Denise Hall on Tuesday said the budget was balanced. {LQ}No cuts,{RQ} Hall said.",
        f"{LQ}Keep it slow,{RQ} said Sgt. Omar Diaz.",
        language="en",
    ) == [
        ("Ray Tuttle", "KYEM Director", "person"),
        ("Denise Hall", "Mayor", "person"),
        ("Omar Diaz", "Sgt.", "person"),
    ]


def test_that_was_how_names_who_said_the_quote():
    """'"…" — that was how one senior aide summed up the mood': an anonymous aide, not whoever spoke before."""
    assert said(
        f"{LQ}Why are we doing this again?{RQ} Sen. Curtis Vale asked.",
        f"{LQ}Nobody is happy with this, but it beats a shutdown{RQ} \u2014 that was how one senior aide summed up "
        "the mood.",
        language="en",
    ) == [("Curtis Vale", "Sen.", "person"), (None, "", "")]


def test_a_description_with_no_relation_to_someone_else_is_not_their_role():
    """ "the harbor master and no relation to the union president": "the union president" is someone else."""
    assert (
        said(
            f"{LQ}We said no,{RQ} said Dale Brennan, president of Harbor Workers Union Local 19.",
            "Capt. Ruth Brennan, the port's harbor master and no relation to the union president, said ships wait.",
            f"{LQ}We will stay out,{RQ} the union president told reporters.",
            language="en",
        )
        == [("Dale Brennan", "president of Harbor Workers Union Local 19", "person")] * 2
    )


def test_english_words_that_are_ranks_stay_in_an_office():
    assert said(
        f"Attorney General Mark Hensley filed suit. {LQ}We will win,{RQ} Hensley said.",
        language="en",
    ) == [("Mark Hensley", "Attorney General", "person")]


def test_an_indefinite_article_is_not_part_of_an_indonesian_title():
    assert said(
        '"Rumah saya retak," kata seorang warga Desa Cugenang, Asep Saepudin.',
        language="id",
    ) == [("Asep Saepudin", "warga Desa Cugenang", "person")]


def test_places_and_teams_named_before_a_quote_do_not_say_it():
    """Two capitalised words are not a person's introduction: "near Paradise Valley", "the Golden State Warriors"."""
    assert said(
        f"Firefighters battled the blaze near Paradise Valley on Monday. {LQ}It moved faster than anything.{RQ}",
        language="en",
    ) == [(None, "", "")]
    assert said(
        f"The Golden State Warriors beat the Boston Celtics 112-104. {LQ}We just kept shooting the ball.{RQ}",
        language="en",
    ) == [(None, "", "")]
    assert said(
        'Banjir merendam Kampung Melayu dan Bidara Cina sejak Senin. "Air naik cepat sekali, kami tidak sempat '
        'menyelamatkan barang."',
        language="id",
    ) == [(None, "", "")]


def test_a_quantifier_opening_a_sentence_is_no_group_when_a_person_says_it():
    assert said(
        f"Most of the damage was in the east end, Mayor Linda Chen said. {LQ}We will rebuild it.{RQ}",
        language="en",
    ) == [("Linda Chen", "Mayor", "person")]


def test_a_rank_is_followed_by_a_name_not_a_place():
    assert said('"Kami akan tindak tegas," kata Kapolres Bogor AKBP Rio Wahyu Anggoro.', language="id") == [
        ("Rio Wahyu Anggoro", "Kapolres Bogor AKBP", "person")
    ]


def test_a_street_is_a_place_not_the_speaker_of_a_group():
    assert said(
        'Kebanyakan pedagang di sepanjang Jalan Tuparev mengaku omzet turun. "Pembeli malas mampir," ujar mereka.',
        language="id",
    ) == [(None, "", "group")]


def test_a_sports_position_is_a_title():
    assert said(f"Quarterback Pat Mahon agreed. {LQ}We played as a team,{RQ} Mahon said.", language="en") == [
        ("Pat Mahon", "Quarterback", "person")
    ]
