"""The REST API, version 1, under /api/v1/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from api.errors import not_found
from matching.api import CohortRunViewSet, MailingListView, RunViewSet
from organisations.api import AuditEventViewSet
from participants.api import CohortViewSet, ParticipantViewSet

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("cohorts", CohortViewSet, basename="cohort")
router.register(
    "cohorts/<int:cohort_id>/participants", ParticipantViewSet, basename="participant"
)
router.register("cohorts/<int:cohort_id>/runs", CohortRunViewSet, basename="cohort-run")
router.register("runs", RunViewSet, basename="run")
router.register("audit", AuditEventViewSet, basename="audit")

urlpatterns = [
    *router.urls,
    path(
        "runs/<int:pk>/mentors-list.csv",
        MailingListView.as_view(kind="mentors"),
        name="run-mentors-list",
    ),
    path(
        "runs/<int:pk>/mentees-list.csv",
        MailingListView.as_view(kind="mentees"),
        name="run-mentees-list",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Anything else under /api/v1/ is "not found" in the API's own shape.
    re_path(r"", not_found),
]
