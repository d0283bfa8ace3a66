"""The full-text search table (articles/search.py): an FTS5 table on SQLite, a tsvector table with a GIN index on
PostgreSQL. Raw SQL because each is its database's own feature; the ORM has no model for it."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_search USING fts5("
    "headline, dek, body, quotes, tokenize = 'unicode61 remove_diacritics 2')",
]
POSTGRES = [
    "CREATE TABLE IF NOT EXISTS articles_search ("
    # No foreign key: Django's flush (TRUNCATE) would refuse a table it does not know referencing articles_article;
    # rows of deleted stories are removed by articles.signals, and readers' queries always go through published().
    "article_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS articles_search_document_gin ON articles_search USING gin (document)",
]


def create(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS articles_search")


def index_existing(apps, schema_editor):
    # Stories that exist before this migration are indexed once here; afterwards saves keep the index current.
    from articles import search

    if apps.get_model("articles", "Article").objects.exists():
        search.rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_sources_and_quotes")]

    operations = [
        migrations.RunPython(create, drop),
        migrations.RunPython(index_existing, migrations.RunPython.noop),
    ]
