"""Bylines in order, and the body cleaned on the server."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Byline, Contributor
from articles.photos.renditions import ensure_renditions
from articles.templatetags.newsroom import byline_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return [
        Contributor.objects.create(name=name, slug=slug)
        for name, slug in [("Rina Wulandari", "rina"), ("Agus Salim", "agus"), ("Dwi Arif", "dwi")]
    ]


def test_bylines_render_as_one_line_in_order(make_article, people):
    """Bylines appear in their order, whatever order they were added in, with roles other than reporter named."""
    article = make_article()
    rina, agus, dwi = people
    Byline.objects.create(article=article, contributor=dwi, role=Byline.Role.PHOTOGRAPHER, order=3)
    Byline.objects.create(article=article, contributor=rina, order=1)
    Byline.objects.create(article=article, contributor=agus, order=2)
    line = byline_line(Article.objects.for_listing().get(pk=article.pk))
    assert line.index("Rina Wulandari") < line.index("Agus Salim") < line.index("Dwi Arif")
    assert "Dwi Arif (Fotografer)" in line or "Dwi Arif (Photographer)" in line


def test_the_story_page_links_each_byline_to_the_contributors_page(client, make_article, people):
    """On the story page every name of the byline leads to that contributor's page (which answers), escaped."""
    article = make_article()
    rina, agus, _ = people
    Contributor.objects.filter(pk=agus.pk).update(name="Agus <b>Salim</b>")
    Byline.objects.create(article=article, contributor=rina, order=1)
    Byline.objects.create(article=article, contributor=agus, role=Byline.Role.EDITOR, order=2)
    html = client.get(article.get_absolute_url()).text
    rina_link = '<a href="/penulis/rina/">Rina Wulandari</a>'
    agus_link = '<a href="/penulis/agus/">Agus &lt;b&gt;Salim&lt;/b&gt;</a>'
    assert f"{rina_link} and {agus_link} (Editor)" in html
    assert client.get("/penulis/agus/").status_code == 200


def test_two_bylines_cannot_share_an_order(make_article, people):
    """The database keeps byline order unambiguous."""
    article = make_article()
    Byline.objects.create(article=article, contributor=people[0], order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Byline.objects.create(article=article, contributor=people[1], order=1)


def test_guest_contributor_needs_no_account(people):
    """A contributor without a user account is a normal byline."""
    assert people[0].user is None


@pytest.mark.parametrize(
    ("dirty", "gone"),
    [
        ('<p>Hi<script>alert("x")</script></p>', "<script"),
        ('<p onclick="steal()">Hi</p>', "onclick"),
        ('<img src="x.jpg" onerror="steal()">', "onerror"),
        ('<a href="javascript:alert(1)">klik</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">klik</a>', "avascript"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ('<p style="background:url(x)">Hi</p>', "style="),
    ],
)
def test_body_is_cleaned_on_save(make_article, dirty, gone):
    """Scripts, event handlers, javascript: links and unknown tags never reach the database."""
    article = make_article(body=dirty)
    article.refresh_from_db()
    assert gone.lower() not in article.body.lower()


def test_body_keeps_editorial_markup(make_article, make_photo):
    """Headings, lists, quotes, links and pictures of the photo desk's own renditions survive cleaning."""
    photo = make_photo()
    ensure_renditions(photo)
    photo.save()
    src = photo.renditions["64"]["url"]
    html = (
        "<h2>Sub</h2><ul><li>satu</li></ul><ol><li>dua</li></ol><blockquote><p>kutipan</p></blockquote>"
        '<p><a href="https://jakarta.go.id/">tautan</a> <strong>tebal</strong> <em>miring</em></p>'
        f'<img src="{src}" alt="a">'
    )
    article = make_article(body=html)
    article.refresh_from_db()
    for kept in [
        "<h2>",
        "<ul>",
        "<ol>",
        "<blockquote>",
        'href="https://jakarta.go.id/"',
        "<strong>",
        "<em>",
        f'<img src="{src}" alt="a">',
    ]:
        assert kept in article.body
