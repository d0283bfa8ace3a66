"""The HTML rule alone (articles/text/body_images.py): no picture in a story body but the site's own renditions, under
their one true address. No Django: the story's save, the admin, the publish gate and readers' pages are in
tests/test_body_images.py.
"""

from __future__ import annotations

import pytest

from articles.text.body_images import clean_body_images, url_key

OWN = "/media/renditions/ab/cd/foto.webp"
TRACKER = "https://tracker.example/pixel.gif"


# --- the HTML rule ------------------------------------------------------------------------------------


def test_an_outside_picture_is_removed_with_the_figure_it_was_alone_in():
    """An <img> from another site goes, and so does the figure (and caption) that only held it."""
    html = f'<p>Teks.</p><figure><img src="{TRACKER}"><figcaption>Keterangan</figcaption></figure><p>Akhir.</p>'
    assert clean_body_images(html, {OWN: 7}) == ("<p>Teks.</p><p>Akhir.</p>", [])


@pytest.mark.parametrize(
    "html",
    [
        f'<img src="{TRACKER}" srcset="{OWN} 320w">',
        f'<picture><source srcset="{OWN}"><img src="{TRACKER}"></picture>',
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
        '<img src="javascript:alert(1)">',
        f'<img src="//evil.example{OWN}">',
        f'<img src="https://evil.example{OWN}">',
        '<img src="media/renditions/ab/cd/foto.webp">',
        "<img>",
        f'<image src="{TRACKER}">',
        f'<!--><img src="{TRACKER}">-->',
    ],
)
def test_tricks_do_not_smuggle_a_picture_in(html):
    """srcset, <picture>/<source>, other schemes, another host with the same path, a page-relative path, <image>
    (an <img> to a browser) and a comment a browser closes early leave no picture at all."""
    cleaned, photo_ids = clean_body_images(html, {OWN: 7})
    assert "<img" not in cleaned and "srcset" not in cleaned and "<source" not in cleaned and photo_ids == []


def test_an_own_rendition_stays_under_its_one_true_address():
    """Inside <picture>, with a srcset, a query string or the site's own host in front, the picture stays with the
    rendition's stored address only, and its photo is reported once."""
    html = (
        f'<picture><source srcset="{TRACKER}"><img src="{OWN}" alt="Pawai"></picture>'
        f'<p>x</p><img src="https://news.example{OWN}?utm=1#top" srcset="{TRACKER} 2x" onerror="x()" alt="lagi">'
    )
    cleaned, photo_ids = clean_body_images(html, {OWN: 7}, own_host=lambda host: host == "news.example")
    assert cleaned == f'<img src="{OWN}" alt="Pawai"><p>x</p><img src="{OWN}" alt="lagi">'
    assert photo_ids == [7]


def test_deeply_nested_markup_is_cleaned_like_any_other():
    """Thousands of nested blockquotes (no recursion limit to hit) still lose the outside picture and keep the own."""
    html = "<blockquote>" * 3000 + f'<img src="{TRACKER}"><img src="{OWN}">' + "</blockquote>" * 3000
    cleaned, photo_ids = clean_body_images(html, {OWN: 7})
    assert cleaned == "<blockquote>" * 3000 + f'<img src="{OWN}">' + "</blockquote>" * 3000 and photo_ids == [7]


def test_addresses_of_one_file_share_a_key():
    """The query, the fragment and the site's own host do not make another file; another host does."""
    own = lambda host: host == "news.example"  # noqa: E731
    assert url_key(f"https://NEWS.example{OWN}?v=2#a", own_host=own) == url_key(OWN) == OWN
    assert url_key(f"https://cdn.example:8443{OWN}", own_host=own) == f"//cdn.example:8443{OWN}"
    assert url_key("http://[::1/x") is None and url_key("mailto:a@b.example") is None
