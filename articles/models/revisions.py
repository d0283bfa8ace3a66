"""Which records django-reversion keeps revisions of: a story together with its bylines, photos and quotes.

Registered here, next to the models, so every process that imports them (admin, commands, services) records the
same thing. A revision is made by whoever saves inside ``reversion.create_revision()``: the story admin
(VersionAdmin), the workflow service and the restore service.

Not followed on purpose: editorial notes and correction notices (a restore must never remove a published correction
or a colleague's note) and the tags (taggit's links are generic relations; a revision keeps the story's text and
parts, the tags stay as they are).
"""

from __future__ import annotations

import reversion

from articles.models.people import Byline
from articles.models.photos import ArticlePhoto
from articles.models.quotes import Quote
from articles.models.story import Article

# The story's parts, by the name the story reaches them with, in the order a comparison lists them.
STORY_PARTS = {"bylines": Byline, "photo_uses": ArticlePhoto, "quotes": Quote}

reversion.register(Article, follow=tuple(STORY_PARTS), exclude=("tags",))
for part in STORY_PARTS.values():
    reversion.register(part)
