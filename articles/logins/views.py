"""The two steps of two-factor sign-in: set up an authenticator app, and enter its code in a new session."""

from __future__ import annotations

import django_otp
from django.contrib import admin, messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from articles.logins import two_factor


class SecondFactorPage(LoginRequiredMixin, UserPassesTestMixin, FormView):
    """Staff only; the page looks like the rest of the desk and goes on to where the person was going."""

    form_class = two_factor.CodeForm
    title = ""

    def test_func(self) -> bool:
        return self.request.user.is_staff

    def get_context_data(self, **kwargs):
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(**kwargs),
            "title": self.title,
            "next": self.next_url(),
        }

    def next_url(self) -> str:
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        safe = url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return wanted if safe else reverse("admin:index")

    def signed_in_with(self, device):
        """The session now counts as verified by this device (django-otp keeps its id in the session); it gets a
        new key, as at any rise in what a session may do, so a key seen before the code is worth nothing after."""
        self.request.session.cycle_key()
        django_otp.login(self.request, device)
        return HttpResponseRedirect(self.next_url())


class EnrolView(SecondFactorPage):
    template_name = "logins/enrol.html"
    title = _("Set up two-factor sign-in")

    def get_form_kwargs(self):
        self.device = two_factor.device_to_enrol(self.request.user)
        return {**super().get_form_kwargs(), "device": self.device}

    def get(self, request, *args, **kwargs):
        if two_factor.confirmed_device(request.user):
            # Set up already: replacing the app is an administrator's job (README.md, "Logins").
            return self.render_to_response({**self.get_context_data(form=None), "enrolled": True})
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if two_factor.confirmed_device(request.user):
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("form") is not None:
            context["qr_code"] = two_factor.qr_code_svg(self.device)
            context["secret"] = two_factor.secret_text(self.device)
        return context

    def form_valid(self, form):
        two_factor.confirm_enrolment(user=self.request.user, device=form.device)
        messages.success(self.request, _("Two-factor sign-in is on: from now on you will be asked for a code."))
        return self.signed_in_with(form.device)


class VerifyView(SecondFactorPage):
    template_name = "logins/verify.html"
    title = _("Enter your sign-in code")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.device = two_factor.confirmed_device(request.user)
            if self.device is None:
                return HttpResponseRedirect(reverse("logins:enrol"))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def form_valid(self, form):
        return self.signed_in_with(form.device)
