"""The permission matrix: every door into a story (change form, inlines on the photo page, autocomplete, actions,
history, compare, restore, recover, notes, delete, previews) for every role, on another reporter's draft and on a
published story. What a role may not do is refused on every route and leaves the data exactly as it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from articles import access
from articles.models import Article, ArticlePhoto, EditorialNote
from articles.services import revisions
from tests.conftest import image_file, inline_management
from tests.test_access import database_state

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "photo_desk", "editor", "chief_editor"]
SECRET = "EMBARGOED: rencana pemkot"


@dataclass
class Scene:
    story: Article
    version_id: int
    deleted_version_id: int
    photo_pk: int


def build_scene(people, make_article, make_photo, target: str) -> Scene:
    author = people["other_reporter"]
    if target == "draft":
        story = make_article(status="draft", publish_at=None, created_by=author, headline=SECRET)
    else:
        story = make_article(created_by=author, headline=SECRET, publish_at=timezone.now() - timedelta(hours=1))
    with reversion.create_revision():
        story.save()
    story.refresh_from_db()
    gone = make_article(status="draft", publish_at=None, created_by=author, headline=f"{SECRET} (dihapus)")
    with reversion.create_revision():
        gone.save()
    deleted_version = revisions.story_versions(gone.pk).first()
    gone.delete()
    photo = make_photo(approved=False)
    return Scene(
        story=story,
        version_id=revisions.story_versions(story.pk).first().pk,
        deleted_version_id=deleted_version.pk,
        photo_pk=photo.pk,
    )


# Each route: (name, kind, call). A "read" is allowed when it answers 200 with the story's headline; a "write" is
# allowed when the data changed. Refusals must answer without the headline and change nothing.


def change_form_get(client, scene):
    return client.get(reverse("admin:articles_article_change", args=[scene.story.pk]))


def change_form_post(client, scene):
    data = {
        "headline": "Judul diganti",
        "slug": scene.story.slug,
        "section": scene.story.section_id,
        "language": "id",
        "body": "<p>Ditulis ulang.</p>",
        "base_version": scene.story.version,
    }
    data.update(inline_management("corrections"))  # the inline a public story has
    if scene.story.publish_at:
        local = timezone.localtime(scene.story.publish_at)
        data.update(publish_at_0=local.strftime("%Y-%m-%d"), publish_at_1=local.strftime("%H:%M:%S"))
    for prefix in ["bylines", "photo_uses", "quotes", "redirects", "articles-auditentry-content_type-object_id"]:
        data.update(inline_management(prefix))
    return client.post(reverse("admin:articles_article_change", args=[scene.story.pk]), data)


def history(client, scene):
    return client.get(reverse("admin:articles_article_history", args=[scene.story.pk]))


def compare(client, scene):
    return client.get(reverse("admin:articles_article_compare", args=[scene.story.pk]))


def reversion_revision_page(client, scene):
    return client.get(reverse("admin:articles_article_revision", args=[scene.story.pk, scene.version_id]), follow=True)


def restore(client, scene):
    url = reverse("admin:articles_article_restore", args=[scene.story.pk, scene.version_id])
    return client.post(url, {"confirm": "yes"})


def recover_list(client, scene):
    return client.get(reverse("admin:articles_article_recoverlist"))


def recover_form(client, scene):
    return client.get(reverse("admin:articles_article_recover", args=[scene.deleted_version_id]))


def add_note(client, scene):
    return client.post(reverse("admin:articles_article_add_note", args=[scene.story.pk]), {"text": "Cek angka."})


def delete(client, scene):
    return client.post(reverse("admin:articles_article_delete", args=[scene.story.pk]), {"post": "yes"})


def extract_quotes_action(client, scene):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "extract_quotes_again", "_selected_action": [scene.story.pk]},
    )


def submit_button(client, scene):
    return client.post(reverse("admin:articles_article_transition", args=[scene.story.pk, "submit"]))


def photo_used_in_inline(client, scene):
    data = {
        "image": image_file(),
        "caption": "Foto baru",
        "credit": "Dwi Arif",
        "licence_type": "staff",
        "rights_expire_at_0": "",
        "rights_expire_at_1": "",
        **inline_management("uses", 1),
        "uses-0-article": str(scene.story.pk),
        "uses-0-order": "3",
        "uses-0-caption": "Keterangan dari luar",
    }
    return client.post(reverse("admin:articles_photo_add"), data)


def used_in_autocomplete(client, scene):
    query = {"app_label": "articles", "model_name": "articlephoto", "field_name": "article", "term": "EMBARGOED"}
    return client.get(reverse("admin:autocomplete"), query)


def preview(client, scene):
    return client.get(reverse("articles:preview", args=[scene.story.pk]))


def revision_preview(client, scene):
    return client.get(reverse("articles:preview_revision", args=[scene.story.pk, scene.version_id]))


READS = [change_form_get, history, compare, reversion_revision_page, recover_list, recover_form, preview]
READS += [revision_preview, used_in_autocomplete]
WRITES = [change_form_post, restore, add_note, delete, extract_quotes_action, submit_button, photo_used_in_inline]


def expected(role: str, route, target: str, people) -> bool:
    """What the roles are meant to be able to do, stated from the rules rather than read back from the code."""
    if role == "anonymous":
        return False
    editor = role in {"editor", "chief_editor"}
    sees = role != "reporter" or target == "published"  # the photo desk sees every story; reporters public ones
    if route in {recover_list, recover_form}:
        return editor
    if route in {change_form_post, restore, delete, extract_quotes_action}:
        return editor
    if route is submit_button:
        return editor and target == "draft"
    if route in {photo_used_in_inline, used_in_autocomplete}:
        return editor or role == "photo_desk"
    if route is add_note:
        return sees  # everyone on the desk notes what they can see
    return sees


@pytest.mark.parametrize("target", ["draft", "published"])
@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(client, people, make_article, make_photo, role, target):
    """Each role gets exactly what the rules give it on every route; a refusal leaves every record as it was."""
    user = AnonymousUser() if role == "anonymous" else people[role]
    if role != "anonymous":
        client.force_login(user)
    wrong = []
    for route in READS + WRITES:
        scene = build_scene(people, make_article, make_photo, target)
        # A story changed since its saved version (so restoring changes it) and with a quote to extract.
        Article.objects.filter(pk=scene.story.pk).update(body="<p>“Kami siap,” ujar Budi Santoso.</p>")
        before = database_state()
        notes_before = EditorialNote.objects.count()
        uses_before = ArticlePhoto.objects.count()
        response = route(client, scene)
        after = database_state()
        if route in READS:
            body = response.content.decode()
            allowed = response.status_code == 200 and SECRET in body
            # A refusal never names a story readers cannot see; a published one it may (the readers' 404 page lists
            # the latest stories).
            if not allowed and SECRET in body and not scene.story.is_public:
                wrong.append(f"{route.__name__}: refused ({response.status_code}) but shows the headline")
        else:
            allowed = (
                after != before or EditorialNote.objects.count() != notes_before
                if route is not photo_used_in_inline
                else ArticlePhoto.objects.count() != uses_before
            )
            assert response.status_code < 500, route.__name__
        if allowed != expected(role, route, target, people):
            wrong.append(f"{route.__name__}: {'allowed' if allowed else 'refused'} ({response.status_code})")
        # The in-memory rule agrees with the routes.
        assert access.can_view(user, scene.story) == (role != "anonymous" and expected(role, history, target, people))
        client.cookies.pop("messages", None)
    assert not wrong, f"{role} on a {target}: " + "; ".join(wrong)
