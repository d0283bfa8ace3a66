"""Full-text search over stories, with each database's own engine.

- PostgreSQL: a ``tsvector`` per story (headline weight A, dek B, body C, people D: confirmed quotes with their
  speakers, and the bylines) in
  the story's language (``indonesian`` or ``english`` stemming) plus ``simple`` (exact words, names), with a GIN
  index; ranked by ``ts_rank``, highlighted by ``ts_headline``.
- SQLite: an FTS5 table with the same four columns, ranked by ``bm25`` with the same weighting, highlighted by
  ``highlight``/``snippet``; prefix matching stands in for stemming.

The index holds every story, whatever its state; what readers may find is decided at query time by
``Article.objects.published()``, so publishing, unpublishing, scheduling and expiry are followed at once with no
re-indexing. Edits re-index the story on save, and so do changes of its bylines, quotes, and the names of its
speakers and contributors (articles/signals.py); bulk inserts call ``rebuild_index()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.html import escape, strip_tags

from articles.models import Article, Byline, Quote

TABLE = "articles_search"
MAX_RESULTS = 1000  # best matches considered: fifty pages of results, and a bound for the commonest word
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"\w+", re.UNICODE)
# bm25 weights per FTS5 column (headline, dek, body, quotes): a headline match outranks a body match.
_BM25_WEIGHTS = "10.0, 4.0, 1.0, 2.0"
_PG_CONFIG = {"id": "indonesian", "en": "english"}


@dataclass(frozen=True)
class Highlight:
    headline: str
    snippet: str


def terms(query: str) -> list[str]:
    """The words of a reader's query, without operators or wildcards, bounded in number and length."""
    return [word[:MAX_TERM_LENGTH] for word in _WORD.findall(query.casefold())][:MAX_TERMS]


def _document(article: Article, quotes: Iterable[Quote], bylines: Iterable[str]) -> dict[str, str]:
    # The fourth column holds the story's people: confirmed quotes with their speakers, and the bylines, so a
    # reader finds a reporter's stories by name.
    quote_text = " ".join(
        f"{quote.text} {quote.source.name if quote.source else ''} {quote.speaker_title}" for quote in quotes
    )
    return {
        "headline": f"{article.kicker} {article.headline}".strip(),
        "dek": article.dek,
        "body": strip_tags(article.body or ""),
        "quotes": " ".join([quote_text, *bylines]).strip(),
    }


def index_articles(articles: Iterable[Article]) -> None:
    """(Re)index these stories: delete their rows and write them again."""
    articles = list(articles)
    if not articles:
        return
    quotes: dict[int, list[Quote]] = {}
    for quote in Quote.objects.confirmed().filter(article__in=articles).select_related("source"):
        quotes.setdefault(quote.article_id, []).append(quote)
    bylines: dict[int, list[str]] = {}
    for article_id, name in Byline.objects.filter(article__in=articles).values_list("article_id", "contributor__name"):
        bylines.setdefault(article_id, []).append(name)
    rows = [
        (article, _document(article, quotes.get(article.pk, []), bylines.get(article.pk, []))) for article in articles
    ]
    with connection.cursor() as cursor:
        _delete(cursor, [article.pk for article in articles])
        if connection.vendor == "postgresql":
            cursor.executemany(
                f"INSERT INTO {TABLE} (article_id, document) VALUES (%s, "
                "setweight(to_tsvector(%s::regconfig, %s), 'A') || setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'B') || setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'C') || setweight(to_tsvector('simple', %s), 'C') || "
                "setweight(to_tsvector('simple', %s), 'D'))",
                [
                    (
                        article.pk,
                        _PG_CONFIG.get(article.language, "simple"),
                        doc["headline"],
                        doc["headline"],
                        _PG_CONFIG.get(article.language, "simple"),
                        doc["dek"],
                        doc["dek"],
                        _PG_CONFIG.get(article.language, "simple"),
                        doc["body"],
                        doc["body"],
                        doc["quotes"],
                    )
                    for article, doc in rows
                ],
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, headline, dek, body, quotes) VALUES (%s, %s, %s, %s, %s)",
                [(article.pk, doc["headline"], doc["dek"], doc["body"], doc["quotes"]) for article, doc in rows],
            )


def remove_articles(pks: Iterable[int]) -> None:
    with connection.cursor() as cursor:
        _delete(cursor, list(pks))


def _delete(cursor, pks: list[int]) -> None:
    if not pks:
        return
    column = "article_id" if connection.vendor == "postgresql" else "rowid"
    placeholders = ", ".join(["%s"] * len(pks))
    cursor.execute(f"DELETE FROM {TABLE} WHERE {column} IN ({placeholders})", pks)


