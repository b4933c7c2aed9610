"""The API's audit trail, for owners."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets

from api.access import OrganisationMixin
from api.authentication import ApiKeyAuthentication, MemberSessionAuthentication
from organisations.models import AuditEvent
from organisations.serializers import AuditEventSerializer

ORGANISATION = OpenApiParameter(
    "organisation", str, description="The organisation's slug (signed-in owners)."
)


@extend_schema(
    parameters=[ORGANISATION],
    description=(
        "The organisation's audit trail, newest first. Only owners may read "
        "it, and no API key has an owner's role, so an owner reads it signed "
        "in to Pairwise (the session cookie), naming the organisation: "
        "`/api/v1/audit/?organisation=<slug>`. A key gets 403."
    ),
)
class AuditEventViewSet(
    OrganisationMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    # unscoped: OrganisationMixin.get_queryset scopes it
    queryset = AuditEvent.objects.select_related("actor", "api_key")
    serializer_class = AuditEventSerializer
    authentication_classes = [ApiKeyAuthentication, MemberSessionAuthentication]
    action_permissions = {"list": "view_audit"}
