from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from duijie.accounts import views

app_name = "accounts"
lazy_static = lazy(static, str)

urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico on pages without a link tag (files, feeds); its address
    # is looked up when asked, so the static manifest need not exist when URLs are loaded.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy_static("duijie/favicon.ico"), permanent=True),
    ),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
