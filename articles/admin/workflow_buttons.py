"""Workflow buttons that are part of the story's change form, so an editor's unsaved edit is never lost to a click
on "send back", "approve" or "publish".

A button posts the whole form with ``_transition`` set to the transition's name, and its note and time fields (one
small form per transition, prefixed ``transition_<name>``). The admin's own save path validates the story and its
inlines, saves them and only then performs the transition — in the one transaction Django's admin (and
django-reversion) opens around the save, so the edit-conflict check applies as to any save. If the transition is
refused (workflow rules, credit gate, a missing note) the exception rolls the changes back with it and the form is
shown again, bound to what the user sent, with the refusal on top; an invalid form transitions nothing.

Users who may not edit the story (a reporter whose story is in review) see no form to save: their buttons keep
posting to the transition view (ArticleAdmin.transition_view) on their own.
"""

from __future__ import annotations

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.admin.forms import TransitionForm
from articles.services import workflow

TRANSITION_FIELD = "_transition"
FORM_ID = "article_form"  # Django's admin names the change form "<model>_form"


class _RefusedWithChanges(Exception):
    """Raised inside the admin's save transaction so that the story's changes are rolled back with the transition."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WorkflowButtonsMixin:
    """Goes before StoryEditingMixin in ArticleAdmin's bases, outside the transaction its save runs in."""

    def transition_buttons(self, request, article) -> dict:
        """The change form's context for the buttons: each allowed transition with its small form (bound to what was
        sent when the form is shown again), and whether they submit the story's form or stand alone."""
        in_form = self.has_change_permission(request, article)
        sent = request.POST if request.method == "POST" and in_form else None
        return {
            "transitions": [
                (
                    transition,
                    TransitionForm(sent, transition=transition, prefix=_prefix(transition.name) if in_form else None),
                )
                for transition in workflow.allowed_transitions(request.user, article)
            ],
            "transitions_in_form": in_form,
        }

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        name = request.POST.get(TRANSITION_FIELD) if request.method == "POST" and object_id else None
        if not name or hasattr(request, "transition_refusal"):
            return super().changeform_view(request, object_id, form_url, extra_context)
        transition = workflow.TRANSITIONS.get(name)
        button_form = TransitionForm(request.POST, transition=transition, prefix=_prefix(name))
        if transition is None:
            request.transition_refusal = _("Unknown action.")
        elif not button_form.is_valid():
            request.transition_refusal = "; ".join(" ".join(errors) for errors in button_form.errors.values())
        else:
            request.requested_transition = (transition, button_form.cleaned_data)
        if hasattr(request, "transition_refusal"):
            # Nothing is saved: the story's form is shown again with the reason (see get_form).
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _RefusedWithChanges as refused:
            # The transaction is rolled back by now, so the refused attempt is listed on its own; the second pass
            # shows the user's form again, saving nothing.
            article = self.get_object(request, unquote(object_id))
            workflow.record_refused(article=article, name=name, user=request.user, message=refused.message)
            del request.requested_transition
            request.transition_refusal = _("Nothing was saved: %(reason)s Your changes are still in the form.") % {
                "reason": refused.message
            }
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "transition_refusal", None)
        if refusal is None:
            return form_class

        def clean(form):
            form_class.clean(form)  # the story's own checks still run, so their errors are shown too
            raise forms.ValidationError(refusal, code="transition_refused")

        return type(form_class.__name__, (form_class,), {"clean": clean})

    def response_change(self, request, obj):
        requested = getattr(request, "requested_transition", None)
        if requested is None:
            return super().response_change(request, obj)
        transition, data = requested
        saved_comment = reversion.get_comment() if reversion.is_active() else ""
        try:
            workflow.perform_transition_with_changes(
                article=obj,
                name=transition.name,
                user=request.user,
                note=data.get("note", ""),
                publish_at=data.get("publish_at"),
            )
        except workflow.TransitionRefused as refusal:
            raise _RefusedWithChanges(refusal.message) from refusal
        if reversion.is_active() and saved_comment:
            # One revision holds the edit and the transition: its comment names both.
            reversion.set_comment(f"{saved_comment} {reversion.get_comment()}")
        super().response_change(request, obj)
        self.message_user(request, _("%(action)s: done.") % {"action": transition.label}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))


def _prefix(name: str) -> str:
    return f"transition_{name}"
