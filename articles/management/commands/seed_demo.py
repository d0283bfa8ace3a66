"""``manage.py seed_demo --stories N [--import DIR]``: demo content and a demo admin account."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from articles import roles
from articles.demo import seeding
from articles.models import Article
from articles.roles import setup_roles
from articles.services.photo_files import StorageFailed
from newsroom.db.statistics import refresh_planner_statistics

# (username, group); the first is a superuser for trying everything.
DEMO_ACCOUNTS = [
    ("demo", None),
    ("reporter", roles.REPORTER),
    ("photodesk", roles.PHOTO_DESK),
    ("editor", roles.EDITOR),
    ("chief", roles.CHIEF_EDITOR),
]


class Command(BaseCommand):
    help = (
        "Load the demo sections, contributors and hand-written stories (once), import every .txt story in "
        "--import DIR (once), generate N more stories, and (re)set the demo accounts' passwords, which are printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=0, metavar="N", help="How many stories to generate.")
        parser.add_argument("--import", dest="import_dir", metavar="DIR", help="A folder of .txt story files.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable content.")
        parser.add_argument("--no-admin", action="store_true", help="Do not create or reset the demo accounts.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Generate the N stories only when there are no stories yet (what `make run` uses on every start).",
        )

    def handle(self, *args, **options):
        try:
            self._seed(options)
        except StorageFailed as failure:
            # The story or photo being loaded was rolled back with its file; what was loaded before it stays.
            raise CommandError(failure.message, returncode=1) from None

    def _seed(self, options):
        if options["stories"] < 0:
            raise CommandError("--stories must be 0 or more.")
        import_dir = Path(options["import_dir"]) if options["import_dir"] else None
        if import_dir is not None and not import_dir.is_dir():
            raise CommandError(f"--import: {import_dir} is not a folder.")
        started = time.perf_counter()
        if options["if_empty"] and Article.objects.exists():
            options["stories"] = 0
        seeding.ensure_sections_and_contributors()
        loaded = seeding.load_handwritten_stories(self.stdout.write)
        self.stdout.write(f"Hand-written demo stories loaded: {loaded}")
        if import_dir is not None:
            imported = seeding.import_folder(import_dir, self.stdout.write)
            self.stdout.write(f"Stories imported from {import_dir}: {imported}")
        if options["stories"]:
            generation_started = time.perf_counter()
            seeding.StoryGenerator(seed=options["seed"]).generate(options["stories"], self.stdout.write)
            self.stdout.write(
                f"Generated {options['stories']:,} stories in {time.perf_counter() - generation_started:.1f} s"
            )
        self.stdout.write(f"Demo sources given their suggested kind: {seeding.classify_demo_sources()}")
        if not options["no_admin"]:
            self._demo_accounts()
        # Bulk inserts leave PostgreSQL planning from statistics of near-empty tables until autovacuum comes by
        # (issue 18: a quote search over 30 s on 100,000 stories until ANALYZE). Not on a start that added nothing.
        if (loaded or options["stories"] or import_dir is not None) and refresh_planner_statistics():
            self.stdout.write("PostgreSQL planner statistics refreshed (ANALYZE).")
        self.stdout.write(self.style.SUCCESS(f"Demo content ready in {time.perf_counter() - started:.1f} s."))

    def _demo_accounts(self) -> None:
        # Fresh random passwords on every run: the demo never ships a known password, and `make run` prints them.
        setup_roles()
        lines = ["", "Demo accounts (admin at http://127.0.0.1:8000/admin/):"]
        for username, group_name in DEMO_ACCOUNTS:
            password = secrets.token_urlsafe(12)
            user, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@newsroom.invalid"}
            )
            user.is_staff = True
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.set([Group.objects.get(name=group_name)])
            role = group_name or "superuser"
            lines.append(f"  {role:13} user: {username:10} password: {password}")
        self.stdout.write(self.style.WARNING("\n".join(lines) + "\n"))
