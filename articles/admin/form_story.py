"""The story a change form is about, loaded once per request for the mixins that add to the form's context.

ArticleAdmin's changeform_view and those of StoryAutosaveMixin and StoryEditingMixin each need the story before
Django's own changeform_view runs; each called get_object (the story's row and its bylines) for the same id. Django's
changeform_view still loads its own copy, the one the form is bound to and saves.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote


def story_for_form(model_admin, request, object_id):
    """``model_admin.get_object`` for the changeform_view's ``object_id`` (as in its address), once per request."""
    loaded = request.__dict__.setdefault("_stories_for_form", {})
    if object_id not in loaded:
        loaded[object_id] = model_admin.get_object(request, unquote(object_id))
    return loaded[object_id]
