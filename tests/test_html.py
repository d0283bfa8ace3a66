"""Readers' pages are well-formed HTML5 with landmarks, one h1 and alt text on every image."""

import html5lib
import pytest
from django.urls import reverse

from articles.models import ArticlePhoto, Byline, Contributor, Quote, Source

pytestmark = pytest.mark.django_db
NS = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def pages(make_article, make_photo):
    rina = Contributor.objects.create(name="Rina", slug="rina", bio="Reporter kota.")
    story = make_article(kicker="Kota", headline="Pasar & <Taman>", dek="Ringkasan.")
    Byline.objects.create(article=story, contributor=rina)
    ArticlePhoto.objects.create(article=story, photo=make_photo(photographer=rina))
    Quote.objects.create(article=story, text="Kami siap", source=Source.objects.create(name="Ani"), status="confirmed")
    story.tags.add("pasar")
    return [
        reverse("articles:home"),
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        reverse("articles:tag", args=["pasar"]),
        rina.get_absolute_url(),
        reverse("articles:search") + "?q=pasar",
        reverse("articles:search") + "?date_after=kemarin",
    ]


def test_public_pages_parse_as_html5_without_errors(client, pages):
    """The HTML5 parser reports no error on any public page, and each has the landmarks, one h1 and image alts."""
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
        document = parser.parse(response.content, transport_encoding="utf-8")
        assert document.get("lang") in {"id", "en"}, url
        for landmark in ["header", "nav", "main", "footer"]:
            assert document.find(f".//{NS}{landmark}") is not None, (url, landmark)
        assert len(document.findall(f".//{NS}h1")) == 1, url
        for image in document.iter(f"{NS}img"):
            assert image.get("alt") is not None, url
        ids = [element.get("id") for element in document.iter() if element.get("id")]
        assert len(ids) == len(set(ids)), (url, "duplicate ids")
