"""One admin action for merging duplicate records (contributors, sources): choose the one to keep, merge the rest.

Django's intermediate-page pattern, like the delete confirmation: the first POST shows the choice, the second (with
``apply``) calls the merge service, which moves every link in one transaction. Two records with the same name are
told apart by what ``describe`` says of each (counts, account, dates, a sample of their work); the merge is written
in the kept record's admin history, naming the records merged away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.db.models import Model
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Contributor
from articles.services.contributors import contributors_for_merge


@dataclass
class Candidate:
    """One record on the merge page, with what tells it apart from records of the same name."""

    record: Model
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    samples: list[tuple[str, list[str]]] = field(default_factory=list)  # (label, a few items of their work)
    radio: object = None  # the "keep" choice for this record, set by the action


def merge_action(
    *,
    name: str,
    merge: Callable,
    description: str,
    explanation: str,
    report: Callable[[object, dict], str],
    describe: Callable[[object], list[Candidate]] | None = None,
):
    """An admin action called ``name`` that merges the selected records with ``merge(keep=…, duplicates=[…])``.

    ``describe(queryset)`` gives the selected records as Candidates in id order (by default each with its id only);
    it should cost the same number of queries however many records and links there are.
    """

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
            duplicates = list(queryset.exclude(pk=keep.pk))
            merged_away = ", ".join(record_label(duplicate) for duplicate in duplicates)  # before they are gone
            moved = merge(keep=keep, duplicates=duplicates)
            summary = report(keep, moved)
            # In the kept record's history: the service's own account of the merge when it gives one (``note``).
            history = getattr(moved, "note", "") or _("Merged %(records)s into this record. %(summary)s") % {
                "records": merged_away,
                "summary": summary,
            }
            modeladmin.log_change(request, keep, history)
            modeladmin.message_user(request, summary, messages.SUCCESS)
            return None
        candidates = describe(queryset) if describe else [Candidate(record) for record in queryset.order_by("pk")]
        radios = {str(radio.data["value"]): radio for radio in form["keep"]}
        for candidate in candidates:
            candidate.radio = radios.get(str(candidate.record.pk))
        opts = modeladmin.model._meta
        return TemplateResponse(
            request,
            "admin/articles/merge.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": description.rstrip("…"),
                "candidates": candidates,
                "form": form,
                "action": name,
                "explanation": explanation,
                "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                "opts": opts,
            },
        )

    action.__name__ = name
    return action


def record_label(record: Model) -> str:
    """“#7 “Dwi Arif” (dwi-arif-2)”: a record named so that two of the same name differ, after it is deleted too."""
    slug = getattr(record, "slug", "")
    return f"#{record.pk} “{record}”" + (f" ({slug})" if slug else "")


def describe_contributors(queryset, *, user) -> list[Candidate]:
    """Each contributor with its counts, account, dates, address and latest work (headlines ``user`` may see)."""
    label = {name: Contributor._meta.get_field(name).verbose_name for name in ("slug", "title", "user")}
    candidates = []
    for contributor in contributors_for_merge(queryset, user=user):
        bylines, photos = contributor.byline_total, contributor.photo_total
        facts = [
            (_("record id"), f"#{contributor.pk}"),
            (label["slug"], contributor.slug),
            (label["title"], contributor.title or "—"),
            (_("work"), ", ".join([_count_bylines(bylines), _count_photos(photos), *_flags(contributor.flag_total)])),
            (label["user"], contributor.user.get_username() if contributor.user else _("No account")),
            (_("added"), _date(contributor.added_at) or _("not in the admin log (imported or seeded)")),
            (_("first credited"), _date(contributor.first_credited) or "—"),
        ]
        samples = [
            (_("latest stories"), [byline.article.headline for byline in contributor.sample_bylines]),
            (_("latest photo credits"), [_photo_line(photo) for photo in contributor.sample_photos]),
        ]
        candidates.append(Candidate(contributor, facts, samples))
    return candidates


def _count_bylines(count: int) -> str:
    return ngettext("%(count)d byline", "%(count)d bylines", count) % {"count": count}


def _count_photos(count: int) -> str:
    return ngettext("%(count)d photo", "%(count)d photos", count) % {"count": count}


def _flags(count: int) -> list[str]:
    """Photos whose credit matches this record and another: merging them settles those credits."""
    if not count:
        return []
    return [
        ngettext("possible photographer of %(count)d photo", "possible photographer of %(count)d photos", count)
        % {"count": count}
    ]


def _photo_line(photo) -> str:
    """“Dwi Arif/ANTARA — Pawai budaya di …”: the credit as typed, and enough caption to recognise the picture."""
    caption = Truncator(photo.caption).chars(60)
    return f"{photo.credit or '—'} — {caption}" if caption else photo.credit or "—"


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT") if value else ""
