"""Rate limits per API key, with DRF's throttling and the project cache.

Over the limit the API answers 429 with a Retry-After header. The rates
come from settings (API_RATE and API_BULK_RATE in the environment).
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from organisations.models import ApiKey


class ApiKeyRateThrottle(SimpleRateThrottle):
    """Requests per key, or per signed-in member, at the "api" rate."""

    scope = "api"

    def get_rate(self):
        # Read on each request, not once at import as DRF's own throttles
        # do, so that changed settings take effect.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        kind = "key" if isinstance(request.auth, ApiKey) else "member"
        ident = f"{kind}{request.auth.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class BulkRateThrottle(ApiKeyRateThrottle):
    """A lower rate for bulk uploads, on top of the general one."""

    scope = "api_bulk"
