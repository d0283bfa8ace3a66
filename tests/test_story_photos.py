"""Every approved photo of a story reaches readers: the lead above the story, the body's pictures where the editor
placed them, every other public photo in a gallery after the text; the lead is the photo in first place, never a
photo promoted in its stead; a lead the desk withdraws tells the desk and the story's people."""

import io

import html5lib
import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.models import Article, ArticlePhoto, Byline, Contributor, Notification, Photo
from articles.photos.renditions import ensure_renditions, sorted_renditions
from articles.services import moderation
from articles.services.notifications import message
from articles.services.story_as_of import story_as_of

pytestmark = pytest.mark.django_db

NS = "{http://www.w3.org/1999/xhtml}"


def jpeg(colour) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="foto.jpg")


@pytest.fixture
def three_photos(make_photo):
    photos = []
    for number, colour in enumerate([(200, 30, 30), (30, 200, 30), (30, 30, 200)], start=1):
        photo = make_photo(image=jpeg(colour), caption=f"Keterangan foto {number}", credit=f"Fotografer {number}")
        ensure_renditions(photo)
        photo.save()
        photos.append(photo)
    return photos


@pytest.fixture
def story(make_article, three_photos):
    """A published story: photo 1 in first place, photo 2 second, photo 3 pictured in the body by the editor."""
    lead, second, pictured = three_photos
    url = sorted_renditions(pictured)[0]["url"]
    article = make_article(
        body=f'<p>Paragraf satu.</p><p><img src="{url}" alt="Gambar di tubuh"></p><p>Paragraf dua.</p>'
    )
    ArticlePhoto.objects.create(article=article, photo=lead, order=0)
    ArticlePhoto.objects.create(article=article, photo=second, order=1)
    assert article.photo_uses.filter(photo=pictured).exists()  # the body's picture became one of the story's uses
    return article


def figures(page: str) -> dict[str, list]:
    """Where each photo is on the page: the lead figure, the story body, the gallery — by their images' addresses."""
    tree = html5lib.parse(page)
    found = {"lead": [], "body": [], "gallery": []}
    for element in tree.iter():
        css = element.get("class") or ""
        for key, marker in [("lead", "lead-photo"), ("body", "story-body"), ("gallery", "story-gallery")]:
            if marker in css.split():
                found[key] += [img.get("src") for img in element.iter(f"{NS}img")]
    return found


def where(page: str, photos) -> dict[str, list[int]]:
    owners = {}
    for number, photo in enumerate(photos, start=1):
        for rendition in photo.renditions.values():
            owners[rendition["url"]] = number
        owners[photo.image.url] = number
    return {key: [owners[src] for src in srcs] for key, srcs in figures(page).items()}


def test_a_story_with_three_photos_shows_all_three_each_once(client, story, three_photos):
    """Readers see the lead above the story, the body's picture in the text and the third photo in the gallery."""
    page = client.get(story.get_absolute_url()).text
    assert where(page, three_photos) == {"lead": [1], "body": [3], "gallery": [2]}
    for number in (1, 2):
        assert f"Keterangan foto {number}" in page and f"Foto: Fotografer {number}" in page


def test_gallery_photos_have_a_caption_and_credit_under_each_and_load_lazily(client, story):
    """Each gallery photo is a figure with its caption and “Foto: …” credit, and waits until scrolled to."""
    tree = html5lib.parse(client.get(story.get_absolute_url()).text)
    gallery = next(e for e in tree.iter() if "story-gallery" in (e.get("class") or "").split())
    shown = list(gallery.iter(f"{NS}figure"))
    assert len(shown) == 1
    caption = "".join(next(shown[0].iter(f"{NS}figcaption")).itertext())
    assert "Keterangan foto 2" in caption and "Foto: Fotografer 2" in caption
    image = next(shown[0].iter(f"{NS}img"))
    assert image.get("loading") == "lazy" and image.get("srcset")


def test_the_lead_withdrawn_shows_no_lead_and_promotes_nothing(client, story, three_photos, people):
    """The desk rejects the lead's credit: the story shows no lead photo; the second stays in the gallery."""
    moderation.moderate_photo(photo=three_photos[0], decision="reject", user=people["photo_desk"], reason="Bukan kita.")
    page = client.get(story.get_absolute_url()).text
    assert where(page, three_photos) == {"lead": [], "body": [3], "gallery": [2]}
    assert Article.objects.get(pk=story.pk).lead_photo_use is None


