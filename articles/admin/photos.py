"""The photo desk: photos with their credits, the moderation queue and rights."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, router
from django.db.models import CharField, Prefetch
from django.db.models.functions import Cast
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles import access, audit
from articles.admin.audit import AuditedChangesMixin
from articles.admin.changelists import DateSafeChangeListMixin
from articles.admin.credit_candidates import CreditMatchFilter, credit_candidates_line
from articles.admin.forms import PhotoAdminForm
from articles.choices import CreditStatus
from articles.field_labels import field_labels
from articles.models import Article, ArticlePhoto, AuditEntry, Photo
from articles.photos.renditions import queue_thumbnail
from articles.services import moderation, photo_corrections, photos, story_parts
from articles.services.photo_files import StorageFailed, transaction_with_files

REASON_DECISIONS = {"reject": _("Reject credit"), "request_info": _("Ask for information")}
# The list's bulk actions (below) and the decision each makes.
ACTION_DECISIONS = {"approve_credits": "approve", "reject_credits": "reject", "request_information": "request_info"}


def decided_message(decision: str, count: int) -> str:
    """What was decided, said with the number's own plural form."""
    if decision == "approve":
        text = ngettext("%(count)d photo approved.", "%(count)d photos approved.", count)
    elif decision == "reject":
        text = ngettext("%(count)d photo rejected.", "%(count)d photos rejected.", count)
    else:
        text = ngettext(
            "Information asked for on %(count)d photo.", "Information asked for on %(count)d photos.", count
        )
    return text % {"count": count}


def already_message(decision: str, count: int) -> str:
    if decision == "approve":
        text = ngettext("%(count)d photo was already approved.", "%(count)d photos were already approved.", count)
    elif decision == "reject":
        text = ngettext("%(count)d photo was already rejected.", "%(count)d photos were already rejected.", count)
    else:
        text = ngettext(
            "%(count)d photo was already waiting for information.",
            "%(count)d photos were already waiting for information.",
            count,
        )
    return text % {"count": count}


class RightsFilter(admin.SimpleListFilter):
    title = _("rights")
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        return [
            ("expiring", _("Expire in the next 7 days")),
            ("expired", _("Expired")),
            ("open", _("No expiry")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "expiring":
            return queryset.expiring_within(7, now=now)
        if self.value() == "expired":
            return queryset.filter(rights_expire_at__lte=now)
        if self.value() == "open":
            return queryset.filter(rights_expire_at__isnull=True)
        return queryset


# The photo desk's queue: the credits it still has to decide on.
TO_DECIDE = (CreditStatus.PENDING, CreditStatus.NEEDS_INFO)


class CreditStateFilter(admin.SimpleListFilter):
    """The light table opens on the queue for whoever decides credits; "all" (a link in the list) shows every photo.

    Django's own "All" choice is the unfiltered list; here the unfiltered address is the queue, so "all" is a value of
    its own and the default is marked selected."""

    title = _("state")
    parameter_name = "state"

    def __init__(self, request, params, model, model_admin):
        self.default = "queue" if moderation.can_moderate(request.user) else "all"
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("queue", _("To decide (pending or needs information)")), *CreditStatus.choices, ("all", _("All"))]

    def chosen(self) -> str:
        return self.value() or self.default

    def queryset(self, request, queryset):
        chosen = self.chosen()
        if chosen == "queue":
            return queryset.filter(credit_status__in=TO_DECIDE)
        if chosen == "all":
            return queryset
        return queryset.filter(credit_status=chosen)

    def choices(self, changelist):
        for value, title in self.lookup_choices:
            # The default is the address without the parameter, so "clear all filters" comes back to it.
            query = {} if value == self.default else {self.parameter_name: value}
            yield {
                "selected": self.chosen() == value,
                "query_string": changelist.get_query_string(query, [] if query else [self.parameter_name]),
                "display": title,
            }


class UploaderFilter(admin.SimpleListFilter):
    """Who added the photo: the admin's record of the addition, as the uploader's notifications know it
    (services.notifications._uploaders); a photo has no "created by" field of its own."""

    title = _("uploaded by")
    parameter_name = "uploader"

    @staticmethod
    def additions():
        return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Photo), action_flag=ADDITION)

    def lookups(self, request, model_admin):
        users = get_user_model().objects.filter(pk__in=self.additions().values("user_id")).order_by("username")
        return [(str(user.pk), user.get_full_name() or user.get_username()) for user in users]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        added = self.additions().filter(user_id=int(self.value())).values("object_id")
        # LogEntry keeps the object's key as text: compare text with text, on every database.
        return queryset.annotate(_key_text=Cast("pk", CharField())).filter(_key_text__in=added)


