"""The desk's endpoints (api/desk.py) with per-user tokens: the admin's rules for each role, the edit-conflict 409
that names who changed what, transitions refused with the workflow's message and nothing changed, and uploads that
leave nothing behind when refused."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path
from django.utils import timezone

from api import auth
from api.models import ApiToken
from articles.models import Article, ArticlePhoto, AuditEntry, Byline, Contributor, Photo
from articles.services import workflow
from tests.conftest import image_file
from tests.unit.test_image_validation import bad_images, expected_code

pytestmark = pytest.mark.django_db

ALL_SCOPES = [scope.value for scope in ApiToken.Scope]
DESK = "/api/v1/desk"


def _own_urls() -> list:
    """Until api/v1.py mounts the desk router, this suite mounts it in an API of its own at the same address."""
    if importlib.util.find_spec("api.v1") is not None:
        return []
    from ninja import NinjaAPI

    from api.desk import router

    api = NinjaAPI(urls_namespace="desk_tests")
    api.add_router("/desk", router)
    return [path("api/v1/", api.urls)]


urlpatterns = _own_urls()


def use_desk_urls(settings) -> None:
    if urlpatterns:
        settings.ROOT_URLCONF = __name__


@pytest.fixture(autouse=True)
def _desk_urls(settings):
    use_desk_urls(settings)


@pytest.fixture
def key_for():
    def make(user, scopes=None) -> dict:
        _, key = auth.issue_token(user=user, name="Aplikasi", scopes=scopes or ALL_SCOPES, created_by=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return make


@pytest.fixture
def api(client, key_for):
    """``api(user).get/post/patch(path, data)`` with a fresh token of ``user`` (JSON bodies)."""

    class Caller:
        def __init__(self, user, scopes=None):
            self.headers = key_for(user, scopes)

        def get(self, url, **params):
            return client.get(DESK + url, params, **self.headers)

        def post(self, url, data):
            return client.post(DESK + url, data, content_type="application/json", **self.headers)

        def patch(self, url, data):
            return client.patch(DESK + url, data, content_type="application/json", **self.headers)

        def upload(self, data):
            return client.post(DESK + "/photos", data, **self.headers)

    return Caller


@pytest.fixture
def draft(make_article, people):
    """A draft by the reporter, with a byline of the reporter's own contributor."""
    article = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"])
    contributor = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif", user=people["reporter"])
    Byline.objects.create(article=article, contributor=contributor)
    return article


# --- reading ---------------------------------------------------------------------------------------------------


def test_a_reporter_lists_their_drafts_and_what_readers_see(api, people, draft, make_article):
    public = make_article()
    make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["other_reporter"])
    response = api(people["reporter"]).get("/stories")
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert {item["id"] for item in items} == {draft.pk, public.pk}
    mine = next(item for item in items if item["id"] == draft.pk)
    assert mine["status"] == "draft" and mine["version"] == draft.version
    assert mine["bylines"] == [
        {"contributor": draft.bylines.get().contributor_id, "name": "Dwi Arif", "role": "reporter"}
    ]


def test_editors_and_the_photo_desk_see_every_story(api, people, draft, make_article):
    other = make_article(status=Article.Status.IN_REVIEW, publish_at=None, created_by=people["other_reporter"])
    for role in ("editor", "photo_desk"):
        ids = {item["id"] for item in api(people[role]).get("/stories").json()["items"]}
        assert ids == {draft.pk, other.pk}, role


def test_the_list_pages_by_id(api, people, make_article):
    made = [make_article() for _ in range(5)]
    caller = api(people["editor"])
    first = caller.get("/stories", limit=3).json()
    assert [item["id"] for item in first["items"]] == [a.pk for a in reversed(made)][:3]
    second = caller.get("/stories", limit=3, before=first["next_before"]).json()
    assert [item["id"] for item in second["items"]] == [made[1].pk, made[0].pk]
    assert second["next_before"] is None


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_costs_the_same_whatever_its_length(
    api, people, make_article, size, django_assert_num_queries, section
):
    for number in range(size):
        article = make_article(headline=f"Cerita {number}")
        article.tags.add("banjir", "jakarta")
        contributor = Contributor.objects.create(name=f"Penulis {number}", slug=f"penulis-{number}")
        Byline.objects.create(article=article, contributor=contributor)
    caller = api(people["editor"])
    caller.get("/stories")  # marks the token used: the next requests within a minute write nothing
    # token and user, the user's and group permissions, the stories, their bylines, their tags
    with django_assert_num_queries(6):
        response = caller.get("/stories", limit=200)
    assert len(response.json()["items"]) == size


