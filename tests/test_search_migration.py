"""The search-stems migration (0021): an existing database finds stories by their stems once ``migrate`` is done."""

import pytest
from django.core.management import call_command
from django.db import connection

from articles import search


@pytest.mark.django_db(transaction=True)
def test_migrate_reindexes_existing_stories_with_stems(make_article):
    """Stories indexed before the stems existed are found by “pompanya” right after migrating, with no other command."""
    story = make_article(headline="Pompa air Kali Kenanga")
    make_article(headline="Pasar malam dibuka")
    call_command("migrate", "articles", "0020_section_name_en", verbosity=0)
    with connection.cursor() as cursor:  # as an index written before this migration: no stems (or no rows) at all
        cursor.execute(f"DELETE FROM {search.TABLE}")
    try:
        call_command("migrate", "articles", "0021_search_stems", verbosity=0)
        assert search.ranked_ids("pompanya") == [story.pk]
        assert search.ranked_ids("kenanga") == [story.pk]
    finally:
        call_command("migrate", verbosity=0)
