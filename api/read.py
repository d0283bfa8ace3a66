"""The public read API: published stories and what they are made of, at /api/v1/ (mounted in api/v1.py).

Every endpoint starts from the rule the pages use and nothing else: ``Article.objects.published()``, the photo
rule (``public_photos``), ``Quote.objects.public()``; a section, topic, contributor or source is shown only as the
site shows it (a topic or contributor with no published work, a source with no public quote has no page there and
no record here). Answers are cached and invalidated with the pages and carry ETag/Last-Modified (api/conditional.py);
lists are cursor-paginated on their order's index (api/pagination.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Literal
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import BaseModel, Field, TypeAdapter
from taggit.models import Tag, TaggedItem

from api import pagination, read_shapes, schemas
from api.conditional import cached_json
from api.pagination import Key
from articles import search
from articles.models import Article, ArticlePhoto, Byline, Contributor, Quote, Section, Source
from articles.querysets import ArticleQuerySet, public_photo_q

router = Router()

STORY_ORDER = (Key("publish_at", descending=True, is_datetime=True), Key("pk", descending=True))
BY_NAME = (Key("name"), Key("pk"))
NEWEST_QUOTES = (Key("pk", descending=True),)
PAGING = frozenset({"cursor", "limit"})
BAD_CURSOR = "This cursor is not one the API gave out: follow the `next` address."


class Paging(Schema):
    cursor: str | None = Field(None, max_length=300, description="The `next` address's cursor; omit for page one.")
    limit: int = Field(pagination.DEFAULT_LIMIT, ge=1, le=pagination.MAX_LIMIT)


class StoryFilters(Paging):
    section: str | None = Field(None, max_length=120, description="A section's slug.")
    tag: str | None = Field(None, max_length=120, description="A topic's slug.")
    contributor: str | None = Field(None, max_length=120, description="A contributor's slug (bylined).")
    language: Literal["id", "en"] | None = None
    published_after: date | None = Field(None, description="From this day on (Asia/Jakarta), inclusive.")
    published_before: date | None = Field(None, description="Up to this day (Asia/Jakarta), inclusive.")
    q: str | None = Field(None, max_length=200, description="Words, as the site's search reads them; newest first.")


class QuoteFilters(Paging):
    source: int | None = Field(None, description="A source's id.")
    story: int | None = Field(None, description="A story's id.")


def _known(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)


def _dump(shape: type[BaseModel], data: dict | list) -> bytes:
    return shape.model_validate(data).model_dump_json().encode()


def _next_address(request: HttpRequest, asked: Paging, cursor: str | None) -> str | None:
    """The next page's address: the same filters as asked (as parsed: nothing else the query string carried), and
    the cursor after this page's last row."""
    if cursor is None:
        return None
    query = asked.model_dump(exclude_none=True, exclude={"cursor"})
    return read_shapes.site_url(f"{request.path}?{urlencode({**query, 'cursor': cursor})}")


def _page(queryset: QuerySet, keys, paging: Paging) -> pagination.Page:
    try:
        return pagination.page(queryset, keys, cursor=paging.cursor, limit=paging.limit)
    except pagination.BadCursor:
        raise HttpError(400, BAD_CURSOR) from None


# --- Stories --------------------------------------------------------------------------------------------------------


def published_stories() -> ArticleQuerySet:
    """Published stories with everything a story's answer shows, in a fixed number of queries for any number."""
    return Article.objects.published().for_story_page().prefetch_related("tags")


def filtered_stories(filters: StoryFilters) -> ArticleQuerySet:
    """The site's filters (articles/filters.py ``StoryFilter``), over published stories."""
    stories = Article.objects.published()
    if filters.section:
        stories = stories.filter(section__slug=filters.section)
    if filters.tag:
        stories = stories.filter(tags__slug=filters.tag)
    if filters.contributor:
        # A subquery, as the site's filter: a story with two bylines by the same contributor is listed once.
        stories = stories.filter(
            Exists(Byline.objects.filter(article=OuterRef("pk"), contributor__slug=filters.contributor))
        )
    if filters.language:
        stories = stories.filter(language=filters.language)
    if filters.published_after:
        stories = stories.filter(publication_date__gte=filters.published_after)
    if filters.published_before:
        stories = stories.filter(publication_date__lte=filters.published_before)
    return stories


