"""The body editor's photo picker (issue 21, point 7): its search answers whoever may place a photo in the story with
the photos a body may picture (renditions only, never an original), and the figure it inserts survives the save and
makes the photo one of the story's photo uses (articles/admin/photo_picker.py, static/newsroom/photo_picker.js)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Photo
from articles.models.story import BODY_EXTENSIONS
from articles.photos.renditions import ensure_renditions, sorted_renditions
from tests.conftest import admin_form_data, image_file

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
SEARCH = "admin:articles_article_photo_picker"


@pytest.fixture
def usable(make_photo):
    """A photo with its renditions made (as the task does after upload); approved unless told otherwise."""

    def build(**fields):
        fields.setdefault("image", image_file(size=(1400, 900)))
        photo = make_photo(**fields)
        ensure_renditions(photo)
        photo.save()
        return photo

    return build


def search(client, article=None, **params):
    if article is not None:
        params["story"] = article.pk
    return client.get(reverse(SEARCH), params)


def found_ids(response) -> list[int]:
    assert response.status_code == 200, response
    return [entry["id"] for entry in response.json()["photos"]]


# --- who may search --------------------------------------------------------------------------------------------


def test_a_reporter_searches_for_their_own_draft_but_not_for_others(client, people, make_article, usable):
    """A reporter gets the photos for their own draft and for a story they are writing; another reporter's draft
    is not found for them, and their own story once submitted can no longer take photos."""
    photo = usable()
    own = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    others = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["other_reporter"])
    submitted = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    client.force_login(people["reporter"])
    assert found_ids(search(client, own)) == [photo.pk]
    assert found_ids(search(client)) == [photo.pk]
    assert search(client, others).status_code == 404
    assert search(client, submitted).status_code == 403
    for odd in ["1 OR 1=1", "\u00b2", "9" * 30, "-1"]:
        assert client.get(reverse(SEARCH), {"story": odd}).status_code == 404, odd


@pytest.mark.parametrize("role", ["photo_desk", "editor", "chief_editor"])
def test_the_desk_and_editors_search_for_any_story(client, people, make_article, usable, role):
    """The photo desk and editors place photos in anyone's story, in any state."""
    photo = usable()
    story = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["reporter"])
    client.force_login(people[role])
    assert found_ids(search(client, story)) == [photo.pk]


def test_no_search_without_an_account_or_the_photo_permission(client, people, django_user_model, make_article):
    """Signed out, the search sends to the sign-in page; a staff account that may not see photos is refused."""
    story = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    response = search(client, story)
    assert response.status_code == 302 and reverse("admin:login") in response.url
    clerk = django_user_model.objects.create_user("clerk", password="pass-for-tests-123", is_staff=True)
    client.force_login(clerk)
    assert search(client, story).status_code == 403
    reader = django_user_model.objects.create_user("reader", password="pass-for-tests-123")
    client.force_login(reader)
    assert search(client, story).status_code == 302


# --- what it finds ---------------------------------------------------------------------------------------------


def test_only_photos_a_body_may_picture_are_offered(client, people, usable, make_photo):
    """Approved and still-pending photos with renditions are offered; a rejected credit, expired rights, a photo
    whose renditions are not made yet and a photo without an image are not."""
    now = timezone.now()
    approved = usable(caption="Disetujui")
    pending = usable(approved=False, caption="Menunggu meja foto")
    usable(approved=False, credit_status=Photo.CreditStatus.REJECTED, caption="Ditolak")
    usable(rights_expire_at=now - timedelta(hours=1), caption="Hak kedaluwarsa")
    make_photo(caption="Belum ada rendisi")
    make_photo(with_image=False, caption="Tanpa berkas")
    client.force_login(people["editor"])
    assert sorted(found_ids(search(client))) == sorted([approved.pk, pending.pk])


def test_an_entry_shows_a_small_rendition_never_the_original(client, people, make_article, usable):
    """Each result has the smallest rendition as its thumbnail, a body-sized rendition to insert, caption, credit,
    the credit line in the story's language and the credit's state; the original file is named nowhere."""
    photo = usable(approved=False, caption="Pawai budaya", credit="ANTARA FOTO/Budi Santoso", alt_text="Penari")
    story = make_article(status=Article.Status.DRAFT, publish_at=None, language="en")
    client.force_login(people["editor"])
    response = search(client, story)
    (entry,) = response.json()["photos"]
    widths = [rendition["width"] for rendition in sorted_renditions(photo)]
    assert entry["thumbnail"]["width"] == widths[0] == 320
    assert entry["thumbnail"]["url"] == sorted_renditions(photo)[0]["url"]
    assert entry["src"] == photo.renditions["960"]["url"]
    assert (entry["caption"], entry["alt"], entry["credit"]) == ("Pawai budaya", "Penari", "ANTARA FOTO/Budi Santoso")
    assert entry["credit_line"] == "Photo: ANTARA FOTO/Budi Santoso"
    assert (entry["credit_status"], entry["credit_status_label"]) == ("pending", "Pending")
    assert photo.image.name not in response.text and photo.image.url not in response.text
    client.force_login(people["reporter"])
    (entry,) = search(client).json()["photos"]
    assert entry["credit_line"] == "Foto: ANTARA FOTO/Budi Santoso"  # a new story is in Indonesian


def test_every_word_narrows_the_search(client, people, usable):
    """Words match caption, credit, source, alt text or the original file name; every word must match."""
    parade = usable(caption="Pawai budaya di Solo", credit="Dwi Arif")
    flood = usable(caption="Banjir di Kali Kenanga", credit="ANTARA FOTO/Budi Santoso")
    named = usable(caption="Rapat", original_filename="DSC_0042.JPG")
    client.force_login(people["editor"])
    assert found_ids(search(client, q="pawai")) == [parade.pk]
    assert found_ids(search(client, q="antara banjir")) == [flood.pk]
    assert found_ids(search(client, q="dsc_0042")) == [named.pk]
    assert found_ids(search(client, q="pawai banjir")) == []
    assert sorted(found_ids(search(client, q="di"))) == sorted([parade.pk, flood.pk])


