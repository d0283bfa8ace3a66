"""Full-text search over stories, with each database's own engine and the same stems on both.

A reader's word matches a story by the word itself (the last word typed also by its start), or by its stem
(articles/text/stemming.py: Sastrawi for Indonesian, a light suffix rule for English), so “pompanya”, “kebanjiran”
and “dibangun” find “pompa”, “banjir” and “bangun” on either database.

- PostgreSQL: a ``tsvector`` per story (headline weight A, dek B, body C, people D: confirmed quotes with their
  speakers, and the bylines) in the story's language (``indonesian`` or ``english`` snowball stemming), plus
  ``simple`` over the exact words (names) and the stems computed here; a GIN index; ranked by ``ts_rank``.
- SQLite: an FTS5 table with the same four columns and four more holding their stems (one table, so one ``MATCH``
  and one ``bm25`` weigh exact and stem matches together: a story with the very word ranks above one with only
  another form of it); ranked by ``bm25`` with the same weighting.

A word matching more stories than the pages show is ranked among its newest matches (``MAX_RANKED``, see
``ranked_ids``): the commonest word of the archive costs about what a topical one does, whatever the archive's size.

Snippets and headline marks are computed in Python from the story's own text (articles/text/snippets.py), so they
read the same on both databases and need no query.

The index holds every story, whatever its state; what readers may find is decided at query time by
``Article.objects.published()``, so publishing, unpublishing, scheduling and expiry are followed at once with no
re-indexing. Edits re-index the story on save, and so do changes of its bylines, quotes, and the names of its
speakers and contributors (articles/signals.py); bulk inserts call ``rebuild_index()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL

from articles.models import Article, Byline, Quote
from articles.text import stemming
from articles.text.html_paragraphs import body_paragraphs
from articles.text.snippets import Matcher, mark, snippet

TABLE = "articles_search"
MAX_RESULTS = 1000  # matches a reader can page through: fifty pages
MAX_RANKED = 1000  # the newest matches weighed when there are more (common words): as many as the pages show
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"\w+", re.UNICODE)
FIELDS = ("headline", "dek", "body", "quotes")
# What a story's row is made of (_document, _pg_snowball): rebuild_index reads no other column.
INDEXED_ARTICLE_FIELDS = ("pk", "kicker", "headline", "dek", "body", "language")
STEM_COLUMNS = tuple(f"{field}_stems" for field in FIELDS)
# bm25 weights per FTS5 column (the four fields, then their stems): a headline match outranks a body match, and the
# very word outranks another form of it.
_BM25_WEIGHTS = "10.0, 4.0, 1.0, 2.0, 5.0, 2.0, 0.5, 1.0"
_PG_CONFIG = {"id": "indonesian", "en": "english"}


@dataclass(frozen=True)
class Highlight:
    headline: str
    snippet: str


def terms(query: str) -> list[str]:
    """The words of a reader's query, without operators or wildcards, bounded in number and length."""
    return [word[:MAX_TERM_LENGTH] for word in _WORD.findall(query.casefold())][:MAX_TERMS]


def _document(
    article: Article, quotes: Iterable[tuple[str, str | None, str]], bylines: Iterable[str]
) -> dict[str, str]:
    # The fourth column holds the story's people: confirmed quotes with their speakers, and the bylines, so a
    # reader finds a reporter's stories by name.
    quote_text = " ".join(f"{text} {speaker or ''} {title}" for text, speaker, title in quotes)
    return {
        "headline": f"{article.kicker} {article.headline}".strip(),
        "dek": article.dek,
        # Paragraph by paragraph: stripping the tags alone would glue one paragraph's last word to the next's first.
        "body": "\n".join(body_paragraphs(article.body or "")),
        "quotes": " ".join([quote_text, *bylines]).strip(),
    }