def story_page(filters: StoryFilters) -> pagination.Page:
    """One page of stories newest first. With words, the site's search picks the matches (newest first, so the
    same keyset pages through them) and the page is then read by id."""
    stories = filtered_stories(filters)
    if not search.terms(filters.q or ""):
        return pagination.page(
            stories.for_story_page().prefetch_related("tags"),
            STORY_ORDER,
            cursor=filters.cursor,
            limit=filters.limit,
        )
    if filters.cursor:
        stories = stories.filter(pagination.after(pagination.decode(filters.cursor, STORY_ORDER), STORY_ORDER))
    ids = search.ranked_ids(filters.q or "", among=stories, limit=filters.limit + 1, newest_first=True)
    found = published_stories().in_bulk(ids[: filters.limit])
    items = [found[pk] for pk in ids[: filters.limit] if pk in found]
    more = len(ids) > filters.limit and items
    last = items[-1] if items else None
    return pagination.Page(
        items=items, next_cursor=pagination.encode([last.publish_at, last.pk]) if more and last else None
    )


@router.get(
    "/stories",
    response={200: schemas.PublicStoryPage, 400: schemas.ReadError},
    tags=["stories"],
    url_name="stories",
    summary="Published stories, newest first",
)
def list_stories(request: HttpRequest, filters: Query[StoryFilters]):
    """Published stories, newest first, with the site's filters. Follow `next` for the following page: it stays as
    fast deep in the archive as on page one."""

    def render() -> bytes:
        try:
            found = story_page(filters)
        except pagination.BadCursor:
            raise HttpError(400, BAD_CURSOR) from None
        return _dump(
            schemas.PublicStoryPage,
            {
                "items": [read_shapes.story_summary(article) for article in found.items],
                "next": _next_address(request, filters, found.next_cursor),
            },
        )

    return cached_json(request, render, _known(StoryFilters))


@router.get(
    "/stories/{int:story_id}",
    response={200: schemas.PublicStoryDetail, 404: schemas.ReadError},
    tags=["stories"],
    url_name="story",
    summary="One published story",
)
def get_story(request: HttpRequest, story_id: int):
    """Everything the story page shows: headlines, body, bylines, public photos with credit, licence and renditions,
    confirmed quotes with their sources, section, tags, times and corrections."""

    def render() -> bytes:
        article = published_stories().filter(pk=story_id).first()
        if article is None:
            raise HttpError(404, "No published story with this id.")
        quotes = list(Quote.objects.public().filter(article=article).select_related("source"))
        return _dump(schemas.PublicStoryDetail, read_shapes.story_detail(article, quotes))

    return cached_json(request, render, frozenset())


# --- Sections and topics --------------------------------------------------------------------------------------------


@router.get(
    "/sections",
    response=list[schemas.PublicSectionOut],
    tags=["sections"],
    url_name="sections",
    summary="Every section",
)
def list_sections(request: HttpRequest):
    """Every section, in the site menu's order."""
    return cached_json(
        request,
        lambda: _dump_list(schemas.PublicSectionOut, [read_shapes.section(each) for each in Section.objects.all()]),
        frozenset(),
    )


def _dump_list(shape: type[BaseModel], items: list[dict]) -> bytes:
    adapter = TypeAdapter(list[shape])  # type: ignore[valid-type]
    return adapter.dump_json(adapter.validate_python(items))


@router.get(
    "/sections/{slug}",
    response={200: schemas.PublicSectionOut, 404: schemas.ReadError},
    tags=["sections"],
    url_name="section",
    summary="One section",
)
def get_section(request: HttpRequest, slug: str):
    def render() -> bytes:
        found = Section.objects.filter(slug=slug).first()
        if found is None:
            raise HttpError(404, "No section with this slug.")
        return _dump(schemas.PublicSectionOut, read_shapes.section(found))

    return cached_json(request, render, frozenset())


def public_tags() -> QuerySet:
    """Topics of at least one published story: a topic only drafts use would tell what the desk is working on."""
    on_published = TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type__app_label=Article._meta.app_label,
        content_type__model=Article._meta.model_name,
        object_id__in=Article.objects.published().values("pk"),
    )
    return Tag.objects.filter(Exists(on_published))


@router.get(
    "/tags",
    response={200: schemas.PublicTagPage, 400: schemas.ReadError},
    tags=["tags"],
    url_name="tags",
    summary="Topics of published stories",
)
def list_tags(request: HttpRequest, paging: Query[Paging]):
    """Topics of published stories, by name."""

    def render() -> bytes:
        found = _page(public_tags(), BY_NAME, paging)
        return _dump(
            schemas.PublicTagPage,
            {
                "items": [read_shapes.tag(each) for each in found.items],
                "next": _next_address(request, paging, found.next_cursor),
            },
        )

    return cached_json(request, render, PAGING)


