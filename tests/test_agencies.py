"""Agencies: the licence and terms a credit or an IPTC Source brings, the house credit style, the agency admin."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.models import Agency, Photo
from articles.services import agencies
from tests.unit.conftest import SHARED_PHOTOS

pytestmark = pytest.mark.django_db

NO_SHARED = "../shared/photo-metadata (real agency files) is not on this machine"


def shared_file(name: str) -> Path:
    path = SHARED_PHOTOS / name
    if not path.exists():
        pytest.skip(NO_SHARED)
    return path


@pytest.fixture
def house_agencies():
    call_command("setup_agencies", stdout=io.StringIO())


def jpeg_with_iptc(**datasets: str) -> bytes:
    """A small JPEG with IPTC-IIM by-line (2:80), credit (2:110) and source (2:115) made here."""
    numbers = {"byline": 80, "credit": 110, "source": 115}
    iim = b""
    for name, value in datasets.items():
        data = value.encode()
        iim += bytes([0x1C, 2, numbers[name]]) + len(data).to_bytes(2, "big") + data
    iim = b"\x1c\x01\x5a\x00\x03\x1b\x25\x47" + iim  # 1:90 coded character set: UTF-8
    resource = b"8BIM\x04\x04\x00\x00" + len(iim).to_bytes(4, "big") + iim + (b"\x00" if len(iim) % 2 else b"")
    app13 = b"Photoshop 3.0\x00" + resource
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 100, 60)).save(buffer, "JPEG")
    jpeg = buffer.getvalue()
    segment = b"\xff\xed" + (len(app13) + 2).to_bytes(2, "big") + app13
    return jpeg[:2] + segment + jpeg[2:]


def add_photo(client, content: bytes, name: str = "x.jpg", **fields):
    data = {
        "image": SimpleUploadedFile(name, content),
        "caption": "",
        "alt_text": "",
        "credit": "",
        "source": "",
        "copyright_notice": "",
        "licence_type": "staff",
        "usage_terms": "",
        "uses-TOTAL_FORMS": "0",
        "uses-INITIAL_FORMS": "0",
        "uses-MIN_NUM_FORMS": "0",
        "uses-MAX_NUM_FORMS": "1000",
        **fields,
    }
    response = client.post(reverse("admin:articles_photo_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return Photo.objects.latest()


# --- Finding: the licence stays “Staff photo” for AP, Corbis and U.S. Navy credits --------------------------------


def test_ap_file_gets_the_agency_licence_and_terms(editor_client, house_agencies):
    """A real AP file (by-line PAUL SANCYA, credit AP) is filed as an AP agency picture with its terms, not as staff."""
    photo = add_photo(editor_client, shared_file("exiv2__exiv2-bug440.jpg").read_bytes())
    ap = Agency.objects.get(name="AP")
    assert (photo.agency, photo.licence_type, photo.usage_terms) == (ap, Photo.LicenceType.AGENCY, ap.usage_terms)


def test_corbis_file_gets_the_stock_licence(editor_client, house_agencies):
    """A real Corbis file (creator “Corbis”) is a stock picture licensed per use, with Corbis's terms."""
    photo = add_photo(editor_client, shared_file("exiv2__exiv2-bug937.jpg").read_bytes())
    assert (photo.agency.name, photo.licence_type) == ("Corbis", Photo.LicenceType.STOCK)
    assert "Licensed per picture" in photo.usage_terms


def test_navy_file_is_a_public_domain_handout(editor_client, house_agencies):
    """A real U.S. Navy file (credit “U.S Navy”, without the second full stop) is a handout in the public domain."""
    photo = add_photo(editor_client, shared_file("exiv2__Reagan.jpg").read_bytes())
    assert (photo.agency.name, photo.licence_type) == ("U.S. Navy", Photo.LicenceType.HANDOUT)
    assert "Public domain" in photo.usage_terms


def test_generated_antara_file_gets_the_agency(editor_client, house_agencies):
    """A file whose IPTC credit is “ANTARA FOTO” (made here) gets ANTARA's licence and the credit in house style."""
    content = jpeg_with_iptc(byline="Budi Santoso", credit="ANTARA FOTO", source="ANTARA")
    photo = add_photo(editor_client, content)
    assert (photo.agency.name, photo.licence_type, photo.credit) == (
        "ANTARA",
        Photo.LicenceType.AGENCY,
        "ANTARA FOTO/Budi Santoso",
    )


def test_typed_credit_names_the_agency(editor_client, house_agencies):
    """A credit typed as “AP Photo/Paul Sancya” on a file with no metadata finds AP too."""
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300)).save(buffer, "JPEG")
    photo = add_photo(editor_client, buffer.getvalue(), credit="AP Photo/Paul Sancya")
    assert (photo.agency.name, photo.licence_type) == ("AP", Photo.LicenceType.AGENCY)