def test_a_story_the_user_may_not_see_is_404(api, people, make_article):
    other = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["other_reporter"])
    assert api(people["reporter"]).get(f"/stories/{other.pk}").status_code == 404
    detail = api(people["editor"]).get(f"/stories/{other.pk}").json()
    assert detail["body"] == other.body and detail["editable"] is True
    assert set(detail["allowed_transitions"]) >= {"publish", "submit"}


# --- creating and changing ---------------------------------------------------------------------------------------


def test_a_reporter_creates_a_draft_they_author(api, people, section):
    contributor = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif", user=people["reporter"])
    response = api(people["reporter"]).post(
        "/stories",
        {
            "headline": "Banjir di Kemang",
            "body": "<p>Air naik.</p><script>x()</script>",
            "section": section.pk,
            "tags": ["banjir"],
        },
    )
    assert response.status_code == 201, response.content
    story = Article.objects.get(pk=response.json()["id"])
    assert story.status == Article.Status.DRAFT and story.created_by == people["reporter"]
    assert story.slug == "banjir-di-kemang" and "<script>" not in story.body
    assert [b.contributor for b in story.bylines.all()] == [contributor]
    assert [t.name for t in story.tags.all()] == ["banjir"]
    entry = AuditEntry.objects.get(action=auth.API_WRITE, object_id=story.pk)
    assert entry.user == people["reporter"] and "Aplikasi" in entry.note and "headline" in entry.changes
    from reversion.models import Version

    assert Version.objects.get_for_object(story).get().revision.user == people["reporter"]


def test_a_reporter_cannot_set_times_or_state(api, people, section):
    caller = api(people["reporter"])
    soon = (timezone.now() + timedelta(days=1)).isoformat()
    response = caller.post("/stories", {"headline": "X", "section": section.pk, "publish_at": soon})
    assert response.status_code == 403
    assert caller.post("/stories", {"headline": "X", "section": section.pk, "status": "published"}).status_code == 422
    assert not Article.objects.exists()


