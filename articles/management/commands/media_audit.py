"""``manage.py media_audit [--fix] [--grace-minutes N]``: files no row points at, and rows whose file is missing."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from sorl.thumbnail.conf import settings as thumbnail_settings

from articles.services.media_audit import audit_media, remove_orphans

DEFAULT_GRACE_MINUTES = 60


class Command(BaseCommand):
    help = (
        "Check the media storage against the database: report orphan files (photo originals no row points at, "
        "e.g. left by a crash between writing a file and committing its row, or the old file of a replaced image) "
        "and rows pointing at a file that is missing. --fix removes orphans older than the grace period (an upload "
        "still in flight is younger) and never deletes a row: photos without their file are listed with their admin "
        "page, to be given a new file there. Exit status 1 while a problem remains (an old orphan, a missing file, a "
        "file that could not be removed), so cron can alert; 0 otherwise. Renditions under THUMBNAIL_PREFIX are "
        "sorl-thumbnail's, kept in its key-value store, and left out (`manage.py thumbnail cleanup` tidies that "
        "store); hidden files such as .gitkeep are left out too. Works through Django's storage API: on the "
        "FileSystemStorage (the default) it walks MEDIA_ROOT; on an object storage (S3 and the like) it lists and "
        "checks every file with one request each, which is slow and may be billed, and a storage that cannot tell a "
        "file's age never has its orphans removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Remove orphan files older than the grace period.")
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=DEFAULT_GRACE_MINUTES,
            metavar="N",
            help=f"An orphan younger than this is left alone: it may be an upload whose row is about to commit. "
            f"Default: {DEFAULT_GRACE_MINUTES}.",
        )

    def handle(self, *args, **options):
        if options["grace_minutes"] < 0:
            raise CommandError("--grace-minutes must be 0 or more.")
        grace = timedelta(minutes=options["grace_minutes"])
        storage = default_storage
        report = audit_media(storage, skip=(thumbnail_settings.THUMBNAIL_PREFIX,))
        cutoff = timezone.now() - grace
        removed, failed = remove_orphans(storage, report.orphans, older_than=cutoff) if options["fix"] else ([], [])

        old = [orphan for orphan in report.orphans if orphan.older_than(cutoff)]
        if report.orphans:
            self.stdout.write(_("Files no row points at:"))
        for orphan in report.orphans:
            age = _("%(age)s old") % {"age": timesince(orphan.modified)} if orphan.modified else _("age unknown")
            if orphan.name in removed:
                state = _("removed")
            elif orphan.name in failed:
                state = _("could not be removed")
            elif orphan in old:
                state = _("run with --fix to remove it")
            else:
                state = _("recent, left alone: it may be an upload in flight")
            self.stdout.write(f"  {orphan.name} ({age}) — {state}")
        if report.missing:
            self.stdout.write(_("Rows pointing at a missing file (open each and give it a new file; none is deleted):"))
        for missing in report.missing:
            self.stdout.write(
                f"  {capfirst(missing.row._meta.verbose_name)} #{missing.row.pk} “{missing.row}”: {missing.name}"
                + (f" — {missing.admin_url}" if missing.admin_url else "")
            )

        # An old orphan not removed (no --fix, or the removal failed) is a problem; a recent one is not yet.
        problems = len(report.missing) + len([orphan for orphan in old if orphan.name not in removed])
        if removed:
            self.stdout.write(
                ngettext("%(count)d file removed.", "%(count)d files removed.", len(removed)) % {"count": len(removed)}
            )
        if problems:
            raise CommandError(
                ngettext("%(count)d problem remains.", "%(count)d problems remain.", problems) % {"count": problems},
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(_("No problems in the media storage.")))
