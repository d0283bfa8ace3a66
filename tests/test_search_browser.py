"""The search page in Debian's chromium: results first on a phone and a desktop, filters folded on the phone, no
axe-core violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    from tests.conftest import BROWSER_PROGRAM

    # Playwright's sync API runs its own event loop in this thread; the test's database calls stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=BROWSER_PROGRAM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_first_result_is_on_the_first_screen(live_server, browser, make_article, viewport, tmp_path):
    """The first result shows without scrolling; on a phone the filters are folded behind one button, and open when
    a filter is in use; on a desktop they are in one row; axe-core finds nothing to report."""
    from axe_playwright_python.sync_playwright import Axe

    width, height = VIEWPORTS[viewport]
    for number in range(3):
        make_article(
            headline=f"Pompa baru nomor {number} di Kali Kenanga",
            dek="Warga berharap genangan cepat surut.",
            body="<p>Air naik sejak pagi, tambahnya.</p><p>Pantauan di lokasi menunjukkan pompa bekerja.</p>",
        )
    page = browser.new_page(viewport={"width": width, "height": height}, locale="en-US")
    page.goto(live_server.url + reverse("articles:search") + "?q=pompanya")
    page.screenshot(path=str(tmp_path / f"{viewport}.png"))
    first = page.locator(".search-result").first.bounding_box()
    assert first is not None and first["y"] + first["height"] / 2 < height, f"first result at {first}"
    assert page.locator("#id_q").is_visible()
    assert page.locator("#id_section").is_visible() == (viewport == "desktop")
    if viewport == "desktop":  # one row: every filter at the same height
        tops = {round(page.locator(f"#id_{name}").bounding_box()["y"]) for name in ("section", "date_before", "sort")}
        assert len(tops) == 1
    violations = Axe().run(page).response["violations"]
    assert [(violation["id"], violation["impact"]) for violation in violations] == []

    page.goto(live_server.url + reverse("articles:search") + "?q=pompanya&date_after=2020-01-01")
    assert page.locator("#id_date_after").is_visible()
