"""Account administration cannot escalate: who manages which accounts, who links contributors to accounts, and
what the admin login says to an account without staff status."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles import accounts, roles
from articles.models import AuditEntry, Byline, Contributor
from tests.conftest import admin_form_data

pytestmark = pytest.mark.django_db

PASSWORD = "pass-for-tests-123"


def group(name: str) -> Group:
    return Group.objects.get(name=name)


def bylined_on(user, article) -> bool:
    """What gives a reporter write access to a draft: a byline of a contributor linked to their account."""
    return Byline.objects.filter(article=article, contributor__user=user).exists()


def change_url(user) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def change_data(user, **fields) -> dict:
    """What the change form of ``user`` posts when saved unchanged, with ``fields`` replaced."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "groups": [g.pk for g in user.groups.all()],
    }
    if user.is_active:
        data["is_active"] = "on"
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def chief(client, people):
    client.force_login(people["chief_editor"])
    return client


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)


# Finding 1: a chief editor could make any account a superuser and open a superuser's password page.


def test_chief_editor_cannot_make_an_account_superuser_with_a_crafted_post(chief, people):
    """A change POST carrying is_superuser is refused with a message and the account stays an ordinary one."""
    reporter = people["reporter"]
    response = chief.post(change_url(reporter), change_data(reporter, is_superuser="on"))
    assert response.status_code == 200
    assert "Only a superuser can grant superuser status or individual permissions." in response.text
    reporter.refresh_from_db()
    assert not reporter.is_superuser


