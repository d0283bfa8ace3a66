"""The version of everything readers' pages show, kept by the database."""

from __future__ import annotations

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicPagesVersion(models.Model):
    """One row. Every change readers can see bumps it in the change's own transaction (articles/signals.py
    ``stories_changed``), and cached pages are keyed by it (articles/cache.py).

    Kept in the database rather than in the cache: the bump commits or rolls back with the change, so a reader
    arriving between an edit and its commit cannot file the old page under the new version, and a cache outage
    during a takedown cannot lose the bump (the cached copy under the old version is simply never asked for again).
    """

    ROW = 1

    version = models.PositiveBigIntegerField(_("version"), default=1)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("public pages version")
        verbose_name_plural = _("public pages version")

    def __str__(self) -> str:
        return str(self.version)

    @classmethod
    def current(cls) -> int:
        """The version now (one query on the primary key); 0 before anything ever changed."""
        return cls.objects.filter(pk=cls.ROW).values_list("version", flat=True).first() or 0

    @classmethod
    def bump(cls) -> None:
        """Count one change, in the caller's transaction."""
        if cls.objects.filter(pk=cls.ROW).update(version=F("version") + 1, changed_at=timezone.now()):
            return
        try:
            with transaction.atomic():  # the row is made by the migration; a flushed test database has none
                cls.objects.create(pk=cls.ROW, version=2)
        except IntegrityError:  # made meanwhile by another connection
            cls.objects.filter(pk=cls.ROW).update(version=F("version") + 1, changed_at=timezone.now())
