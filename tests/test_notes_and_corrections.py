"""Editorial notes stay inside the admin; correction, clarification and update notices show under the story, with
“Diperbarui”/“Updated”, and on the public corrections page."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, translate_url
from django.utils import timezone

from articles import roles
from articles.models import Article, Correction, EditorialNote
from tests.test_revisions import change_form_data

pytestmark = pytest.mark.django_db

SECRET = "Cek ulang angka anggaran dengan Bappeda sebelum terbit"


def add_note(client, article, text=SECRET):
    return client.post(reverse("admin:articles_article_add_note", args=[article.pk]), {"text": text})


def test_a_note_is_added_on_the_change_page_with_author_and_time(client, people, make_article, time_machine):
    """The desk adds a note under the story; it is listed with its author and time, and the story is untouched."""
    time_machine.move_to(timezone.now(), tick=False)
    article = make_article()
    client.force_login(people["photo_desk"])
    response = add_note(client, article)
    assert response.status_code == 302 and response["Location"].endswith("#editorial-notes")
    note = EditorialNote.objects.get()
    assert (note.article, note.author, note.created_at) == (article, people["photo_desk"], timezone.now())
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert SECRET in page.text and "photo_desk" in page.text
    article.refresh_from_db()
    assert article.version == 1  # a note is not an edit of the story: nobody's open form goes stale


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("other_reporter", 404), ("no_rights", 403)])
def test_adding_a_note_needs_sight_of_the_story_and_the_right(
    client, people, make_article, django_user_model, who, status
):
    """Anonymous people are sent to log in, a reporter cannot note another's draft, staff without the right cannot."""
    article = make_article(created_by=people["editor"])
    if who == "other_reporter":
        article = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["editor"])
        client.force_login(people["reporter"])
    elif who == "no_rights":
        user = django_user_model.objects.create_user("viewer", password="pass-for-tests-123", is_staff=True)
        user.user_permissions.add(*Group.objects.get(name=roles.EDITOR).permissions.filter(codename="view_article"))
        client.force_login(user)
    assert add_note(client, article).status_code == status
    assert not EditorialNote.objects.exists()


def test_note_text_never_reaches_readers(client, people, make_article):
    """The note's text is on no public page, nor in the staff preview of the story."""
    article = make_article(headline="Anggaran perubahan disahkan")
    Correction.objects.create(article=article, text="Angka dibetulkan.")
    EditorialNote.objects.create(article=article, author=people["editor"], text=SECRET)
    pages = [
        article.get_absolute_url(),
        reverse("articles:home"),
        article.section.get_absolute_url(),
        reverse("articles:corrections"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200 and "Anggaran perubahan disahkan" in response.text, url
        assert SECRET not in response.text, url
    client.force_login(people["editor"])
    assert SECRET not in client.get(article.get_preview_url()).text


def test_an_editor_appends_a_correction_that_shows_under_the_story(client, people, make_article, time_machine):
    """Saved through the admin inline, the notice names its editor and shows at the foot with “Diperbarui”."""
    time_machine.move_to(timezone.now(), tick=False)
    article = make_article(headline="Pasar Cempaka dibuka lagi")
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(
        client.get(url),
        **{"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction"},
        **{"corrections-0-text": "Versi sebelumnya menyebut tanggal yang salah."},
    )
    assert client.post(url, data).status_code == 302
    notice = Correction.objects.get()
    assert (notice.article, notice.created_by, notice.kind) == (article, people["editor"], "correction")
    client.logout()
    page = client.get(translate_url(article.get_absolute_url(), "id"))
    assert "Versi sebelumnya menyebut tanggal yang salah." in page.text
    assert "Diperbarui" in page.text and "Koreksi" in page.text
    assert page.context["updated_at"] == notice.created_at
    english = client.get(translate_url(article.get_absolute_url(), "en"))
    assert "Updated" in english.text and "Diperbarui" not in english.text


def test_a_story_without_notices_shows_no_updated_line(client, make_article):
    """“Diperbarui” appears only once there is a notice."""
    article = make_article()
    assert "Diperbarui" not in client.get(translate_url(article.get_absolute_url(), "id")).text


def test_notices_are_for_editors_and_for_stories_readers_can_see(client, people, make_article):
    """Editors may add notices to a public story; a draft has no notice section; reporters cannot add one."""
    public = make_article()
    draft = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])

    def corrections_inline(user, article):
        client.force_login(user)
        page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
        found = [inline for inline in page.context["inline_admin_formsets"] if inline.formset.prefix == "corrections"]
        return found[0] if found else None

    assert corrections_inline(people["editor"], public).has_add_permission
    assert corrections_inline(people["editor"], draft) is None
    assert corrections_inline(people["reporter"], draft) is None
    Correction.objects.create(article=public, text="Nama narasumber dibetulkan.")
    reporter_view = corrections_inline(people["reporter"], public)
    assert reporter_view is not None and not reporter_view.has_add_permission


