"""``manage.py setup_roles``: create or update the Reporter, Photo desk, Editor and Chief editor groups."""

from django.core.management.base import BaseCommand, CommandError

from articles.roles import setup_roles


class Command(BaseCommand):
    help = "Create the newsroom's groups, or reset them to the permissions in articles/roles.py. Safe to run again."

    def handle(self, *args, **options):
        try:
            counts = setup_roles()
        except LookupError as error:
            raise CommandError(str(error)) from None
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} permissions")
