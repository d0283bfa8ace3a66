"""``manage.py photo_metadata PATH [PATH ...] --json``: what image files say about their credit."""

import json

from django.core.management.base import BaseCommand, CommandError

from articles.photos.metadata import read_many_as_json


class Command(BaseCommand):
    help = (
        "Read the credit metadata (IPTC, XMP, EXIF, reconciled the MWG way) of image files. A file that cannot be "
        "read is reported and the command goes on; the exit status is 1 only when no file could be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Image files.")
        parser.add_argument("--json", action="store_true", help="Print JSON: one object for one PATH, else a list.")

    def handle(self, *args, **options):
        paths = options["paths"]
        results, status = read_many_as_json(paths)
        if options["json"]:
            self.stdout.write(json.dumps(results[0] if len(paths) == 1 else results, ensure_ascii=False, indent=2))
        else:
            for result in results:
                if "error" in result:
                    self.stderr.write(f"{result['file']}: {result['error']}")
                    continue
                self.stdout.write(result["file"])
                for key in ("byline", "credit", "copyright", "caption", "source"):
                    if result.get(key):
                        self.stdout.write(f"  {key}: {result[key]}")
        if status:
            raise CommandError("No file could be read.", returncode=1)
