from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from organisations import views as organisation_views

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", organisation_views.signup, name="signup"),
    path(
        "accounts/invitations/<str:token>/",
        organisation_views.accept_invitation,
        name="accept_invitation",
    ),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            subject_template_name="emails/password_reset_subject.txt",
            email_template_name="emails/password_reset.txt",
            html_email_template_name="emails/password_reset.html",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("django-admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("join/", include("participants.registration_urls")),
    # Public, outside the organisation's pages: no login is needed.
    path("privacy/<slug:slug>/", organisation_views.privacy_page, name="privacy"),
    path("<slug:organisation_slug>/", include("organisations.urls")),
    path("<slug:organisation_slug>/", include("participants.urls")),
    path("<slug:organisation_slug>/", include("matching.urls")),
    path("<slug:organisation_slug>/", include("api.page_urls")),
]

# Errors in the API keep its JSON shape, even the unexpected ones.
handler500 = "api.errors.server_error"
