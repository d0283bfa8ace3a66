from articles.models.audit import AuditEntry
from articles.models.frontpage import BreakingNews, FrontPagePin
from articles.models.people import Byline, Contributor, Source
from articles.models.photos import ArticlePhoto, Photo
from articles.models.quotes import Quote
from articles.models.story import Article, ArticleRedirect, Section

__all__ = [
    "Article",
    "ArticlePhoto",
    "ArticleRedirect",
    "AuditEntry",
    "BreakingNews",
    "Byline",
    "Contributor",
    "FrontPagePin",
    "Photo",
    "Quote",
    "Section",
    "Source",
]