# --- People ---------------------------------------------------------------------------------------------------------


def _by_name(request: HttpRequest, paging: Paging, found: QuerySet, page_schema, shape: Callable):
    """A list of named records (contributors, sources) in name order, a page at a time, cached like the pages."""

    def render() -> bytes:
        page = _page(found, BY_NAME, paging)
        items = [shape(each) for each in page.items]
        return _dump(page_schema, {"items": items, "next": _next_address(request, paging, page.next_cursor)})

    return cached_json(request, render, PAGING)


def _one(request: HttpRequest, found: QuerySet, schema, shape: Callable, missing: str):
    """The one record ``found`` holds, or 404 saying ``missing``; cached like the pages."""

    def render() -> bytes:
        record = found.first()
        if record is None:
            raise HttpError(404, missing)
        return _dump(schema, shape(record))

    return cached_json(request, render, frozenset())


def public_contributors() -> QuerySet:
    """Contributors with a public page on the site: bylined on a published story, or credited for a public photo."""
    published = Article.objects.published().values("pk")
    bylined = Byline.objects.filter(contributor=OuterRef("pk"), article__in=published)
    photographed = ArticlePhoto.objects.filter(public_photo_q(prefix="photo__"), photo__photographer=OuterRef("pk"))
    return Contributor.objects.filter(Q(Exists(bylined)) | Q(Exists(photographed)))


@router.get(
    "/contributors",
    response={200: schemas.PublicContributorPage, 400: schemas.ReadError},
    tags=["contributors"],
    url_name="contributors",
    summary="Contributors with published work",
)
def list_contributors(request: HttpRequest, paging: Query[Paging]):
    """Writers and photographers with published work, by name."""
    shape = partial(read_shapes.contributor, with_bio=True)
    return _by_name(request, paging, public_contributors(), schemas.PublicContributorPage, shape)


@router.get(
    "/contributors/{int:contributor_id}",
    response={200: schemas.PublicContributorOut, 404: schemas.ReadError},
    tags=["contributors"],
    url_name="contributor",
    summary="One contributor",
)
def get_contributor(request: HttpRequest, contributor_id: int):
    shape = partial(read_shapes.contributor, with_bio=True)
    missing = "No contributor with published work has this id."
    return _one(request, public_contributors().filter(pk=contributor_id), schemas.PublicContributorOut, shape, missing)


def public_sources() -> QuerySet:
    """Sources with at least one public quote (the site's rule for a source's page): a name known only from drafts
    or from quotes nobody confirmed never shows."""
    return Source.objects.filter(Exists(Quote.objects.public().filter(source=OuterRef("pk"))))


@router.get(
    "/sources",
    response={200: schemas.PublicSourcePage, 400: schemas.ReadError},
    tags=["sources"],
    url_name="sources",
    summary="Quoted sources",
)
def list_sources(request: HttpRequest, paging: Query[Paging]):
    """People and bodies quoted in published stories, by name."""
    shape = partial(read_shapes.source, with_kind=True)
    return _by_name(request, paging, public_sources(), schemas.PublicSourcePage, shape)


@router.get(
    "/sources/{int:source_id}",
    response={200: schemas.PublicSourceOut, 404: schemas.ReadError},
    tags=["sources"],
    url_name="source",
    summary="One source",
)
def get_source(request: HttpRequest, source_id: int):
    shape = partial(read_shapes.source, with_kind=True)
    missing = "No source with a public quote has this id."
    return _one(request, public_sources().filter(pk=source_id), schemas.PublicSourceOut, shape, missing)


@router.get(
    "/quotes",
    response={200: schemas.PublicQuotePage, 400: schemas.ReadError},
    tags=["quotes"],
    url_name="quotes",
    summary="Confirmed quotes",
)
def list_quotes(request: HttpRequest, filters: Query[QuoteFilters]):
    """Confirmed quotes in published stories, newest first; by source or story."""

    def render() -> bytes:
        quotes = Quote.objects.public().select_related("source", "article")
        if filters.source is not None:
            quotes = quotes.filter(source_id=filters.source)
        if filters.story is not None:
            quotes = quotes.filter(article_id=filters.story)
        found = _page(quotes, NEWEST_QUOTES, filters)
        return _dump(
            schemas.PublicQuotePage,
            {
                "items": [read_shapes.quote(each, with_story=True) for each in found.items],
                "next": _next_address(request, filters, found.next_cursor),
            },
        )

    return cached_json(request, render, _known(QuoteFilters))
