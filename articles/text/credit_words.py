"""The words photo credits are printed with, in Indonesian and English: labels, agencies, markers, name particles.

Kept apart from the parser (articles/text/credits.py) so the lists can grow without touching the rules. All lower case.
"""

from __future__ import annotations

# Label words, as a regular-expression alternation; longer forms first so "sumber foto" wins over "sumber".
LABELS = (
    r"sumber\s+foto|sumber\s+gambar|kredit\s+foto|pewarta\s+foto|photo\s+credits?|image\s+credits?"
    r"|photographs?|photographer|photos?|pictures?|pics?|images?|credits?|kredit|fotografer|foto|gambar"
    r"|sumber|source"
)
# Labels that read like prose ("photo by", "courtesy of", "dok."): they credit only at a sentence boundary.
WEAK_LABELS = (
    r"(?:(?:photos?|photographs?|photographed|pictures?|images?|foto|gambar)\s+(?:by|oleh)"
    r"|(?:(?:photo|image|picture|foto)\s+)?courtesy(?:\s+of)?|dokumentasi|dok\.|dok\b)"
)
# Label words a caption may print with no colon at all ("foto Dwi Arif"); they are everyday words too.
BARE_LABELS = frozenset({"foto", "photo"})

# Printed after a credit to say where a picture came from, not who took it.
MARKERS = frozenset({"released", "handout", "handout photo", "file", "file photo", "ho", "arsip", "dok.", "dok"})
# Printed alone, in brackets or after a full stop, in place of a name: "(Istimewa)" is Indonesian for "courtesy
# photo", "Ist." its short form.
SELF_CREDITS = frozenset({"istimewa", "ist", "ist."})
PHOTO_WORDS = frozenset({"photo", "photos", "foto", "picture", "pictures"})
# Small words inside names and organisation names.
CONNECTORS = frozenset(
    {"via", "and", "dan", "&", "of", "the", "for", "de", "da", "van", "von", "der", "den", "du", "la", "le"}
    | {"bin", "binti", "al", "el", "y", "dos", "del", "ibn"}
)
ABBREVIATIONS = frozenset(
    {"dr.", "jr.", "sr.", "st.", "lt.", "sgt.", "cpl.", "capt.", "col.", "gen.", "maj.", "prof.", "pvt.", "spc."}
    | {"adm.", "cmdr.", "hj.", "ir.", "drs.", "kol.", "co.", "inc.", "ltd.", "corp.", "no.", "mr.", "mrs.", "ms."}
)
KNOWN_AGENCIES = frozenset(
    {"reuters", "afp", "ap", "associated press", "getty images", "getty", "epa", "epa-efe", "efe", "xinhua"}
    | {"bloomberg", "anadolu", "anadolu agency", "nurphoto", "sopa images", "shutterstock", "istock", "alamy"}
    | {"istockphoto", "unsplash", "pexels", "pixabay", "freepik", "wikimedia commons", "aap", "pa", "kyodo"}
    | {"yonhap", "tass", "bernama", "nasa", "antara", "kompas", "kompas.com", "harian kompas", "tempo"}
    | {"tempo.co", "detik", "detikcom", "detik.com", "detikfoto", "tribunnews", "tribunnews.com", "kumparan"}
    | {"liputan6", "liputan6.com", "okezone", "suara.com", "merdeka.com", "cnn indonesia", "cnbc indonesia"}
    | {"republika", "jawa pos", "jawapos.com", "media indonesia", "bisnis", "bisnis.com", "kontan", "idn times"}
    | {"the jakarta post", "jakarta post", "beritasatu", "sindonews", "the white house", "white house"}
    | {"the new york times", "new york times", "the washington post", "the guardian", "bbc", "cnn", "al jazeera"}
)
