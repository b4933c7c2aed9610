"""The public sign-up pages, outside every organisation's address."""

from django.urls import path

from participants import registration_views as views

urlpatterns = [
    path("withdrawn/", views.withdrawn, name="registration_withdrawn"),
    path("manage/<str:signed>/", views.manage, name="registration_manage"),
    path(
        "manage/<str:signed>/withdraw/",
        views.withdraw,
        name="registration_withdraw",
    ),
    path("<str:token>/", views.register, name="register"),
    path("<str:token>/sent/", views.register_sent, name="register_sent"),
]
