from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoginsConfig(AppConfig):
    """An app of its own (no models) so that the admin finds articles/logins/admin.py after axes' and django-otp's
    admin modules, which it adjusts."""

    name = "articles.logins"
    label = "logins"
    verbose_name = _("Sign-in")
