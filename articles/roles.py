"""The newsroom's roles as Django groups: what each may do, written once and applied by ``setup_roles``."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

REPORTER = "Reporter"
PHOTO_DESK = "Photo desk"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"


def _crud(model: str, *actions: str) -> list[str]:
    return [f"articles.{action}_{model}" for action in actions or ("add", "change", "delete", "view")]


_TAGS = ["taggit.add_tag", "taggit.view_tag"]
_READ_DESK = _crud("section", "view") + _crud("contributor", "view") + _crud("source", "view")
# Everyone on the desk reads and adds internal notes on the stories they can see; notes are never edited afterwards.
_NOTES = _crud("editorialnote", "add", "view")
# Everyone on the desk makes API tokens for themselves (api/); a token never does more than its user may.
_API_TOKENS = ["api.add_apitoken", "api.view_apitoken"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # Reporters write their own drafts (object-level rule in articles.services.workflow.can_edit) and submit them.
    REPORTER: [
        *_crud("article", "add", "change", "view"),
        "articles.submit_article",
        *_crud("byline"),
        *_crud("quote"),
        *_crud("articlephoto"),
        *_crud("photo", "add", "view"),
        *_crud("source", "add", "view"),
        *_READ_DESK,
        *_NOTES,
        *_crud("correction", "view"),
        *_TAGS,
        *_API_TOKENS,
    ],
    # The photo desk attaches photos to stories and moderates credits; it never publishes.
    PHOTO_DESK: [
        *_crud("article", "view"),
        *_crud("photo"),
        "articles.moderate_photo",
        # The agency table (licences and terms new photos get) is the photo desk's to keep.
        *_crud("agency"),
        *_crud("articlephoto"),
        *_crud("contributor", "add", "change", "view"),
        *_READ_DESK,
        *_NOTES,
        *_crud("auditentry", "view"),
        *_API_TOKENS,
        # Picture links delivered with wire copy (wire/), for the photo desk to fetch and check.
        "wire.view_wirephoto",
    ],
}
ROLE_PERMISSIONS[EDITOR] = sorted(
    {
        *ROLE_PERMISSIONS[REPORTER],
        *ROLE_PERMISSIONS[PHOTO_DESK],
        *_crud("article"),
        "articles.review_article",
        "articles.publish_article",
        "articles.edit_any_article",
        "articles.view_reports",
        "articles.restore_revision",
        # Linking a contributor to an account gives that account their bylined drafts (articles/models/people.py).
        "articles.link_contributor_account",
        # Editors append correction, clarification and update notices; a published notice is never deleted.
        *_crud("correction", "add", "change", "view"),
        *_crud("section"),
        *_crud("contributor"),
        *_crud("source"),
        *_crud("articleredirect"),
        *_crud("frontpagepin"),
        *_crud("breakingnews"),
        "taggit.change_tag",
        "taggit.delete_tag",
        # A later wire version of a story somebody edited waits for an editor to apply or dismiss it (wire/).
        "wire.view_wirestory",
        "wire.review_wire_version",
        # Webhook deliveries: editors see the log and replay a delivery a subscriber missed (webhooks/).
        "webhooks.view_webhookdelivery",
        "webhooks.replay_webhookdelivery",
    }
)
ROLE_PERMISSIONS[CHIEF_EDITOR] = sorted(
    {
        *ROLE_PERMISSIONS[EDITOR],
        # Accounts of reporters, the photo desk and editors (the rule is articles/accounts.py). Groups are only
        # looked at: changing a group's permissions changes everyone's access, which is a superuser's job.
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.view_group",
        # Anyone's API tokens, and who receives webhooks: both let systems outside the newsroom in.
        "api.manage_all_tokens",
        "webhooks.add_webhooksubscription",
        "webhooks.change_webhooksubscription",
        "webhooks.delete_webhooksubscription",
        "webhooks.view_webhooksubscription",
    }
)


@transaction.atomic
def setup_roles() -> dict[str, int]:
    """Create the groups, or bring them back to exactly these permissions; returns permissions per group."""
    counts = {}
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        query = Q(pk__in=[])
        for dotted in codenames:
            app_label, codename = dotted.split(".", 1)
            query |= Q(content_type__app_label=app_label, codename=codename)
        permissions = list(Permission.objects.filter(query))
        missing = set(codenames) - {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
        if missing:
            raise LookupError(f"Unknown permissions for {name}: {', '.join(sorted(missing))} (run migrate first)")
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts
