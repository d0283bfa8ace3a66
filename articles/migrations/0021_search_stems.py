"""Search by stems (articles/search.py, articles/text/stemming.py): “pompanya” finds “pompa” on SQLite too.

- SQLite: the FTS5 table gets a stem column beside each text column. FTS5 cannot add columns to a table, so it is
  made again with the new shape.
- PostgreSQL: the table keeps its shape; each story's document gains the stems.

Either way every story is indexed again here, so an existing database finds stories by their stems as soon as
``migrate`` is done. Going back restores the old SQLite table empty: run ``manage.py rebuild_search_index`` with the
older code after it.
"""

from django.db import migrations

COLUMNS = "headline, dek, body, quotes"
STEMS = "headline_stems, dek_stems, body_stems, quotes_stems"
TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"


def _recreate_sqlite_table(schema_editor, columns: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS articles_search")
    schema_editor.execute(f"CREATE VIRTUAL TABLE articles_search USING fts5({columns}, {TOKENIZER})")


def forwards(apps, schema_editor):
    _recreate_sqlite_table(schema_editor, f"{COLUMNS}, {STEMS}")
    if apps.get_model("articles", "Article").objects.exists():
        from articles import search

        search.rebuild_index()


def backwards(apps, schema_editor):
    _recreate_sqlite_table(schema_editor, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_section_name_en")]

    operations = [migrations.RunPython(forwards, backwards)]
