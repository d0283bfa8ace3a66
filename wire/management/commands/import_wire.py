"""``manage.py import_wire PATH [PATH ...] [--json]``: agency items (ninjs 1.x to 3.x, NewsML-G2) become drafts.

Each file is one transaction: a file that cannot be read, or any of whose items or pictures is refused, leaves
nothing behind. ``--json`` prints one object per file and line: ``{"file", "guid", "headline", "status"}``, with
``"error"`` saying why when the status is ``error``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.services.photo_files import StorageFailed, transaction_with_files
from wire import services
from wire.items import WireFormatError, WireItem
from wire.newsml import read_newsml
from wire.ninjs_in import read_ninjs

logger = logging.getLogger(__name__)

ERROR = "error"
# A file of several items (a NewsML-G2 message) is reported by what happened to the most: a new draft first.
STATUS_ORDER = (services.CREATED, services.UPDATED, services.FLAGGED, services.UNCHANGED)
_BOM = b"\xef\xbb\xbf"


def read_wire_file(path: Path) -> list[WireItem]:
    """The file's items, read as ninjs when it is JSON and as NewsML-G2 when it is XML (whatever its name says)."""
    try:
        if not path.is_file():
            raise WireFormatError(_("%(path)s is not a file.") % {"path": path})
        with path.open("rb") as handle:
            start = handle.read(1024)
    except OSError as error:
        raise WireFormatError(_("Cannot read the file: %(reason)s") % {"reason": error.strerror or error}) from error
    first = start.removeprefix(_BOM).lstrip()[:1]
    if first in (b"{", b"["):
        return read_ninjs(path)
    if first == b"<":
        return read_newsml(path)
    raise WireFormatError(_("The file is neither JSON (ninjs) nor XML (NewsML-G2)."))


@dataclass
class FileReport:
    """What happened to one file: what ``--json`` prints, and the stories and notes the human summary adds."""

    file: str
    guid: str | None = None
    headline: str | None = None
    status: str = ERROR
    error: str = ""
    story_ids: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        data = {"file": self.file, "guid": self.guid, "headline": self.headline, "status": self.status}
        if self.status == ERROR:
            data["error"] = self.error
        return data


class Command(BaseCommand):
    help = (
        "Import wire items (ninjs 1.x to 3.x, NewsML-G2) as draft stories with bylines, language, proposed quotes and "
        "pending photos; a later version updates a draft nobody edited and otherwise waits for an editor. Each file "
        "is one transaction; the exit status is 1 when any file could not be imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="ninjs (.json) or NewsML-G2 (.xml) files.")
        parser.add_argument(
            "--json",
            action="store_true",
            help='One JSON object per file and line: {"file", "guid", "headline", "status"} (and "error").',
        )

    def handle(self, *args, **options):
        failed = 0
        for name in options["paths"]:
            report = import_file(Path(name))
            failed += report.status == ERROR
            if options["json"]:
                self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False))
            else:
                self._say(report)
        if failed:
            raise CommandError(
                _("%(failed)d of %(total)d files could not be imported.")
                % {"failed": failed, "total": len(options["paths"])},
                returncode=1,
            )

    def _say(self, report: FileReport) -> None:
        if report.status == ERROR:
            self.stderr.write(f"{report.file}: {self.style.ERROR(_('error'))}: {report.error}")
            return
        stories = ", ".join(f"#{pk}" for pk in report.story_ids)
        line = " — ".join([f"{report.file}: {report.status} {stories} “{report.headline}”", *report.notes])
        self.stdout.write(line if report.status == services.UNCHANGED else self.style.SUCCESS(line))


def import_file(path: Path) -> FileReport:
    """Import every item of one file in one transaction; a file that fails leaves nothing and says why."""
    report = FileReport(file=str(path))
    try:
        items = read_wire_file(path)
        if not items:
            raise WireFormatError(_("The file holds no news item."))
        report.guid, report.headline = items[0].guid, services.clean_headline(items[0])
        with transaction_with_files():  # every item of the file, or none
            outcomes = [services.import_item(item) for item in items]
    except WireFormatError as error:
        report.error = str(error)
        return report
    except StorageFailed as failure:
        report.error = failure.message
        return report
    except Exception as error:  # a batch goes on past a file nobody foresaw; its trace is logged
        logger.exception("import_wire: %s", path)
        report.error = _("Unexpected error (%(kind)s): %(reason)s") % {"kind": type(error).__name__, "reason": error}
        return report
    report.status = next(status for status in STATUS_ORDER if any(o.status == status for o in outcomes))
    report.story_ids = [o.article.pk for o in outcomes if o.article is not None]
    report.notes = [o.message for o in outcomes if o.message]
    return report