def test_chief_editor_cannot_create_a_superuser_with_a_crafted_post(chief, people, django_user_model):
    """An add POST carrying is_superuser is refused with a message and no account is created."""
    response = chief.post(
        reverse("admin:auth_user_add"),
        {
            "username": "penyusup",
            "usable_password": "true",
            "password1": "Kata-sandi-baru-99",
            "password2": "Kata-sandi-baru-99",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 200
    assert "Only a superuser can grant superuser status or individual permissions." in response.text
    assert not django_user_model.objects.filter(username="penyusup").exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCOUNT_CREATED).exists()


def test_chief_editor_cannot_give_individual_permissions(chief, people):
    """A change POST carrying user_permissions is refused and the account gets no permission of its own."""
    reporter = people["reporter"]
    permission = Permission.objects.get(codename="change_group")
    response = chief.post(change_url(reporter), change_data(reporter, user_permissions=[permission.pk]))
    assert response.status_code == 200
    assert "Only a superuser can grant superuser status or individual permissions." in response.text
    assert not reporter.user_permissions.exists()


def test_chief_editor_form_has_no_superuser_or_permission_fields(chief, people):
    """The change page a chief editor sees offers neither superuser status nor individual permissions."""
    response = chief.get(change_url(people["reporter"]))
    assert response.status_code == 200
    assert set(response.context["adminform"].form.fields) >= {"is_active", "is_staff", "groups"}
    assert not {"is_superuser", "user_permissions"} & set(response.context["adminform"].form.fields)


def test_chief_editor_cannot_grant_the_chief_editor_group(chief, people):
    """Giving a reporter the Chief editor group is a form error and the reporter keeps only their own group."""
    reporter = people["reporter"]
    chief_group = group(roles.CHIEF_EDITOR)
    response = chief.post(
        change_url(reporter), change_data(reporter, groups=[group(roles.REPORTER).pk, chief_group.pk])
    )
    assert response.status_code == 200
    assert f"Group {chief_group.pk} cannot be given from your account" in response.text
    assert list(reporter.groups.values_list("name", flat=True)) == [roles.REPORTER]


def test_chief_editor_may_grant_only_the_desk_groups(people):
    """The groups a chief editor may give are Reporter, Photo desk and Editor; a superuser may give every group."""
    assert set(accounts.grantable_groups(people["chief_editor"]).values_list("name", flat=True)) == {
        roles.REPORTER,
        roles.PHOTO_DESK,
        roles.EDITOR,
    }
    assert not accounts.grantable_groups(people["editor"]).exists()
    root = type(people["editor"]).objects.create_superuser("root", "root@example.com", PASSWORD)
    assert accounts.grantable_groups(root).count() == Group.objects.count()


@pytest.mark.parametrize("target", ["superuser", "chief_editor"])
def test_chief_editor_cannot_open_edit_delete_or_reset_a_superuser_or_chief_editor(chief, people, superuser, target):
    """A superuser's or another chief editor's account is out of reach: no list row, change, delete or password page."""
    account = superuser if target == "superuser" else people["chief_editor"]
    if target == "chief_editor":
        account = type(account).objects.create_user("chief2", password=PASSWORD, is_staff=True)
        account.groups.add(group(roles.CHIEF_EDITOR))
    changelist = chief.get(reverse("admin:auth_user_changelist"))
    assert changelist.status_code == 200
    assert account.pk not in {user.pk for user in changelist.context["cl"].queryset}

    assert chief.get(change_url(account)).status_code == 302
    edited = chief.post(change_url(account), change_data(account, username="taken-over", is_staff=None))
    assert edited.status_code == 302 and edited.url == reverse("admin:index")

    delete_url = reverse("admin:auth_user_delete", args=[account.pk])
    assert chief.post(delete_url, {"post": "yes"}).status_code == 302

    password_url = reverse("admin:auth_user_password_change", args=[account.pk])
    assert chief.get(password_url).status_code == 404
    reset = chief.post(password_url, {"password1": "n3w-Passw0rd!x", "password2": "n3w-Passw0rd!x"})
    assert reset.status_code == 404

    account.refresh_from_db()
    assert account.username != "taken-over" and account.is_staff
    assert account.check_password(PASSWORD)


def test_chief_editor_bulk_delete_skips_accounts_out_of_reach(chief, people, superuser):
    """The delete action only ever sees accounts the chief editor manages."""
    url = reverse("admin:auth_user_changelist")
    response = chief.post(url, {"action": "delete_selected", "_selected_action": [superuser.pk], "post": "yes"})
    assert response.status_code == 302
    assert type(superuser).objects.filter(pk=superuser.pk).exists()


def test_chief_editor_creates_a_reporter_and_gives_desk_groups(chief, people, django_user_model):
    """A chief editor adds an account with staff status and the Reporter group, then makes it photo desk and editor;
    both steps are in the audit log."""
    response = chief.post(
        reverse("admin:auth_user_add"),
        {
            "username": "baru",
            "usable_password": "true",
            "password1": "Kata-sandi-baru-99",
            "password2": "Kata-sandi-baru-99",
            "is_staff": "on",
            "groups": [group(roles.REPORTER).pk],
        },
    )
    assert response.status_code == 302
    new = django_user_model.objects.get(username="baru")
    assert new.is_staff and not new.is_superuser and new.check_password("Kata-sandi-baru-99")
    assert list(new.groups.values_list("name", flat=True)) == [roles.REPORTER]
    created = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_CREATED, object_id=new.pk)
    assert created.user == people["chief_editor"] and roles.REPORTER in created.note

    desk = [group(roles.REPORTER).pk, group(roles.PHOTO_DESK).pk, group(roles.EDITOR).pk]
    response = chief.post(change_url(new), change_data(new, groups=desk, first_name="Baru"))
    assert response.status_code == 302
    new.refresh_from_db()
    assert set(new.groups.values_list("name", flat=True)) == {roles.REPORTER, roles.PHOTO_DESK, roles.EDITOR}
    assert new.first_name == "Baru"
    changed = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_CHANGED, object_id=new.pk)
    assert changed.user == people["chief_editor"]
    assert changed.note == "groups: Reporter → Editor, Photo desk, Reporter"


def test_chief_editor_removes_staff_status_and_it_is_audited(chief, people):
    """Taking staff status from a reporter is saved and noted as before → after in the audit log."""
    reporter = people["reporter"]
    response = chief.post(change_url(reporter), change_data(reporter, is_staff=None))
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert not reporter.is_staff
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_CHANGED, object_id=reporter.pk)
    assert entry.note == "staff status: yes → no"


def test_saving_an_account_without_access_changes_writes_no_audit_entry(chief, people):
    """Changing only a name is not an access change, so the audit log stays as it was."""
    reporter = people["reporter"]
    assert chief.post(change_url(reporter), change_data(reporter, last_name="Wulandari")).status_code == 302
    reporter.refresh_from_db()
    assert reporter.last_name == "Wulandari"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCOUNT_CHANGED).exists()


