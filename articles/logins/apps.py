from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoginsConfig(AppConfig):
    """An app of its own (no models) so that the admin finds articles/logins/admin.py after axes' and django-otp's
    admin modules, which it adjusts."""

    name = "articles.logins"
    label = "logins"
    verbose_name = _("Sign-in")

    def ready(self):
        # Connects the sign-in signal receiver (middleware.note_sign_in) before any request is handled.
        from articles.logins import middleware  # noqa: F401