def index_articles(articles: Iterable[Article]) -> None:
    """(Re)index these stories: delete their rows and write them again."""
    articles = list(articles)
    if not articles:
        return
    # Only the columns the index needs, here and in rebuild_index: an old migration (0021) rebuilds the index with
    # today's models on a database that has not yet got the columns added since.
    quotes: dict[int, list[tuple[str, str | None, str]]] = {}
    confirmed = Quote.objects.confirmed().filter(article__in=articles)
    for article_id, *quote in confirmed.values_list("article_id", "text", "source__name", "speaker_title"):
        quotes.setdefault(article_id, []).append(tuple(quote))
    bylines: dict[int, list[str]] = {}
    for article_id, name in Byline.objects.filter(article__in=articles).values_list("article_id", "contributor__name"):
        bylines.setdefault(article_id, []).append(name)
    rows = []
    for article in articles:
        doc = _document(article, quotes.get(article.pk, []), bylines.get(article.pk, []))
        stems = {field: stemming.stem_text(text, article.language) for field, text in doc.items()}
        rows.append((article, doc, stems))
    with connection.cursor() as cursor:
        _delete(cursor, [article.pk for article in articles])
        if connection.vendor == "postgresql":
            # Per field: the snowball config of the story's language, the exact words, and our stems ('simple').
            field_sql = "setweight(to_tsvector(%s::regconfig, %s) || to_tsvector('simple', %s), '{weight}')"
            cursor.executemany(
                f"INSERT INTO {TABLE} (article_id, document) VALUES (%s, "
                + " || ".join(field_sql.format(weight=weight) for weight in "ABCD")
                + ")",
                [
                    (
                        article.pk,
                        *(
                            value
                            for field in FIELDS
                            for value in (
                                *_pg_snowball(article, field, doc[field]),
                                f"{doc[field]} {stems[field]}",
                            )
                        ),
                    )
                    for article, doc, stems in rows
                ],
            )
        else:
            columns = ", ".join([*FIELDS, *STEM_COLUMNS])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, {columns}) VALUES (%s{', %s' * len(FIELDS + STEM_COLUMNS)})",
                [
                    (article.pk, *(doc[field] for field in FIELDS), *(stems[field] for field in FIELDS))
                    for article, doc, stems in rows
                ],
            )


def _pg_snowball(article: Article, field: str, text: str) -> tuple[str, str]:
    # People (quotes' speakers, bylines) are names first: they get no snowball config, only the exact words and stems.
    if field == "quotes":
        return "simple", ""
    return _PG_CONFIG.get(article.language, "simple"), text


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
        batch = Article.objects.filter(pk__in=pks[start : start + batch_size]).only(*INDEXED_ARTICLE_FIELDS)
        index_articles(batch)
        total += len(pks[start : start + batch_size])
    return total


