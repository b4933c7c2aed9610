"""The API for cohorts and the participants in them."""

from contextlib import contextmanager

from django.db import transaction
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.response import Response
from rest_framework.settings import api_settings

from api.access import CohortMixin, OrganisationMixin
from api.filters import StableOrderingFilter
from api.throttling import ApiKeyRateThrottle, BulkRateThrottle
from organisations.permissions import allowed
from participants.importing import RECORD_FIELDS, read_records, save_participants
from participants.models import Cohort, Participant
from participants.serializers import (
    CohortSerializer,
    ParticipantRecordsSerializer,
    ParticipantSerializer,
    ParticipantWithoutIdentitySerializer,
    UpsertResultSerializer,
)


class CohortViewSet(OrganisationMixin, viewsets.ModelViewSet):
    # unscoped: OrganisationMixin.get_queryset scopes it
    queryset = Cohort.objects.annotate_counts().order_by("-created", "-pk")
    serializer_class = CohortSerializer
    lookup_value_converter = "int"

    def perform_create(self, serializer):
        super().perform_create(serializer)
        self.reload_counts(serializer)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self.reload_counts(serializer)

    def reload_counts(self, serializer):
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)


ADA = {
    "role": "mentor",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": "ada@example.org",
    "grade": "Grade 7",
    "employer": "Cabinet Office",
    "profession": "Digital",
    "characteristics": "Woman, Carer",
}
GRACE = {
    "role": "mentee",
    "first_name": "Grace",
    "last_name": "Hopper",
    "email": "grace@example.org",
    "grade": "HEO",
    "employer": "HM Treasury",
    "profession": "Digital",
    "match_similar_identity": True,
    "identity_to_match": "Woman",
}
ROLE = OpenApiParameter(
    "role", enum=Participant.Role.values, description="Only mentors, or only mentees."
)


@extend_schema(tags=["participants"])
@extend_schema_view(
    list=extend_schema(parameters=[ROLE]),
    create=extend_schema(examples=[OpenApiExample("A mentor", ADA, request_only=True)]),
)
class ParticipantViewSet(CohortMixin, viewsets.ModelViewSet):
    """Identity answers (characteristics, match_similar_identity,
    identity_to_match) are left out for keys with the read scope."""

    # unscoped: OrganisationMixin.get_queryset scopes it
    queryset = Participant.objects.all()
    lookup_value_converter = "int"
    filter_backends = [SearchFilter, StableOrderingFilter]
    search_fields = ["first_name", "last_name", "email"]
    ordering_fields = ["role", "last_name", "first_name", "email", "grade", "created"]
    ordering = ["role", "last_name", "first_name"]

    def get_queryset(self):
        people = super().get_queryset().filter(cohort=self.cohort)
        role = self.request.query_params.get("role")
        if self.action == "list" and role:
            if role not in Participant.Role.values:
                raise ValidationError({"role": ["Choose “mentor” or “mentee”."]})
            people = people.filter(role=role)
        return people

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):
            return ParticipantSerializer
        if allowed(self.request.auth.role, "view_identity"):
            return ParticipantSerializer
        return ParticipantWithoutIdentitySerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "cohort": self.cohort}

    def create(self, request, *args, **kwargs):
        with self.cohort_locked():
            return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        with self.cohort_locked():
            return super().update(request, *args, **kwargs)

    def perform_create(self, serializer):
        source = Participant.Source.API
        super().perform_create(serializer, cohort=self.cohort, source=source)

    @contextmanager
    def cohort_locked(self):
        """Take turns with uploads and other changes to the cohort, as the
        importer does, so that an email found free by the serializer is
        still free when the participant is saved."""
        with transaction.atomic():
            cohorts = Cohort.objects.for_organisation(self.organisation)
            cohorts.select_for_update().get(pk=self.cohort.pk)
            yield

    @extend_schema(
        request=ParticipantRecordsSerializer,
        responses=UpsertResultSerializer,
        examples=[
            OpenApiExample(
                "A mentor and a mentee",
                {"participants": [ADA, GRACE]},
                request_only=True,
            )
        ],
        description=(
            "Create or update up to 10,000 participants at once: someone already "
            "in the cohort with the same role and email is updated, anyone else "
            "is created. Either every record is saved or, when any is wrong, "
            "none is, and the errors name each bad record's index and field "
            "(`participants[3].grade`). A record replaces everything about "
            "the person: a field left out becomes blank."
        ),
    )
    @action(
        detail=False,
        methods=["post"],
        throttle_classes=[ApiKeyRateThrottle, BulkRateThrottle],
    )
    def bulk(self, request, cohort_id):
        serializer = ParticipantRecordsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        records = serializer.validated_data["participants"]

        rows, errors = read_records(records, self.cohort.grade_ladder)
        if errors:
            raise ValidationError({"participants": record_errors(errors)})
        with transaction.atomic():
            source = Participant.Source.API
            report = save_participants(self.cohort, rows, source, RECORD_FIELDS)
            counts = {
                "created": sum(report.created.values()),
                "updated": sum(report.updated.values()),
            }
            self.audit("upsert_participants", self.cohort, **counts)
        return Response(UpsertResultSerializer(counts).data)


def record_errors(errors):
    """RecordErrors as DRF details: {index: {field: [detail, …]}}."""
    detail = {}
    for error in errors:
        field = error.field or api_settings.NON_FIELD_ERRORS_KEY
        item = detail.setdefault(error.index, {})
        item.setdefault(field, []).append(ErrorDetail(error.message, error.code))
    return detail
