"""``manage.py extract_quotes [--article ID ...]``: read stories again for quotes, keeping editors' decisions."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.services.quotes import ExtractionResult, extract_again


class Command(BaseCommand):
    help = (
        "Read stories again for quotes: new quotes are added as proposed, proposals no longer in the story are "
        "removed, confirmed and rejected quotes are never touched or duplicated. Each story is one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            type=int,
            action="append",
            metavar="ID",
            help="Only this story (repeat for several). Default: every story.",
        )

    def handle(self, *args, **options):
        ids = options["article"]
        stories = Article.objects.order_by("pk")
        if ids:
            stories = stories.filter(pk__in=ids)
            missing = set(ids) - set(stories.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No story with id {', '.join(map(str, sorted(missing)))}.")
        total = ExtractionResult()
        count = 0
        # The ids first, so no read cursor stays open while each story's own transaction writes.
        for article in [Article(pk=pk, headline=headline) for pk, headline in stories.values_list("pk", "headline")]:
            result = extract_again(article=article)
            total += result
            count += 1
            if options["verbosity"] >= 2 or ids:
                self.stdout.write(f"#{article.pk} “{article.headline}”: {self._describe(result)}")
        self.stdout.write(self.style.SUCCESS(f"{count} stories read: {self._describe(total)}"))

    @staticmethod
    def _describe(result: ExtractionResult) -> str:
        return (
            f"{result.added} new proposed, {result.kept} already there, {result.updated} proposals updated, "
            f"{result.removed} proposals removed"
        )
