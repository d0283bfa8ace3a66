"""The editors' admin: every model's add and change pages work, and a story can be written end to end."""

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, Contributor, Photo, Quote, Section, Source
from tests.conftest import image_file, inline_management, photo_add_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(make_article, make_photo):
    article = make_article(headline="Rapat kerja Pemkot")
    contributor = Contributor.objects.create(name="Rina Wulandari", slug="rina")
    source = Source.objects.create(name="Denny Ramdany", title="Asisten Pemerintahan")
    Byline.objects.create(article=article, contributor=contributor)
    Quote.objects.create(article=article, text="Kami menyambut baik.", source=source)
    return {
        "article": article,
        "section": article.section,
        "contributor": contributor,
        "source": source,
        "photo": make_photo(),
    }


@pytest.mark.parametrize("model", [Article, Section, Contributor, Source, Photo])
def test_add_page_renders(editor_client, model):
    """Each model's add page opens for an editor, with that model's empty form."""
    response = editor_client.get(reverse(f"admin:articles_{model._meta.model_name}_add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form._meta.model is model and form.instance.pk is None
    assert f"Add {model._meta.verbose_name}" in response.text


@pytest.mark.parametrize("key", ["article", "section", "contributor", "source", "photo"])
def test_change_page_renders(editor_client, objects, key):
    """Each model's change page opens for an editor."""
    obj = objects[key]
    response = editor_client.get(reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert str(obj)[:20] in response.text


@pytest.mark.parametrize("model", [Article, Section, Contributor, Source, Photo])
def test_changelist_renders(editor_client, objects, model):
    """Each list page opens and lists every object of its model; a search narrows it (only the story is about a
    "rapat")."""
    url = reverse(f"admin:articles_{model._meta.model_name}_changelist")
    # The photo list opens on the photo desk's queue; every photo is one filter away.
    shown = {"state": "all"} if model is Photo else {}

    def listed(response) -> set[int]:
        assert response.status_code == 200
        return {obj.pk for obj in response.context["cl"].result_list}

    every = set(model.objects.values_list("pk", flat=True))
    assert every and listed(editor_client.get(url, shown)) == every
    matching = {objects["article"].pk} if model is Article else set()
    assert listed(editor_client.get(url, {**shown, "q": "rapat"})) == matching


def test_editor_writes_a_story_with_bylines_and_tags(editor_client, section, staff_user):
    """Posting the add form creates the story, its bylines in order and its tags (existing and new)."""
    rina = Contributor.objects.create(name="Rina Wulandari", slug="rina")
    agus = Contributor.objects.create(name="Agus Salim", slug="agus")
    existing = Tag.objects.create(name="Jakarta Pusat", slug="jakarta-pusat")
    data = {
        "kicker": "Pemerintahan",
        "headline": "Pemkot Jakpus terima kunjungan",
        "dek": "",
        "slug": "pemkot-jakpus-terima-kunjungan",
        "body": '<p>Isi <a href="javascript:alert(1)">tautan</a></p>',
        "section": section.pk,
        "tags": [existing.pk],
        "new_tags": "Cirebon, kunjungan kerja",
        "language": "id",
        "publish_at_0": "",
        "publish_at_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "embargo_until_0": "",
        "embargo_until_1": "",
        "seo_title": "",
        "seo_description": "",
        "social_title": "",
        **inline_management("bylines", 2),
        "bylines-0-contributor": agus.pk,
        "bylines-0-role": "editor",
        "bylines-0-order": "2",
        "bylines-1-contributor": rina.pk,
        "bylines-1-role": "reporter",
        "bylines-1-order": "1",
        **inline_management("photo_uses"),
        **inline_management("quotes"),
        **inline_management("redirects"),
        **inline_management("articles-auditentry-content_type-object_id"),
    }
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    article = Article.objects.get(slug="pemkot-jakpus-terima-kunjungan")
    assert article.created_by == staff_user
    assert "javascript" not in article.body
    assert [b.contributor.name for b in article.ordered_bylines] == ["Rina Wulandari", "Agus Salim"]
    assert sorted(article.tags.names()) == ["Cirebon", "Jakarta Pusat", "kunjungan kerja"]


def test_change_form_shows_a_clear_error_for_a_slug_clash(editor_client, make_article):
    """Saving a second story with the same slug on the same day is a form error, not a 500."""
    first = make_article(slug="sama")
    second = make_article(slug="lain", publish_at=first.publish_at)
    url = reverse("admin:articles_article_change", args=[second.pk])
    form = editor_client.get(url).context["adminform"].form
    skip = {"tags", "publish_at", "expires_at", "embargo_until"}
    data = {name: form[name].value() or "" for name in form.fields if name not in skip}
    local = timezone.localtime(first.publish_at)
    data.update(
        slug="sama",
        tags=[],
        publish_at_0=f"{local:%Y-%m-%d}",
        publish_at_1=f"{local:%H:%M:%S}",
        **inline_management("bylines"),
        **inline_management("photo_uses"),
        **inline_management("quotes"),
        **inline_management("redirects"),
        **inline_management("articles-auditentry-content_type-object_id"),
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "already has this slug" in response.text


def test_tag_autocomplete_answers(editor_client):
    """The tag box searches existing tags through the admin's autocomplete."""
    Tag.objects.create(name="Jakarta Pusat", slug="jakarta-pusat")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "jakarta", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Jakarta Pusat"]


def test_photo_upload_in_admin_stores_a_generated_name(editor_client):
    """An uploaded file is stored under a generated name, never the name the user sent."""
    data = photo_add_data(image_file("../../etc/passwd.jpg"), "Pawai")
    response = editor_client.post(reverse("admin:articles_photo_add"), data)
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert "passwd" not in photo.image.name and photo.image.name.startswith("photos/")
    assert (photo.width, photo.height) == (64, 48)


def test_view_on_site_points_to_preview_for_drafts(editor_client, make_article):
    """A draft's “view on site” opens the staff preview; a published story's opens its public page."""
    draft = make_article(status=Article.Status.DRAFT)
    live = make_article()
    draft_page = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk])).text
    live_page = editor_client.get(reverse("admin:articles_article_change", args=[live.pk])).text
    assert f'href="{draft.get_preview_url()}"' in draft_page
    assert f'href="{live.get_absolute_url()}"' in live_page
