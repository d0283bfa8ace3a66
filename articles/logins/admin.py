"""The sign-in records in the admin (superusers only): django-axes' attempts and logs, where a pause is lifted by
deleting its attempt, and django-otp's devices, where a lost phone is removed. Their own ModelAdmins, given the
desk's change list that answers an impossible date in the address (year 1, 9999) with Django's "bad filter"
redirect instead of an error, as every other dated list of the desk does (articles/admin/changelists.py)."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.admin.changelists import DateSafeChangeListMixin

for model in [AccessAttempt, AccessLog, AccessFailureLog, TOTPDevice]:
    if admin.site.is_registered(model):
        model_admin = type(admin.site.get_model_admin(model))
        admin.site.unregister(model)
        admin.site.register(model, type(model_admin.__name__, (DateSafeChangeListMixin, model_admin), {}))