def test_the_search_costs_the_same_queries_for_one_photo_or_a_full_page(client, people, make_article, usable):
    """One photo or more than a page of them: the same number of queries, and a page is capped (more is said)."""
    from articles.admin.photo_picker import RESULTS

    story = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    usable()
    client.force_login(people["reporter"])
    search(client, story)  # the session and permission caches are per request; warm nothing else
    with CaptureQueriesContext(connection) as one:
        assert len(found_ids(search(client, story))) == 1
    first = Photo.objects.get()
    for _ in range(RESULTS):
        Photo.objects.create(
            image=first.image.name,
            caption="Salinan",
            credit="Dwi Arif",
            credit_status=Photo.CreditStatus.APPROVED,
            renditions=first.renditions,
            renditions_state=Photo.RenditionsState.READY,
        )
    with CaptureQueriesContext(connection) as page:
        response = search(client, story)
    assert len(found_ids(response)) == RESULTS and response.json()["more"] is True
    assert len(page) == len(one) <= 8, [query["sql"] for query in page.captured_queries]


# --- the story form and the save -------------------------------------------------------------------------------


def test_the_story_form_loads_the_picker_on_the_body_editor(client, people, make_article):
    """The body editor carries the picker's search address for this story and the page loads its script and style;
    figures with captions are part of what the editor may write."""
    story = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    client.force_login(people["reporter"])
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).text
    assert f'data-photo-picker="{reverse(SEARCH)}?story={story.pk}"' in page
    assert "newsroom/photo_picker.js" in page and "newsroom/photo_picker.css" in page
    assert BODY_EXTENSIONS["Figure"] and BODY_EXTENSIONS["Caption"] and BODY_EXTENSIONS["Image"]
    add_form = client.get(reverse("admin:articles_article_add")).text
    assert f'data-photo-picker="{reverse(SEARCH)}"' in add_form


def picked_figure(entry: dict, caption_class: str = ' class="figure-caption"') -> str:
    """The markup the editor writes for a picked photo (photo_picker.js inserts a figure node: image + caption, the
    credit left to the pages); the saved body keeps all of it but the caption's class (Caption allows no
    attribute)."""
    return (
        f'<figure class="figure"><img src="{entry["src"]}" alt="{entry["alt"]}" data-file="{entry["id"]}">'
        f"<figcaption{caption_class}>{entry['caption']}</figcaption></figure>"
    )


def test_a_picked_figure_is_saved_whole_and_the_photo_joins_the_story(client, people, make_article, usable):
    """A reporter's draft saved with a picked figure keeps it (picture, caption and credit), and the photo becomes
    one of the story's photo uses; the staff preview shows the figure while the credit is still pending."""
    photo = usable(approved=False, caption="Pawai budaya", credit="Dwi Arif")
    story = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    client.force_login(people["reporter"])
    (entry,) = search(client, story).json()["photos"]
    url = reverse("admin:articles_article_change", args=[story.pk])
    data = admin_form_data(client.get(url), body=f"<p>Teks.</p>{picked_figure(entry)}<p>Akhir.</p>")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    story.refresh_from_db()
    assert f"<p>Teks.</p>{picked_figure(entry, caption_class='')}<p>Akhir.</p>" == story.body
    assert list(story.photo_uses.values_list("photo_id", flat=True)) == [photo.pk]
    preview = client.get(story.get_preview_url()).text
    assert f'<img src="{entry["src"]}"' in preview
    assert 'Pawai budaya <span class="credit">Foto: Dwi Arif</span></figcaption>' in preview


def test_a_figures_credit_reads_as_the_desk_last_set_it(client, people, make_article, usable):
    """The credit under a picture in the body is the photo's credit when the page is drawn: a credit the desk
    corrects after the story went live shows corrected (it is never frozen in the story's text)."""
    from articles.models import ArticlePhoto

    photo = usable(approved=True, caption="Pawai budaya", credit="Dwi Arif")
    client.force_login(people["editor"])
    story = make_article()
    (entry,) = search(client, story).json()["photos"]
    client.logout()
    Article.objects.filter(pk=story.pk).update(body=f"<p>Teks.</p>{picked_figure(entry, caption_class='')}")
    ArticlePhoto.objects.create(article=story, photo=photo, order=1000)
    assert '<span class="credit">Foto: Dwi Arif</span></figcaption>' in client.get(story.get_absolute_url()).text
    photo.credit = "Dwi Arifin"  # the desk's correction, approved again
    photo.save()
    page = client.get(story.get_absolute_url()).text
    assert '<span class="credit">Foto: Dwi Arifin</span></figcaption>' in page and "Foto: Dwi Arif<" not in page


# --- the script's words ----------------------------------------------------------------------------------------


def test_every_word_of_the_picker_script_has_an_indonesian_translation():
    """Each gettext("…") of photo_picker.js is in the JavaScript catalogue, so the dialog reads Indonesian."""
    script = (ROOT / "static" / "newsroom" / "photo_picker.js").read_text(encoding="utf-8")
    wanted = set(re.findall(r'gettext\("([^"]+)"', script))  # ngettext's singular too
    po = (ROOT / "locale" / "id" / "LC_MESSAGES" / "djangojs.po").read_text(encoding="utf-8")
    catalogued = set(re.findall(r'^msgid "(.+)"$', po, re.M))
    assert len(wanted) >= 8
    assert sorted(wanted - catalogued) == []
