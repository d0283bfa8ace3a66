"""Which agency a photo comes from, read from its credit or the file's IPTC Source, and what that means for its rights.

A credit names an agency in many ways — “PAUL SANCYA/AP”, “AP Photo/Paul Sancya”, “ANTARA FOTO/Budi Santoso”,
“U.S Navy”, “Corbis” — so each slash-separated part of the credit (and the Source as a whole) is compared with the
agency's name, its name in credits and its aliases, folded: case, accents and punctuation ignored, a trailing
“Photo”/“Foto” dropped. Whole names only: “AP” never matches inside “Japri”.
"""

from __future__ import annotations

import re

from django.conf import settings

from articles.choices import LicenceType
from articles.models import Agency, Photo
from articles.text.credits import compose_credit
from articles.text.names import name_key

_PHOTO_WORDS = ("photo", "photos", "foto", "pic", "picture")
# "U.S. Navy photo by Jane Doe", "AP Photo via Getty": the organisation named before these words is the one to find.
_SPLIT_RE = re.compile(r"/|\s+via\s+|\s+(?:photo|foto)\s+(?:by|oleh)\s+|;", re.IGNORECASE)


def folded(text: str) -> str:
    """“AP Photo”, “ap” and “A.P.” give “ap”; “U.S. Navy” and “U.S Navy” give “u s navy”; empty for no name."""
    words = re.findall(r"\w+", name_key(text))
    while words and words[-1] in _PHOTO_WORDS and len(words) > 1:
        words.pop()
    return " ".join(words)


def _keys(agency: Agency) -> set[str]:
    keys = {folded(agency.name), folded(agency.name_in_credits), *(folded(alias) for alias in agency.alias_list())}
    keys.discard("")
    return keys


def agency_named_in(*texts: str | None) -> Agency | None:
    """The agency the first of ``texts`` (a credit, then a Source) that names one names; None when none does."""
    # The desk keeps tens of agencies at most: folding in Python keeps one rule for accents and punctuation.
    by_key = {key: agency for agency in Agency.objects.all() for key in _keys(agency)}
    if not by_key:
        return None
    for text in texts:
        if not text:
            continue
        for part in [text, *_SPLIT_RE.split(text)]:
            found = by_key.get(folded(part))
            if found is not None:
                return found
    return None


def apply_agency(photo: Photo, read_metadata: dict | None = None) -> Agency | None:
    """Give a new photo whose credit or Source names an agency that agency, its licence and usage terms.

    Only what nobody chose is changed: the licence while it is still the form's default (“Staff photo”), the usage
    terms while empty, the agency while unset. An edited photo keeps what the desk set.
    """
    if photo.pk is not None or photo.agency_id is not None:
        return None
    read = read_metadata or {}
    agency = agency_named_in(photo.credit, photo.source, read.get("provider"), read.get("iptc_source"))
    if agency is None:
        return None
    photo.agency = agency
    if photo.licence_type == LicenceType.STAFF:
        photo.licence_type = agency.licence_type
    if not photo.usage_terms and agency.usage_terms:
        photo.usage_terms = agency.usage_terms
    return agency


def house_credit(person: str | None, provider: str | None) -> str:
    """The credit for a photographer and the agency that supplied the picture, in the house style (settings
    ``NEWSROOM_CREDIT_STYLE``, ``NEWSROOM_CREDIT_SEPARATOR``), the agency named as it is printed in credits."""
    agency = agency_named_in(provider) if provider else None
    return compose_credit(
        person,
        agency.name_in_credits if agency is not None else provider,
        style=settings.NEWSROOM_CREDIT_STYLE,
        separator=settings.NEWSROOM_CREDIT_SEPARATOR,
    )


# The agencies a newsroom in Indonesia meets first, for ``manage.py setup_agencies``; the desk edits them afterwards.
# Licences: the wires (ANTARA, AP, Reuters, AFP) are subscriptions — editorial use under the contract, so “Agency /
# wire”; Getty Images and Corbis (now Getty's) license each picture, so “Stock”; the U.S. Navy's pictures are works
# of the U.S. government, in the public domain (17 U.S.C. § 105) and released as handouts, so “Handout”.
HOUSE_AGENCIES = [
    {
        "name": "ANTARA",
        "credit_name": "ANTARA FOTO",
        "aliases": "ANTARA News\nLKBN ANTARA\nAntara Foto",
        "licence_type": LicenceType.AGENCY,
        "usage_terms": "Editorial use only, under the ANTARA subscription. Credit “ANTARA FOTO/photographer”.",
    },
    {
        "name": "AP",
        "credit_name": "AP Photo",
        "aliases": "Associated Press\nThe Associated Press",
        "licence_type": LicenceType.AGENCY,
        "usage_terms": "Editorial use only, under the AP subscription. No resale, no archive outside the contract.",
    },
    {
        "name": "Reuters",
        "credit_name": "REUTERS",
        "aliases": "Thomson Reuters\nReuters Pictures",
        "licence_type": LicenceType.AGENCY,
        "usage_terms": "Editorial use only, under the Reuters subscription.",
    },
    {
        "name": "AFP",
        "credit_name": "AFP",
        "aliases": "Agence France-Presse\nAgence France Presse\nAFP Photo",
        "licence_type": LicenceType.AGENCY,
        "usage_terms": "Editorial use only, under the AFP subscription.",
    },
    {
        "name": "Getty Images",
        "credit_name": "Getty Images",
        "aliases": "Getty",
        "licence_type": LicenceType.STOCK,
        "usage_terms": "Licensed per picture: check the licence bought before each use.",
    },
    {
        "name": "Corbis",
        "credit_name": "Corbis",
        "aliases": "Corbis Images\nCorbis via Getty Images",
        "licence_type": LicenceType.STOCK,
        "usage_terms": "Licensed per picture (Corbis collection, now Getty Images): check the licence before use.",
    },
    {
        "name": "U.S. Navy",
        "credit_name": "U.S. Navy",
        "aliases": "US Navy\nUnited States Navy\nNavy Visual News Service",
        "licence_type": LicenceType.HANDOUT,
        "usage_terms": "Public domain (work of the U.S. government). Credit “U.S. Navy”; no endorsement implied.",
    },
]


def setup_agencies() -> tuple[list[str], list[str]]:
    """Create the house agencies that are missing; those the desk already has are left as the desk edited them.
    Returns the names created and the names kept."""
    created: list[str] = []
    kept: list[str] = []
    for values in HOUSE_AGENCIES:
        _agency, is_new = Agency.objects.get_or_create(name=values["name"], defaults=values)
        (created if is_new else kept).append(values["name"])
    return created, kept
