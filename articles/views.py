"""Readers' pages. Each starts from Article.objects.published(); staff previews are the one exception."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles import access, search
from articles.cache import CachedPublicPageMixin
from articles.filters import StoryFilter
from articles.frontpage import compose_front_page
from articles.models import (
    Article,
    ArticlePhoto,
    ArticleRedirect,
    Byline,
    Contributor,
    Correction,
    Photo,
    Quote,
    Section,
)
from articles.querysets import public_photo_q
from articles.services import revisions
from articles.services.story_as_of import story_as_of


class PublishedArticlesMixin(CachedPublicPageMixin):
    """The one queryset and page size every story listing uses (cached for anonymous readers)."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing().latest_first()


class HomeView(PublishedArticlesMixin, ListView):
    """The curated front page on page 1 (lead, top stories, section blocks, banner), then the latest stories."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            sections = list(Section.objects.all())
            # The menu shows the same sections: hand them over instead of querying again.
            context.update(front=compose_front_page(sections=sections), nav_sections=sections)
        return context


class SectionView(PublishedArticlesMixin, ListView):
    def get_queryset(self):
        # The menu lists every section: one query finds this one among them and serves the menu too.
        self.sections = list(Section.objects.all())
        self.section = next((section for section in self.sections if section.slug == self.kwargs["slug"]), None)
        if self.section is None:
            raise Http404
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=self.section.display_name, section=self.section, nav_sections=self.sections, **kwargs
        )


class TagView(PublishedArticlesMixin, ListView):
    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        # A topic only drafts use is not public yet: answering with its name would tell what the desk is working on.
        # An empty first page is the 404, found by the count the pages need anyway (allow_empty = False would ask
        # the database a second time).
        return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page=False, **kwargs)

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Topic: %(tag)s") % {"tag": self.tag.name}, **kwargs)


class ContributorView(PublishedArticlesMixin, ListView):
    template_name = "articles/contributor.html"

    def get_queryset(self):
        slug = self.kwargs["slug"]
        # Subqueries rather than joins, so a story is listed once however many ways the contributor is in it:
        # bylined, or credited for one of its public photos.
        bylined = Byline.objects.filter(contributor__slug=slug).values("article")
        photographed = ArticlePhoto.objects.filter(
            public_photo_q(prefix="photo__"), photo__photographer__slug=slug
        ).values("article")
        work = Q(pk__in=bylined) | Q(pk__in=photographed)
        # The contributor comes with the count of their published stories that the pages need, in one query.
        counted = Article.objects.published().filter(work).counted()
        self.contributor = get_object_or_404(Contributor.objects.annotate(published_stories=counted), slug=slug)
        return super().get_queryset().filter(work)

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        paginator.count = self.contributor.published_stories  # counted with the contributor: no query of its own
        return paginator

    def get_context_data(self, **kwargs):
        photos = list(Photo.objects.public().filter(photographer=self.contributor).order_by("-created_at")[:12])
        context = super().get_context_data(
            page_title=self.contributor.name, contributor=self.contributor, photos=photos, **kwargs
        )
        if not photos and not context["articles"]:
            # Someone with neither a published story nor an approved photo has no public page yet: their name and
            # bio would tell what the desk is working on.
            raise Http404(_("No published work by this contributor yet."))
        return context


class RankedResults:
    """Search results in rank order that fetch only the page being shown (what Paginator slices)."""

    def __init__(self, ids: list[int], queryset) -> None:
        self.ids, self.queryset = ids, queryset

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        wanted = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        found = self.queryset.in_bulk(wanted)
        page = [found[pk] for pk in wanted if pk in found]
        return page if isinstance(index, slice) else page[0]


class SearchView(PublishedArticlesMixin, ListView):
    """Search and the filtered archive: one FilterSet over published stories; words ranked by the database."""

    template_name = "articles/search.html"
    filterset_class = StoryFilter

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=super().get_queryset(), request=self.request
        )
        self.query, self.more_than = "", None
        if self.filterset.is_bound and not self.filterset.is_valid():
            # A clear message beside the field, and no results rather than a guess.
            return Article.objects.none()
        stories = self.filterset.qs
        self.query = self.filterset.form.cleaned_data.get("q", "") if self.filterset.is_bound else ""
        if not search.terms(self.query):
            return stories
        # One more than the cap tells whether there are more matches than the pages show.
        ranked = search.ranked_ids(
            self.query, among=stories, limit=search.MAX_RESULTS + 1, newest_first=self.filterset.newest_first
        )
        self.more_than = search.MAX_RESULTS if len(ranked) > search.MAX_RESULTS else None
        # A result shows its headline, a snippet, its section and time: none of a card's bylines and photos to fetch.
        # published() again: a story unpublished since it was ranked drops out of the page.
        return RankedResults(ranked[: search.MAX_RESULTS], Article.objects.published().select_related("section"))

    def paginate_queryset(self, queryset, page_size):
        paginator, page, stories, is_paginated = super().paginate_queryset(queryset, page_size)
        if isinstance(stories, QuerySet):
            # The archive: the page's place is found among ids alone (what the indexes hold), and only the page's
            # stories are read whole. An OFFSET over whole stories reads all those before them: page 200 read
            # 4,000 stories to show 20.
            page.object_list = stories = queryset.filter(pk__in=stories.values("pk"))
        return paginator, page, stories, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filter=self.filterset,
            query=self.query,
            more_than=self.more_than,
            nav_sections=self.filterset.sections,  # the menu and the form's section list: one query
            **kwargs,
        )
        if search.terms(self.query):
            marks = search.highlights(self.query, context["articles"])
            for article in context["articles"]:
                article.highlight = marks.get(article.pk)
        context["page_title"] = _("Search") if self.query else _("Archive")
        return context


class StoryPageMixin:
    """What the story page shows besides the story itself, for the public page and the staff preview alike."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_quotes(self) -> list:
        quotes = Quote.objects.confirmed() if self.is_preview else Quote.objects.public()
        return list(quotes.filter(article=self.object).select_related("source"))

    def get_context_data(self, **kwargs):
        article = self.object
        # Prefetched by for_story_page(), oldest first: the foot lists them, the header shows the last one's time.
        notices = list(article.corrections.all())
        tags = list(article.tags.all())
        related = Article.objects.published().related_to(article, tag_ids=[tag.pk for tag in tags])
        return super().get_context_data(
            quotes=self.get_quotes(),
            tags=tags,
            related=list(related.select_related("section")),
            notices=notices,
            updated_at=notices[-1].created_at if notices else None,
            is_preview=self.is_preview,
            **kwargs,
        )


