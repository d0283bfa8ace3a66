"""``manage.py import_story PATH [PATH ...]``: plain-text story files become draft stories."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.models import Section
from articles.photos.uploads import accept_photo_file
from articles.services.importing import import_story, read_story_file
from articles.services.photo_files import StorageFailed
from articles.text.story_format import StoryFormatError


class Command(BaseCommand):
    help = (
        "Import plain-text story files (“# caption”, headline, paragraphs) as draft stories, each in one "
        "transaction. A bad file is reported and skipped; the exit status is 1 only when no file could be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Story files (.txt, UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print JSON: one object for one PATH, else a list.")
        parser.add_argument("--image", metavar="FILE", help="An image file for the story's photo.")
        parser.add_argument(
            "--section", default="berita", metavar="SLUG", help="Section slug (created if missing). Default: berita."
        )

    def handle(self, *paths, **options):
        paths = options["paths"]
        image_path = Path(options["image"]) if options["image"] else None
        if image_path is not None:
            self._check_image(image_path)
        results, read_any, section = [], False, None
        for path in paths:
            try:
                story_file = read_story_file(path)
            except StoryFormatError as error:
                results.append({"file": str(path), "error": error.message})
                if not options["json"]:
                    self.stderr.write(f"{path}: {error.message}")
                continue
            read_any = True
            if options["dry_run"]:
                results.append(story_file.preview())
                if not options["json"]:
                    self.stdout.write(f"{path}: “{story_file.story.headline}” ({len(story_file.quotes)} quotes)")
                continue
            section = section or self._section(options["section"])  # looked up once, when a first story is read
            article = self._import(story_file, section, image_path)
            results.append({"file": str(path), "id": article.pk, "headline": article.headline})
            if not options["json"]:
                self.stdout.write(self.style.SUCCESS(f"{path}: draft #{article.pk} “{article.headline}”"))
        if options["json"]:
            self.stdout.write(json.dumps(results[0] if len(paths) == 1 else results, ensure_ascii=False, indent=2))
        if not read_any:
            raise CommandError(_("No file could be read."), returncode=1)

    @staticmethod
    def _check_image(image_path: Path) -> None:
        if not image_path.is_file():
            raise CommandError(_("Image file not found: %(path)s") % {"path": image_path})
        try:
            with image_path.open("rb") as handle:
                accept_photo_file(File(handle, name=image_path.name))
        except ValidationError as error:
            raise CommandError(f"{image_path}: {' '.join(error.messages)}") from None

    @staticmethod
    def _section(slug: str) -> Section:
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            section = Section.objects.create(name=slug.replace("-", " ").title(), slug=slug)
        return section

    def _import(self, story_file, section, image_path):
        if image_path is None:
            return import_story(story_file=story_file, section=section)
        try:
            with image_path.open("rb") as handle:
                return import_story(story_file=story_file, section=section, image=File(handle, name=image_path.name))
        except StorageFailed as failure:
            # Disk full or media folder unwritable: every further file would fail the same way, so stop here.
            raise CommandError(f"{story_file.path}: {failure.message}", returncode=1) from None