class PhotoUseFormSet(BaseInlineFormSet):
    """A photo's uses: rows on stories the user may not place photos in are read-only and cannot be removed."""

    user = None  # set per request by PhotoUseInline.get_formset

    def add_fields(self, form, index):
        super().add_fields(form, index)
        article = form.instance.article if form.instance.pk else None
        if article is None or access.can_place_photos(self.user, article):
            return
        for name, field in form.fields.items():
            if name not in (self.fk.name, form._meta.model._meta.pk.name):
                field.disabled = True
        # A disabled field is cleaned from its initial value, which must still be a valid choice.
        form.fields["article"].queryset = Article.objects.filter(pk=article.pk)


class PhotoUseInline(admin.TabularInline):
    """Where the photo is used; the desk attaches a photo to a story from here. Only stories the user may place photos
    in can be chosen (access.photo_placeable_articles), and only stories the user may see are listed."""

    model = ArticlePhoto
    formset = PhotoUseFormSet
    fk_name = "photo"
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "order", "caption"]
    verbose_name_plural = _("used in stories")
    # A caption line, not a page: the admin's default 40 by 10 box pushed the row past a laptop screen's edge.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}

    def get_queryset(self, request):
        visible = access.visible_articles(request.user)
        return super().get_queryset(request).filter(article__in=visible).select_related("article")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)  # a new class at every call: safe to set on
        formset.user = request.user
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = access.photo_placeable_articles(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 50}),
        help_text=_("The uploader sees this: say what is wrong or what is missing."),
    )


@admin.action(description=_("Approve selected credits"), permissions=["moderate"])
def approve_credits(modeladmin, request, queryset):
    modeladmin.decide(request, queryset, "approve")


@admin.action(description=_("Reject selected credits…"), permissions=["moderate"])
def reject_credits(modeladmin, request, queryset):
    return modeladmin.decide_with_reason(request, queryset, "reject")


@admin.action(description=_("Ask for information on selected photos…"), permissions=["moderate"])
def request_information(modeladmin, request, queryset):
    return modeladmin.decide_with_reason(request, queryset, "request_info")