def test_a_listing_promotes_no_other_photo_either(client, story, three_photos):
    """When the lead's credit goes back to pending, the story's card on the home page shows no picture."""
    Photo.objects.filter(pk=three_photos[0].pk).update(credit_status=Photo.CreditStatus.PENDING)
    article = Article.objects.published().for_listing().get(pk=story.pk)
    assert article.lead_photo_use is None
    assert [use.photo_id for use in article.public_photos] == [three_photos[1].pk, three_photos[2].pk]


def test_the_lead_pictured_in_the_body_is_shown_once_where_the_editor_placed_it(client, make_article, three_photos):
    """A story whose only photo is pictured in its body shows it in the text, not a second time above it."""
    photo = three_photos[2]
    url = sorted_renditions(photo)[0]["url"]
    article = make_article(body=f'<p>Satu.</p><p><img src="{url}" alt=""></p>')
    page = client.get(article.get_absolute_url()).text
    assert where(page, three_photos) == {"lead": [], "body": [3], "gallery": []}


def test_the_story_page_runs_the_same_queries_for_one_and_three_photos(
    client, make_article, three_photos, story, settings
):
    """Showing the gallery costs no query per photo (rendered: the page cache off)."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    single = make_article()
    ArticlePhoto.objects.create(article=single, photo=three_photos[0], order=0)

    def count(article):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(queries)

    assert count(single) == count(story)


def test_withdrawing_the_lead_tells_the_desk_and_the_storys_people(story, three_photos, people):
    """The desk asks for information on a published story's lead: the other desk members, the author and the story's
    editor are told, with the reason; the one who decided is not."""
    reporter, editor = people["reporter"], people["editor"]
    Byline.objects.create(
        article=story, contributor=Contributor.objects.create(name="Rina", slug="rina", user=reporter)
    )
    story.created_by = editor
    story.save()
    second_desk = type(reporter).objects.create_user("second_desk", is_staff=True)
    second_desk.groups.set(people["photo_desk"].groups.all())
    moderation.moderate_photo(
        photo=three_photos[0], decision="request_info", user=people["photo_desk"], reason="Siapa fotografernya?"
    )
    told = Notification.objects.filter(article=story, photo=three_photos[0])
    assert {n.recipient.username for n in told} == {"reporter", "editor", "second_desk"}
    assert all(n.text == "Siapa fotografernya?" for n in told)
    assert "lead photo" in message(told.first())


def test_a_photo_that_is_not_the_lead_tells_no_story(story, three_photos, people):
    """Rejecting the gallery photo tells the uploader only: no story lost its lead."""
    LogEntry.objects.log_actions(
        user_id=people["reporter"].pk, queryset=[three_photos[1]], action_flag=ADDITION, single_object=True
    )
    moderation.moderate_photo(photo=three_photos[1], decision="reject", user=people["photo_desk"], reason="Buram.")
    assert not Notification.objects.filter(article__isnull=False).exists()
    assert [n.recipient.username for n in Notification.objects.all()] == ["reporter"]


def test_a_past_version_whose_lead_is_withdrawn_shows_no_lead_either(client, story, three_photos, people):
    """The staff preview of a saved version follows the same rule: the lead not public, no lead promoted."""
    import reversion
    from reversion.models import Version

    with reversion.create_revision():
        story.save()
    Photo.objects.filter(pk=three_photos[0].pk).update(credit_status=Photo.CreditStatus.PENDING)
    past = story_as_of(Version.objects.get_for_object(story).first()).article
    assert past.lead_photo_use is None
    assert [use.photo_id for use in past.public_photos] == [three_photos[1].pk, three_photos[2].pk]


def test_editing_the_leads_approved_credit_tells_the_desk_and_the_storys_people(client, story, three_photos, people):
    """An approved lead whose credit is edited goes back to the desk: the story shows no lead (none promoted), and the
    desk and the story's people are told the lead was withdrawn; the one who edited is not."""
    from articles.services.photos import save_photo

    editor = people["editor"]
    story.created_by = people["reporter"]
    story.save()
    lead = three_photos[0]
    lead.credit = "Fotografer Satu/ANTARA"
    save_photo(photo=lead, user=editor, changed_fields=["credit"])
    told = Notification.objects.filter(article=story, photo=lead, kind=Notification.Kind.LEAD_WITHDRAWN)
    assert {n.recipient.username for n in told} >= {"reporter", "photo_desk"}
    assert "editor" not in {n.recipient.username for n in told}
    assert "back with the photo desk" in message(told.first())
    assert where(client.get(story.get_absolute_url()).text, three_photos)["lead"] == []
