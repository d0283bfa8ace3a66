"""Lockout after failed sign-ins, through django-axes with its database handler (so it holds with Redis down).

Which failures count together (settings ``AXES_LOCKOUT_PARAMETERS`` and ``NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT``):
- one account from one address: ``AXES_FAILURE_LIMIT`` failures lock that pair. Someone mistyping from the office
  never locks out a colleague, and a stranger typing an editor's name cannot lock the editor out from elsewhere;
- one account from every address together: a much higher ceiling, so spraying one account from many addresses
  (a botnet gets ``AXES_FAILURE_LIMIT`` guesses per address) is stopped too. Reaching it does lock the real person
  out until the cool-off ends — the price of not letting the guessing go on; staff with a second factor are not at
  risk from a guessed password alone, and an administrator can unlock at once (README.md, "Logins").
"""

from __future__ import annotations

from datetime import datetime

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, plus the ceiling on one account's failures from all addresses together."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        from_this_client = super().get_failures(request, credentials)
        if account_failures(request, credentials) >= settings.NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT:
            # Reported as the limit reached: axes then refuses and answers with the lockout page as for any lockout.
            return max(from_this_client, get_failure_limit(request, credentials))
        return from_this_client


def _account_attempts(request: HttpRequest, username: str | None) -> QuerySet[AccessAttempt]:
    """The account's attempts within the cool-off, from every address."""
    return AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request), username=username)


def account_failures(request: HttpRequest, credentials: dict | None = None) -> int:
    """Failed sign-ins to the account named in this attempt within the cool-off, from every address."""
    username = get_client_username(request, credentials)
    if not username:
        return 0
    return _account_attempts(request, username).aggregate(total=Sum("failures_since_start"))["total"] or 0


def unlocked_at(request: HttpRequest, credentials: dict | None = None) -> datetime:
    """When this client may try the account again: the cool-off after the last failure that counts against it (for
    the account-wide ceiling, after the account's last failure from anywhere — the latest the ceiling can hold)."""
    username = get_client_username(request, credentials)
    attempts = _account_attempts(request, username)
    if account_failures(request, credentials) < settings.NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT:
        attempts = attempts.filter(ip_address=request.axes_ip_address)
    last_failure = attempts.aggregate(last=Max("attempt_time"))["last"] or timezone.now()
    return last_failure + get_cool_off(request)


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None = None):
    """The 429 page (``AXES_LOCKOUT_CALLABLE``): says when to try again, and the same for every account name, real
    or not, so it tells nothing about which accounts exist."""
    context = {
        **admin.site.each_context(request),
        "title": gettext("Too many failed sign-in attempts"),
        "unlocked_at": unlocked_at(request, credentials),
        "failure_limit": get_failure_limit(request, credentials),
    }
    # Rendered at once: axes' middleware replaces the login page's response after the other middleware has run.
    return render(request, "logins/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


class RequestAwareLockoutBackend(AxesStandaloneBackend):
    """Axes' check before any password is looked at, for sign-ins that come with a request (every HTTP login).

    Code that authenticates without a request — the test client's ``login()``, a management command — is not an
    HTTP client that could be guessing passwords, and axes' own backend would refuse it with an error; here it is
    passed on to the next backend unchecked."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
