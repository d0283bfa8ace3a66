"""Issue 19, "never lose work", in Debian's chromium against a live server: a workflow button keeps the unsaved edit,
leaving a form with unsaved text asks first, and the autosaved copy is offered back and restored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.admin.autosave import StoryAutosaveMixin
from articles.models import Article, Byline, Contributor, StoryAutosave

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

PASSWORD = "pass-for-tests-123"


def test_the_desk_never_loses_an_edit(live_server, browser_page, people, make_article, monkeypatch):
    from playwright.sync_api import expect

    # One second between autosaves instead of thirty, so the test sees the timer work.
    monkeypatch.setattr(StoryAutosaveMixin, "autosave_interval_seconds", 1)
    page = browser_page
    dialogs: list[str] = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    in_review = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    # Publishing needs a byline (tests/test_publishing_panel.py).
    writer = Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari")
    Byline.objects.create(article=in_review, contributor=writer, order=1)

    def open_story(article):
        page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("load")

    # "Send back" with an unsaved headline: both are kept, and the button's submit does not ask to leave.
    open_story(in_review)
    page.fill("#id_headline", "Judul diubah editor")
    page.fill("textarea[name='transition_send_back-note']", "Tambahkan kutipan warga.")
    with page.expect_navigation():
        page.click("button[name=_transition][value=send_back]")
    in_review.refresh_from_db()
    assert (in_review.headline, in_review.status) == ("Judul diubah editor", Article.Status.DRAFT)

    # "Publish" with an unsaved dek: kept and published.
    page.fill("#id_dek", "Dek yang ditambahkan saat menerbitkan")
    with page.expect_navigation():
        page.click("button[name=_transition][value=publish]")
    in_review.refresh_from_db()
    assert (in_review.dek, in_review.status) == ("Dek yang ditambahkan saat menerbitkan", Article.Status.PUBLISHED)
    assert dialogs == []

    # Typing, then leaving: the browser asks first; the autosave kept a copy, offered back on return.
    draft = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    open_story(draft)
    page.click("#id_headline")
    page.keyboard.press("End")
    page.keyboard.type(" — belum disimpan")
    # The body editor's typing counts too: it marks the form unsaved and its text travels in the copy.
    page.locator(".ProseMirror:visible").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" Paragraf dari peramban.")
    assert page.get_attribute("#article_form", "data-unsaved") == "1"
    typed = page.input_value("#id_headline")
    # The timer's copy arrives within a few ticks (one second apart here) and says so in the form.
    expect(page.locator("#autosave-status")).to_contain_text("Draft copy", timeout=10_000)
    for _tick in range(50):
        copy = StoryAutosave.objects.filter(user=people["editor"], article=draft).first()
        if copy and copy.data["headline"] == [typed] and "Paragraf dari peramban." in copy.data["body"][0]:
            break
        page.wait_for_timeout(200)
    else:
        pytest.fail(f"no complete autosaved copy: {copy and copy.data}")
    page.reload()
    assert dialogs == ["beforeunload"]
    draft.refresh_from_db()
    assert draft.headline != typed  # the story itself is untouched
    with page.expect_navigation():
        page.click("#autosave-restore")
    assert page.input_value("#id_headline") == typed
