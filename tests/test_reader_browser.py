"""Issue 20, a reader's walk in Debian's chromium against a live server, on a phone and a desktop, in Indonesian (at
/) and English (at /en/): home → section → story → search with a filter → the RSS feed, and the other reader's pages,
each checked by axe-core, with the layout a reader sees: quote attributions clear of the quote, a compact phone
header with a one-row section menu, the first listing picture fetched at once, no console error, no failed request.
"""

from __future__ import annotations

import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from defusedxml import ElementTree

from tests.test_html_validity import build_reader_site

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 3}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE_HEADER_MAX_PX = 150
AXE = Axe()

# The boxes of a figure's quoted words (blockquote or paraphrase) and of its attribution, for every quote on a page.
QUOTE_BOXES = """() => [...document.querySelectorAll('figure')].flatMap(figure => {
  const words = figure.querySelector('blockquote, .paraphrase');
  const credit = figure.querySelector('figcaption.blockquote-footer');
  if (!words || !credit) return [];
  const w = words.getBoundingClientRect(), c = credit.getBoundingClientRect();
  return [{text: words.textContent.trim().slice(0, 40), wordsBottom: w.bottom, creditTop: c.top,
           overlap: Math.min(w.bottom, c.bottom) - Math.max(w.top, c.top)}];
})"""


@pytest.fixture(scope="module")
def browser():
    """One chromium for the whole module; each walk opens its own context (viewport, touch, language)."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import BROWSER_PROGRAM

    # Playwright's sync API runs its own event loop in this thread for as long as the browser is open; the tests'
    # database calls (and the flush after each) are still plain synchronous calls, which Django would otherwise refuse.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=BROWSER_PROGRAM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def reader(request, browser, tmp_path_factory):
    """A page on the test's device in a fresh context, and the list of what went wrong while it was used (console
    errors, script errors, failed requests, 4xx/5xx answers); on failure a screenshot."""
    device = PHONE if request.node.callspec.params["device"] == "phone" else DESKTOP
    context = browser.new_context(locale="id-ID", **device)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text} ({page.url})"))
    page.on("pageerror", lambda error: problems.append(f"script error: {error} ({page.url})"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    failures_before = request.session.testsfailed
    yield page, problems
    if request.session.testsfailed > failures_before:
        shot = tmp_path_factory.mktemp("reader-walk") / f"{request.node.callspec.id}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failure ({page.url}): {shot}")
    context.close()


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it stands, any impact, one line each."""
    results = AXE.run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def layout_problems(page, *, phone: bool) -> list[str]:
    """What a reader would see wrong on any page: a sideways-scrolling page, a quote's attribution over its words,
    and on a phone a header taller than PHONE_HEADER_MAX_PX or a section menu on more than one row."""
    problems = []
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        problems.append(f"{page.url}: the page is {width[0]} px wide on a {width[1]} px screen")
    for quote in page.evaluate(QUOTE_BOXES):
        if quote["overlap"] > 0:
            problems.append(f"{page.url}: attribution overlaps the quote {quote}")
    rows = page.evaluate(
        "new Set([...document.querySelectorAll('.section-nav .nav-item')].map(i => i.getBoundingClientRect().top)).size"
    )
    if rows != 1:
        problems.append(f"{page.url}: the section menu has {rows} rows")
    if phone:
        header = page.evaluate("document.querySelector('header.site-header').getBoundingClientRect().height")
        if header > PHONE_HEADER_MAX_PX:
            problems.append(f"{page.url}: the header takes {header:.0f} px of the phone's screen")
    return problems


def first_picture(page) -> dict:
    """How the first picture in the page's main part is loaded, once it has loaded."""
    page.wait_for_function("() => { const i = document.querySelector('main img'); return i && i.complete; }")
    return page.evaluate(
        """() => { const i = document.querySelector('main img');
        return {loading: i.getAttribute('loading'), fetchpriority: i.getAttribute('fetchpriority'),
                shown: i.naturalWidth > 0}; }"""
    )


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_reader_walks_the_site(live_server, reader, settings, make_article, make_photo, language, device):
    """A reader goes home → section → story → search with a filter → feed and sees every page whole and accessible."""
    settings.LANGUAGE_CODE = "id"  # as in production: Indonesian at /, English at /en/
    pages = build_reader_site(make_article, make_photo)
    prefix = "" if language == "id" else "/en"
    base = live_server.url + prefix
    (page, problems), phone = reader, device == "phone"
    found: list[str] = []

    def check(*, listing: bool = False):
        page.wait_for_load_state("load")
        assert page.evaluate("document.querySelector('header.site-header').lang") == language, page.url
        found.extend(layout_problems(page, phone=phone))
        found.extend(axe_violations(page))
        if listing:
            picture = first_picture(page)
            if picture != {"loading": None, "fetchpriority": "high", "shown": True}:
                found.append(f"{page.url}: first picture {picture}")

    started = time.monotonic()
    page.goto(base + pages["home"])
    check(listing=True)

    # Home → section, from the section menu (on a phone it scrolls the menu to the link first).
    section_name = "Perkotaan" if language == "id" else "Urban affairs"
    with page.expect_navigation():
        page.locator("nav.section-nav").get_by_role("link", name=section_name, exact=True).click()
    assert page.url == base + pages["section"]
    check(listing=True)

    # Section → the newest story, which has a pull quote, a paraphrase and a correction.
    with page.expect_navigation():
        page.locator("main article.story-card h2 a").first.click()
    assert page.url == base + pages["story"]
    check()
    assert len(page.evaluate(QUOTE_BOXES)) >= 3  # the pull quote and both quotes under "Who said what"

    # Story → search from the header, then narrowed to one section with the filter form.
    page.fill("#site-search", "pasar")
    with page.expect_navigation():
        page.press("#site-search", "Enter")
    check()
    search_form = page.locator("main form:has(select[name=section])")
    section_filter = search_form.locator("select[name=section]")
    if not section_filter.is_visible():  # the filters are folded away (on a phone): the reader opens the fold
        search_form.locator("summary").click()
    section_filter.select_option("perkotaan")
    with page.expect_navigation():
        search_form.locator("[type=submit]").last.click()  # the filters' own button, after the words' one
    assert "section=perkotaan" in page.url and "q=pasar" in page.url, page.url
    check()
    assert page.locator("main article").count() == 2, page.url  # two of the three stories are in that section

    # The feed the page announces answers with RSS.
    feed_url = page.get_attribute("link[rel=alternate][type='application/rss+xml']", "href")
    feed = page.request.get(live_server.url + feed_url if feed_url.startswith("/") else feed_url)
    assert feed.status == 200 and "xml" in feed.headers["content-type"], (feed_url, feed.status)
    assert ElementTree.fromstring(feed.body()).tag == "rss"

    # The other reader's pages.
    for name in ["tag", "contributor", "quote-search", "source", "corrections"]:
        page.goto(base + pages[name])
        check(listing=name in {"tag", "contributor"})

    print(f"walk {language}/{device}: {time.monotonic() - started:.1f} s")
    assert found + problems == [], "\n".join(found + problems)