def test_bad_input_is_a_clear_422(api, people, section):
    caller = api(people["editor"])
    response = caller.post("/stories", {"headline": "X", "section": 999_999})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "section"
    response = caller.post("/stories", {"headline": "X", "section": section.pk, "slug": "no spaces allowed"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "slug"
    assert not Article.objects.exists()


def test_a_change_needs_the_current_version(api, people, draft):
    response = api(people["reporter"]).patch(f"/stories/{draft.pk}", {"version": draft.version, "dek": "Ringkas."})
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.dek == "Ringkas." and response.json()["version"] == draft.version


def test_a_stale_version_is_409_naming_who_changed_what(api, people, draft):
    editor_api, reporter_api = api(people["editor"]), api(people["reporter"])
    # A first save through the API keeps a revision of the version both start from.
    opened = reporter_api.patch(f"/stories/{draft.pk}", {"version": draft.version, "dek": "Awal."}).json()["version"]
    editor_api.patch(f"/stories/{draft.pk}", {"version": opened, "headline": "Judul baru"})
    response = reporter_api.patch(f"/stories/{draft.pk}", {"version": opened, "body": "<p>Tulisan saya.</p>"})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "edit_conflict" and body["changed_by"] == ["editor"]
    assert body["changed"] == ["Headline"] and body["current_version"] == opened + 1
    assert "editor" in body["detail"] and "Headline" in body["detail"]
    draft.refresh_from_db()
    assert draft.body != "<p>Tulisan saya.</p>" and draft.headline == "Judul baru"


def test_a_reporter_cannot_change_a_submitted_story(api, people, draft):
    workflow.perform_transition(article=draft, name="submit", user=people["reporter"])
    draft.refresh_from_db()
    response = api(people["reporter"]).patch(f"/stories/{draft.pk}", {"version": draft.version, "dek": "x"})
    assert response.status_code == 403
    assert Article.objects.get(pk=draft.pk).dek == ""


def test_the_photo_desk_cannot_write_stories(api, people, draft, section):
    caller = api(people["photo_desk"])
    assert caller.post("/stories", {"headline": "X", "section": section.pk}).status_code == 403
    assert caller.patch(f"/stories/{draft.pk}", {"version": draft.version, "dek": "x"}).status_code == 403


# --- transitions -------------------------------------------------------------------------------------------------


def test_a_reporters_token_cannot_publish_and_changes_nothing(api, people, draft):
    before = Article.objects.filter(pk=draft.pk).values().get()
    response = api(people["reporter"]).post(f"/stories/{draft.pk}/transitions", {"transition": "publish"})
    assert response.status_code == 403
    assert response.json()["detail"] == "You do not have permission to publish now stories."
    assert Article.objects.filter(pk=draft.pk).values().get() == before
    refused = AuditEntry.objects.get(object_id=draft.pk, action=AuditEntry.Action.REFUSED)
    assert refused.user == people["reporter"]
    assert not AuditEntry.objects.filter(object_id=draft.pk, action=auth.API_WRITE).exists()


def test_a_reporter_submits_and_an_editor_publishes(api, people, draft):
    submitted = api(people["reporter"]).post(f"/stories/{draft.pk}/transitions", {"transition": "submit"})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == Article.Status.IN_REVIEW
    published = api(people["editor"]).post(f"/stories/{draft.pk}/transitions", {"transition": "publish"})
    assert published.status_code == 200, published.content
    draft.refresh_from_db()
    assert draft.is_public
    entries = AuditEntry.objects.filter(object_id=draft.pk, action=auth.API_WRITE).order_by("pk")
    assert [(e.from_state, e.to_state) for e in entries] == [("draft", "review"), ("review", "published")]


def test_wrong_state_is_409_and_missing_note_422(api, people, draft):
    caller = api(people["editor"])
    response = caller.post(f"/stories/{draft.pk}/transitions", {"transition": "unpublish"})
    assert response.status_code == 409 and "already draft" in response.json()["detail"]
    workflow.perform_transition(article=draft, name="submit", user=people["reporter"])
    response = caller.post(f"/stories/{draft.pk}/transitions", {"transition": "send_back"})
    assert response.status_code == 422 and response.json()["detail"] == "Write a note saying what needs to change."
    assert Article.objects.get(pk=draft.pk).status == Article.Status.IN_REVIEW


def test_without_the_transition_scope_there_is_no_transition(api, people, draft):
    caller = api(people["editor"], scopes=[ApiToken.Scope.READ_DRAFTS])
    assert caller.post(f"/stories/{draft.pk}/transitions", {"transition": "publish"}).status_code == 403
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


# --- photos ------------------------------------------------------------------------------------------------------


def stored_files(settings) -> list[Path]:
    media = Path(settings.MEDIA_ROOT)
    return list(media.rglob("*.*")) if media.exists() else []


def test_an_upload_is_a_pending_photo_placed_in_the_story(api, people, draft):
    response = api(people["reporter"]).upload(
        {"image": image_file("pawai.jpg", size=(400, 300)), "caption": "Pawai", "credit": "Dwi Arif", "story": draft.pk}
    )
    assert response.status_code == 201, response.content
    photo = Photo.objects.get(pk=response.json()["id"])
    assert photo.credit_status == Photo.CreditStatus.PENDING and photo.original_filename == "pawai.jpg"
    assert ArticlePhoto.objects.get(photo=photo).article == draft
    assert Article.objects.get(pk=draft.pk).version == draft.version + 1  # a form opened before is refused
    from articles.services.notifications import uploaded_by

    assert uploaded_by(photo, people["reporter"])


def test_a_reporter_cannot_place_a_photo_in_someone_elses_story(api, people, make_article, settings):
    other = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=people["other_reporter"])
    response = api(people["reporter"]).upload({"image": image_file(), "story": other.pk})
    assert response.status_code == 404
    assert not Photo.objects.exists() and not stored_files(settings)


def test_every_hostile_file_is_refused_and_leaves_nothing(api, people, settings):
    caller = api(people["photo_desk"])
    refused = 0
    for bad in bad_images():
        code = expected_code(bad.name)
        if code is None:
            continue
        response = caller.upload({"image": SimpleUploadedFile(bad.name, bad.read_bytes()), "credit": "X"})
        assert response.status_code == 422, bad.name
        assert response.json()["code"] == code and response.json()["detail"], bad.name
        refused += 1
    assert refused > 20
    assert not Photo.objects.exists() and not stored_files(settings)


def test_no_file_is_a_422(api, people):
    response = api(people["photo_desk"]).upload({"caption": "tanpa file"})
    assert response.status_code == 422


def test_the_photo_desk_places_a_photo_in_any_story_and_the_gate_holds_it(api, people, draft):
    workflow.perform_transition(article=draft, name="submit", user=people["reporter"])
    response = api(people["photo_desk"]).upload({"image": image_file(), "credit": "Dwi Arif", "story": draft.pk})
    assert response.status_code == 201, response.content
    published = api(people["editor"]).post(f"/stories/{draft.pk}/transitions", {"transition": "publish"})
    assert published.status_code == 422
    assert published.json()["detail"].startswith("The story cannot go live until its photos are ready")
    assert Article.objects.get(pk=draft.pk).status == Article.Status.IN_REVIEW


def test_an_unknown_transition_is_422(api, people, draft):
    response = api(people["editor"]).post(f"/stories/{draft.pk}/transitions", {"transition": "teleport"})
    assert response.status_code == 422 and response.json()["detail"] == "Unknown action “teleport”."


def test_scheduling_needs_a_future_time(api, people, draft):
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    caller = api(people["editor"])
    response = caller.post(f"/stories/{draft.pk}/transitions", {"transition": "schedule", "publish_at": past})
    assert response.status_code == 422 and response.json()["detail"] == "The time to schedule must be in the future."
    soon = (timezone.now() + timedelta(hours=1)).isoformat()
    response = caller.post(f"/stories/{draft.pk}/transitions", {"transition": "schedule", "publish_at": soon})
    assert response.status_code == 200 and response.json()["scheduled"] is True


@pytest.mark.parametrize("size", [1, 12])
def test_a_story_costs_the_same_whatever_it_holds(api, people, draft, size, django_assert_num_queries):
    for number in range(size):
        draft.tags.add(f"topik-{number}")
        contributor = Contributor.objects.create(name=f"Penulis {number}", slug=f"penulis-{number}")
        Byline.objects.create(article=draft, contributor=contributor, order=number + 1)
    caller = api(people["editor"])
    caller.get(f"/stories/{draft.pk}")
    # the token with its user, the user's and the groups' permissions, the story, its bylines, tags and photos
    with django_assert_num_queries(7):
        assert caller.get(f"/stories/{draft.pk}").status_code == 200


def test_token_requests_need_no_csrf_token(people, key_for, section):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        DESK + "/stories",
        {"headline": "Tanpa cookie", "section": section.pk},
        content_type="application/json",
        **key_for(people["editor"]),
    )
    assert response.status_code == 201, response.content


