import uuid

import pytest


@pytest.fixture(autouse=True)
def fresh_rate_limits(settings):
    # Each test counts sign-ups in a cache of its own, so that one test's
    # posts never use up another's allowance.
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(uuid.uuid4()),
        },
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit"
