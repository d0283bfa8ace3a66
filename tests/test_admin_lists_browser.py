"""The desk's lists fit a 1366-pixel screen (issue 19: the story list ran off it, its last columns out of sight):
measured in chromium, with both side panels (the admin's menu and the filters) open."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article
from tests.test_desk_browser import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_story_list_fits_a_laptop_screen(live_server, browser_page, people, make_article):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    for number in range(6):
        make_article(
            headline=f"Rapat Anggaran Perubahan Kota Administrasi Jakarta Tengah, Warga Minta Transparansi {number}",
            embargo_until=None,
        )
    make_article(headline="Draf yang menunggu", status=Article.Status.DRAFT, publish_at=None)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("load")
    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    results = page.locator("#changelist .results")
    scroll_width, client_width = results.evaluate("element => [element.scrollWidth, element.clientWidth]")
    assert scroll_width <= client_width, f"the story list is {scroll_width}px wide in a {client_width}px column"
    # Every column's heading is on screen.
    right_edge = page.evaluate("() => document.documentElement.clientWidth")
    for heading in page.locator("#result_list thead th").all():
        box = heading.bounding_box()
        assert box is not None and box["x"] + box["width"] <= right_edge
