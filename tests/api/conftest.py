"""API keys for the two organisations of tests/conftest.py, and clients."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.keys import create_key
from matching import services, tasks
from organisations.models import Membership
from tests.conftest import make_member, make_participant
from tests.matching.helpers import add_pair


@pytest.fixture(autouse=True)
def private_cache(settings):
    # Throttling counts requests in the cache: each test starts from none.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "api-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


def client_for(raw_key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client


@pytest.fixture
def write_key(organisation):
    return create_key(organisation, "HR sync", "read_write")


@pytest.fixture
def read_key(organisation):
    return create_key(organisation, "Reports", "read")


@pytest.fixture
def api(write_key):
    return client_for(write_key[1])


@pytest.fixture
def read_api(read_key):
    return client_for(read_key[1])


@pytest.fixture
def other_api(other_organisation):
    return client_for(create_key(other_organisation, "Theirs", "read_write")[1])


@pytest.fixture
def owner(organisation):
    return make_member(organisation, "olive", Membership.Role.OWNER)


@pytest.fixture
def person(cohort):
    return make_participant(
        cohort,
        "mentee",
        "grace@example.org",
        last_name="Hopper",
        characteristics="",
        identity_to_match="Woman",
        match_similar_identity=True,
    )


def finished_run(cohort, user=None):
    """A finished run of one mentor and one mentee, paired."""
    add_pair(cohort, 1)
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)
    run.refresh_from_db()
    return run
