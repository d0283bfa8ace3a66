"""Who may see and change which story, on every door into it: the one rule (articles/access.py), the photo page's
"used in" inline and its autocomplete, recovering deleted stories, public tag and contributor pages, and the admin
pages that answered 500 (history without a user, recover of a live story, year 1, a form sent twice)."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

import pytest
import reversion
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles import access
from articles.admin.stories import ArticleAdmin
from articles.models import Article, ArticlePhoto, AuditEntry, Byline, Contributor, Photo
from articles.services import revisions
from tests.conftest import admin_form_data, image_file, inline_management

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "photo_desk", "editor", "chief_editor"]


def client_for(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


def stories_in_every_state(make_article, people):
    """One story per state a desk sees, written by the reporter or by someone else."""
    past, future = timezone.now() - timedelta(hours=2), timezone.now() + timedelta(days=1)
    mine, theirs = people["reporter"], people["other_reporter"]
    return {
        "own draft": make_article(status="draft", publish_at=None, created_by=mine),
        "own in review": make_article(status="review", publish_at=None, created_by=mine),
        "other's draft": make_article(
            status="draft", publish_at=None, created_by=theirs, headline="EMBARGOED: rahasia"
        ),
        "other's in review": make_article(status="review", publish_at=None, created_by=theirs),
        "published": make_article(status="published", publish_at=past, created_by=theirs),
        "scheduled": make_article(status="published", publish_at=future, created_by=theirs),
        "expired": make_article(status="published", publish_at=past, expires_at=past + timedelta(hours=1)),
        "unpublished": make_article(status="unpublished", publish_at=past, created_by=theirs),
    }


def database_state():
    """What a refused request must leave exactly as it was (audit entries may be added)."""
    return {
        "stories": list(Article.objects.order_by("pk").values_list("pk", "version", "status", "headline", "body")),
        "photo uses": list(ArticlePhoto.objects.order_by("pk").values_list("pk", "article_id", "photo_id", "caption")),
        "photos": list(Photo.objects.order_by("pk").values_list("pk", "caption", "credit", "credit_status")),
        "bylines": list(Byline.objects.order_by("pk").values_list("pk", "article_id", "contributor_id")),
        "versions": Version.objects.count(),
    }


# --- one rule, two forms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_query_and_the_in_memory_check_agree_for_every_state(people, make_article, role):
    """visible_articles/editable_articles and can_view/can_edit give the same answer for every role and state."""
    from django.contrib.auth.models import AnonymousUser

    stories = stories_in_every_state(make_article, people)
    user = AnonymousUser() if role == "anonymous" else people[role]
    visible = set(access.visible_articles(user).values_list("pk", flat=True))
    editable = set(access.editable_articles(user).values_list("pk", flat=True))
    placeable = set(access.photo_placeable_articles(user).values_list("pk", flat=True))
    for name, article in stories.items():
        assert access.can_view(user, article) == (article.pk in visible), name
        assert access.can_edit(user, article) == (article.pk in editable), name
        assert access.can_place_photos(user, article) == (article.pk in placeable), name


def test_a_reporter_sees_public_stories_and_their_own_work_only(people, make_article):
    """A reporter sees what readers see plus their own stories — not others' drafts, scheduled or expired stories."""
    stories = stories_in_every_state(make_article, people)
    visible = set(access.visible_articles(people["reporter"]).values_list("pk", flat=True))
    assert {name for name, story in stories.items() if story.pk in visible} == {
        "own draft",
        "own in review",
        "published",
    }
    editable = set(access.editable_articles(people["reporter"]).values_list("pk", flat=True))
    assert editable == {stories["own draft"].pk}


def test_a_bylined_reporter_sees_and_edits_the_draft(people, make_article):
    """A reporter bylined through their account is an author: the draft is visible and editable to them."""
    article = make_article(status="draft", publish_at=None, created_by=people["editor"])
    Byline.objects.create(article=article, contributor=Contributor.objects.create(name="R", user=people["reporter"]))
    assert access.visible_articles(people["reporter"]).filter(pk=article.pk).exists()
    assert access.editable_articles(people["reporter"]).filter(pk=article.pk).exists()


# --- finding 2: the photo page's "used in" inline --------------------------------------------------------------


def photo_add_data(article_pk, caption="Foto dari reporter") -> dict:
    return {
        "image": image_file(),
        "caption": "Wali kota meninjau banjir",
        "alt_text": "",
        "credit": "Dwi Arif",
        "photographer": "",
        "source": "",
        "copyright_notice": "",
        "licence_type": "staff",
        "usage_terms": "",
        "rights_expire_at_0": "",
        "rights_expire_at_1": "",
        **inline_management("uses", 1),
        "uses-0-article": str(article_pk),
        "uses-0-order": "0",
        "uses-0-caption": caption,
    }


