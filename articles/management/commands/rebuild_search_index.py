"""``manage.py rebuild_search_index``: index every story again, in one transaction.

Needed after content arrives without the model signals that keep the index current: ``loaddata`` (fixtures are
loaded raw), a database restore, or a move from SQLite to PostgreSQL. Readers keep searching the old index until
the new one commits.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles import search


class Command(BaseCommand):
    help = "Index every story again for search (after loaddata, a restore or a move to another database)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Stories read and indexed at a time.")

    def handle(self, *args, batch_size: int, **options):
        with transaction.atomic():
            total = search.rebuild_index(batch_size=batch_size)
        self.stdout.write(f"Indexed {total} stories.")
