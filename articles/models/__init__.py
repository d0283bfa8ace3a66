from articles.models import revisions  # noqa: F401  (registers the story and its parts with django-reversion)
from articles.models.agencies import Agency
from articles.models.audit import AuditEntry
from articles.models.autosave import StoryAutosave
from articles.models.frontpage import BreakingNews, FrontPagePin
from articles.models.notes import Correction, EditorialNote
from articles.models.notifications import Notification, NotificationSettings
from articles.models.pagecache import PublicPagesVersion
from articles.models.people import Byline, Contributor
from articles.models.photos import ArticlePhoto, Photo
from articles.models.quotes import Quote
from articles.models.sources import Source, SourceTitle
from articles.models.story import Article, ArticleRedirect, EditConflict, Section

__all__ = [
    "Agency",
    "Article",
    "ArticlePhoto",
    "ArticleRedirect",
    "AuditEntry",
    "BreakingNews",
    "Byline",
    "Contributor",
    "Correction",
    "EditConflict",
    "EditorialNote",
    "FrontPagePin",
    "Notification",
    "NotificationSettings",
    "Photo",
    "PublicPagesVersion",
    "Quote",
    "Section",
    "Source",
    "SourceTitle",
    "StoryAutosave",
]