def rebuild_index(*, batch_size: int = 500) -> int:
    """Index every story again (after bulk inserts or a restore); returns how many."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    total = 0
    pks = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        batch = Article.objects.filter(pk__in=pks[start : start + batch_size])
        index_articles(batch)
        total += len(pks[start : start + batch_size])
    return total


def ranked_ids(query: str, *, among=None, limit: int | None = None) -> list[int]:
    """Ids of the stories matching the query, best first, at most ``limit`` (``MAX_RESULTS`` by default).

    ``among`` is the queryset the reader may see and asked for (``published()`` and the filters): it is applied
    inside the ranking statement, so drafts or other sections never take the places of the matches the reader is
    owed. Without it every story in the index is ranked (benchmarks, tests)."""
    words = terms(query)
    if not words:
        return []
    limit = MAX_RESULTS if limit is None else limit
    among_sql, among_params = "", []
    if among is not None:
        subquery, subquery_params = among.order_by().values("pk").query.sql_with_params()
        among_sql, among_params = f" AND {{id}} IN ({subquery})", list(subquery_params)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL underestimates matching long tsvectors and picks a sequential scan over the GIN index on
            # an archive of this size (measured on 10,000 stories: 56 ms against 3 ms for a rare word); SET LOCAL
            # keeps the hint to this one statement's transaction.
            with transaction.atomic():
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute(
                    f"SELECT article_id FROM {TABLE}, ({_pg_query_sql()}) AS q(query) WHERE document @@ query"
                    f"{among_sql.format(id='article_id')} "
                    "ORDER BY ts_rank(document, query) DESC, article_id DESC LIMIT %s",
                    [*_pg_query_params(words), *among_params, limit],
                )
                return [row[0] for row in cursor.fetchall()]
        # No transaction on SQLite: a read needs none, and the project's SQLite transactions begin IMMEDIATE, which
        # would make every search wait for (and hold up) the desk's writes.
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s{among_sql.format(id='rowid')} "
            f"ORDER BY bm25({TABLE}, {_BM25_WEIGHTS}), rowid DESC LIMIT %s",
            [_fts5_query(words), *among_params, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def highlights(query: str, articles: Iterable[Article]) -> dict[int, Highlight]:
    """Matched words marked with <mark> in the headline and a snippet of the text, for one page of results."""
    articles = list(articles)
    words = terms(query)
    if not words or not articles:
        return {}
    pks = [article.pk for article in articles]
    placeholders = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            options = "StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2"
            cursor.execute(
                f"SELECT a.id, ts_headline('simple', a.headline, q.query, 'HighlightAll=true, StartSel=<mark>, "
                f"StopSel=</mark>'), ts_headline('simple', a.dek || ' ' || regexp_replace(a.body, '<[^>]*>', ' ', "
                f"'g'), q.query, '{options}') FROM articles_article a, ({_pg_query_sql()}) AS q(query) "
                f"WHERE a.id IN ({placeholders})",
                [*_pg_query_params(words), *pks],
            )
        else:
            cursor.execute(
                f"SELECT rowid, highlight({TABLE}, 0, '<mark>', '</mark>'), "
                f"snippet({TABLE}, -1, '<mark>', '</mark>', '…', 24) FROM {TABLE} "
                f"WHERE {TABLE} MATCH %s AND rowid IN ({placeholders})",
                [_fts5_query(words), *pks],
            )
        rows = cursor.fetchall()
    return {
        pk: Highlight(headline=_safe_marks(headline), snippet=_safe_marks(snippet)) for pk, headline, snippet in rows
    }


def _safe_marks(text: str) -> str:
    """Escape the stored text, then let only our own <mark> tags through: the headline may contain “<” itself."""
    return escape(text or "").replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")


def _fts5_query(words: list[str]) -> str:
    # Every word must occur, each as a quoted string with a prefix star: no FTS5 operator a reader typed survives.
    return " AND ".join(f'"{word}"*' for word in words)


def _pg_query_sql() -> str:
    # The words in the exact form ('simple') or stemmed either way, so "kunjungan" finds "berkunjung".
    return "SELECT to_tsquery('simple', %s) || to_tsquery('indonesian', %s) || to_tsquery('english', %s)"


def _pg_query_params(words: list[str]) -> list[str]:
    # Each word is a quoted lexeme joined with AND; to_tsquery applies the configuration's stemming to each.
    expression = " & ".join("'" + word.replace("'", "") + "':*" for word in words)
    return [expression, expression, expression]
