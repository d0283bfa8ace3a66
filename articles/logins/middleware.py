"""The two sign-in rules applied to every request of signed-in staff: the second factor, and the idle limit.

Both look only at requests that carry a session cookie: a reader without one is never touched, and reading
``request.user`` for them would add ``Vary: Cookie`` to every public page.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import ngettext

from articles.logins import two_factor
from newsroom.db.reading import writing

# Seconds since the epoch of the session's last request, written at most once a minute (not on every request).
LAST_SEEN_KEY = "newsroom_last_seen"
LAST_SEEN_RESOLUTION = 60


@receiver(user_logged_in, dispatch_uid="newsroom_note_sign_in")
def note_sign_in(sender, request, user, **kwargs):
    """Signing in counts as activity: the session starts with its last-seen time, so the first page after signing
    in does not have to write the session again."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LAST_SEEN_KEY] = int(time.time())


def _signed_in_staff(request):
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = request.user
    return user if user.is_authenticated and user.is_staff else None


class StaffIdleTimeoutMiddleware:
    """Signs staff out after ``NEWSROOM_STAFF_IDLE_MINUTES`` without a request (0 turns it off), and says so on
    the login page. A desk left open on a shared computer stops being anyone's way into the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = _signed_in_staff(request)
        if user is not None:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            idle_minutes = settings.NEWSROOM_STAFF_IDLE_MINUTES
            if idle_minutes and last_seen is not None and now - last_seen > idle_minutes * 60:
                with writing():  # a GET that deletes the session row: it waits its turn for SQLite's write lock
                    logout(request)
                messages.info(
                    request,
                    ngettext(
                        "You were signed out after %(minutes)d minute without activity. Sign in again to go on.",
                        "You were signed out after %(minutes)d minutes without activity. Sign in again to go on.",
                        idle_minutes,
                    )
                    % {"minutes": idle_minutes},
                )
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Staff who owe a code or an enrolment (``two_factor.second_factor_step``) reach only that page, signing out,
    and static files; every other address sends them there and back afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = _signed_in_staff(request)
        if user is not None and not self._always_open(request.path):
            step = two_factor.second_factor_step(user)
            if step is not None:
                return redirect_to_login(request.get_full_path(), reverse(f"logins:{step.value}"))
        return self.get_response(request)

    @staticmethod
    def _always_open(path: str) -> bool:
        open_paths = (reverse("logins:enrol"), reverse("logins:verify"), reverse("admin:logout"))
        return path in open_paths or path.startswith("/" + settings.STATIC_URL.lstrip("/"))
