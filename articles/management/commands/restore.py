"""``manage.py restore FILE.tar.gz [--force]``: put back a backup made by ``manage.py backup``, all of it or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.backups.archive import BackupError
from articles.backups.contents import describe
from articles.backups.restoring import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into this database and media storage, after `manage.py "
        "migrate` with the same Newsroom version. Checks the archive against its manifest first; refuses a database "
        "that holds content unless --force (which replaces it, and ends every sign-in). Loads the rows in one "
        "transaction and checks them against the manifest's digests, writes the media files (removed again if "
        "anything fails), rebuilds the search index, and refreshes PostgreSQL's planner statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz made by `manage.py backup`.")
        parser.add_argument("--force", action="store_true", help="Replace the content this database already holds.")

    def handle(self, *args, archive: str, force: bool, **options):
        try:
            summary = restore_backup(Path(archive), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if summary.replaced:
            self.stdout.write(
                _("Replaced what the database held: %(listed)s.") % {"listed": describe(summary.replaced)}
            )
        self.stdout.write(_("Restored the backup made at %(when)s:") % {"when": summary.created_at})
        for label, count in summary.rows.items():
            self.stdout.write(f"  {describe({label: count})}")
        self.stdout.write(
            _("Media files: %(written)s written, %(unchanged)s already there unchanged (%(megabytes).1f MB).")
            % {
                "written": f"{summary.files_written:,}",
                "unchanged": f"{summary.files_unchanged:,}",
                "megabytes": summary.file_bytes / 1e6,
            }
        )
        self.stdout.write(_("Search index rebuilt: %(count)s stories.") % {"count": f"{summary.indexed:,}"})
        if summary.analyzed:
            self.stdout.write(_("PostgreSQL planner statistics refreshed (ANALYZE)."))
        self.stdout.write(self.style.SUCCESS(_("Restore complete.")))
