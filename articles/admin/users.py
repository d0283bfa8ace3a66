"""Accounts and groups in the admin, in place of Django's stock pages, so that managing accounts never grows anyone's
access: which accounts a manager reaches and which groups they give is decided in articles/accounts.py.

Also the admin login form, which tells an account without staff status why it cannot come in.
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles import accounts
from articles.admin.access_labels import group_label, permission_label, role_name
from articles.admin.audit import AuditedChangesMixin
from articles.models import AuditEntry

User = get_user_model()

# Superuser status and permissions given to one account bypass the groups, so only a superuser sees and sets them.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


class RefuseSuperuserOnlyFields:
    """For managers who are not superusers, whose forms lack these fields: a submission that carries them was made
    by hand, and it is refused whole rather than saved without them, so nobody believes it worked."""

    def clean(self):
        cleaned_data = super().clean()
        if any(name in self.data for name in SUPERUSER_ONLY_FIELDS):
            raise ValidationError(
                _("Only a superuser can grant superuser status or individual permissions."), code="superuser_only"
            )
        return cleaned_data


class DeskUserCreationForm(RefuseSuperuserOnlyFields, AdminUserCreationForm):
    pass


class DeskUserChangeForm(RefuseSuperuserOnlyFields, UserChangeForm):
    pass


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class DeskUserAdmin(UserAdmin):
    """Superusers manage every account; a chief editor manages reporters', the photo desk's and editors'."""

    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        (_("Access"), {"fields": ("is_staff", "groups")}),
    )
    # When someone joined and last logged in are facts, not settings.
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request):
        # Every page of an account (change, delete, password, history) finds it through here: out of reach is absent.
        reachable = accounts.manageable_users(request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=reachable)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._reaches(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._reaches(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._reaches(request, obj)

    @staticmethod
    def _reaches(request, obj) -> bool:
        return obj is None or accounts.can_manage(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if accounts.is_superuser(request.user):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in SUPERUSER_ONLY_FIELDS]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        if not accounts.is_superuser(request.user):
            kwargs.setdefault("form", DeskUserCreationForm if obj is None else DeskUserChangeForm)
        return super().get_form(request, obj, **kwargs)

    def get_list_filter(self, request):
        filters = [("groups", RoleGroupFilter) if f == "groups" else f for f in super().get_list_filter(request)]
        return filters if accounts.is_superuser(request.user) else [f for f in filters if f != "is_superuser"]

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = accounts.grantable_groups(request.user)
            kwargs["help_text"] = _(
                "What this person does on the desk: Reporter, Photo desk, Editor. Groups that manage accounts are "
                "given by a superuser."
            )
            kwargs["error_messages"] = {
                "invalid_choice": _("Group %(value)s cannot be given from your account; ask a superuser.")
            }
        return _labelled(super().formfield_for_manytomany(db_field, request, **kwargs))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the groups are saved. The form's initial values are the account as it was when the form was made.
        fields = [name for name in accounts.ACCESS_FIELDS if name in form.fields]
        accounts.record_access_change(
            actor=request.user,
            account=form.instance,
            before={name: form.initial.get(name) for name in fields} if change else {},
            after={name: form.cleaned_data[name] for name in fields},
            created=not change,
        )


class RoleGroupFilter(admin.RelatedFieldListFilter):
    """The user list's group filter, with the role groups named in the reader's language."""

    def field_choices(self, field, request, model_admin):
        return [(pk, role_name(name)) for pk, name in super().field_choices(field, request, model_admin)]


def _labelled(formfield):
    """Groups and permissions in a form's choices named in the reader's language (stored names stay as they are)."""
    if formfield is not None and formfield.queryset.model is Group:
        formfield.label_from_instance = group_label
    elif formfield is not None and formfield.queryset.model is Permission:
        formfield.label_from_instance = permission_label
    return formfield


@admin.register(Group)
class DeskGroupAdmin(AuditedChangesMixin, GroupAdmin):
    """A group's permissions are everyone's access in it: whoever may view groups may look, only superusers edit,
    and every change is in the audit log."""

    audit_actions = {
        "added": AuditEntry.Action.GROUP_CHANGED,
        "changed": AuditEntry.Action.GROUP_CHANGED,
        "deleted": AuditEntry.Action.GROUP_CHANGED,
    }
    list_display = ("shown_name",)

    @admin.display(description=_("name"), ordering="name")
    def shown_name(self, group):
        return group_label(group)

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        return _labelled(super().formfield_for_manytomany(db_field, request, **kwargs))

    def has_add_permission(self, request):
        return accounts.is_superuser(request.user)

    def has_change_permission(self, request, obj=None):
        return accounts.is_superuser(request.user)

    def has_delete_permission(self, request, obj=None):
        return accounts.is_superuser(request.user)


class DeskAuthenticationForm(AdminAuthenticationForm):
    """Says when an account lacks staff status instead of calling the right password wrong."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "no_desk_access": _(
            "This account has no access to the editorial desk; ask a chief editor to give it staff status."
        ),
    }

    def confirm_login_allowed(self, user):
        # Only called once the password matched (and never for inactive accounts, which the backend refuses), so a
        # wrong guess still gets the generic error and this tells nothing about which accounts exist.
        if user.is_active and not user.is_staff:
            raise ValidationError(self.error_messages["no_desk_access"], code="no_desk_access")
        super().confirm_login_allowed(user)


admin.site.login_form = DeskAuthenticationForm
