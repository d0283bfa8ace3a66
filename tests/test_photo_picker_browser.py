"""The body editor's photo picker in Debian's chromium against a live server (issue 21, point 7): a reporter opens
their draft, picks a photo with the keyboard, saves, and the story has that photo use; the staff preview shows the
figure with its caption and credit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article
from articles.photos.renditions import ensure_renditions
from tests.conftest import image_file

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

PASSWORD = "pass-for-tests-123"


def desk_photo(make_photo, **fields):
    photo = make_photo(image=image_file(size=(1400, 900)), **fields)
    ensure_renditions(photo)
    photo.save()
    return photo


def test_a_reporter_picks_a_photo_with_the_keyboard(live_server, browser_page, people, make_article, make_photo):
    from playwright.sync_api import expect

    page = browser_page
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    desk_photo(make_photo, caption="Rapat anggaran di balai kota", credit="Dwi Arif")
    parade = desk_photo(make_photo, approved=False, caption="Pawai budaya di Solo", credit="ANTARA FOTO/Budi Santoso")
    draft = make_article(
        status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"], body="<p>Paragraf pertama.</p>"
    )

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "reporter")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("load")
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[draft.pk]))

    # The "Photo" button stands where the free-URL image button was.
    button = page.get_by_role("button", name="Photo", exact=True)
    expect(button).to_be_visible()
    expect(page.locator('.prose-menubar [data-name="figure"]')).to_have_count(0)
    page.locator(".ProseMirror[contenteditable]").click()
    page.keyboard.press("Control+End")

    # Opened from the keyboard, the dialog is labelled, starts in its search box and Escape gives the focus back.
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Insert a photo")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("searchbox", name="Search photos")).to_be_focused()
    expect(dialog.locator(".photo-picker-choice")).to_have_count(2)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(button).to_be_focused()

    page.keyboard.press("Enter")
    expect(dialog.get_by_role("searchbox", name="Search photos")).to_be_focused()
    page.keyboard.type("pawai solo")
    expect(dialog.get_by_role("status")).to_have_text("1 photo found.")
    choice = dialog.get_by_role("button", name="Pawai budaya di Solo")
    expect(choice).to_contain_text("Foto: ANTARA FOTO/Budi Santoso")
    expect(choice).to_contain_text("Pending")
    page.keyboard.press("ArrowDown")
    expect(choice).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    figure = page.locator(".ProseMirror[contenteditable] figure")
    expect(figure.locator("figcaption")).to_have_text("Pawai budaya di Solo")

    with page.expect_navigation():
        page.click("input[name=_continue]")
    draft.refresh_from_db()
    assert list(draft.photo_uses.values_list("photo_id", flat=True)) == [parade.pk]
    src = parade.renditions["960"]["url"]
    assert f'<img src="{src}" alt="Pawai budaya di Solo" data-file="{parade.pk}">' in draft.body
    assert "<figcaption>Pawai budaya di Solo</figcaption></figure>" in draft.body

    # The staff preview shows the figure with the credit as it reads now (readers will, once the desk approves it).
    page.goto(live_server.url + draft.get_preview_url())
    preview = page.locator(f'figure:has(img[src="{src}"])')
    expect(preview.locator("figcaption")).to_have_text("Pawai budaya di Solo Foto: ANTARA FOTO/Budi Santoso")
    assert not [text for text in console if "Content Security Policy" in text], console
