"""Loading the story for ArticleAdmin's mixins: once per request for the change form's context, and with the
"may change it" guard for the POST-only views of the form (autosave, unsaved preview).

ArticleAdmin's changeform_view and those of StoryAutosaveMixin and StoryEditingMixin each need the story before
Django's own changeform_view runs; each called get_object (the story's row and its bylines) for the same id. Django's
changeform_view still loads its own copy, the one the form is bound to and saves.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _


def story_for_form(model_admin, request, object_id):
    """``model_admin.get_object`` for the changeform_view's ``object_id`` (as in its address), once per request."""
    loaded = request.__dict__.setdefault("_stories_for_form", {})
    if object_id not in loaded:
        loaded[object_id] = model_admin.get_object(request, unquote(object_id))
    return loaded[object_id]


def editable_story(model_admin, request, object_id):
    """The story at ``object_id`` if the user may change it: 404 when there is none, 403 when they may not."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404(_("No such story."))
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return article
