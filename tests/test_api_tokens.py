"""API tokens: made in the admin with the key shown once, stored as a hash, scoped, revoked at once, expiring,
dead with an inactive user, audited; each role's admin pages."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from api import auth
from api.models import ApiToken
from articles.models import AuditEntry

pytestmark = pytest.mark.django_db

ALL_SCOPES = [scope.value for scope in ApiToken.Scope]


def grant(user, *codenames: str) -> None:
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="api", codename__in=codenames))


@pytest.fixture
def token_people(people):
    """The roles with the token permissions the lead's setup_roles is asked to give (see the report)."""
    for user in people.values():
        grant(user, "add_apitoken", "view_apitoken")
    grant(people["chief_editor"], "manage_all_tokens")
    return people


@pytest.fixture
def bearer():
    def headers(key: str) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return headers


def issue(user, scopes=None, **fields):
    return auth.issue_token(user=user, name="Aplikasi", scopes=scopes or ALL_SCOPES, created_by=user, **fields)


# --- the key and its hash -----------------------------------------------------------------------------------


def test_only_a_hash_of_the_secret_is_stored(token_people):
    token, key = issue(token_people["reporter"])
    stored = ApiToken.objects.get(pk=token.pk)
    secret = key[len("nrk_") + 12 :]
    assert key.startswith(f"nrk_{stored.prefix}")
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert ApiToken.find_usable(key) == token
    assert ApiToken.find_usable(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert ApiToken.find_usable("nrk_short") is None
    assert ApiToken.find_usable("Basic abc") is None


def test_two_tokens_have_different_keys(token_people):
    (_, first), (_, second) = issue(token_people["reporter"]), issue(token_people["reporter"])
    assert first != second


# --- what works and what does not ---------------------------------------------------------------------------


def desk_list(client, headers):
    return client.get("/api/v1/desk/stories", **headers)


@pytest.fixture
def desk_urls(settings):
    """The desk router at /api/v1/desk/: api/v1.py's when it mounts it, else this suite's own (tests/test_api_desk)."""
    from tests.test_api_desk import use_desk_urls

    use_desk_urls(settings)


def test_a_working_token_reads_and_marks_its_use(client, token_people, bearer, desk_urls):
    token, key = issue(token_people["reporter"])
    response = desk_list(client, bearer(key))
    assert response.status_code == 200, response.content
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_used_is_written_at_most_once_a_minute(client, token_people, bearer, desk_urls, django_assert_num_queries):
    token, key = issue(token_people["reporter"])
    desk_list(client, bearer(key))
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    desk_list(client, bearer(key))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    desk_list(client, bearer(key))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


@pytest.mark.parametrize(
    "header",
    [None, "Bearer ", "Bearer nrk_000000000000nothing", "Token abc", "Bearer not-a-key"],
)
def test_missing_or_unknown_keys_are_401(client, token_people, desk_urls, header):
    headers = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get("/api/v1/desk/stories", **headers)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_revocation_works_at_once(client, token_people, bearer, desk_urls):
    token, key = issue(token_people["reporter"])
    assert desk_list(client, bearer(key)).status_code == 200
    assert auth.revoke_token(token=token, by=token_people["reporter"]) is True
    response = desk_list(client, bearer(key))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    assert auth.revoke_token(token=token, by=token_people["reporter"]) is False  # once is enough


def test_an_expired_token_is_refused(client, token_people, bearer, desk_urls):
    token, key = issue(token_people["reporter"], expires_at=timezone.now() + timedelta(hours=1))
    assert desk_list(client, bearer(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert desk_list(client, bearer(key)).status_code == 401
    assert ApiToken.objects.get(pk=token.pk).status == ApiToken.Status.EXPIRED


def test_an_inactive_users_token_is_refused(client, token_people, bearer, desk_urls):
    user = token_people["reporter"]
    _, key = issue(user)
    user.is_active = False
    user.save()
    assert desk_list(client, bearer(key)).status_code == 401


def test_a_token_without_the_scope_is_403(client, token_people, bearer, desk_urls):
    _, key = issue(token_people["reporter"], scopes=[ApiToken.Scope.UPLOAD_PHOTOS])
    response = desk_list(client, bearer(key))
    assert response.status_code == 403
    assert "read drafts" in response.json()["detail"]


def test_a_session_cookie_is_not_a_token(client, token_people, desk_urls):
    """Signed in to the admin is not enough: the desk API answers only a token (and so needs no CSRF check)."""
    client.force_login(token_people["editor"])
    assert client.get("/api/v1/desk/stories").status_code == 401


# --- who makes and revokes whose tokens; the audit -----------------------------------------------------------


def test_only_a_chief_editor_makes_tokens_for_others(token_people):
    with pytest.raises(auth.TokenRefused):
        auth.issue_token(user=token_people["editor"], name="x", scopes=[], created_by=token_people["reporter"])
    token, _ = auth.issue_token(
        user=token_people["reporter"], name="x", scopes=[], created_by=token_people["chief_editor"]
    )
    assert token.user == token_people["reporter"]
    with pytest.raises(auth.TokenRefused):
        auth.revoke_token(token=token, by=token_people["other_reporter"])
    assert auth.revoke_token(token=token, by=token_people["chief_editor"])


def test_creation_and_revocation_are_audited(token_people):
    token, _ = issue(token_people["reporter"])
    auth.revoke_token(token=token, by=token_people["reporter"])
    entries = AuditEntry.objects.filter(object_id=token.pk, content_type__app_label="api").order_by("pk")
    assert [entry.action for entry in entries] == [auth.TOKEN_CREATED, auth.TOKEN_REVOKED]
    assert all(entry.user == token_people["reporter"] for entry in entries)
    assert token.prefix in entries[0].note and "read drafts" in entries[0].note


# --- the admin pages ---------------------------------------------------------------------------------------------


def add_token(client, user, **changes):
    data = {"user": user.pk, "name": "Ponsel", "scopes": ["read_drafts", "write_drafts"], **changes}
    return client.post(reverse("admin:api_apitoken_add"), data)


def test_the_admin_shows_the_key_once(client, token_people):
    reporter = token_people["reporter"]
    client.force_login(reporter)
    response = add_token(client, reporter)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = response.context["key"]
    assert key.encode() in response.content
    token = ApiToken.objects.get()
    assert token.find_usable(key) == token and token.created_by == reporter
    assert sorted(token.scopes) == ["read_drafts", "write_drafts"]
    # Never again: not on the token's page, not in the list.
    for url in (reverse("admin:api_apitoken_change", args=[token.pk]), reverse("admin:api_apitoken_changelist")):
        page = client.get(url)
        assert page.status_code == 200
        assert key.encode() not in page.content
        assert token.prefix.encode() in page.content


def test_a_reporter_cannot_make_a_token_for_someone_else(client, token_people):
    client.force_login(token_people["reporter"])
    response = add_token(client, token_people["editor"])
    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not ApiToken.objects.exists()


def test_a_chief_editor_makes_one_for_a_reporter(client, token_people):
    client.force_login(token_people["chief_editor"])
    response = add_token(client, token_people["reporter"])
    assert response.status_code == 200
    assert ApiToken.objects.get().user == token_people["reporter"]


def test_past_expiry_is_refused(client, token_people):
    client.force_login(token_people["reporter"])
    past = timezone.localtime(timezone.now() - timedelta(days=1))
    response = add_token(
        client, token_people["reporter"], expires_at_0=past.strftime("%Y-%m-%d"), expires_at_1="10:00:00"
    )
    assert "expires_at" in response.context["adminform"].form.errors
    assert not ApiToken.objects.exists()


def test_each_sees_and_revokes_only_their_own(client, token_people):
    mine, _ = issue(token_people["reporter"])
    theirs, _ = issue(token_people["other_reporter"])
    client.force_login(token_people["reporter"])
    listing = client.get(reverse("admin:api_apitoken_changelist"))
    assert list(listing.context["cl"].result_list) == [mine]
    assert client.get(reverse("admin:api_apitoken_change", args=[theirs.pk])).status_code == 302  # "not found"
    assert client.post(reverse("admin:api_apitoken_revoke", args=[theirs.pk])).status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    response = client.post(reverse("admin:api_apitoken_revoke", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.revoked_at is not None and mine.revoked_by == token_people["reporter"]
    assert mine.status == ApiToken.Status.REVOKED


def test_a_chief_editor_revokes_anyones_from_the_list(client, token_people):
    tokens = [issue(token_people[key])[0] for key in ("reporter", "editor")]
    client.force_login(token_people["chief_editor"])
    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke_selected", "_selected_action": [token.pk for token in tokens]},
    )
    assert response.status_code == 302
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 2


def test_the_list_filters_by_status(client, token_people):
    user = token_people["editor"]
    active, _ = issue(user)
    expired, _ = issue(user, expires_at=timezone.now() + timedelta(hours=1))
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    revoked, _ = issue(user)
    auth.revoke_token(token=revoked, by=user)
    client.force_login(user)
    for status, token in [("active", active), ("expired", expired), ("revoked", revoked)]:
        listing = client.get(reverse("admin:api_apitoken_changelist"), {"status": status})
        assert list(listing.context["cl"].result_list) == [token], status


@pytest.mark.parametrize("role", ["reporter", "photo_desk", "editor", "chief_editor"])
def test_every_roles_token_pages_open(client, token_people, role):
    token, _ = issue(token_people[role])
    client.force_login(token_people[role])
    for url in (
        reverse("admin:api_apitoken_changelist"),
        reverse("admin:api_apitoken_add"),
        reverse("admin:api_apitoken_change", args=[token.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_without_the_permissions_there_is_no_token_page(client, django_user_model):
    """Every newsroom role may make tokens for itself (articles/roles.py); a staff account with no role may not."""
    roleless = django_user_model.objects.create_user("tamu", password="x", is_staff=True)
    client.force_login(roleless)
    assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 403


def test_every_desk_role_may_make_its_own_tokens(people):
    for key in ("reporter", "photo_desk", "editor", "chief_editor"):
        user = people[key]
        assert user.has_perm("api.add_apitoken") and user.has_perm("api.view_apitoken"), key
        assert not user.has_perm("api.change_apitoken"), key  # a token is never edited: revoked and made anew
    assert people["chief_editor"].has_perm("api.manage_all_tokens")
    assert not people["editor"].has_perm("api.manage_all_tokens")