@admin.register(Photo)
class PhotoAdmin(AuditedChangesMixin, DateSafeChangeListMixin, admin.ModelAdmin):
    """A change of what readers see of a photo (caption, credit, alt text, rights, image) is audited, before → after;
    a new photo is not — readers see it only once its credit is approved, which is audited (services.moderation)."""

    audit_actions = {"changed": AuditEntry.Action.PHOTO_CHANGED, "deleted": AuditEntry.Action.PHOTO_DELETED}
    form = PhotoAdminForm
    change_form_template = "admin/articles/photo/change_form.html"
    # The light table (templates/admin/articles/photo/change_list.html): one card per photo — its preview, what the
    # desk weighs (credit, caption, source, licence, agency, what the file said, rights, renditions, uses) and the
    # decisions that would change something. Rows of Django's own list, so filters, search, pages and actions stay.
    change_list_template = "admin/articles/photo/change_list.html"
    list_display = ["thumbnail", "card", "decisions"]
    list_display_links = ["thumbnail"]
    list_filter = [
        CreditStateFilter,
        ("agency", admin.RelatedOnlyFieldListFilter),
        ("photographer", admin.RelatedOnlyFieldListFilter),
        UploaderFilter,
        RightsFilter,
        CreditMatchFilter,
        "licence_type",
        "created_at",
    ]
    list_per_page = 50
    search_fields = ["caption", "credit", "source", "original_filename", "file_metadata"]
    readonly_fields = [
        "thumbnail",
        "width",
        "height",
        "credit_status",
        "moderation_note",
        "read_from_file_detail",
        "renditions_detail",
        "credit_candidates_line",
    ]
    autocomplete_fields = ["photographer"]
    credit_candidates_line = credit_candidates_line  # a credit naming several contributors: the desk chooses
    date_hierarchy = "created_at"
    actions = [approve_credits, reject_credits, request_information]
    inlines = [PhotoUseInline]
    fieldsets = [
        (None, {"fields": ["image", "thumbnail", ("width", "height"), "caption", "alt_text"]}),
        (
            _("Credit"),
            {
                "fields": [
                    "credit",
                    "photographer",
                    "credit_candidates_line",
                    "source",
                    "copyright_notice",
                    "read_from_file_detail",
                ]
            },
        ),
        (_("Rights"), {"fields": ["licence_type", "usage_terms", "rights_expire_at", "confirm_past_expiry"]}),
        (_("Moderation"), {"fields": ["credit_status", "moderation_note", "renditions_detail"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("agency")
            .prefetch_related(
                # "Used in" names only the stories this user may see: a draft's headline is not for everyone.
                Prefetch(
                    "uses",
                    queryset=ArticlePhoto.objects.filter(article__in=access.visible_articles(request.user))
                    .select_related("article")
                    .order_by("order", "pk"),
                )
            )
        )

    def has_moderate_permission(self, request) -> bool:
        return moderation.can_moderate(request.user)

    # --- who may change what: the desk everything, an uploader answering the desk the credit and caption --------

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or photo_corrections.may_correct(request.user, obj)

    def correcting(self, request, obj) -> bool:
        """The user may change this photo only as its uploader answering the desk (photo_corrections)."""
        return not super().has_change_permission(request, obj) and photo_corrections.may_correct(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.correcting(request, obj):
            return readonly
        # Every field of the desk's form, form-only ones too (a read-only declared field leaves the form).
        every = flatten_fieldsets(super().get_fieldsets(request, obj))
        return readonly + [n for n in every if n not in photo_corrections.CORRECTABLE_FIELDS and n not in readonly]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or super().has_change_permission(request, obj):
            return fieldsets
        # Read by someone who cannot change it all: a form-only field (a confirmation box) has no value to show.
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if not self._form_only(f)]})
            for name, options in fieldsets
        ]
        if not obj.moderation_note:
            return fieldsets
        # The uploader reads the desk's question before anything else on the page.
        first = [fieldset for fieldset in fieldsets if "moderation_note" in fieldset[1]["fields"]]
        rest = [fieldset for fieldset in fieldsets if fieldset not in first]
        if self.correcting(request, obj):
            advice = _("Correct the credit or the caption and save: the photo goes back to the photo desk.")
            first = [(name, {**options, "description": advice}) for name, options in first]
        return first + rest

    def _form_only(self, name) -> bool:
        if not isinstance(name, str) or name not in self.form.declared_fields:
            return False
        return name not in {field.name for field in Photo._meta.get_fields()}

    def get_inlines(self, request, obj):
        # Answering the desk is not placing the photo in stories: the uploader's form has no "used in" rows.
        return [] if self.correcting(request, obj) else super().get_inlines(request, obj)

    # --- the light table -------------------------------------------------------------------------------------

    def get_list_display(self, request):
        if self.has_moderate_permission(request):
            return self.list_display
        return [name for name in self.list_display if name != "decisions"]

    def get_actions(self, request):
        """Only decisions that change something: the list of approved photos offers no "approve selected"."""
        actions = super().get_actions(request)
        state = request.GET.get(CreditStateFilter.parameter_name)
        for name, decision in ACTION_DECISIONS.items():
            if state == moderation.DECISIONS[decision][0]:
                actions.pop(name, None)
        return actions

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "decide" in request.POST:
            return self.decide_from_card(request)
        extra_context = {**(extra_context or {}), "can_moderate": self.has_moderate_permission(request)}
        return super().changelist_view(request, extra_context)

    def decide_from_card(self, request):
        """A card's button: ``decide=<decision>:<photo>``, with that card's reason box; back to the same list."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        decision, _colon, pk = request.POST["decide"].partition(":")
        if not pk.isdigit():
            raise Http404
        photo = get_object_or_404(self.get_queryset(request), pk=int(pk))
        reason = request.POST.get(f"reason-{photo.pk}", "")
        self.decide(request, Photo.objects.filter(pk=photo.pk), decision, reason=reason)
        return HttpResponseRedirect(request.get_full_path())

    # --- columns ---------------------------------------------------------------------------------------------

    @admin.display(description=_("preview"))
    def thumbnail(self, photo: Photo) -> str:
        """The smallest web rendition, never the uploaded file: three camera originals made the queue page 57 MB.
        Until the background task has made it, a box says so."""
        if not photo.image:
            return format_html('<span class="photo-placeholder">{}</span>', _("No image yet"))
        smallest = queue_thumbnail(photo)
        if smallest is None:
            failed = photo.renditions_state == Photo.RenditionsState.FAILED
            waiting = _("No preview: making it failed") if failed else _("Preview being made")
            return format_html('<span class="photo-placeholder">{}</span>', waiting)
        # The image is the card's link to the photo's page: its text alternative names the photo.
        label = _("Photo %(pk)s: %(description)s") % {
            "pk": photo.pk,
            "description": photo.alt_text or Truncator(photo.caption).chars(100) or "—",
        }
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" class="photo-thumbnail" loading="lazy" decoding="async">',
            smallest["url"],
            smallest["width"],
            smallest["height"],
            label,
        )

    @admin.display(description=_("photo"), ordering="created_at")
    def card(self, photo: Photo) -> str:
        """What the desk weighs before deciding, labelled, in one column (nothing off-screen on a laptop)."""
        rights = "—"
        if photo.rights_expire_at:
            expired = photo.rights_expire_at <= timezone.now()
            rights = format_html(
                '<span class="{}">{}{}</span>',
                "light-table-expired" if expired else "",
                formats.localize(timezone.localtime(photo.rights_expire_at)),
                format_html(" ({})", _("expired")) if expired else "",
            )
        licence = photo.get_licence_type_display()
        if photo.usage_terms:
            licence = format_html("{} — {}", licence, Truncator(photo.usage_terms).chars(120))
        facts = [
            (_("credit"), photo.credit or "—"),
            (_("caption"), Truncator(photo.caption).chars(300) or "—"),
            (_("source / agency"), photo.source or "—"),
            (_("agency"), photo.agency or "—"),
            (_("licence"), licence),
            (_("the file said"), self.file_said(photo)),
            (_("rights expire"), rights),
            (_("renditions"), self.renditions_column(photo)),
            (_("used in"), self.used_in(photo)),
        ]
        if photo.moderation_note:
            facts.append((_("moderation note"), Truncator(photo.moderation_note).chars(300)))
        if photo.original_filename:
            facts.append((_("original file name"), photo.original_filename))
        return format_html(
            '<p class="light-table-state light-table-state-{}">{}</p><dl class="light-table-facts">{}</dl>',
            photo.credit_status,
            photo.get_credit_status_display(),
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", facts),
        )

    @admin.display(description=_("decision"))
    def decisions(self, photo: Photo) -> str:
        """Buttons of the list's own form (they work without JavaScript; light_table.js adds the keys): only the
        decisions that would change the credit, and one reason box with its own id for reject and needs information."""
        offered = [name for name, (status, _action) in moderation.DECISIONS.items() if status != photo.credit_status]
        labels = {"approve": _("Approve credit"), **REASON_DECISIONS}

        def button(name: str) -> str:
            return format_html(
                '<button type="submit" name="decide" value="{}:{}" class="button{}" data-decision="{}">{}</button>',
                name,
                photo.pk,
                " default" if name == "approve" else "",
                name,
                labels[name],
            )

        parts = [button("approve")] if "approve" in offered else []
        with_reason = [name for name in offered if name in REASON_DECISIONS]
        if with_reason:
            parts.append(
                format_html(
                    '<label for="reason-{pk}">{label}</label>'
                    '<textarea name="reason-{pk}" id="reason-{pk}" rows="2" maxlength="2000"'
                    ' class="light-table-reason"></textarea>',
                    pk=photo.pk,
                    label=_("Reason (the uploader sees it)"),
                )
            )
            parts += [button(name) for name in with_reason]
        buttons = format_html_join("", "{}", ([part] for part in parts))
        return format_html('<div class="light-table-decisions">{}</div>', buttons)

    @admin.display(description=_("renditions"), ordering="renditions_state")
    def renditions_column(self, photo: Photo) -> str:
        """The state of the background task that makes the web renditions (articles/tasks.py); a failure stands out."""
        if photo.renditions_state == Photo.RenditionsState.FAILED:
            return format_html('<strong title="{}">{}</strong>', photo.renditions_error, _("failed"))
        return photo.get_renditions_state_display() if photo.renditions_state else "—"

    @admin.display(description=_("renditions"))
    def renditions_detail(self, photo: Photo) -> str:
        """The task's state, with how many attempts it took and the last error (kept after the last attempt)."""
        if not photo.renditions_state:
            return "—"
        state = photo.get_renditions_state_display()
        if photo.renditions_attempts:
            state = _("%(state)s (attempts: %(attempts)d)") % {"state": state, "attempts": photo.renditions_attempts}
        if not photo.renditions_error:
            return state
        return format_html("{}<br><code>{}</code>", state, photo.renditions_error)

    @staticmethod
    def file_said(photo: Photo) -> str:
        """The credit, source and copyright the file itself carried, beside what was typed, for the desk to compare."""
        read = photo.file_metadata or {}
        labels = {"credit": _("credit"), "source": _("source"), "copyright_notice": _("copyright")}
        said = [(label, read[key]) for key, label in labels.items() if read.get(key)]
        if not said:
            return _("nothing")
        return format_html_join("; ", "{}: {}", said)

    @admin.display(description=_("read from the file"))
    def read_from_file_detail(self, photo: Photo) -> str:
        read = photo.file_metadata or {}
        labels = {
            "credit": _("credit"),
            "source": _("source"),
            "copyright_notice": _("copyright"),
            "caption": _("caption"),
            "usage_terms": _("usage terms"),
            "rights_expire_at": _("rights expire"),
        }
        rows = [(label, read[key]) for key, label in labels.items() if read.get(key)]
        rows += [(_("could not read"), problem) for problem in read.get("problems", [])]
        if not rows:
            return _("Nothing read from the file.")
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    @admin.display(description=_("used in"))
    def used_in(self, photo: Photo) -> str:
        """How many stories, the first two named and the rest a link away (the photo's page lists every use): listing
        every headline made a 12-photo page 11,000 px tall."""
        uses = list(photo.uses.all())  # prefetched: only stories this user may see
        if not uses:
            return "—"
        count = ngettext("%(count)d story", "%(count)d stories", len(uses)) % {"count": len(uses)}
        named = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:articles_article_change", args=[u.article_id]), Truncator(u.article.headline).chars(40))
                for u in uses[:2]
            ),
        )
        if len(uses) <= 2:
            return format_html("{}: {}", count, named)
        rest = len(uses) - 2
        return format_html(
            '{}: {}, <a href="{}#uses-group">{}</a>',
            count,
            named,
            reverse("admin:articles_photo_change", args=[photo.pk]),
            ngettext("%(count)d more", "%(count)d more", rest) % {"count": rest},
        )

    # --- saving ----------------------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        # Saved by the photo service, like every other path (import, seed, shell), so the credit rules are the same
        # everywhere. AuditedChangesMixin.save_model is not called, so the row readers saw until now is kept here for
        # the audit entry it writes after save_related.
        stored = Photo.objects.filter(pk=obj.pk).first() if change else None
        form.audited_before = audit.values_of(stored) if stored is not None else {}
        saved = photos.save_photo(
            photo=obj,
            user=request.user,
            changed_fields=form.changed_data if change else None,
            read_metadata=form.read_metadata,
        )
        if saved.prefilled:
            self.message_user(
                request,
                _("Filled from the file's metadata: %(fields)s. Check them.")
                % {"fields": field_labels(Photo, saved.prefilled)},
                messages.INFO,
            )
        if saved.sent_back:
            self.message_user(
                request, _("The credit changed, so it is back in the queue for approval."), messages.WARNING
            )
        if change and photo_corrections.correction_made(photo=obj, user=request.user, changed_fields=form.changed_data):
            self.message_user(request, _("Corrected: the photo is back in the photo desk's queue."), messages.SUCCESS)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ArticlePhoto:
            return super().save_formset(request, form, formset, change)
        # The photo's placements as stored before and after the formset saved them, story by story: a row moved to
        # another story changes both.
        before = self._placements(form.instance)
        super().save_formset(request, form, formset, change)
        after = self._placements(form.instance)
        # Placing, moving or removing the photo in a story changes that story: it gets a new version (a story form
        # opened before is refused on save rather than writing its stale photo list back), a revision, and an audit
        # entry of the placement before → after.
        story_parts.parts_changed(
            article_ids={pk for pk in before.keys() | after.keys() if before.get(pk) != after.get(pk)},
            user=request.user,
            comment=_("Photo placed, moved or removed by the photo desk"),
            action=AuditEntry.Action.PLACEMENT_CHANGED,
            before=before,
            after=after,
            note=str(form.instance),
        )

    @staticmethod
    def _placements(photo: Photo) -> dict[int, dict]:
        if photo.pk is None:
            return {}
        uses = ArticlePhoto.objects.filter(photo=photo).select_related("photo")
        return {use.article_id: audit.values_of(use) for use in uses}

    # --- moderation ------------------------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        photo = self.get_object(request, unquote(object_id)) if object_id else None
        if photo is not None and self.has_moderate_permission(request):
            offered = [("approve", _("Approve credit"), None)] + [
                # Each form's reason box has its own id (auto_id): the label of each points at its own box.
                (decision, label, ReasonForm(auto_id=f"id_%s_{decision}"))
                for decision, label in REASON_DECISIONS.items()
            ]
            # Only a decision that changes the credit: the one it already has would just be refused.
            extra_context["decisions"] = [
                choice for choice in offered if moderation.DECISIONS[choice[0]][0] != photo.credit_status
            ]
        if request.method != "POST":  # a page to read: no transaction of ours around it
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            # The whole save — the photo, its placements, the audit entry, the admin log — is one block: a file
            # stored for it is removed if any part of it fails.
            with transaction_with_files(using=router.db_for_write(self.model)):
                return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageFailed as failure:
            # Rolled back, the partial file removed. The same form again, with what the editor typed and the reason
            # on the image field (PhotoAdminForm.storage_failure): the second pass only validates, it saves nothing.
            request.photo_storage_failure = failure
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)  # a new class at every call: safe to set on
        form.storage_failure = getattr(request, "photo_storage_failure", None)
        return form

    def get_urls(self):
        from articles.admin.photo_ingest import ingest_view  # batch ingest: several files, one request each

        return [
            path(
                "ingest/",
                self.admin_site.admin_view(lambda request: ingest_view(request, self)),
                name="articles_photo_ingest",
            ),
            path(
                "<path:object_id>/moderate/<str:decision>/",
                self.admin_site.admin_view(self.moderate_view),
                name="articles_photo_moderate",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def moderate_view(self, request, object_id, decision):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        photo = get_object_or_404(Photo, pk=object_id)
        self.decide(request, Photo.objects.filter(pk=photo.pk), decision, reason=request.POST.get("reason", ""))
        return HttpResponseRedirect(reverse("admin:articles_photo_change", args=[photo.pk]))

    def decide(self, request, queryset, decision: str, reason: str = "") -> None:
        """Each photo through moderation.moderate_photo (its rules, audit and notices); photos that already have the
        decided state are left as they are and counted, so a bulk decision on a mixed selection reads clearly."""
        target = moderation.DECISIONS.get(decision, (None, None))[0]
        done = already = 0
        for photo in queryset:
            if photo.credit_status == target:
                already += 1
                continue
            try:
                moderation.moderate_photo(photo=photo, decision=decision, user=request.user, reason=reason)
                done += 1
            except moderation.ModerationRefused as refusal:
                self.message_user(request, f"#{photo.pk} “{photo}”: {refusal.message}", messages.ERROR)
        if done:
            self.message_user(request, decided_message(decision, done), messages.SUCCESS)
        if already:
            self.message_user(request, already_message(decision, already), messages.INFO)

    def decide_with_reason(self, request, queryset, decision: str):
        # Django's intermediate-page pattern (like the delete confirmation): ask for the reason, then apply. A reason
        # typed in the light table's bulk box is the answer already.
        given = "apply" in request.POST or request.POST.get("reason", "").strip()
        form = ReasonForm(request.POST if given else None)
        if form.is_valid():
            self.decide(request, queryset, decision, reason=form.cleaned_data["reason"])
            return None
        return TemplateResponse(
            request,
            "admin/articles/photo/decide_with_reason.html",
            {
                **self.admin_site.each_context(request),
                "title": REASON_DECISIONS[decision],
                "photos": queryset,
                "form": form,
                "action": request.POST.get("action"),
                "opts": self.model._meta,
            },
        )
