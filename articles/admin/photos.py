"""The photo desk: photos with their credits, the moderation queue and rights."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models, router
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles import access, audit
from articles.admin.audit import AuditedChangesMixin
from articles.admin.changelists import DateSafeChangeListMixin
from articles.admin.forms import PhotoAdminForm
from articles.field_labels import field_labels
from articles.models import Article, ArticlePhoto, AuditEntry, Photo
from articles.photos.renditions import sorted_renditions
from articles.services import moderation, photos, story_parts
from articles.services.photo_files import StorageFailed, transaction_with_files

REASON_DECISIONS = {"reject": _("Reject credit"), "request_info": _("Ask for information")}


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
    list_display = [
        "thumbnail",
        "caption",
        "credit",
        "read_from_file",
        "used_in",
        "credit_status",
        "renditions_column",
        "rights_expire_at",
    ]
    list_display_links = ["thumbnail", "caption"]
    list_filter = ["credit_status", RightsFilter, "licence_type", "created_at"]
    search_fields = ["caption", "credit", "source", "file_metadata"]
    readonly_fields = [
        "thumbnail",
        "width",
        "height",
        "credit_status",
        "moderation_note",
        "read_from_file_detail",
        "renditions_detail",
    ]
    autocomplete_fields = ["photographer"]
    date_hierarchy = "created_at"
    actions = [approve_credits, reject_credits, request_information]
    inlines = [PhotoUseInline]
    fieldsets = [
        (None, {"fields": ["image", "thumbnail", ("width", "height"), "caption", "alt_text"]}),
        (
            _("Credit"),
            {"fields": ["credit", "photographer", "source", "copyright_notice", "read_from_file_detail"]},
        ),
        (_("Rights"), {"fields": ["licence_type", "usage_terms", "rights_expire_at"]}),
        (_("Moderation"), {"fields": ["credit_status", "moderation_note", "renditions_detail"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
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

    # --- columns ---------------------------------------------------------------------------------------------

    @admin.display(description=_("thumbnail"))
    def thumbnail(self, photo: Photo) -> str:
        if not photo.image:
            return _("No image yet")
        renditions = sorted_renditions(photo)
        url = renditions[0]["url"] if renditions else photo.image.url
        return format_html('<img src="{}" alt="" class="photo-thumbnail">', url)

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

    @admin.display(description=_("credit in the file"))
    def read_from_file(self, photo: Photo) -> str:
        read = photo.file_metadata or {}
        return read.get("credit") or "—"

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
        uses = list(photo.uses.all())
        if not uses:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:articles_article_change", args=[u.article_id]), u.article.headline[:40]) for u in uses),
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
                (decision, label, ReasonForm()) for decision, label in REASON_DECISIONS.items()
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
        return [
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
        done = 0
        for photo in queryset:
            try:
                moderation.moderate_photo(photo=photo, decision=decision, user=request.user, reason=reason)
                done += 1
            except moderation.ModerationRefused as refusal:
                self.message_user(request, f"#{photo.pk} “{photo}”: {refusal.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d photos moderated.") % {"count": done}, messages.SUCCESS)

    def decide_with_reason(self, request, queryset, decision: str):
        # Django's intermediate-page pattern (like the delete confirmation): ask for the reason, then apply.
        form = ReasonForm(request.POST if "apply" in request.POST else None)
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
