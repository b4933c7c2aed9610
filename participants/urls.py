from django.urls import path

from participants import participant_views, registration_views, views

urlpatterns = [
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
    path("cohorts/<int:pk>/import/", views.cohort_import, name="cohort_import"),
    path("cohorts/<int:pk>/settings/", views.cohort_settings, name="cohort_settings"),
    path(
        "cohorts/<int:pk>/registration-link/",
        registration_views.new_registration_link,
        name="cohort_registration_link",
    ),
    path(
        "cohorts/<int:pk>/participants/",
        participant_views.participant_list,
        name="participant_list",
    ),
    path(
        "cohorts/<int:pk>/participants/new/",
        participant_views.participant_create,
        name="participant_create",
    ),
    path(
        "cohorts/<int:pk>/participants/<int:participant_pk>/",
        participant_views.participant_detail,
        name="participant",
    ),
    path(
        "cohorts/<int:pk>/participants/<int:participant_pk>/edit/",
        participant_views.participant_edit,
        name="participant_edit",
    ),
    path(
        "cohorts/<int:pk>/participants/<int:participant_pk>/delete/",
        participant_views.participant_delete,
        name="participant_delete",
    ),
    path(
        "cohorts/<int:pk>/participants/<int:participant_pk>/export/",
        participant_views.participant_export,
        name="participant_export",
    ),
]
