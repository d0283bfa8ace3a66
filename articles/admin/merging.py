"""One admin action for merging duplicate records (contributors, sources): choose the one to keep, merge the rest.

Django's intermediate-page pattern, like the delete confirmation: the first POST shows the choice, the second (with
``apply``) calls the merge service, which moves every link in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def merge_action(
    *, name: str, merge: Callable, description: str, explanation: str, report: Callable[[object, dict], str]
):
    """An admin action called ``name`` that merges the selected records with ``merge(keep=…, duplicates=[…])``."""

    class KeepForm(forms.Form):
        keep = forms.ModelChoiceField(
            label=_("Keep this record"), queryset=None, widget=forms.RadioSelect, help_text=explanation
        )

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        if queryset.count() < 2:
            modeladmin.message_user(request, _("Select at least two records to merge."), messages.WARNING)
            return None
        form = KeepForm(request.POST if "apply" in request.POST else None)
        form.fields["keep"].queryset = queryset.order_by("pk")
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            moved = merge(keep=keep, duplicates=list(queryset.exclude(pk=keep.pk)))
            modeladmin.message_user(request, report(keep, moved), messages.SUCCESS)
            return None
        opts = modeladmin.model._meta
        return TemplateResponse(
            request,
            "admin/articles/merge.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": description.rstrip("…"),
                "objects": queryset,
                "form": form,
                "action": name,
                "explanation": explanation,
                "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                "opts": opts,
            },
        )

    action.__name__ = name
    return action
