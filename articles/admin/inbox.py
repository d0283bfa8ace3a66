"""The desk's inbox in the admin: a user's notifications newest first, opened one by one (which marks them read), all
marked read at once, and the user's choice about email. Wired into the admin site's URLs (articles/admin_site.py);
who is told of what is articles/services/notifications.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Notification
from articles.services import notifications

PER_PAGE = 50


class EmailSettingForm(forms.Form):
    email = forms.BooleanField(
        label=gettext_lazy("Also send me notifications by email"),
        required=False,
        help_text=gettext_lazy("They always appear here; email goes to the address on your account."),
    )


def inbox_view(request, admin_site):
    """GET: the list. POST: "mark all read", or the email setting."""
    user = request.user
    if request.method == "POST":
        if "mark_all_read" in request.POST:
            count = notifications.mark_read(user)
            messages.success(request, _("Marked %(count)d notifications as read.") % {"count": count})
        else:
            form = EmailSettingForm(request.POST)
            form.is_valid()  # a checkbox: absent means off, so it is always valid
            notifications.set_email(user, form.cleaned_data["email"])
            if form.cleaned_data["email"] and not user.email:
                messages.warning(request, _("Your account has no email address, so no email can be sent yet."))
            else:
                messages.success(request, _("Your email setting was saved."))
        return HttpResponseRedirect(reverse("admin:inbox"))
    page = Paginator(
        Notification.objects.filter(recipient=user).select_related("actor", "article", "photo"), PER_PAGE
    ).get_page(request.GET.get("page"))
    context = {
        **admin_site.each_context(request),
        "title": _("Notifications"),
        "page": page,
        "items": [(n, notifications.message(n)) for n in page.object_list],
        "email_form": EmailSettingForm(initial={"email": notifications.email_turned_on(user)}),
        "has_email_address": bool(user.email),
    }
    return TemplateResponse(request, "admin/inbox.html", context)


def open_view(request, admin_site, notification_id):
    """Mark one of the user's notifications read and go to the story or photo it is about. A plain link (GET): all
    it changes is the user's own "read" mark, as opening an email would."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    notifications.mark_read(request.user, [notification.pk])
    return HttpResponseRedirect(notifications.target_url(notification))
