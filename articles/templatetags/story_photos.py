"""Where a story page shows each photo: ``{% story_photos article preview=is_preview as photos %}`` gives the lead
(above the story), the body with its pictures (where the editor placed them) and the gallery (after the text)."""

from dataclasses import replace

from django import template
from django.utils.safestring import mark_safe

from articles import body_images

register = template.Library()


@register.simple_tag
def story_photos(article, preview: bool = False) -> body_images.StoryPhotos:
    """The story's photos, each public one once (articles/body_images.py decides); works for a story and for a past
    version of one (articles/services/story_as_of.py)."""
    photos = body_images.story_photos(article, preview=preview)
    # The body was sanitised when saved and is written again from parsed tokens by body_images.
    return replace(photos, body=mark_safe(photos.body))
