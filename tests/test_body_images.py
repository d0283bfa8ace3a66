"""No picture in a story body that the photo desk has not cleared: the HTML rule (articles/text/body_images.py; alone
in tests/unit/test_body_images_rule.py) with the body field's sanitiser, the story's save, the admin, the publish
gate and readers' pages (articles/body_images.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.body_images import BODY_PHOTO_FIRST_ORDER
from articles.models import Article, ArticlePhoto, Photo
from articles.photos.renditions import ensure_renditions
from articles.services import moderation, workflow
from articles.text.body_images import clean_body_images
from tests.conftest import admin_form_data, inline_management

pytestmark = pytest.mark.django_db

OWN = "/media/renditions/ab/cd/foto.webp"
TRACKER = "https://tracker.example/pixel.gif"


def own_rendition(photo: Photo) -> str:
    """Make the photo's renditions (as approval or an import does) and return one rendition's address."""
    ensure_renditions(photo)
    photo.save()
    return next(iter(photo.renditions.values()))["url"]


# --- the HTML rule with the body field's own sanitiser (the rule alone: tests/unit/test_body_images_rule.py)


def test_markup_nh3_wrote_comes_back_unchanged():
    """A body with nothing to remove is written back byte for byte (no change, so no revision noise)."""
    html = Article._meta.get_field("body").sanitize(
        '<h2>Sub &amp; judul</h2><p>a&nbsp;&lt;b&gt; "c" <a href="https://x.example/?a=1&amp;b=2">t</a><br></p>'
        f'<ol start="2"><li>dua</li></ol><hr><img src="{OWN}" alt="&quot;Pawai&quot; &amp; &lt;warga&gt;">'
    )
    assert clean_body_images(html, {OWN: 7}) == (html, [7])


# --- saving a story ------------------------------------------------------------------------------------------


def test_an_outside_picture_is_removed_on_every_save(make_article, make_photo):
    """A story saved by code (import, command, service) loses a hot-linked picture and a photo's original file
    (originals are not renditions); it gains no photo."""
    photo = make_photo()
    article = make_article(body=f'<p>Teks.</p><img src="{TRACKER}"><img src="{photo.image.url}">')
    article.refresh_from_db()
    assert article.body == "<p>Teks.</p>"
    assert not article.photo_uses.exists()


def test_picture_tricks_are_removed_on_save(make_article, make_photo):
    """srcset and <picture>/<source> cannot carry an outside picture through a save; the own one inside stays."""
    own = own_rendition(make_photo())
    article = make_article(
        body=f'<picture><source srcset="{TRACKER}"><img src="{own}" alt="a"></picture>'
        f'<img src="{TRACKER}" srcset="{own} 320w">'
    )
    article.refresh_from_db()
    assert article.body == f'<img src="{own}" alt="a">'


def test_an_own_rendition_stays_and_its_photo_joins_the_story(make_article, make_photo):
    """A rendition of an approved photo is kept, and the photo becomes one of the story's photos, after the photos
    placed by hand (the lead photo stays the lead)."""
    lead, pictured = make_photo(caption="Lead"), make_photo(caption="Di badan berita")
    src = own_rendition(pictured)
    article = make_article()
    ArticlePhoto.objects.create(article=article, photo=lead, order=0)
    article.body = f'<p>Teks.</p><img src="http://testserver{src}?w=1" alt="Pawai">'
    article.save()
    article.refresh_from_db()
    assert article.body == f'<p>Teks.</p><img src="{src}" alt="Pawai">'
    assert list(article.photo_uses.values_list("photo_id", "order")) == [
        (lead.pk, 0),
        (pictured.pk, BODY_PHOTO_FIRST_ORDER),
    ]
    article.save()  # saving again adds nothing
    assert article.photo_uses.count() == 2
    assert Article.objects.for_listing().get(pk=article.pk).lead_photo_use.photo == lead


def add_story_in_admin(client, section, *, body: str, listed_photo, caption: str = ""):
    """Post the story add form with ``body`` and one photo in the photo list; the story it made."""
    url = reverse("admin:articles_article_add")
    data = admin_form_data(
        client.get(url),
        headline="Pawai budaya",
        slug="pawai-budaya",
        section=section.pk,
        body=body,
        **inline_management("photo_uses", 1),
        **{"photo_uses-0-photo": listed_photo.pk, "photo_uses-0-order": "0", "photo_uses-0-caption": caption},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    return Article.objects.get(slug="pawai-budaya")


def test_the_admin_removes_an_outside_picture_and_places_the_own_one(client, people, section, make_photo):
    """An editor's add form with a hot-linked picture, an own rendition in the body and a lead photo in the photo
    list saves once: the outside picture gone, the lead photo first and the body's photo after it."""
    lead, pictured = make_photo(caption="Lead"), make_photo(caption="Di badan berita")
    src = own_rendition(pictured)
    client.force_login(people["editor"])
    body = f'<p>Teks.</p><img src="{TRACKER}"><img src="{src}" alt="Pawai">'
    article = add_story_in_admin(client, section, body=body, listed_photo=lead)
    assert TRACKER not in article.body and f'<img src="{src}" alt="Pawai">' in article.body
    assert list(article.photo_uses.values_list("photo_id", flat=True)) == [lead.pk, pictured.pk]


