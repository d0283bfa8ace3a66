"""Groups and permissions named in the reader's language where the admin lists them.

The role groups keep their English names in the database: settings (NEWSROOM_REQUIRE_2FA_ROLES) and code find them
by name. Permission names are written by Django in English when migrations run ("Can add story"). Both are
translated only when shown: the user and group forms' choices, and the group list.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import roles

ROLE_NAMES = {
    roles.REPORTER: _("Reporter"),
    roles.PHOTO_DESK: _("Photo desk"),
    roles.EDITOR: _("Editor"),
    roles.CHIEF_EDITOR: _("Chief editor"),
}

# Django's default permissions, one per action (django.contrib.auth.management: "Can %s %s").
DEFAULT_ACTIONS = {
    "add": _("Can add %(thing)s"),
    "change": _("Can change %(thing)s"),
    "delete": _("Can delete %(thing)s"),
    "view": _("Can view %(thing)s"),
}


def role_name(name: str) -> str:
    """A role group's name in the active language; any other group's name as it was given."""
    return str(ROLE_NAMES.get(name, name))


def group_label(group: Group) -> str:
    return role_name(group.name)


def permission_label(permission: Permission) -> str:
    """“berita | Dapat mengubah berita”: the model and what the permission allows, in the active language."""
    model = permission.content_type.model_class()
    if model is None:  # a model since removed: the stored text is all there is
        return str(permission)
    thing = model._meta.verbose_name
    action = permission.codename.removesuffix(f"_{model._meta.model_name}")
    if action in DEFAULT_ACTIONS and permission.name == f"Can {action} {model._meta.verbose_name_raw}":
        allows = DEFAULT_ACTIONS[action] % {"thing": thing}
    else:
        # The project's own permissions are declared with gettext_lazy, so their English name is a msgid.
        allows = gettext(permission.name)
    return f"{thing} | {allows}"
