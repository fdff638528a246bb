"""Login, logout, password reset, language choice and the per-role home page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from duijie.accounts.forms import LoginForm
from duijie.accounts.home import panels_for
from duijie.accounts.redirects import safe_next
from duijie.accounts.services import change_language
from duijie.accounts.throttle import (
    PASSWORD_RESET_PER_ADDRESS,
    PASSWORD_RESET_PER_IP,
    email_key,
    ip_key,
    login_locked,
    rate_limit,
)
from duijie.localised import absolute_url


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        # Locked out (duijie.accounts.throttle): this try was refused or was the last one
        if login_locked(self.request, self.request.POST.get("username")):
            context = {"failure_limit": settings.LOGIN_FAILURE_LIMIT}
            return render(self.request, "accounts/locked_out.html", context, status=429)
        return super().form_invalid(form)


@method_decorator(
    [
        rate_limit("accounts.password_reset.address", email_key, PASSWORD_RESET_PER_ADDRESS),
        rate_limit("accounts.password_reset.ip", ip_key, PASSWORD_RESET_PER_IP),
    ],
    name="dispatch",
)
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # The link's base is DUIJIE_SITE_URL, else the host this request came to.
        self.extra_email_context = {"site_url": absolute_url("/", self.request).rstrip("/")}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The home page of the user's role: their panels and navigation cards."""
    context = {"panels": panels_for(request), "role_label": request.user.get_role_display()}  # type: ignore[union-attr]
    return render(request, "accounts/home.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the user and in a cookie."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next(request, "accounts:home"))
    if language in {code for code, _name in settings.LANGUAGES}:
        if request.user.is_authenticated:
            change_language(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response
