"""Sitemaps for search engines: published stories (with their lead photo's renditions left to the page) and
sections. Like feeds, they start from published()."""

from django.contrib.sitemaps import Sitemap

from articles.models import Article, Section


class StorySitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "publication_date", "updated_at").order_by("-publish_at")

    def lastmod(self, article: Article):
        return article.updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Section.objects.all()


SITEMAPS = {"stories": StorySitemap, "sections": SectionSitemap}
