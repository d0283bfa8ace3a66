"""Two-factor sign-in for staff: time-based codes from an authenticator app (django-otp's TOTP devices).

Who must use one is one rule, ``second_factor_step``: staff who have set up an app confirm a code in every new
session; staff in the roles of ``NEWSROOM_REQUIRE_2FA_ROLES`` (and superusers when
``NEWSROOM_REQUIRE_2FA_SUPERUSERS``) must set one up first. The middleware sends them to the step they still owe and
lets nothing else through; the views below are those steps.
"""

from __future__ import annotations

import enum
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

# The name of every device made by the enrolment page, as the otp_totp admin lists it.
DEVICE_NAME = "Authenticator app"


class Step(enum.Enum):
    ENROL = "enrol"
    VERIFY = "verify"


def is_required(user: AbstractBaseUser) -> bool:
    """Whether this account may not use the desk without a second factor."""
    if user.is_superuser and settings.NEWSROOM_REQUIRE_2FA_SUPERUSERS:
        return True
    roles = settings.NEWSROOM_REQUIRE_2FA_ROLES
    return bool(roles) and user.groups.filter(name__in=roles).exists()


def second_factor_step(user) -> Step | None:
    """What a signed-in staff account still owes before using the desk: a code, an enrolment, or nothing."""
    if not user.is_authenticated or not user.is_staff or user.is_verified():
        return None
    if user_has_device(user):
        return Step.VERIFY
    if is_required(user):
        return Step.ENROL
    return None


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def device_to_enrol(user) -> TOTPDevice:
    """The account's device waiting for its first code, made once: reloading the page keeps the secret the app has
    already scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app expects it typed (base32), in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, dark on white so it scans in the admin's dark theme too."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, light="#fff", title=str(_("QR code")))


@transaction.atomic
def confirm_enrolment(*, user, device: TOTPDevice) -> None:
    """The device proved itself with a code: it becomes the account's one device, and other unfinished ones go."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, checked against one device (whose throttling slows guessing:
    each wrong code doubles the wait before the next is looked at)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    error_messages = {
        "invalid": _("That code is not right. Enter the six digits your authenticator app shows now."),
        "throttled": _("Too many wrong codes. Wait a minute, then enter the code your app shows now."),
    }

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        # Locked while checked, so one code cannot be used twice by two requests at once; the error is raised after
        # the transaction, whose commit keeps the failure count that throttles the next guess.
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=self.device.pk)
            allowed, _details = device.verify_is_allowed()
            accepted = allowed and device.verify_token(code)
        if not allowed:
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        if not accepted:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        self.device = device
        return code
