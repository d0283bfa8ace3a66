"""Who may manage which accounts and give which groups: the one rule the user admin applies everywhere.

Giving access is never allowed to grow the giver's own: a manager who is not a superuser gives only groups whose
permissions they hold themselves and that carry no account or group rights (no ``auth.*`` permission), so the
Chief editor group is given by a superuser only. They manage only the accounts they could have set up that way:
no superusers, no accounts with permissions of their own, no account in a group they may not give (which also
keeps chief editors out of each other's accounts).

Access changes made through the admin are written to the audit log with what changed, before → after.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Field, Q, QuerySet
from django.utils.translation import gettext as _

from articles.models import AuditEntry

# Account administration is one right: Django's user admin needs "change user" even to add an account.
MANAGE_ACCOUNTS = "auth.change_user"
# The fields that decide what an account may do; a change to any of them is audited.
ACCESS_FIELDS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")


def is_superuser(user) -> bool:
    return user.is_active and user.is_superuser


def grantable_groups(user) -> QuerySet[Group]:
    """The groups ``user`` may give to the accounts they manage."""
    if is_superuser(user):
        return Group.objects.all()
    if not user.has_perm(MANAGE_ACCOUNTS):
        return Group.objects.none()
    held = Permission.objects.filter(Q(user=user) | Q(group__user=user)).values("pk")
    return (
        Group.objects.exclude(permissions__content_type__app_label="auth")
        .exclude(permissions__in=Permission.objects.exclude(pk__in=held))
        .order_by("name")
    )


def manageable_users(user) -> QuerySet:
    """The accounts ``user`` may see, change, delete and set the password of."""
    User = get_user_model()
    if is_superuser(user):
        return User.objects.all()
    if not user.has_perm(MANAGE_ACCOUNTS):
        return User.objects.none()
    out_of_reach = Group.objects.exclude(pk__in=grantable_groups(user).values("pk"))
    return User.objects.filter(is_superuser=False, user_permissions__isnull=True).exclude(groups__in=out_of_reach)


def can_manage(user, account) -> bool:
    return account is not None and manageable_users(user).filter(pk=account.pk).exists()


def _shown(value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    names = sorted(str(item) for item in value)
    return ", ".join(names) if names else _("none")


def access_note(before: dict, after: dict) -> str:
    """“staff status: no → yes; groups: Reporter → Editor, Reporter” for the fields whose value differs; a field
    missing from ``before`` (a new account) is listed with its value only."""
    parts = []
    for name in ACCESS_FIELDS:
        if name not in after:
            continue
        label = cast(Field, get_user_model()._meta.get_field(name)).verbose_name
        new = _shown(after[name])
        if name not in before:
            parts.append(f"{label}: {new}")
        elif (old := _shown(before[name])) != new:
            parts.append(f"{label}: {old} → {new}")
    return "; ".join(parts)


def record_access_change(*, actor, account, before: dict, after: dict, created: bool):
    """Audit a new account (with the access it was given) or a change of access; nothing when access is the same.

    What changed is kept as data, before → after (articles/audit.py), with the same in words as the note."""
    from articles import audit  # audit's admin imports the user admin, which imports this module

    note = access_note(before, after)
    if not created and not note:
        return None
    action = AuditEntry.Action.ACCOUNT_CREATED if created else AuditEntry.Action.ACCOUNT_CHANGED
    entry = audit.record_change(target=account, action=action, user=actor, before=before, after=after, note=note)
    return entry or AuditEntry.record(target=account, action=action, user=actor, note=note)
