"""A story's three photos in Debian's chromium, on a phone and a desktop: the lead above the text, the body's picture
in it, the gallery after it — every picture loaded, each caption under its own picture, no two figures overlapping,
and axe-core finds nothing on the page."""

from __future__ import annotations

import itertools

import pytest

from tests.test_reader_browser import DESKTOP, PHONE, axe_violations, browser  # noqa: F401  (the module's chromium)
from tests.test_story_photos import jpeg

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# Every figure of the story (lead, gallery, any in the body) with its picture's and its caption's boxes on the page.
FIGURES = """() => [...document.querySelectorAll('article.story figure:has(img)')].map(figure => {
  const img = figure.querySelector('img'), caption = figure.querySelector('figcaption');
  const i = img.getBoundingClientRect(), c = caption ? caption.getBoundingClientRect() : null;
  const lead = figure.classList.contains('lead-photo');
  const where = figure.closest('.story-gallery') ? 'gallery' : lead ? 'lead' : 'body';
  return {where,
          loaded: img.complete && img.naturalWidth > 0, top: i.top + scrollY, imgBottom: i.bottom + scrollY,
          captionTop: c ? c.top + scrollY : null, bottom: (c || i).bottom + scrollY,
          caption: caption ? caption.innerText : ''};
})"""

BODY_PICTURE = """() => { const r = document.querySelector('.story-body img').getBoundingClientRect();
  return {where: 'body', top: r.top + scrollY, bottom: r.bottom + scrollY}; }"""


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_reader_sees_the_three_photos_each_captioned(live_server, browser, make_article, make_photo, device):  # noqa: F811
    """Lead, body picture and gallery photo all load; captions sit under their pictures; nothing overlaps."""
    from articles.models import ArticlePhoto
    from articles.photos.renditions import ensure_renditions, sorted_renditions

    photos = []
    for number, colour in enumerate([(200, 30, 30), (30, 200, 30), (30, 30, 200)], start=1):
        photo = make_photo(image=jpeg(colour), caption=f"Keterangan foto {number}", credit=f"Fotografer {number}")
        ensure_renditions(photo)
        photo.save()
        photos.append(photo)
    url = sorted_renditions(photos[2])[0]["url"]
    article = make_article(body=f'<p>{"Paragraf satu. " * 30}</p><p><img src="{url}" alt="Gambar"></p><p>Dua.</p>')
    ArticlePhoto.objects.create(article=article, photo=photos[0], order=0)
    ArticlePhoto.objects.create(article=article, photo=photos[1], order=1)

    context = browser.new_context(**(PHONE if device == "phone" else DESKTOP))
    page = context.new_page()
    try:
        page.goto(live_server.url + article.get_absolute_url())
        for y in range(0, page.evaluate("document.body.scrollHeight"), 300):  # lazy pictures load when scrolled to
            page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_function("() => [...document.images].every(i => i.complete)")
        figures = page.evaluate(FIGURES)
        assert [f["where"] for f in figures] == ["lead", "gallery"]
        assert page.locator(".story-body img").count() == 1
        assert page.evaluate("[...document.querySelectorAll('article.story img')].every(i => i.naturalWidth > 0)")
        for figure in figures:
            assert figure["loaded"] and figure["captionTop"] >= figure["imgBottom"] - 1, figure
        assert "Foto: Fotografer 1" in figures[0]["caption"] and "Foto: Fotografer 2" in figures[1]["caption"]
        body = page.evaluate(BODY_PICTURE)
        ordered = sorted([*figures, body], key=lambda f: f["top"])
        assert all(a["bottom"] <= b["top"] for a, b in itertools.pairwise(ordered)), ordered
        assert axe_violations(page) == []
    finally:
        context.close()
