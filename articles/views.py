"""Readers' pages. Each starts from Article.objects.published(); staff previews are the one exception."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles.models import Article, ArticlePhoto, ArticleRedirect, Contributor, Correction, Photo, Quote, Section
from articles.querysets import public_photo_q
from articles.services import revisions, workflow


class PublishedArticlesMixin:
    """The one queryset and page size every story listing uses."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing().latest_first()


class HomeView(PublishedArticlesMixin, ListView):
    template_name = "articles/home.html"


class SectionView(PublishedArticlesMixin, ListView):
    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=self.section.name, section=self.section, **kwargs)


class TagView(PublishedArticlesMixin, ListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Topic: %(tag)s") % {"tag": self.tag.name}, **kwargs)


class ContributorView(PublishedArticlesMixin, ListView):
    template_name = "articles/contributor.html"

    def get_queryset(self):
        self.contributor = get_object_or_404(Contributor, slug=self.kwargs["slug"])
        # Subqueries rather than joins, so a story is listed once however many ways the contributor is in it:
        # bylined, or credited for one of its public photos.
        bylined = Article.objects.filter(bylines__contributor=self.contributor).values("pk")
        photographed = ArticlePhoto.objects.filter(
            public_photo_q(prefix="photo__"), photo__photographer=self.contributor
        ).values("article")
        return super().get_queryset().filter(Q(pk__in=bylined) | Q(pk__in=photographed))

    def get_context_data(self, **kwargs):
        photos = Photo.objects.public().filter(photographer=self.contributor).order_by("-created_at")[:12]
        return super().get_context_data(
            page_title=self.contributor.name, contributor=self.contributor, photos=list(photos), **kwargs
        )


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
        return super().get_context_data(
            quotes=self.get_quotes(),
            tags=list(article.tags.all()),
            notices=notices,
            updated_at=notices[-1].created_at if notices else None,
            is_preview=self.is_preview,
            **kwargs,
        )


class ArticleDetailView(StoryPageMixin, DetailView):
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
        if not workflow.can_view(self.request.user, article):
            raise Http404
        return article

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticleRevisionPreviewView(ArticlePreviewView):
    """A story as it was in one saved version, for staff who may see the story; everyone else gets a 404."""

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        version = revisions.story_versions(article.pk).filter(pk=self.kwargs["version_id"]).first()
        if version is None:
            raise Http404(_("No such version of this story."))
        self.as_of = revisions.story_as_of(version)
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
