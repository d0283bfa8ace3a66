"""``manage.py backup DIR|FILE.tar.gz``: the database and the media files together, in one checked archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.backups.archive import BackupError
from articles.backups.making import make_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the media files into one .tar.gz: every row (dumpdata with natural foreign keys, "
        "primary keys kept), every media file, and a manifest with the rows and a digest per model, each file's "
        "size and SHA-256, and the migrations applied. Given a folder, the archive is named by the time (UTC). The "
        "archive appears only when complete. Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A folder (a new archive is named by the time) or a .tar.gz name.")

    def handle(self, *args, destination: str, **options):
        try:
            summary = make_backup(Path(destination))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Backed up %(rows)s rows of %(models)s kinds and %(files)s media files (%(megabytes).1f MB) into "
                "%(path)s (%(archive).1f MB)."
            )
            % {
                "rows": f"{summary.rows:,}",
                "models": summary.models,
                "files": f"{summary.files:,}",
                "megabytes": summary.file_bytes / 1e6,
                "path": summary.path,
                "archive": summary.archive_bytes / 1e6,
            }
        )
