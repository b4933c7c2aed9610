"""How an API view reaches its organisation's data, and who may do what.

`OrganisationMixin` is the one way in: every queryset goes through
`for_organisation`, new objects get the organisation here, and the objects
the URL names are looked up before the method is even considered, so an id
from another organisation is "not found" whatever the method.
"""

from rest_framework.generics import get_object_or_404
from rest_framework.permissions import SAFE_METHODS

from organisations.audit import record
from organisations.models import ApiKey
from participants.models import Cohort


class OrganisationMixin:
    """For API views: the organisation, scoped querysets, creation, audit."""

    # The permission table's action for each viewset action that needs more
    # than "view" (safe methods) or "edit" (everything else).
    action_permissions = {}

    @property
    def organisation(self):
        return self.request.auth.organisation

    @property
    def api_key(self):
        auth = self.request.auth
        return auth if isinstance(auth, ApiKey) else None

    def required_action(self):
        action = getattr(self, "action", None)
        if action in self.action_permissions:
            return self.action_permissions[action]
        return "view" if self.request.method in SAFE_METHODS else "edit"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.find_url_objects()

    def find_url_objects(self):
        """Look up what the URL names; subclasses add parents before this."""
        if (self.lookup_url_kwarg or self.lookup_field) in self.kwargs:
            self.get_object()

    def get_queryset(self):
        queryset = super().get_queryset()
        # The schema generator asks for querysets without a caller.
        if getattr(self, "swagger_fake_view", False):
            return queryset.none()
        return queryset.for_organisation(self.organisation)

    def get_object(self):
        # Looked up once, in `initial`, and reused by the handler.
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object

    def perform_create(self, serializer, **fields):
        instance = serializer.save(organisation=self.organisation, **fields)
        self.audit("create", instance)

    def perform_update(self, serializer):
        self.audit("update", serializer.save())

    def perform_destroy(self, instance):
        self.audit("delete", instance)
        instance.delete()

    def audit(self, verb, target, **details):
        record(
            self.organisation,
            f"{target._meta.model_name}.{verb}",
            target,
            user=self.request.user,
            api_key=self.api_key,
            **details,
        )


class CohortMixin(OrganisationMixin):
    """For views under /cohorts/{cohort_id}/: finds the cohort as `self.cohort`."""

    cohort = None

    def find_url_objects(self):
        cohorts = Cohort.objects.for_organisation(self.organisation)
        self.cohort = get_object_or_404(cohorts, pk=self.kwargs["cohort_id"])
        super().find_url_objects()