def test_a_licence_the_desk_chose_is_kept(editor_client, house_agencies):
    """An uploader who chose “Handout” for an AP-credited picture keeps that choice; the agency is still noted."""
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300)).save(buffer, "JPEG")
    photo = add_photo(
        editor_client, buffer.getvalue(), credit="PAUL SANCYA/AP", licence_type="handout", usage_terms="Pool only"
    )
    assert (photo.agency.name, photo.licence_type, photo.usage_terms) == ("AP", "handout", "Pool only")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PAUL SANCYA/AP", "AP"),
        ("AP Photo/Paul Sancya", "AP"),
        ("ANTARA FOTO/Budi Santoso", "ANTARA"),
        ("antara foto/budi santoso/foc", "ANTARA"),
        ("U.S. Navy", "U.S. Navy"),
        ("U.S. Navy photo by Jane Doe", "U.S. Navy"),
        ("Corbis", "Corbis"),
        ("Reuters", "Reuters"),
        ("AGENCE FRANCE-PRESSE", "AFP"),
        ("Getty Images", "Getty Images"),
        ("Japri", None),
        ("Dwi Arif", None),
        ("", None),
    ],
)
def test_agency_named_in_credits(house_agencies, text, expected):
    """Credits as printed find their agency, whatever the case, accents or punctuation; a name like “Japri” does not."""
    found = agencies.agency_named_in(text)
    assert (found.name if found else None) == expected


def test_agency_from_the_source_when_the_credit_is_a_person(house_agencies):
    """A credit naming only the photographer finds the agency in the file's Source."""
    assert agencies.agency_named_in("Budi Santoso", "Antara").name == "ANTARA"


def test_setup_agencies_keeps_the_desks_edits(house_agencies):
    """Running setup_agencies again adds nothing twice and leaves terms the desk changed as they are."""
    Agency.objects.filter(name="AP").update(usage_terms="Our own AP contract")
    out = io.StringIO()
    call_command("setup_agencies", stdout=out)
    assert Agency.objects.count() == 7
    assert Agency.objects.get(name="AP").usage_terms == "Our own AP contract"
    assert "already there, kept: AP" in out.getvalue()


# --- Finding: agency credits are composed “PAUL SANCYA/AP” while house style puts the agency first ----------------


def test_ap_credit_composed_agency_first_by_default(editor_client, house_agencies):
    """By default (Indonesian style) the real AP file's credit reads “AP Photo/PAUL SANCYA”, as AP's entry says."""
    photo = add_photo(editor_client, shared_file("exiv2__exiv2-bug440.jpg").read_bytes())
    assert photo.credit == "AP Photo/PAUL SANCYA"


def test_ap_credit_composed_agency_last(editor_client, house_agencies, settings):
    """With NEWSROOM_CREDIT_STYLE = "agency_last" the same file's credit reads “PAUL SANCYA/AP Photo”."""
    settings.NEWSROOM_CREDIT_STYLE = "agency_last"
    photo = add_photo(editor_client, shared_file("exiv2__exiv2-bug440.jpg").read_bytes())
    assert photo.credit == "PAUL SANCYA/AP Photo"


@pytest.mark.parametrize(
    ("style", "separator", "expected"),
    [("agency_first", "/", "ANTARA FOTO/Budi Santoso"), ("agency_last", " / ", "Budi Santoso / ANTARA FOTO")],
)
def test_generated_file_credit_in_both_orders(editor_client, house_agencies, settings, style, separator, expected):
    """A generated file's by-line and credit are composed in the house order with the house separator."""
    settings.NEWSROOM_CREDIT_STYLE, settings.NEWSROOM_CREDIT_SEPARATOR = style, separator
    photo = add_photo(editor_client, jpeg_with_iptc(byline="Budi Santoso", credit="ANTARA"))
    assert photo.credit == expected


def test_unknown_agency_still_follows_the_house_order(editor_client):
    """With no agency table, a provider in the file is still printed first: “KOMPAS/Rina”."""
    photo = add_photo(editor_client, jpeg_with_iptc(byline="Rina", credit="KOMPAS"))
    assert photo.credit == "KOMPAS/Rina"


# --- Finding: files are renamed upload.jpg, so the original name is lost --------------------------------------------


def test_add_form_keeps_the_original_name_for_search(editor_client):
    """A photo added as “Banjir Kampung Melayu 03.jpg” is found by that name in the photo list's search."""
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300)).save(buffer, "JPEG")
    photo = add_photo(editor_client, buffer.getvalue(), name="Banjir Kampung Melayu 03.jpg", credit="Dwi Arif")
    assert photo.original_filename == "Banjir Kampung Melayu 03.jpg"
    assert "Banjir" not in photo.image.name  # stored under a generated name all the same
    page = editor_client.get(reverse("admin:articles_photo_changelist"), {"q": "Kampung Melayu 03"})
    assert list(page.context["cl"].result_list) == [photo]
