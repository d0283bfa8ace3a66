"""Batch ingest in Debian's chromium against a live server: two good files and one bad, sent one request each."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from articles.models import Photo
from tests.test_agencies import jpeg_with_iptc
from tests.test_desk_browser import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_two_good_files_and_one_bad(live_server, browser_page, people, tmp_path):
    """The desk chooses three files: two cards show their filled, labelled fields, the bad one its own error."""
    from playwright.sync_api import expect

    page = browser_page
    console = []
    page.on("console", lambda message: console.append(message.text))
    good = tmp_path / "Banjir Kampung Melayu.jpg"
    good.write_bytes(jpeg_with_iptc(byline="Budi Santoso", credit="ANTARA FOTO"))
    small = tmp_path / "kecil.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (200, 150), (10, 120, 60)).save(buffer, "JPEG")
    small.write_bytes(buffer.getvalue())
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(b"not a picture at all")

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "photo_desk")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("load")
    page.goto(live_server.url + reverse("admin:articles_photo_ingest"))
    page.set_input_files("#ingest-files", [str(good), str(bad), str(small)])

    cards = page.locator("#ingest-results > li")
    expect(cards).to_have_count(3)
    expect(page.locator(".ingest-card.ingest-done")).to_have_count(2)
    expect(page.locator(".ingest-card.ingest-error")).to_have_count(1)
    first, broken, third = cards.nth(0), cards.nth(1), cards.nth(2)
    expect(first).to_contain_text("Banjir Kampung Melayu.jpg")
    expect(first.locator("dd").first).to_have_text("ANTARA FOTO/Budi Santoso")
    expect(first.locator("dt").first).to_have_text("credit")
    expect(broken).to_contain_text("rusak.jpg")
    expect(broken.locator(".ingest-state")).not_to_have_text("Sending…")
    expect(third.locator(".ingest-warning").first).to_contain_text("320")
    page.screenshot(path=str(tmp_path / "ingest.png"), full_page=True)
    assert sorted(Photo.objects.values_list("original_filename", flat=True)) == [
        "Banjir Kampung Melayu.jpg",
        "kecil.jpg",
    ]
    assert not [text for text in console if "Content Security Policy" in text], console
