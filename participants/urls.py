from django.urls import path

from participants import registration_views, views

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
]
