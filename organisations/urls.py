from django.urls import path

from organisations import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("settings/", views.organisation_settings, name="organisation_settings"),
    path("settings/privacy/", views.organisation_privacy, name="organisation_privacy"),
    path("settings/delete/", views.organisation_delete, name="organisation_delete"),
    path("audit/", views.audit_trail, name="audit"),
    path("members/", views.member_list, name="members"),
    path("members/<int:pk>/role/", views.member_role, name="member_role"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
