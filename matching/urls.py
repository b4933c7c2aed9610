from django.urls import path

from matching import views

urlpatterns = [
    path("cohorts/<int:pk>/runs/new/", views.run_create, name="run_create"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/<str:kind>-list.csv", views.run_download, name="run_download"),
    path("runs/<int:pk>/publish/", views.run_publish, name="run_publish"),
]
