"""Finding the Source record for a speaker named in a story."""

from __future__ import annotations

from articles.models import Source
from articles.text.names import name_key


def source_for_speaker(name: str | None, title: str = "") -> Source | None:
    """The source with this name (ignoring case, spacing and accents), created when there is none yet."""
    if not name or not name_key(name):
        return None
    source = Source.objects.filter(name_key=name_key(name)).order_by("pk").first()
    if source is None:
        source = Source.objects.create(name=name.strip()[:160], title=title[:255])
    return source