class ArticleDetailView(CachedPublicPageMixin, StoryPageMixin, DetailView):
    is_preview = False

    def get_object(self, queryset=None):
        kwargs = self.kwargs
        try:
            day = date(kwargs["year"], kwargs["month"], kwargs["day"])
        except ValueError:
            raise Http404(_("No such date.")) from None
        published = Article.objects.published().for_story_page()
        article = published.filter(publication_date=day, slug=kwargs["slug"]).first()
        if article is None:
            self.moved_to = self._moved_story(published, day, kwargs["slug"])
            if self.moved_to is None:
                raise Http404(_("No published story at this address."))
        return article

    @staticmethod
    def _moved_story(published, day, slug):
        old = ArticleRedirect.objects.filter(publication_date=day, slug=slug).values("article")
        return published.filter(pk__in=old).first()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object is None:
            return HttpResponsePermanentRedirect(self.moved_to.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(StoryPageMixin, DetailView):
    """Any story as readers would see it, for staff who may see it; everyone else gets a 404, never a login page."""

    is_preview = True

    def get_queryset(self):
        return Article.objects.for_story_page()

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if not access.can_view(self.request.user, article):
            raise Http404
        return article

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticleRevisionPreviewView(ArticlePreviewView):
    """A story as it was in one saved version, for staff who may see the story; everyone else gets a 404.

    The page shows a plain read-only ``PastStory`` (articles/services/story_as_of.py), never a model instance
    dressed up as today's row."""

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        version = revisions.story_versions(article.pk).filter(pk=self.kwargs["version_id"]).first()
        if version is None:
            raise Http404(_("No such version of this story."))
        self.as_of = story_as_of(version)
        return self.as_of.article

    def get_quotes(self) -> list:
        return self.as_of.quotes

    def get_context_data(self, **kwargs):
        return super().get_context_data(revision=self.as_of.version.revision, **kwargs)


class CorrectionListView(ListView):
    """Every correction, clarification and update on a public story, newest first."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE
    template_name = "articles/correction_list.html"
    context_object_name = "corrections"

    def get_queryset(self):
        return Correction.objects.public().select_related("article__section").order_by("-created_at", "-pk")
