"""Issue 19.7, a day at the desk in Debian's chromium against a live server (SQLite or PostgreSQL, as the suite's
DATABASE_URL says): a reporter writes a story with a photo and submits it; the editor finds it in the review queue on
the start page, reviews its quotes and sends it back with a note; the reporter reads the note, fixes and resubmits;
the editor publishes with an unsaved change, which is kept; two editors save the same story and the second keeps
their text on the conflict page.

"A page left with unsaved text warns and the autosave offers it back" is walked by tests/test_desk_browser.py; it is
not repeated here.

The walk also measures what the closing note of issue 19 asks for: the clicks and seconds from login to the review
queue and from opening a submitted story to publishing it (printed; see them with ``-s``). benchmarks/desk_clicks.py
takes the median of three runs of the same journeys, before and after the desk work."""

from __future__ import annotations

import io
import time

import pytest
from django.urls import reverse

from articles.models import Article, ArticlePhoto, Byline, Contributor, Photo, Quote

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PASSWORD = "pass-for-tests-123"
HEADLINE = "Warga Kali Kenanga menanam seribu bakau"
QUOTE = "Kami menanam agar banjir rob tidak datang lagi"
NOTE = "Tambahkan jumlah bibit dan siapa yang membiayai."


def small_jpeg() -> bytes:
    """A real JPEG (the photo form reads its size and metadata), made here instead of kept in the repository."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


class Journey:
    """Counts the clicks and page loads one task of the desk takes, and its seconds, for the closing note."""

    def __init__(self, name: str):
        self.name, self.clicks, self.started = name, 0, time.perf_counter()

    def click(self, page, selector: str, *, navigates: bool = True) -> None:
        self.clicks += 1
        if navigates:
            with page.expect_navigation():
                page.click(selector)
        else:
            page.click(selector)

    def done(self) -> tuple[int, float]:
        seconds = time.perf_counter() - self.started
        print(f"\n[desk journey] {self.name}: {self.clicks} clicks, {seconds:.2f} s")
        return self.clicks, seconds


@pytest.fixture
def browser(request, tmp_path, monkeypatch):
    """Chromium with one page per person; a failure leaves every open page's screenshot in the test's tmp folder."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import BROWSER_PROGRAM

    # Playwright's sync API runs its own event loop in this thread; the test's database calls stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    pages = {}
    failures_before = request.session.testsfailed
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=BROWSER_PROGRAM, args=["--no-sandbox"])

        def page_for(person: str):
            if person not in pages:
                # A context each: separate cookies, so two people are signed in at once.
                page = chromium.new_context(locale="en-US", viewport={"width": 1366, "height": 900}).new_page()
                page.set_default_timeout(10_000)
                page.on("dialog", lambda dialog: dialog.accept())
                pages[person] = page
            return pages[person]

        yield page_for
        # A test's exception never reaches its fixture; pytest has counted the failed call by the time this runs.
        if request.session.testsfailed > failures_before:
            for person, page in pages.items():
                shot = tmp_path / f"failure-{person}.png"
                page.screenshot(path=str(shot), full_page=True)
                print(f"screenshot of the failure ({person}, {page.url}): {shot}")
        chromium.close()


def log_in(page, base_url: str, username: str, journey: Journey | None = None) -> None:
    page.goto(base_url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    if journey:
        journey.click(page, "input[type=submit]")
    else:
        with page.expect_navigation():
            page.click("input[type=submit]")
    assert "/login/" not in page.url, page.locator(".errornote").all_inner_texts()


def pick(page, select_css: str, search: str) -> None:
    """Choose in one of the admin's autocomplete boxes (select2) by typing, as a person does."""
    page.locator(select_css).locator("xpath=following-sibling::span[contains(@class, 'select2')]").first.click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=search).first.click()


def transition(page, name: str) -> None:
    with page.expect_navigation():
        page.click(f"button[name=_transition][value={name}]")


def run_list_action(page, list_url: str, pk: int, action: str) -> None:
    """Tick one row of an admin list and run one of its actions."""
    page.goto(list_url)
    page.check(f"input[name=_selected_action][value='{pk}']")
    page.select_option("select[name=action]", action)
    with page.expect_navigation():
        page.click("button[name=index]")


def problems(page) -> list[str]:
    """What the page says went wrong, for an assertion's message."""
    return page.locator(".errornote, .errorlist, .messagelist .error, .messagelist .warning").all_inner_texts()


