"""The OpenAPI schema: drf-spectacular's, plus the errors every call may get."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from api.errors import ErrorsSerializer

ERRORS = {
    "400": "The request has errors; each names its field.",
    "401": "No API key, or one that is not valid or has been revoked.",
    "403": "The key's scope, or the member's role, does not allow this.",
    "404": "Not found, or it belongs to another organisation.",
    "429": "Too many requests: wait the seconds Retry-After gives.",
}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Seconds until the key may make requests again.",
    }
}


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            if code == "400" and not self.may_be_invalid():
                continue
            if code not in responses:
                response = self._get_response_for_code(ErrorsSerializer, code)
                responses[code] = {**response, "description": description}
        responses["429"]["headers"] = RETRY_AFTER
        return responses

    def get_operation_id(self):
        # "runs_mentors_list.csv_retrieve" would not make a good name in code
        # that clients generate from the schema.
        return super().get_operation_id().replace(".", "_")

    def may_be_invalid(self):
        """Whether the call has a body or query parameters to get wrong."""
        return self.method in ("POST", "PUT", "PATCH") or self._is_list_view()


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key made on the organisation's “API keys” page.",
        }


class MemberSessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.MemberSessionAuthentication"
    name = "memberSession"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "An owner signed in to Pairwise (the audit trail only).",
        }
