"""Issue 21, the light table in Debian's chromium against a live server: the photo desk walks the queue with the
keyboard — moves, approves one, rejects one with a reason, approves two at once — on a page axe-core finds nothing
wrong with, whose previews are never the uploaded originals and whose rights line is on a laptop's screen."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from articles.models import Photo
from articles.photos.renditions import ensure_renditions
from tests.conftest import image_file

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

PASSWORD = "pass-for-tests-123"


def axe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_the_photo_desk_walks_the_light_table_with_the_keyboard(live_server, browser_page, people, make_photo):
    """j/k move between cards, a approves, r asks a reason and Enter rejects, x selects two and a approves both."""
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    photos = []
    for number in range(5):
        photo = make_photo(approved=False, caption=f"Foto antrean {number}", image=image_file(size=(800, 600)))
        ensure_renditions(photo)  # what the task does after upload: the queue's preview exists
        photo.save()
        photos.append(photo)
    photos[0].rights_expire_at = timezone.now() + timezone.timedelta(days=3)
    photos[0].save()

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "photo_desk")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:articles_photo_changelist"))
    cards = page.locator("#result_list tbody tr")
    assert cards.count() == 5

    # The previews are the small renditions; no original file is loaded.
    sources = page.locator("#result_list img").evaluate_all("images => images.map(i => i.getAttribute('src'))")
    assert len(sources) == 5 and not any(photo.image.url in sources for photo in photos)
    # Every fact of a card, the rights line included, is on a 1366-pixel screen.
    expiry = page.locator(f"#result_list tr:has(input[value='{photos[0].pk}']) dt:has-text('rights expire') + dd")
    box = expiry.bounding_box()
    assert box and box["width"] > 0 and box["x"] + box["width"] <= 1366, box
    assert axe_violations(page) == []

    def pk_of(index: int) -> int:
        return int(cards.nth(index).locator("input.action-select").get_attribute("value"))

    def current() -> int:
        return page.locator("#result_list tbody tr.light-table-current").evaluate(
            "row => Array.from(row.parentNode.rows).indexOf(row)"
        )

    page.keyboard.press("j")
    assert current() == 0
    page.keyboard.press("j")
    page.keyboard.press("ArrowDown")
    assert current() == 2
    page.keyboard.press("k")
    assert current() == 1

    # a: the second card's photo is approved; back on the list at the same place, which now holds the next photo.
    approved = pk_of(1)
    with page.expect_navigation():
        page.keyboard.press("a")
    assert Photo.objects.get(pk=approved).credit_status == Photo.CreditStatus.APPROVED
    assert "1 photo approved." in page.locator(".messagelist").inner_text()
    assert cards.count() == 4 and current() == 1

    # r: the card's reason box takes the typing; Enter rejects with that reason.
    rejected = pk_of(1)
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.id") == f"reason-{rejected}"
    page.keyboard.type("Kredit tidak jelas, sebutkan nama fotografer.")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    photo = Photo.objects.get(pk=rejected)
    assert (photo.credit_status, photo.moderation_note) == (
        Photo.CreditStatus.REJECTED,
        "Kredit tidak jelas, sebutkan nama fotografer.",
    )
    assert "1 photo rejected." in page.locator(".messagelist").inner_text()

    # x on two cards, then a: both approved at once, through the list's action.
    assert cards.count() == 3
    page.keyboard.press("k")
    assert current() == 0
    first, second = pk_of(0), pk_of(1)
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert "2 of 3 selected" in page.locator(".action-counter").inner_text()
    with page.expect_navigation():
        page.keyboard.press("a")
    assert set(
        Photo.objects.filter(pk__in=[first, second], credit_status=Photo.CreditStatus.APPROVED).values_list(
            "pk", flat=True
        )
    ) == {first, second}
    assert "2 photos approved." in page.locator(".messagelist").inner_text()
    assert cards.count() == 1
    assert axe_violations(page) == []