def test_a_day_at_the_desk(live_server, browser, people, section):
    base = live_server.url
    Contributor.objects.create(name="Rina Wulandari", slug="rina-wulandari")
    reporter, editor = browser("reporter"), browser("editor")

    # The reporter uploads a photo in the photo library.
    log_in(reporter, base, "reporter")
    reporter.goto(base + reverse("admin:articles_photo_add"))
    reporter.set_input_files(
        "#id_image", files=[{"name": "bakau.jpg", "mimeType": "image/jpeg", "buffer": small_jpeg()}]
    )
    reporter.fill("#id_caption", "Warga menanam bakau di pesisir Kali Kenanga")
    reporter.fill("#id_alt_text", "Warga menanam bibit bakau di lumpur")
    reporter.fill("#id_credit", "Rina/Newsroom")
    with reporter.expect_navigation():
        reporter.click("input[name=_save]")
    photo = Photo.objects.get(caption__startswith="Warga menanam bakau")

    # ... writes the story, the body typed in the prose editor, the photo chosen in the story's photo inline ...
    reporter.goto(base + reverse("admin:articles_article_add"))
    reporter.fill("#id_headline", HEADLINE)
    reporter.locator(".ProseMirror:visible").first.click()
    reporter.keyboard.type(f"Seribu bibit bakau ditanam warga pada Minggu pagi. “{QUOTE},” kata Budi, ketua RT 05.")
    pick(reporter, "#id_section", section.name)
    reporter.click("#bylines-group .add-row a")
    pick(reporter, "#id_bylines-0-contributor", "Rina Wulandari")
    reporter.click("#photo_uses-group .add-row a")
    pick(reporter, "#id_photo_uses-0-photo", "Warga menanam bakau")
    with reporter.expect_navigation():
        reporter.click("input[name=_continue]")
    story = Article.objects.get(headline=HEADLINE)
    assert ArticlePhoto.objects.filter(article=story, photo=photo).exists()
    assert Byline.objects.filter(article=story, contributor__name="Rina Wulandari").exists()
    assert "Seribu bibit bakau" in story.body

    # ... and submits it.
    transition(reporter, "submit")
    story.refresh_from_db()
    assert story.status == Article.Status.IN_REVIEW, problems(reporter)

    # The editor finds it in the review queue of the start page and opens it (measured: login to the queue).
    to_queue = Journey("login to the review queue")
    log_in(editor, base, "editor", to_queue)
    queue = editor.locator("#desk-review_queue")
    assert queue.get_by_role("link", name=HEADLINE).is_visible()
    to_queue.done()

    # Opening a submitted story to publishing it is measured from here; the quote review and the send-back loop in
    # between are the desk's own work and are not counted.
    queue.get_by_role("link", name=HEADLINE).click()
    editor.wait_for_load_state("load")
    change_url = editor.url

    # Quotes: proposed on save where the writing aids do that, else by the story list's "extract quotes again".
    if not Quote.objects.filter(article=story).exists():
        run_list_action(editor, base + reverse("admin:articles_article_changelist"), story.pk, "extract_quotes_again")
    quote = Quote.objects.get(article=story, text__contains="banjir rob")
    run_list_action(editor, base + reverse("admin:articles_quote_changelist") + "?q=bakau", quote.pk, "confirm_quotes")
    quote.refresh_from_db()
    assert quote.status == Quote.Status.CONFIRMED, quote.status

    # The photo desk's part, done here by the editor: the photo's credit is approved, or publishing is refused.
    run_list_action(editor, base + reverse("admin:articles_photo_changelist"), photo.pk, "approve_credits")
    photo.refresh_from_db()
    assert photo.credit_status == Photo.CreditStatus.APPROVED, problems(editor)

    # Sent back with a note ...
    editor.goto(change_url)
    editor.fill("textarea[name='transition_send_back-note']", NOTE)
    transition(editor, "send_back")
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT, problems(editor)

    # ... which the reporter reads on the start page and on the story page.
    reporter.goto(base + reverse("admin:index"))
    waiting = reporter.locator("#desk-my_waiting")
    assert HEADLINE in waiting.inner_text() and NOTE in waiting.inner_text()
    with reporter.expect_navigation():
        waiting.get_by_role("link", name=HEADLINE).click()
    assert NOTE in reporter.locator("#content").inner_text()

    # The reporter fixes the story and submits it again: the button saves the fix with the step.
    reporter.locator(".ProseMirror:visible").first.click()
    reporter.keyboard.press("Control+End")
    reporter.keyboard.press("Enter")
    reporter.keyboard.type("Bibit dibiayai kas RT dan dinas lingkungan hidup.")
    transition(reporter, "submit")
    story.refresh_from_db()
    assert story.status == Article.Status.IN_REVIEW, problems(reporter)
    assert "dinas lingkungan hidup" in story.body

    # The editor opens it from the queue and publishes with an unsaved change in the form, which is kept.
    editor.goto(base + reverse("admin:index"))
    to_publish = Journey("opening a submitted story to publishing it")
    to_publish.click(editor, f"#desk-review_queue a:text-is('{HEADLINE}')")
    editor.fill("#id_dek", "Seribu bibit untuk pesisir yang tenggelam")
    to_publish.click(editor, "button[name=_transition][value=publish]")
    to_publish.done()
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED, problems(editor)
    assert story.dek == "Seribu bibit untuk pesisir yang tenggelam"

    # Two editors open the same story; the first saves; the second's save meets the conflict page with their text.
    chief = browser("chief_editor")
    log_in(chief, base, "chief_editor")
    chief.goto(change_url)
    editor.goto(change_url)
    editor.fill("#id_dek", "Dek versi editor")
    with editor.expect_navigation():
        editor.click("input[name=_continue]")
    chief.fill("#id_dek", "Dek versi redaktur pelaksana")
    with chief.expect_navigation():
        chief.click("input[name=_continue]")
    assert chief.input_value("#id_dek") == "Dek versi redaktur pelaksana"
    assert "editor saved this story" in chief.locator(".errorlist.nonfield").inner_text()
    story.refresh_from_db()
    assert story.dek == "Dek versi editor"
    # As the message says: their text is still in this form; open the story again in a new tab, apply it, save.
    kept = chief.input_value("#id_dek")
    again = chief.context.new_page()
    again.goto(change_url)
    assert again.input_value("#id_dek") == "Dek versi editor"
    again.fill("#id_dek", kept)
    with again.expect_navigation():
        again.click("input[name=_continue]")
    story.refresh_from_db()
    assert story.dek == "Dek versi redaktur pelaksana", problems(again)