def test_corrections_page_lists_public_notices_newest_first(client, make_article, time_machine):
    """Only notices on stories readers can see are listed, newest first."""
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    live = make_article(headline="Berita tayang")
    hidden = [
        make_article(status=Article.Status.DRAFT, publish_at=None),
        make_article(status=Article.Status.UNPUBLISHED),
        make_article(publish_at=now + timedelta(hours=2)),
        make_article(expires_at=now + timedelta(minutes=1)),
    ]
    older = Correction.objects.create(article=live, text="Yang lama.", created_at=now - timedelta(hours=1))
    newer = Correction.objects.create(article=live, kind="update", text="Yang baru.", created_at=now)
    for article in hidden:
        Correction.objects.create(article=article, text="Tidak boleh tampil.")
    time_machine.move_to(now + timedelta(minutes=2))
    response = client.get(reverse("articles:corrections"))
    assert list(response.context["corrections"]) == [newer, older]
    assert "Tidak boleh tampil." not in response.text and "Berita tayang" in response.text
    assert response.text.index("Yang baru.") < response.text.index("Yang lama.")


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_corrections_page_runs_a_constant_number_of_queries(client, make_article, settings):
    """The corrections page runs the same number of queries for 3 notices and for 30 (across pages)."""

    def add_notices(count):
        for _ in range(count):
            Correction.objects.create(article=make_article(), text="Koreksi kecil.")

    add_notices(3)
    small = [queries_for(client, reverse("articles:corrections"))]
    add_notices(27)
    large = [queries_for(client, reverse("articles:corrections")), queries_for(client, "/koreksi/?page=2")]
    assert small[0] == large[0] == large[1], (small, large)
    assert client.get("/koreksi/?page=3").status_code == 404


def test_story_page_queries_do_not_grow_with_notices(client, make_article, settings):
    """A story with one notice and a story with ten cost the same number of queries (rendered: the page cache off,
    whose first request reads the pages' version and the next does not)."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    one, ten = make_article(), make_article()
    Correction.objects.create(article=one, text="Satu.")
    for number in range(10):
        Correction.objects.create(article=ten, text=f"Pembaruan {number}.", kind="update")
    assert queries_for(client, one.get_absolute_url()) == queries_for(client, ten.get_absolute_url())


def test_corrections_are_linked_from_the_footer_and_from_a_corrected_story(client, make_article):
    """Every page's footer links the corrections page; a story with a notice links it under its notices, and a story
    without one does not."""
    corrected, plain = make_article(), make_article()
    Correction.objects.create(article=corrected, kind="correction", text="Tanggal diperbaiki.")
    corrections = reverse("articles:corrections")
    home = client.get("/").text
    assert f'<a class="link-secondary" href="{corrections}">' in home.split("<footer", 1)[1]
    story = client.get(corrected.get_absolute_url()).text.split("<footer", 1)[0]
    assert f'<a href="{corrections}">All corrections and updates</a>' in story
    assert f'<a href="{corrections}">' not in client.get(plain.get_absolute_url()).text.split("<footer", 1)[0]