def test_schema_errors_read_like_every_other_refusal(rf):
    """ninja's own 422, in the desk's shape once api/v1.py registers ``invalid_request``."""
    from ninja.errors import ValidationError as NinjaValidationError

    from api.desk import invalid_request

    error = NinjaValidationError(
        [
            {"type": "extra_forbidden", "loc": ("body", "payload", "status"), "msg": "Extra inputs are not permitted"},
            {"type": "missing", "loc": ("file", "image"), "msg": "Field required"},
        ]
    )
    response = invalid_request(rf.post("/"), error)
    assert response.status_code == 422
    import json

    body = json.loads(response.content)
    assert body["code"] == "invalid"
    assert body["errors"] == [
        {"field": "status", "message": "Extra inputs are not permitted"},
        {"field": "image", "message": "Field required"},
    ]
    assert body["detail"] == "The request is not valid: status: Extra inputs are not permitted; image: Field required"


def test_a_change_is_audited_with_the_token_and_what_changed(api, people, draft):
    draft.tags.add("lama")
    response = api(people["reporter"]).patch(
        f"/stories/{draft.pk}", {"version": draft.version, "headline": "Judul baru", "tags": ["banjir"]}
    )
    assert response.status_code == 200, response.content
    assert response.json()["tags"] == ["banjir"]
    entry = AuditEntry.objects.get(object_id=draft.pk, action=auth.API_WRITE)
    assert entry.user == people["reporter"] and "Aplikasi" in entry.note
    assert entry.changes["headline"][1] == "Judul baru"
    assert entry.changes["tags"] == [["lama"], ["banjir"]]
    assert set(entry.changes) == {"headline", "tags"}


def test_an_edit_readers_see_is_announced_like_one_from_the_admin(api, people, make_article):
    """A change to a published story through the API tells the webhooks' signal "updated", once; a draft's does not."""
    from articles.events import StoryEvent, story_event

    heard = []

    def listen(sender, article, event, **kwargs):
        heard.append((article.pk, event))

    story_event.connect(listen)
    try:
        public = make_article()
        response = api(people["editor"]).patch(f"/stories/{public.pk}", {"version": public.version, "dek": "Baru."})
        assert response.status_code == 200, response.content
        draft = make_article(status=Article.Status.DRAFT, publish_at=None)
        api(people["editor"]).patch(f"/stories/{draft.pk}", {"version": draft.version, "dek": "Baru."})
    finally:
        story_event.disconnect(listen)
    assert heard == [(public.pk, StoryEvent.UPDATED)]


def test_a_photo_larger_than_the_request_cap_uploads_as_through_the_admin(api, people, settings):
    """The API's upload route has the photo limit of the admin's upload forms, not the 1 MiB cap of other routes."""
    import io
    import random

    from PIL import Image

    settings.NEWSROOM_MAX_REQUEST_BYTES = 200_000
    noise = Image.frombytes("RGB", (600, 600), random.Random(1).randbytes(600 * 600 * 3))  # noise does not compress
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert buffer.tell() > settings.NEWSROOM_MAX_REQUEST_BYTES
    buffer.seek(0)
    buffer.name = "besar.png"
    response = api(people["reporter"]).upload({"image": buffer, "caption": "Besar", "credit": "Dwi Arif"})
    assert response.status_code == 201, response.content
