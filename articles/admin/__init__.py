"""Django admin for the editorial desk, one module per area."""

from articles.admin import frontpage, people, photos, quotes, sources, stories  # noqa: F401  (registers the ModelAdmins)