def test_a_reporter_cannot_attach_a_photo_to_someone_elses_draft(client, people, make_article):
    """The photo add form refuses a story the reporter may not change, and saves neither the photo nor the use."""
    stories = stories_in_every_state(make_article, people)
    client.force_login(people["reporter"])
    before = database_state()
    for name in ["other's draft", "published", "own in review"]:
        response = client.post(reverse("admin:articles_photo_add"), photo_add_data(stories[name].pk))
        assert response.status_code == 200, name
        assert "Select a valid choice" in response.text, name
    assert database_state() == before


def test_a_reporter_attaches_a_photo_to_their_own_draft(client, people, make_article):
    """The photo add form accepts the reporter's own draft, and the story gains a revision of the change."""
    stories = stories_in_every_state(make_article, people)
    client.force_login(people["reporter"])
    response = client.post(reverse("admin:articles_photo_add"), photo_add_data(stories["own draft"].pk))
    assert response.status_code == 302
    use = ArticlePhoto.objects.get(article=stories["own draft"])
    assert use.caption == "Foto dari reporter"
    versions = revisions.story_versions(stories["own draft"].pk)
    assert versions.count() == 1
    assert versions.first().revision.user == people["reporter"]


def test_the_used_in_autocomplete_offers_only_stories_the_user_may_place_photos_in(client, people, make_article):
    """The autocomplete behind "used in" lists a reporter's own drafts only; the photo desk gets every story."""
    stories = stories_in_every_state(make_article, people)
    url = reverse("admin:autocomplete")
    query = {"app_label": "articles", "model_name": "articlephoto", "field_name": "article", "term": ""}

    client.force_login(people["reporter"])
    found = {int(row["id"]) for row in client.get(url, query).json()["results"]}
    assert found == {stories["own draft"].pk}

    client.force_login(people["photo_desk"])
    found = {int(row["id"]) for row in client.get(url, query).json()["results"]}
    assert found == {story.pk for story in stories.values()}


def test_placing_a_photo_from_the_photo_page_leaves_a_revision_of_the_story(client, people, make_article, make_photo):
    """The photo desk placing a photo changes the story's version and records a revision by the desk."""
    article = make_article()
    photo = make_photo()
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    data = admin_form_data(client.get(url), **inline_management("uses", 1))
    data.update({"uses-0-article": article.pk, "uses-0-order": "0", "uses-0-caption": ""})
    assert client.post(url, data).status_code == 302
    version = revisions.story_versions(article.pk).first()
    assert version.revision.user == people["photo_desk"]
    assert "photo desk" in version.revision.get_comment()
    assert version.field_dict["version"] == Article.objects.get(pk=article.pk).version


def test_uses_on_stories_the_user_may_not_change_stay_as_they_are(client, people, make_article, make_photo):
    """A reporter's own photo used in a published story: that row is read-only, a crafted change or delete does
    nothing."""
    stories = stories_in_every_state(make_article, people)
    photo = make_photo(approved=False)
    use = ArticlePhoto.objects.create(article=stories["published"], photo=photo, caption="Asli")
    from django.contrib import admin

    from articles.admin.photos import PhotoUseInline

    inline = PhotoUseInline(Photo, admin_site=admin.site)
    request = mock.Mock(user=people["reporter"])
    FormSet = inline.get_formset(request, photo)
    data = {
        "uses-TOTAL_FORMS": "1",
        "uses-INITIAL_FORMS": "1",
        "uses-MIN_NUM_FORMS": "0",
        "uses-MAX_NUM_FORMS": "1000",
        "uses-0-id": str(use.pk),
        "uses-0-photo": str(photo.pk),
        "uses-0-article": str(stories["own draft"].pk),
        "uses-0-order": "5",
        "uses-0-caption": "Diganti",
        "uses-0-DELETE": "on",
    }
    formset = FormSet(data, instance=photo, queryset=ArticlePhoto.objects.filter(photo=photo), prefix="uses")
    assert formset.is_valid(), formset.errors
    formset.save()
    use.refresh_from_db()
    assert (use.article_id, use.order, use.caption) == (stories["published"].pk, 0, "Asli")


# --- finding 4: drafts do not leak -----------------------------------------------------------------------------