def test_chief_editor_changes_a_reporters_password(chief, people):
    """The password page of an account the chief editor manages works."""
    reporter = people["reporter"]
    url = reverse("admin:auth_user_password_change", args=[reporter.pk])
    response = chief.post(
        url, {"usable_password": "true", "password1": "Sandi-baru-yang-kuat-7", "password2": "Sandi-baru-yang-kuat-7"}
    )
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert reporter.check_password("Sandi-baru-yang-kuat-7")


def test_account_with_individual_permissions_is_superuser_business(chief, people):
    """An account a superuser gave permissions of its own is out of a chief editor's reach."""
    reporter = people["reporter"]
    reporter.user_permissions.add(Permission.objects.get(codename="change_group"))
    assert chief.get(change_url(reporter)).status_code == 302
    assert not accounts.manageable_users(people["chief_editor"]).filter(pk=reporter.pk).exists()


def test_superuser_still_manages_every_account(client, people, superuser):
    """A superuser makes a chief editor superuser, gives individual permissions and the Chief editor group, and it
    is audited."""
    client.force_login(superuser)
    target = people["editor"]
    permission = Permission.objects.get(codename="view_group")
    response = client.post(
        change_url(target),
        change_data(
            target,
            is_superuser="on",
            user_permissions=[permission.pk],
            groups=[group(roles.CHIEF_EDITOR).pk],
        ),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_superuser
    assert list(target.user_permissions.all()) == [permission]
    assert list(target.groups.values_list("name", flat=True)) == [roles.CHIEF_EDITOR]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_CHANGED, object_id=target.pk)
    assert entry.note.startswith("superuser status: no → yes; groups: Editor → Chief editor; user permissions: none → ")
    assert entry.note.endswith("Can view group")
    other = type(superuser).objects.create_superuser("root2", "root2@example.com", PASSWORD)
    assert client.get(change_url(other)).status_code == 200
    assert client.get(reverse("admin:auth_user_password_change", args=[other.pk])).status_code == 200


def test_editor_without_account_rights_cannot_open_accounts(client, people):
    """An editor has no account administration at all."""
    client.force_login(people["editor"])
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(change_url(people["reporter"])).status_code == 403


# Group administration is escalation: superuser only.


def test_group_administration_is_superuser_only(chief, people):
    """A chief editor may look at groups but cannot add, change or delete one, even by a crafted POST."""
    reporter_group = group(roles.REPORTER)
    count = reporter_group.permissions.count()
    assert chief.get(reverse("admin:auth_group_changelist")).status_code == 200
    assert chief.get(reverse("admin:auth_group_add")).status_code == 403
    assert chief.post(reverse("admin:auth_group_add"), {"name": "Admins"}).status_code == 403
    every = list(Permission.objects.values_list("pk", flat=True))
    change = reverse("admin:auth_group_change", args=[reporter_group.pk])
    assert chief.post(change, {"name": roles.REPORTER, "permissions": every}).status_code == 403
    delete = reverse("admin:auth_group_delete", args=[reporter_group.pk])
    assert chief.post(delete, {"post": "yes"}).status_code == 403
    assert not Group.objects.filter(name="Admins").exists()
    assert group(roles.REPORTER).permissions.count() == count


def test_superuser_edits_groups(client, superuser):
    """A superuser still adds groups with permissions."""
    client.force_login(superuser)
    permission = Permission.objects.get(codename="view_group")
    response = client.post(reverse("admin:auth_group_add"), {"name": "Auditors", "permissions": [permission.pk]})
    assert response.status_code == 302
    assert list(Group.objects.get(name="Auditors").permissions.all()) == [permission]


def test_chief_editor_role_keeps_account_rights_but_no_group_editing(people):
    """The Chief editor role manages users and may only view groups."""
    held = set(people["chief_editor"].get_all_permissions())
    assert {"auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_user", "auth.view_group"} <= held
    assert not {"auth.add_group", "auth.change_group", "auth.delete_group"} & held


# Logging in without staff status.


def test_account_without_staff_status_is_told_so_with_the_right_password(client, people):
    """With the right password, an account without staff status learns it needs staff status, and is not logged in."""
    reporter = people["reporter"]
    reporter.is_staff = False
    reporter.save()
    response = client.post(reverse("admin:login"), {"username": "reporter", "password": PASSWORD})
    assert response.status_code == 200
    assert (
        "This account has no access to the editorial desk; ask a chief editor to give it staff status." in response.text
    )
    assert "_auth_user_id" not in client.session


