"""The API for matching runs: start, follow, read, publish, download."""

from django.db.models import Q
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from api.access import CohortMixin, OrganisationMixin
from api.errors import Conflict, ErrorsSerializer
from matching import services
from matching.models import Match, MatchRun
from matching.serializers import MatchSerializer, RunSerializer

# The largest id the database holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1
CONFLICT = OpenApiResponse(ErrorsSerializer, description="The run is not finished.")
PARTICIPANT = OpenApiParameter(
    "participant", int, description="Only the matches of this participant's id."
)


@extend_schema(tags=["runs"])
class CohortRunViewSet(
    CohortMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """A cohort's runs, newest first; POST starts one in the background."""

    # unscoped: OrganisationMixin.get_queryset scopes it
    queryset = MatchRun.objects.all()
    serializer_class = RunSerializer

    def get_queryset(self):
        return super().get_queryset().filter(cohort=self.cohort)

    def perform_create(self, serializer):
        mode = serializer.validated_data.get("mode", MatchRun.Mode.QUALITY)
        serializer.instance = services.start_run(self.cohort, mode, user=None)
        self.audit("start", serializer.instance, cohort=self.cohort.pk)


class CsvNegotiation(BaseContentNegotiation):
    """Answer in the view's first renderer whatever the client accepts: a
    file downloads as CSV, and its errors come in the usual JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class RunViewSet(OrganisationMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    # unscoped: OrganisationMixin.get_queryset scopes it
    queryset = MatchRun.objects.select_related("cohort")
    serializer_class = RunSerializer
    lookup_value_converter = "int"
    action_permissions = {"publish": "publish"}

    @extend_schema(parameters=[PARTICIPANT], responses=MatchSerializer(many=True))
    @action(detail=True)
    def matches(self, request, pk):
        matches = Match.objects.for_organisation(self.organisation)
        matches = matches.filter(run=self.get_object())
        participant = request.query_params.get("participant")
        if participant is not None:
            if not participant.isdigit() or int(participant) > MAX_ID:
                raise ValidationError({"participant": ["Give a participant's id."]})
            matches = matches.filter(Q(mentor=participant) | Q(mentee=participant))

        page = self.paginate_queryset(matches.select_related("mentor", "mentee"))
        return self.get_paginated_response(MatchSerializer(page, many=True).data)

    @extend_schema(request=None, responses={202: RunSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk):
        run = self.get_object()
        try:
            services.publish(run)
        except services.CannotPublish as refusal:
            raise Conflict(str(refusal)) from refusal

        self.audit("publish", run)
        return Response(RunSerializer(run).data, status=202)


class MailingListView(OrganisationMixin, generics.GenericAPIView):
    """The original tool's mailing list of a finished run's mentors or mentees."""

    # unscoped: OrganisationMixin.get_queryset scopes it
    queryset = MatchRun.objects.all()
    content_negotiation_class = CsvNegotiation
    # "mentors" or "mentees", as the URL configuration gives it.
    kind = None

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR, 409: CONFLICT})
    def get(self, request, pk):
        run = self.get_object()
        if run.status != MatchRun.Status.FINISHED:
            raise Conflict(f"The run is {run.status}: only a finished run has lists.")

        name = f"{self.kind}-list.csv"
        files = services.run_mailing_lists(run)
        response = HttpResponse(files[name], content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