def test_the_photo_list_names_only_stories_the_user_may_see(client, people, make_article, make_photo):
    """A reporter's photo list does not show the headline of another reporter's draft in "used in"."""
    stories = stories_in_every_state(make_article, people)
    photo = make_photo(approved=False)
    ArticlePhoto.objects.create(article=stories["other's draft"], photo=photo)
    ArticlePhoto.objects.create(article=stories["published"], photo=photo, order=1)
    client.force_login(people["reporter"])
    page = client.get(reverse("admin:articles_photo_changelist")).text
    assert "EMBARGOED" not in page
    assert stories["published"].headline in page
    client.force_login(people["photo_desk"])
    assert "EMBARGOED" in client.get(reverse("admin:articles_photo_changelist")).text


def test_deleted_stories_are_listed_and_recovered_by_editors_only(client, people, make_article):
    """The recover list and recover form refuse reporters and the photo desk; the list link is hidden from them."""
    article = make_article(
        status="draft", publish_at=None, headline="EMBARGOED: dihapus", created_by=people["reporter"]
    )
    with reversion.create_revision():
        article.save()
    version = revisions.story_versions(article.pk).first()
    article.delete()
    for role in ["reporter", "photo_desk"]:
        client.force_login(people[role])
        assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403, role
        assert client.get(reverse("admin:articles_article_recover", args=[version.pk])).status_code == 403, role
        assert "EMBARGOED" not in client.get(reverse("admin:articles_article_changelist")).text
        assert "recoverlink" not in client.get(reverse("admin:articles_article_changelist")).text
    client.force_login(people["editor"])
    assert "EMBARGOED" in client.get(reverse("admin:articles_article_recoverlist")).text
    assert "recoverlink" in client.get(reverse("admin:articles_article_changelist")).text


def test_a_tag_used_only_on_drafts_has_no_public_page(client, make_article):
    """The public topic page answers 404 until a published story carries the tag, then 200."""
    draft = make_article(status="draft", publish_at=None)
    draft.tags.add("Rahasia Pemkot")
    tag = Tag.objects.get(name="Rahasia Pemkot")
    url = reverse("articles:tag", kwargs={"slug": tag.slug})
    response = client.get(url)
    assert response.status_code == 404
    assert "Rahasia Pemkot" not in response.text
    make_article().tags.add(tag)
    assert client.get(url).status_code == 200


def test_a_contributor_with_only_drafts_has_no_public_page(client, make_article, make_photo):
    """The contributor page answers 404 with neither published work nor an approved photo, 200 with either."""
    contributor = Contributor.objects.create(name="Penulis Baru", slug="penulis-baru", bio="Meliput investigasi X")
    Byline.objects.create(article=make_article(status="draft", publish_at=None), contributor=contributor)
    url = reverse("articles:contributor", kwargs={"slug": contributor.slug})
    response = client.get(url)
    assert response.status_code == 404
    assert "investigasi" not in response.text
    make_photo(photographer=contributor)
    assert client.get(url).status_code == 200
    photographer_only = Contributor.objects.create(name="Fotografer", slug="fotografer")
    make_photo(photographer=photographer_only, approved=False)
    assert client.get(reverse("articles:contributor", kwargs={"slug": "fotografer"})).status_code == 404


# --- finding 5: admin pages that answered 500 ------------------------------------------------------------------


def test_history_of_an_imported_story_lists_its_revision_without_a_user(client, people, tmp_path):
    """A story imported by a command has a revision without a user; its History page still answers 200."""
    story = tmp_path / "story.txt"
    story.write_text(
        "# Wali kota meninjau pasar. Foto: Dwi Arif\n\nPasar Baru dibuka lagi\n\n"
        "“Pasar ini untuk warga,” ujar Wali Kota Budi Santoso.\n",
        encoding="utf-8",
    )
    from articles.models import Section

    Section.objects.create(name="Kota", slug="kota")
    call_command("import_story", str(story), "--section", "kota", stdout=io.StringIO())
    article = Article.objects.get()
    assert revisions.story_versions(article.pk).get().revision.user is None
    client.force_login(people["editor"])
    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert response.status_code == 200
    assert "an import or a command" in response.text


def test_recover_on_a_version_of_a_live_story_is_a_message_not_a_500(client, people, make_article):
    """Opening "recover" on a version of a story that still exists redirects with a message and changes nothing."""
    article = make_article(headline="Judul lama")
    with reversion.create_revision():
        article.save()
    version = revisions.story_versions(article.pk).first()
    Article.objects.filter(pk=article.pk).update(headline="Judul baru")
    article.refresh_from_db()
    article.headline = "Judul terbaru"
    article.save()
    client.force_login(people["editor"])
    before = database_state()
    for method in (client.get, client.post):
        response = method(reverse("admin:articles_article_recover", args=[version.pk]), follow=True)
        assert response.status_code == 200
        assert "not of a deleted story" in response.text
    assert database_state() == before


