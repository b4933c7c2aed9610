"""One shape for every API error, whatever went wrong:

    {"errors": [{"field": "participants[3].grade", "message": "…", "code": "…"}]}

`field` is a path into the request body (or a query parameter's name), and
null for errors about the request as a whole: not found, not allowed, too
many requests.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import serializers
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

NOT_FOUND = "Not found: there is no such object in your organisation."


class Conflict(APIException):
    """The request is fine, but the object is not in a state to allow it."""

    status_code = 409
    default_detail = "This cannot be done in the object's present state."
    default_code = "conflict"


class PayloadTooLarge(APIException):
    status_code = 413
    default_code = "too_large"


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        exc = PayloadTooLarge(
            f"The request is larger than {megabytes} MB. Send the participants "
            "in several smaller requests."
        )
    if isinstance(exc, Http404):
        # Django's message names the model ("No MatchRun matches…").
        exc = NotFound(NOT_FOUND)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    detail = response.data
    if not isinstance(exc, ValidationError) and isinstance(detail, dict):
        detail = detail.get("detail", detail)
    response.data = {"errors": error_list(detail)}
    return response


def error_list(detail, field=None):
    """Flatten DRF's nested error details into `{field, message, code}` items."""
    if isinstance(detail, dict):
        return [
            error
            for key, value in detail.items()
            for error in error_list(value, join(field, key))
        ]
    if isinstance(detail, list):
        if any(isinstance(item, dict | list) for item in detail):
            # One entry per item of a list in the request; {} means no errors.
            return [
                error
                for index, item in enumerate(detail)
                for error in error_list(item, f"{field or ''}[{index}]")
            ]
        return [error for item in detail for error in error_list(item, field)]
    code = getattr(detail, "code", None) or "error"
    return [{"field": field, "message": str(detail), "code": code}]


def join(field, key):
    if key == api_settings.NON_FIELD_ERRORS_KEY:
        return field
    if isinstance(key, int):
        return f"{field or ''}[{key}]"
    return f"{field}.{key}" if field else str(key)


# No cookie can make this view do anything, so CSRF has nothing to protect;
# without the exemption a POST here would get Django's HTML 403 page.
@csrf_exempt
def not_found(request, *args, **kwargs):
    """The API's answer to an address it does not have."""
    error = {
        "field": None,
        "message": "There is no such address in the API.",
        "code": "not_found",
    }
    return JsonResponse({"errors": [error]}, status=404)


def server_error(request, *args, **kwargs):
    """A 500 in the API's shape; pages keep Django's plain error page."""
    if not request.path.startswith("/api/"):
        return defaults.server_error(request, *args, **kwargs)
    error = {
        "field": None,
        "message": "Something went wrong on our side; nothing was changed "
        "unless the answer to a later request shows it.",
        "code": "server_error",
    }
    return JsonResponse({"errors": [error]}, status=500)


class ErrorSerializer(serializers.Serializer):
    """For the schema: one problem with the request."""

    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()
    code = serializers.CharField()


class ErrorsSerializer(serializers.Serializer):
    """For the schema: what every error response holds."""

    errors = ErrorSerializer(many=True)