def test_a_photo_both_listed_and_pictured_in_one_save_is_one_use(client, people, section, make_photo):
    """A photo put in the photo list and pictured in the body in the same admin save becomes one use, at the list's
    place, instead of a 500 on the second insert."""
    photo = make_photo(caption="Di daftar dan di badan berita")
    client.force_login(people["editor"])
    body = f'<p>Teks.</p><img src="{own_rendition(photo)}" alt="Pawai">'
    article = add_story_in_admin(client, section, body=body, listed_photo=photo, caption="Keterangan")
    assert list(article.photo_uses.values_list("photo_id", "order", "caption")) == [(photo.pk, 0, "Keterangan")]


# --- the publish gate ----------------------------------------------------------------------------------------


def test_a_pending_photo_in_the_body_holds_the_story_back_until_approved(people, make_article, make_photo):
    """A body picturing a rendition of a photo whose credit is pending cannot be published; once the desk approves
    the credit it can."""
    photo = make_photo(approved=False, caption="Rapat di balai kota")
    src = own_rendition(photo)  # an import makes renditions before the credit is approved
    article = with_a_byline(make_article(status="approved", publish_at=None, body=f'<img src="{src}" alt="Rapat">'))
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.perform_transition(article=article, name="publish", user=people["editor"])
    assert f"#{photo.pk}" in refused.value.message
    article.refresh_from_db()
    assert article.status == "approved"

    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    published = workflow.perform_transition(article=article, name="publish", user=people["editor"])
    assert published.is_public and f'<img src="{src}"' in published.body


# --- readers' pages ------------------------------------------------------------------------------------------


def test_the_page_shows_a_body_picture_only_while_its_photo_is_public(
    client, people, make_article, make_photo, time_machine, process_local_cache
):
    """Pending: not on the page; approved: shown, with no more queries than a story without a body picture;
    rights expired: gone again, with no job."""
    time_machine.move_to(timezone.now(), tick=False)
    expires = timezone.now() + timedelta(days=3)
    photo = make_photo(approved=False, rights_expire_at=expires)
    src = own_rendition(photo)
    article = make_article(body=f'<p>Teks.</p><img src="{src}" alt="Pawai">')
    assert f'src="{src}"' not in client.get(article.get_absolute_url()).text

    moderation.moderate_photo(photo=photo, decision="approve", user=people["photo_desk"])
    plain = make_article(body="<p>Teks.</p>")
    ArticlePhoto.objects.create(article=plain, photo=make_photo(), order=0)
    with_picture, picture_queries = page_and_queries(client, article)
    _, plain_queries = page_and_queries(client, plain)
    assert f'<img src="{src}" alt="Pawai">' in with_picture
    assert picture_queries == plain_queries

    time_machine.move_to(expires + timedelta(seconds=1))
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and "<p>Teks.</p>" in page.text and f'src="{src}"' not in page.text


def test_a_withdrawn_credit_takes_the_body_picture_down(client, people, make_article, make_photo):
    """When the photo's credit goes back to the desk, readers no longer see the picture in the body."""
    photo = make_photo()
    src = own_rendition(photo)
    article = make_article(body=f'<img src="{src}" alt="Pawai">')
    assert f'src="{src}"' in client.get(article.get_absolute_url()).text
    photo.credit_status = Photo.CreditStatus.PENDING
    photo.save()
    assert f'src="{src}"' not in client.get(article.get_absolute_url()).text


def test_a_picture_stored_before_the_rule_is_not_shown(client, make_article):
    """A hot-linked picture already in the database (written without a save) never reaches readers."""
    article = make_article()
    Article.objects.filter(pk=article.pk).update(body=f'<p>Teks.</p><img src="{TRACKER}">')
    page = client.get(article.get_absolute_url()).text
    assert "<p>Teks.</p>" in page and TRACKER not in page


def test_the_staff_preview_shows_a_picture_still_waiting_for_the_desk(client, people, make_article, make_photo):
    """Staff previewing a draft see the body picture of a photo not cleared yet (the story as it will go live);
    readers of the same story once published would not until the desk approves it."""
    photo = make_photo(approved=False)
    src = own_rendition(photo)
    article = make_article(status="draft", publish_at=None, body=f'<img src="{src}" alt="Pawai">')
    client.force_login(people["editor"])
    page = client.get(article.get_preview_url()).text
    assert f'<img src="{src}" alt="Pawai">' in page


def page_and_queries(client, article) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.text, len(captured)


def with_a_byline(article):
    """Publishing needs a byline (tests/test_publishing_panel.py): a story published in these tests gets one."""
    from articles.models import Byline, Contributor

    contributor, _ = Contributor.objects.get_or_create(slug="penulis-uji", defaults={"name": "Penulis Uji"})
    Byline.objects.get_or_create(article=article, contributor=contributor, defaults={"order": 99})
    return article