def ranked_ids(query: str, *, among=None, limit: int | None = None, newest_first: bool = False) -> list[int]:
    """Ids of the stories matching the query, best first, at most ``limit`` (``MAX_RESULTS`` by default).

    ``among`` is the queryset the reader may see and asked for (``published()`` and the filters): it is applied
    before anything is ranked, so drafts or other sections never take the places of the matches the reader is owed.
    Without it every story in the index is a candidate (benchmarks, tests).

    What is ranked is the newest ``max(limit, MAX_RANKED)`` matches (the last written): all of them unless the
    words are common; for common words, the best of the newest. Weighing a match is what costs (PostgreSQL reads
    the story's whole ``tsvector`` back from its compressed storage), and the commonest word matches most of the
    archive: ranked in full it took 0.5 to 1 s on 100,000 stories, the newest 1,000 about 20 ms whatever the
    archive's size. Who asks for such words is told there are more than ``MAX_RESULTS`` matches, and asked to
    narrow them.

    With ``newest_first`` (the search form's ``sort=newest``) the matches among ``among`` come newest first
    instead of best first."""
    words = terms(query)
    if not words:
        return []
    limit = MAX_RESULTS if limit is None else limit
    among = Article.objects.all() if among is None else among
    if newest_first:
        # The planner may check the newest stories one by one and stop at ``limit``: what a common word wants
        # (measured on 100,000 stories, the commonest word: 10 ms, against 70 to 130 ms with the matches read as a
        # whole, which means reading every published story to sort them). Its weak spot is a word in about one
        # story in twenty, checked story by story where reading the matches whole was cheaper: 80 to 200 ms there.
        matches = among.filter(pk__in=RawSQL(*_match_sql(words, as_a_whole=False)))
        newest = matches.order_by("-publish_at", "-pk").values("pk")[:limit]  # as Article.objects.latest_first()
        if connection.vendor == "postgresql":
            return _pg_ids(*newest.query.sql_with_params())
        return [row["pk"] for row in newest]
    matches = among.filter(pk__in=RawSQL(*_match_sql(words))).order_by().values("pk")
    # The newest by id, the order stories are written in: an order both the matches' ids and the stories' primary
    # key give without reading a story (by publication time PostgreSQL reads every published story: 50 to 95 ms on
    # 100,000 stories, against 10 to 45 ms by id).
    candidates_sql, candidates_params = matches.order_by("-pk")[: max(limit, MAX_RANKED)].query.sql_with_params()
    if connection.vendor == "postgresql":
        # Each candidate's rank in a subquery of its own: one look-up by id each, where a join may read through
        # the whole table (measured on 100,000 stories: 31 ms against 3 ms for 2,000 candidates).
        query_sql, query_params = _pg_tsquery(words)
        return _pg_ids(
            f"SELECT id FROM ({candidates_sql}) AS candidates(id) "
            f"ORDER BY (SELECT ts_rank(document, {query_sql}) FROM {TABLE} WHERE article_id = candidates.id) DESC, "
            "id DESC LIMIT %s",
            [*candidates_params, *query_params, limit],
        )
    # No transaction on SQLite: a read needs none, and the project's SQLite transactions begin IMMEDIATE, which
    # would make every search wait for (and hold up) the desk's writes. The unary “+” keeps the id list out of
    # FTS5's own lookup, which would otherwise run the full-text query once per listed id (measured on 1,000
    # stories, a common word: 370 ms with it pushed down, 3 ms checked row by row). bm25 needs a MATCH in its own
    # statement: the candidates' MATCH, inside, only picks them.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND +rowid IN ({candidates_sql}) "
            f"ORDER BY bm25({TABLE}, {_BM25_WEIGHTS}), rowid DESC LIMIT %s",
            [_fts5_query(words), *candidates_params, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _pg_ids(sql: str, params: list) -> list[int]:
    """The ids ``sql`` selects, planned with sequential scans off.

    PostgreSQL does not count what reading a long ``tsvector`` back costs: for a common word it plans a sequential
    scan that reads every story's document over the GIN index, which reads none (measured on 100,000 stories, the
    commonest word: 530 ms against 26 ms). ``SET LOCAL`` keeps the hint to this statement: sent with it in one
    round trip, the statements run as one implicit transaction (or inside the caller's, where the last one puts
    the setting back), so it is one query, not four (BEGIN, SET, SELECT, COMMIT). Django's client-side binding,
    its default, lets one call send several statements."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL enable_seqscan = off; {sql}; SET LOCAL enable_seqscan TO DEFAULT", params)
        cursor.nextset()  # past the SET
        return [row[0] for row in cursor.fetchall()]


def highlights(query: str, articles: Iterable[Article]) -> dict[int, Highlight]:
    """Matched words marked with <mark> in the headline and a snippet of the dek and body, for one page of results.

    Computed from the stories already loaded for the page: no query, and the same on both databases."""
    words = terms(query)
    if not words:
        return {}
    matcher = Matcher.for_words(words)
    return {
        article.pk: Highlight(
            headline=mark(article.headline, matcher),
            snippet=snippet([article.dek, *body_paragraphs(article.body or "")], matcher),
        )
        for article in articles
    }


def _stems(word: str) -> list[str]:
    """The stems a reader's word may have in the index, other than the word itself."""
    folded = stemming.fold(word)
    return sorted(stemming.query_stems(folded) - {word}) if stemming.words(folded) == [folded] else []


def _fts5_query(words: list[str]) -> str:
    # Every word must occur: as written in the text columns (the last one also by its start: the word being
    # typed), or as one of its stems in the stem columns. Each is a quoted string: no FTS5 operator a reader typed
    # survives.
    texts, stems = " ".join(FIELDS), " ".join(STEM_COLUMNS)
    parts = []
    for number, word in enumerate(words):
        star = "*" if number == len(words) - 1 else ""
        options = " OR ".join(f'"{stem}"' for stem in [word, *_stems(word)])
        parts.append(f'({{{texts}}} : "{word}"{star} OR {{{stems}}} : ({options}))')
    return " AND ".join(parts)


def _pg_tsquery(words: list[str]) -> tuple[str, list[str]]:
    """A tsquery expression: every word, each as written ('simple', the last also by its start), stemmed by either
    snowball config (“kunjungan” finds “berkunjung”), or as one of our stems."""
    parts, params = [], []
    for number, word in enumerate(words):
        lexeme = "'" + word.replace("'", "") + "'"
        star = ":*" if number == len(words) - 1 else ""
        stems = _stems(word)
        parts.append(
            "(to_tsquery('simple', %s) || to_tsquery('indonesian', %s) || to_tsquery('english', %s)"
            + " || to_tsquery('simple', %s)" * len(stems)
            + ")"
        )
        params += [lexeme + star, lexeme, lexeme, *("'" + stem + "'" for stem in stems)]
    return " && ".join(parts), params


def _match_sql(words: list[str], *, as_a_whole: bool = True) -> tuple[str, list[str]]:
    """The ids of the stories matching every word, for a filter by id."""
    if connection.vendor == "postgresql":
        query_sql, query_params = _pg_tsquery(words)
        # As a whole, read off the GIN index alone: OFFSET 0 keeps the planner from checking story by story
        # instead, which reads each story's document (for a word in one story of twenty, most of the archive's).
        fence = " OFFSET 0" if as_a_whole else ""
        return f"SELECT article_id FROM {TABLE} WHERE document @@ ({query_sql}){fence}", query_params
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [_fts5_query(words)]
