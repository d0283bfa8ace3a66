"""Two-factor sign-in for staff (issue 17): setting up an authenticator app, the code asked at sign-in, and the
roles that must have one before they can use the desk."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles import roles

PASSWORD = "pass-for-tests-123"  # the `people` fixture's


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}"


def confirmed_device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def forget_wrong_codes(device: TOTPDevice) -> None:
    """A wrong code makes the next one wait (tested on its own below); tests that go on at once start afresh."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)


def sign_in(client, username: str):
    return client.post(reverse("admin:login"), {"username": username, "password": PASSWORD})


@pytest.fixture
def required_for_editors(settings):
    """The production setting."""
    settings.NEWSROOM_REQUIRE_2FA_ROLES = [roles.EDITOR, roles.CHIEF_EDITOR]
    settings.NEWSROOM_REQUIRE_2FA_SUPERUSERS = True


# Enrolment.


def test_staff_set_up_an_app_with_a_qr_code_and_a_code(client, people):
    """The enrolment page shows a QR code (inline SVG) and the secret as text; a wrong code is refused, the app's
    code turns two-factor sign-in on and counts for this session."""
    reporter = people["reporter"]
    client.force_login(reporter)
    page = client.get(reverse("logins:enrol"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=reporter, confirmed=False)
    assert '<svg width="' in page.text and 'class="segno"' in page.text
    assert page.context["secret"].replace(" ", "") in page.text.replace(" ", "")
    # Reloading keeps the secret the app has already scanned.
    assert client.get(reverse("logins:enrol")).context["secret"] == page.context["secret"]

    wrong = client.post(reverse("logins:enrol"), {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "That code is not right." in wrong.text
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    forget_wrong_codes(device)

    confirmed = client.post(reverse("logins:enrol"), {"code": code_for(device), "next": reverse("admin:index")})
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("admin:index")
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("admin:index")).status_code == 200


def test_enrolment_is_for_staff_only(client, django_user_model):
    """Anonymous visitors are sent to sign in, accounts without staff status are refused."""
    assert client.get(reverse("logins:enrol"))["Location"].startswith(reverse("admin:login"))
    client.force_login(django_user_model.objects.create_user("reader", password=PASSWORD))
    assert client.get(reverse("logins:enrol")).status_code == 403


# Signing in with a code.


def test_sign_in_asks_for_the_code_when_an_app_is_set_up(client, people):
    """With a confirmed app, the right password leads to the code page and nothing of the desk opens until the
    code is right; a used code cannot be used again."""
    device = confirmed_device_for(people["editor"])
    response = client.post(
        reverse("admin:login") + "?next=/admin/articles/article/",
        {"username": "editor", "password": PASSWORD, "next": "/admin/articles/article/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(reverse("logins:verify"))
    assert "Your account uses two-factor sign-in." in response.text
    for url in [reverse("admin:index"), "/admin/articles/article/", reverse("articles:source_report")]:
        assert client.get(url)["Location"].startswith(reverse("logins:verify")), url

    wrong = client.post(reverse("logins:verify"), {"code": "12345x", "next": "/admin/articles/article/"})
    assert "That code is not right." in wrong.text
    forget_wrong_codes(device)

    code = code_for(device)
    key_before_the_code = client.session.session_key
    verified = client.post(reverse("logins:verify"), {"code": code, "next": "/admin/articles/article/"})
    assert verified["Location"] == "/admin/articles/article/"
    assert client.session.session_key != key_before_the_code
    assert client.get("/admin/articles/article/").status_code == 200

    client.logout()
    sign_in(client, "editor")
    replayed = client.post(reverse("logins:verify"), {"code": code})
    assert "That code is not right." in replayed.text
    assert client.get(reverse("admin:index")).status_code == 302


def test_wrong_codes_are_throttled(client, people):
    """After a wrong code the next one is not even checked for a while (django-otp's back-off), so guessing six
    digits is hopeless."""
    device = confirmed_device_for(people["editor"])
    client.force_login(people["editor"])
    # The clock stands still, so the second try comes within the wait however slow the machine is.
    with time_machine.travel(time.time(), tick=False):
        client.post(reverse("logins:verify"), {"code": "000000" if code_for(device) != "000000" else "111111"})
        response = client.post(reverse("logins:verify"), {"code": code_for(device)})
    assert "Too many wrong codes." in response.text
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_next_address_elsewhere_is_not_followed(client, people):
    """After the code, an address on another site is replaced by the desk's front page."""
    device = confirmed_device_for(people["editor"])
    client.force_login(people["editor"])
    response = client.post(reverse("logins:verify"), {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")


# Who must set it up.


@pytest.mark.parametrize("role", ["editor", "chief_editor"])
def test_required_roles_must_enrol_before_anything_else(client, people, required_for_editors, role):
    """Editors and chief editors without an app are sent to set one up from every page, admin or not; signing
    out still works."""
    sign_in(client, role)
    for url in [reverse("admin:index"), "/admin/articles/article/", reverse("articles:source_report"), "/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("logins:enrol")), url
    assert client.get(reverse("logins:enrol")).status_code == 200
    assert client.post(reverse("admin:logout")).status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role", ["reporter", "photo_desk"])
def test_other_roles_are_not_forced(client, people, required_for_editors, role):
    """Reporters and the photo desk may set up an app, but are not made to."""
    sign_in(client, role)
    assert client.get(reverse("admin:index")).status_code == 200


def test_superusers_must_enrol_when_required(client, people, required_for_editors, django_user_model):
    """A superuser belongs to no role, and is made to set up an app all the same (in production)."""
    django_user_model.objects.create_superuser("boss", password=PASSWORD)
    sign_in(client, "boss")
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("logins:enrol"))


def test_without_the_requirement_editors_sign_in_with_a_password(client, people, settings):
    """Development's default: no role is required, so the demo accounts sign in with a password alone."""
    settings.NEWSROOM_REQUIRE_2FA_ROLES = []
    settings.NEWSROOM_REQUIRE_2FA_SUPERUSERS = False
    sign_in(client, "chief_editor")
    assert client.get(reverse("admin:index")).status_code == 200


def test_production_requires_it_for_editors_chief_editors_and_superusers():
    """The settings' defaults: required for editors, chief editors and superusers in production, for nobody in
    development."""
    program = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.NEWSROOM_REQUIRE_2FA_ROLES, settings.NEWSROOM_REQUIRE_2FA_SUPERUSERS)"
    )
    base = Path(__file__).resolve().parents[1]
    outputs = {}
    for production in ["0", "1"]:
        environment = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("NEWSROOM_", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "NEWSROOM_PRODUCTION": production,
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "example.org",
        }
        result = subprocess.run(
            [sys.executable, "-c", program], cwd=base, env=environment, capture_output=True, text=True, check=True
        )
        outputs[production] = result.stdout.strip().splitlines()[-1]
    assert outputs["0"] == "[] False"
    assert outputs["1"] == "['Editor', 'Chief editor'] True"