def test_wrong_password_gets_the_generic_error(client, people):
    """A wrong password gets the usual error whether the account has staff status or not."""
    reporter = people["reporter"]
    reporter.is_staff = False
    reporter.save()
    for username in ["reporter", "editor"]:
        response = client.post(reverse("admin:login"), {"username": username, "password": "wrong-password"})
        assert response.status_code == 200
        assert "Please enter the correct username and password for a staff account." in response.text
        assert "staff status" not in response.text
        assert "_auth_user_id" not in client.session


def test_staff_account_logs_in(client, people):
    """An account with staff status and the right password gets into the admin."""
    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == people["editor"].pk


# Finding 2: the photo desk could give a reporter write access to any draft by linking accounts to contributors.


@pytest.fixture
def bylined_draft(make_article, people):
    """A draft by the other reporter, bylined with a contributor that has no account."""
    from articles.models import Article

    article = make_article(status=Article.Status.DRAFT, created_by=people["other_reporter"], publish_at=None)
    contributor = Contributor.objects.create(name="Penulis Tamu", slug="penulis-tamu")
    Byline.objects.create(article=article, contributor=contributor)
    return article, contributor


def test_photo_desk_cannot_link_an_account_on_change(client, people, bylined_draft):
    """A crafted change POST with user=<reporter> leaves the contributor unlinked and the reporter without access."""
    article, contributor = bylined_draft
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_contributor_change", args=[contributor.pk])
    page = client.get(url)
    assert page.status_code == 200 and "user" not in page.context["adminform"].form.fields
    response = client.post(
        url,
        {"name": "Penulis Tamu", "slug": "penulis-tamu", "title": "", "bio": "", "user": people["reporter"].pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "Only an editor can link a contributor to a user account" in response.text
    contributor.refresh_from_db()
    assert contributor.user is None
    assert not bylined_on(people["reporter"], article)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCOUNT_LINK).exists()


def test_photo_desk_cannot_change_an_existing_link(client, people):
    """A crafted POST cannot move a contributor's link to another account."""
    contributor = Contributor.objects.create(name="Rina", slug="rina", user=people["other_reporter"])
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_contributor_change", args=[contributor.pk])
    response = client.post(url, {"name": "Rina", "slug": "rina", "user": people["reporter"].pk})
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.user == people["other_reporter"]


def test_photo_desk_cannot_link_an_account_on_add(client, people):
    """A contributor added by the photo desk with a crafted user=<id> is created without an account."""
    client.force_login(people["photo_desk"])
    response = client.post(
        reverse("admin:articles_contributor_add"),
        {"name": "Fotografer Baru", "slug": "fotografer-baru", "user": people["reporter"].pk},
    )
    assert response.status_code == 302
    assert Contributor.objects.get(slug="fotografer-baru").user is None


def test_photo_desk_cannot_merge_a_linked_contributor(client, people, bylined_draft):
    """Merging a bylined contributor into one linked to the reporter is refused: bylines and links stay."""
    article, guest = bylined_draft
    linked = Contributor.objects.create(name="Reporter", slug="reporter", user=people["reporter"])
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_contributor_changelist")
    response = client.post(
        url,
        {"action": "merge_selected", "_selected_action": [guest.pk, linked.pk], "apply": "1", "keep": linked.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "Only an editor can merge contributors linked to a user account" in response.text
    assert Contributor.objects.filter(pk=guest.pk).exists()
    assert list(article.bylines.values_list("contributor_id", flat=True)) == [guest.pk]
    assert not bylined_on(people["reporter"], article)


def test_photo_desk_cannot_move_a_link_by_merging(client, people):
    """Merging a linked duplicate into an unlinked record is refused, so the link does not move."""
    keep = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif")
    duplicate = Contributor.objects.create(name="dwi arif", slug="dwi-arif-2", user=people["reporter"])
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_contributor_changelist")
    client.post(
        url, {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk], "apply": "1", "keep": keep.pk}
    )
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.user is None and duplicate.user == people["reporter"]


def test_photo_desk_still_merges_unlinked_contributors(client, people):
    """Contributors without accounts are merged by the photo desk as before."""
    keep = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif")
    duplicate = Contributor.objects.create(name="dwi arif", slug="dwi-arif-2")
    client.force_login(people["photo_desk"])
    url = reverse("admin:articles_contributor_changelist")
    response = client.post(
        url, {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk], "apply": "1", "keep": keep.pk}
    )
    assert response.status_code == 302
    assert list(Contributor.objects.values_list("pk", flat=True)) == [keep.pk]


def test_merge_service_refuses_link_changes_without_the_permission(people):
    """The merge service itself refuses to move a link for an actor without the permission, or for no actor."""
    from django.core.exceptions import PermissionDenied

    from articles.services.contributors import merge_contributors

    keep = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif")
    duplicate = Contributor.objects.create(name="dwi arif", slug="dwi-arif-2", user=people["reporter"])
    for actor in [people["photo_desk"], None]:
        with pytest.raises(PermissionDenied):
            merge_contributors(keep=keep, duplicates=[duplicate], actor=actor)
    duplicate.refresh_from_db()
    assert duplicate.user == people["reporter"]


def test_editor_links_an_account_and_it_is_audited(client, people, bylined_draft):
    """An editor links the contributor to the reporter's account; the link and who made it are in the audit log."""
    article, contributor = bylined_draft
    client.force_login(people["editor"])
    url = reverse("admin:articles_contributor_change", args=[contributor.pk])
    response = client.post(url, {"name": "Penulis Tamu", "slug": "penulis-tamu", "user": people["reporter"].pk})
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.user == people["reporter"]
    assert bylined_on(people["reporter"], article)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_LINK)
    assert entry.user == people["editor"] and entry.object_id == contributor.pk
    assert entry.note == "user account: none → reporter"

    response = client.post(url, {"name": "Penulis Tamu", "slug": "penulis-tamu", "user": people["other_reporter"].pk})
    assert response.status_code == 302
    latest = AuditEntry.objects.filter(action=AuditEntry.Action.ACCOUNT_LINK).latest()
    assert latest.note == "user account: reporter → other_reporter"