@pytest.mark.parametrize("field", ["expires_at", "embargo_until", "publish_at"])
def test_a_year_one_date_is_a_form_error(client, people, make_article, field):
    """A time in year 1 (or 9999) in any of the story's time fields is a clear form error, nothing saved."""
    article = make_article()
    client.force_login(people["editor"])
    for day in ["0001-01-01", "9999-12-31"]:
        page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
        data = admin_form_data(page, **{f"{field}_0": day, f"{field}_1": "00:00:00"})
        before = database_state()
        response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
        assert response.status_code == 200
        assert "Enter a time between the years 1900 and 2999" in response.text
        assert database_state() == before


def test_a_year_one_schedule_is_refused_with_a_message(client, people, make_article):
    """The Schedule button with a time in year 1 answers with a message, the story unchanged."""
    article = make_article(status="approved", publish_at=None)
    client.force_login(people["editor"])
    url = reverse("admin:articles_article_transition", args=[article.pk, "schedule"])
    response = client.post(url, {"publish_at_0": "0001-01-01", "publish_at_1": "00:00:00"}, follow=True)
    assert response.status_code == 200
    assert "Enter a time between the years 1900 and 2999" in response.text
    article.refresh_from_db()
    assert article.status == "approved"


def test_a_photo_rights_date_in_year_one_is_a_form_error(client, people, make_photo):
    """The photo's rights expiry in year 1 is a form error, not a 500."""
    photo = make_photo()
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    data = admin_form_data(client.get(url), rights_expire_at_0="0001-01-01", rights_expire_at_1="00:00:00")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter a time between the years 1900 and 2999" in response.text


# --- finding 7: the add form sent twice ------------------------------------------------------------------------


def add_form_data(client, section) -> dict:
    page = client.get(reverse("admin:articles_article_add"))
    return admin_form_data(
        page, headline="Banjir di Kemayoran", slug="banjir-di-kemayoran", section=section.pk, body="<p>Air naik.</p>"
    )


def test_the_add_form_sent_twice_makes_one_story(client, people, section):
    """The same add form posted twice (a double click) makes one story; the second answer leads to it."""
    client.force_login(people["reporter"])
    data = add_form_data(client, section)
    first = client.post(reverse("admin:articles_article_add"), data)
    assert first.status_code == 302
    second = client.post(reverse("admin:articles_article_add"), data, follow=True)
    assert Article.objects.count() == 1
    article = Article.objects.get()
    assert second.redirect_chain[-1][0] == reverse("admin:articles_article_change", args=[article.pk])
    assert "already been saved" in second.text


def test_two_add_forms_racing_past_the_check_still_make_one_story(client, people, section):
    """When both copies pass the early check at once, the unique token refuses the second insert, with a message."""
    client.force_login(people["reporter"])
    data = add_form_data(client, section)
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    real = ArticleAdmin._already_added
    calls = []

    def race_once(self, request):
        calls.append(1)
        return None if len(calls) == 1 else real(self, request)

    with mock.patch.object(ArticleAdmin, "_already_added", race_once):
        second = client.post(reverse("admin:articles_article_add"), data, follow=True)
    assert len(calls) == 2
    assert second.status_code == 200
    assert Article.objects.count() == 1
    assert "already been saved" in second.text


def test_two_different_add_forms_make_two_stories(client, people, section):
    """Two add forms opened separately each make their own story."""
    client.force_login(people["reporter"])
    first = add_form_data(client, section)
    second = {**add_form_data(client, section), "headline": "Banjir lagi", "slug": "banjir-lagi"}
    assert first["add_form_token"] != second["add_form_token"]
    assert client.post(reverse("admin:articles_article_add"), first).status_code == 302
    assert client.post(reverse("admin:articles_article_add"), second).status_code == 302
    assert Article.objects.count() == 2
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?publish_at__year=1",
        "/admin/articles/article/?publish_at__year=9999",
        "/admin/articles/article/?publish_at__gte=0001-01-01",
        "/admin/articles/photo/?created_at__year=1",
        "/admin/articles/auditentry/?created_at__year=1&created_at__month=1",
        "/admin/articles/breakingnews/?starts_at__year=9999",
    ],
)
def test_an_impossible_date_in_a_list_address_is_a_bad_filter_not_a_500(client, people, url):
    """A date-hierarchy or date-filter address edited to year 1 or 9999 goes back to the list with ?e=1."""
    client.force_login(people["editor"])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
