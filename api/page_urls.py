from django.urls import path

from api import views

urlpatterns = [
    path("api-keys/", views.key_list, name="api_keys"),
    path("api-keys/<int:pk>/revoke/", views.key_revoke, name="api_key_revoke"),
]
