"""Per-user API tokens for the desk's side of the API (api/desk.py).

A token acts as its user: every write it makes goes through the same services and permission checks as the admin,
so a token can never do more than its user could in the admin; its scopes can only narrow that down.

Only a hash of the key is stored. The key is ``nrk_`` + a public prefix (the token's lookup, shown in the admin so a
leaked key can be told apart) + a secret; the secret's SHA-256 is compared in constant time. The key is shown once,
when the token is made, and never again: a lost key is revoked and replaced, not recovered.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_START = "nrk_"
PREFIX_LENGTH = 12  # hex digits: 48 bits, so two tokens' prefixes never clash in practice (unique anyway)
# Seen at most this often: a token used many times a minute writes its "last used" once, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


class Scope(models.TextChoices):
    READ_DRAFTS = "read_drafts", _("read drafts")
    WRITE_DRAFTS = "write_drafts", _("write drafts")
    UPLOAD_PHOTOS = "upload_photos", _("upload photos")
    TRANSITION = "transition", _("move stories through the workflow")


class TokenStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_key(key: str) -> tuple[str, str] | None:
    """(prefix, secret) of a key as the client sent it, or None when it is not shaped like one of ours."""
    if not key.startswith(KEY_START):
        return None
    rest = key[len(KEY_START) :]
    prefix, secret = rest[:PREFIX_LENGTH], rest[PREFIX_LENGTH:]
    if len(prefix) != PREFIX_LENGTH or not secret:
        return None
    return prefix, secret


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now: datetime | None = None) -> ApiTokenQuerySet:
        """Tokens that work now: not revoked, not expired, and their user still active."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def managed_by(self, user) -> ApiTokenQuerySet:
        """The tokens ``user`` may see and revoke: everyone's with ``manage_all_tokens``, else their own."""
        if user.has_perm("api.manage_all_tokens"):
            return self
        return self.filter(user=user)


class ApiToken(models.Model):
    Scope = Scope
    Status = TokenStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
        help_text=_("The token acts as this person, with their permissions and no more."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “Mobile app on Dwi's phone”.")
    )
    prefix = models.CharField(_("key prefix"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    secret_hash = models.CharField(_("secret hash"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, help_text=_("What the token may be used for."))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(
        _("expires"), null=True, blank=True, help_text=_("Optional. The token stops working at this time.")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        permissions = [("manage_all_tokens", _("Can create and revoke API tokens for anyone"))]

    def __str__(self) -> str:
        return f"{self.name} ({KEY_START}{self.prefix}…)"

    @classmethod
    def issue(
        cls, *, user, name: str, scopes: list[str], created_by, expires_at: datetime | None = None
    ) -> tuple[ApiToken, str]:
        """A new token and its key. The key exists only in the return value: only its hash is stored."""
        prefix, secret = secrets.token_hex(PREFIX_LENGTH // 2), secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            secret_hash=hash_secret(secret),
            scopes=sorted(set(scopes)),
            created_by=created_by,
            expires_at=expires_at,
        )
        return token, f"{KEY_START}{prefix}{secret}"

    @classmethod
    def find_usable(cls, key: str) -> ApiToken | None:
        """The working token this key belongs to, with its user, or None (unknown, wrong secret, revoked, expired,
        user inactive)."""
        parts = split_key(key)
        if parts is None:
            return None
        prefix, secret = parts
        token = cls.objects.usable().select_related("user").filter(prefix=prefix).first()
        if token is None or not token.matches(secret):
            return None
        return token

    def matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret_hash, hash_secret(secret))

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return TokenStatus.REVOKED
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return TokenStatus.EXPIRED
        return TokenStatus.ACTIVE

    def get_status_display(self) -> str:
        return str(TokenStatus(self.status).label)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]

    def mark_used(self, now: datetime | None = None) -> None:
        """Remember when the token was last used, at most once per LAST_USED_PRECISION: one UPDATE that matches no
        row when it was already written in the last minute, so a busy client costs no write per request."""
        now = now or timezone.now()
        if self.last_used_at is not None and now - self.last_used_at < LAST_USED_PRECISION:
            return
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_PRECISION)
        type(self).objects.filter(stale, pk=self.pk).update(last_used_at=now)
        self.last_used_at = now
