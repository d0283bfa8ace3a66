"""API tokens in use: issuing and revoking them (audited), and the ninja authentication of the desk's endpoints.

``Authorization: Bearer nrk_…`` on every request; no cookie, so no CSRF check (ninja checks CSRF only for cookie
authentication). An unknown, revoked or expired key, or one whose user is no longer active, is a 401; a key without
the endpoint's scope a 403. The request then runs as the token's user: ``request.user`` is that user, so the admin's
own permission rules (articles/access.py, the workflow service) decide what the request may do.

Every entry the API writes in the audit log names the token, under the three AuditEntry actions below.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from api.models import ApiToken
from articles import audit
from articles.models import AuditEntry

TOKEN_CREATED = AuditEntry.Action.API_TOKEN_CREATED
TOKEN_REVOKED = AuditEntry.Action.API_TOKEN_REVOKED
API_WRITE = AuditEntry.Action.API_WRITE


class TokenRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def may_manage_all(user) -> bool:
    return user.has_perm("api.manage_all_tokens")


def issue_token(
    *, user, name: str, scopes: list[str], created_by, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its key (shown once), with its audit entry. Only a chief editor
    (``manage_all_tokens``) makes tokens for someone else."""
    if user != created_by and not may_manage_all(created_by):
        raise TokenRefused(_("You can only create API tokens for yourself."))
    with transaction.atomic():
        token, key = ApiToken.issue(user=user, name=name, scopes=scopes, created_by=created_by, expires_at=expires_at)
        AuditEntry.record(
            target=token,
            action=TOKEN_CREATED,
            user=created_by,
            note=_("API token “%(name)s” for %(user)s, scopes: %(scopes)s")
            % {"name": token, "user": user, "scopes": ", ".join(token.scope_labels()) or "—"},
        )
    return token, key


def revoke_token(*, token: ApiToken, by) -> bool:
    """Revoke ``token`` at once (the next request with its key is a 401); False when it was revoked already."""
    if token.user_id != by.pk and not may_manage_all(by):
        raise TokenRefused(_("You can only revoke your own API tokens."))
    with transaction.atomic():
        now = timezone.now()
        revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now, revoked_by=by)
        if not revoked:
            return False
        token.revoked_at, token.revoked_by = now, by
        AuditEntry.record(
            target=token,
            action=TOKEN_REVOKED,
            user=by,
            note=_("API token “%(name)s” of %(user)s revoked") % {"name": token, "user": token.user},
        )
    return True


def record_api_write(
    request: HttpRequest, *, target, what: str, before: dict | None = None, after: dict | None = None, **states
) -> None:
    """The audit entry of one write made through the API: who (the token's user), which token, what — with the
    fields that changed, before → after, when ``before`` and ``after`` are given (articles.audit.record_change)."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    note = _("Through API token “%(token)s”: %(what)s") % {"token": token, "what": what}
    if before is not None and after is not None:
        entry = audit.record_change(
            target=target, action=API_WRITE, user=token.user, before=before, after=after, note=note
        )
        if entry is not None:
            return
    AuditEntry.record(target=target, action=API_WRITE, user=token.user, note=note, **states)


def through_token(request: HttpRequest) -> str:
    """How a revision made through the API is signed in a story's history."""
    return _("through API token “%(token)s”") % {"token": request.auth}  # type: ignore[attr-defined]


class TokenAuth(HttpBearer):
    """A usable token with ``scope``; the request then acts as the token's user."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = ApiToken.find_usable(token)
        if found is None:
            raise HttpError(401, _("The API token is missing, unknown, revoked or expired."))
        if not found.has_scope(self.scope):
            raise HttpError(
                403,
                _("This API token does not have the “%(scope)s” scope.") % {"scope": ApiToken.Scope(self.scope).label},
            )
        found.mark_used()
        request.user = found.user
        return found


read_drafts = TokenAuth(ApiToken.Scope.READ_DRAFTS)
write_drafts = TokenAuth(ApiToken.Scope.WRITE_DRAFTS)
upload_photos = TokenAuth(ApiToken.Scope.UPLOAD_PHOTOS)
transition = TokenAuth(ApiToken.Scope.TRANSITION)