def test_editor_links_an_account_when_adding(client, people):
    """An editor adding a contributor with an account links it, audited."""
    client.force_login(people["editor"])
    response = client.post(
        reverse("admin:articles_contributor_add"), {"name": "Rina", "slug": "rina", "user": people["reporter"].pk}
    )
    assert response.status_code == 302
    contributor = Contributor.objects.get(slug="rina")
    assert contributor.user == people["reporter"]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_LINK)
    assert entry.object_id == contributor.pk and entry.note == "user account: none → reporter"


def test_editor_merge_moves_the_link_and_it_is_audited(client, people):
    """An editor's merge moves the duplicate's account to the kept record and records it."""
    keep = Contributor.objects.create(name="Dwi Arif", slug="dwi-arif")
    duplicate = Contributor.objects.create(name="dwi arif", slug="dwi-arif-2", user=people["reporter"])
    client.force_login(people["editor"])
    url = reverse("admin:articles_contributor_changelist")
    response = client.post(
        url, {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk], "apply": "1", "keep": keep.pk}
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    assert keep.user == people["reporter"]
    assert not Contributor.objects.filter(pk=duplicate.pk).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_LINK, object_id=keep.pk)
    assert entry.user == people["editor"] and entry.note == "user account: none → reporter"


def test_link_permission_belongs_to_editors(people):
    """Editors and chief editors may link contributors to accounts; reporters and the photo desk may not."""
    assert people["editor"].has_perm("articles.link_contributor_account")
    assert people["chief_editor"].has_perm("articles.link_contributor_account")
    assert not people["photo_desk"].has_perm("articles.link_contributor_account")
    assert not people["reporter"].has_perm("articles.link_contributor_account")


def test_an_access_change_is_kept_as_data_and_shown_in_words(client, people):
    """A chief editor moving a reporter to Editor leaves groups before → after as data, rendered in words."""
    from articles import audit
    from articles.models import AuditEntry

    reporter = people["reporter"]
    client.force_login(people["chief_editor"])
    url = reverse("admin:auth_user_change", args=[reporter.pk])
    editor_group = Group.objects.get(name=roles.EDITOR)
    data = admin_form_data(client.get(url), groups=[editor_group.pk])
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCOUNT_CHANGED, object_id=reporter.pk)
    assert entry.changes == {"groups": [[roles.REPORTER], [roles.EDITOR]]}
    assert any(roles.EDITOR in line for line in audit.describe_changes(entry))
