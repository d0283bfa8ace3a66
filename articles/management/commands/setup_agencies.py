"""``manage.py setup_agencies``: add ANTARA, AP, Reuters, AFP, Getty Images, Corbis and the U.S. Navy to the agency
table (their licences: articles/services/agencies.py). Safe to run again: agencies already there are not touched."""

from django.core.management.base import BaseCommand

from articles.services.agencies import setup_agencies


class Command(BaseCommand):
    help = "Add the house agencies that are missing (licence, usage terms, aliases); the desk's edits are kept."

    def handle(self, *args, **options):
        created, kept = setup_agencies()
        for name in created:
            self.stdout.write(f"created: {name}")
        for name in kept:
            self.stdout.write(f"already there, kept: {name}")
