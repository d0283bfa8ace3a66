"""API tokens in the admin: made here (the key is shown once, on the page after), listed with their state, revoked
with a button or the list's action. Tokens are never edited or deleted: a revoked token stays, for the record."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from api import auth
from api.models import ApiToken
from articles.validators import validate_newsroom_time

ADD_FIELDS = ["user", "name", "scopes", "expires_at"]


class ApiTokenAddForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=ApiToken.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("What the token may do. It never does more than its user may in the admin."),
    )
    expires_at = forms.SplitDateTimeField(
        label=gettext_lazy("Expires (WIB)"),
        required=False,
        widget=AdminSplitDateTime,
        validators=[validate_newsroom_time],
        help_text=gettext_lazy("Optional. The token stops working at this time."),
    )

    class Meta:
        model = ApiToken
        fields = ADD_FIELDS

    def clean_expires_at(self):
        moment = self.cleaned_data.get("expires_at")
        if moment is not None and moment <= timezone.now():
            raise forms.ValidationError(_("The expiry time must be in the future."), code="past")
        return moment


class StatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return ApiToken.Status.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        not_expired = Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        if self.value() == ApiToken.Status.ACTIVE:
            return queryset.filter(not_expired, revoked_at__isnull=True)
        if self.value() == ApiToken.Status.EXPIRED:
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=now)
        if self.value() == ApiToken.Status.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenAddForm
    list_display = ["name", "user", "key_prefix", "scope_list", "state", "last_used_at", "expires_at", "created_at"]
    list_select_related = ["user"]
    list_filter = [StatusFilter]
    search_fields = ["name", "prefix", "user__username"]
    actions = ["revoke_selected"]
    readonly_fields = [
        "user",
        "name",
        "key_prefix",
        "scope_list",
        "state",
        "created_at",
        "created_by",
        "last_used_at",
        "expires_at",
        "revoked_at",
        "revoked_by",
    ]
    change_form_template = "admin/api/apitoken/change_form.html"

    # --- who sees what -----------------------------------------------------------------------------------------

    def get_queryset(self, request):
        return ApiToken.objects.managed_by(request.user).select_related("user")

    def has_change_permission(self, request, obj=None):
        return False  # a token is made, used and revoked, never edited

    def has_delete_permission(self, request, obj=None):
        return False  # kept after revocation: the audit log names it

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            users = get_user_model().objects.filter(is_active=True, is_staff=True)
            if not auth.may_manage_all(request.user):
                users = users.filter(pk=request.user.pk)
            kwargs["queryset"] = users.order_by("username")
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fields(self, request, obj=None):
        return ADD_FIELDS if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    # --- columns -----------------------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("key starts with"), ordering="prefix")
    def key_prefix(self, token: ApiToken) -> str:
        return f"nrk_{token.prefix}…"

    @admin.display(description=gettext_lazy("scopes"))
    def scope_list(self, token: ApiToken) -> str:
        return ", ".join(token.scope_labels())

    @admin.display(description=gettext_lazy("status"))
    def state(self, token: ApiToken) -> str:
        return token.get_status_display()

    # --- creating: the key shown once --------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        try:
            token, key = auth.issue_token(
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.cleaned_data.get("expires_at"),
                created_by=request.user,
            )
        except auth.TokenRefused as refusal:
            raise PermissionDenied(refusal.message) from None
        obj.pk = token.pk
        request.new_api_key = (token, key)

    def save_related(self, request, form, formsets, change):
        pass  # nothing related: the token was saved whole by issue_token

    def log_addition(self, request, obj, message):
        pass  # the audit log has the token's creation (api.auth.issue_token)

    def response_add(self, request, obj, post_url_continue=None):
        token, key = request.new_api_key
        response = TemplateResponse(
            request,
            "admin/api/apitoken/key_once.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Copy the key of “%(name)s” now") % {"name": token.name},
                "token": token,
                "key": key,
                "list_url": reverse("admin:api_apitoken_changelist"),
            },
        )
        # The only time the key exists outside the client: no cache or browser history may keep the page.
        response["Cache-Control"] = "no-store"
        return response

    # --- revoking ----------------------------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/revoke/",
                self.admin_site.admin_view(self.revoke_view),
                name="api_apitoken_revoke",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def revoke_view(self, request, object_id):
        token = get_object_or_404(self.get_queryset(request), pk=object_id)
        self._revoke(request, [token])
        return HttpResponseRedirect(reverse("admin:api_apitoken_change", args=[token.pk]))

    @admin.action(description=gettext_lazy("Revoke selected tokens"), permissions=["view"])
    def revoke_selected(self, request, queryset):
        self._revoke(request, list(queryset))

    def _revoke(self, request, tokens: list[ApiToken]) -> None:
        done = 0
        for token in tokens:
            try:
                done += auth.revoke_token(token=token, by=request.user)
            except auth.TokenRefused as refusal:
                self.message_user(request, f"{token}: {refusal.message}", messages.ERROR)
        if done:
            message = ngettext(
                "Revoked %(count)d token: it stops working at once.",
                "Revoked %(count)d tokens: they stop working at once.",
                done,
            )
            self.message_user(request, message % {"count": done}, messages.SUCCESS)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            token = self.get_object(request, object_id)
            extra_context["may_revoke"] = token is not None and token.revoked_at is None
        else:
            # Saving always leads to the page with the key, the one place it is ever shown.
            extra_context.update(show_save_and_add_another=False, show_save_and_continue=False)
        return super().changeform_view(request, object_id, form_url, extra_context)
