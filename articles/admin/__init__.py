"""Django admin for the editorial desk, one module per area."""

from articles.admin import agencies, audit, frontpage, people, photos, quotes, sources, stories, users  # noqa: F401  (registers the ModelAdmins)
