"""Every API route, walked from the URL configuration.

Another organisation's key gets 404 for every route that names an object
of this organisation, whatever the method, and a read-only key gets 403 for
every method that could change something. A new route under /api/v1/ is
walked without anyone adding it here; one whose URL holds something the
walk cannot fill in fails `test_every_route_can_be_filled`.
"""

import re

import pytest
from django.urls import URLResolver, get_resolver

from participants.models import Cohort
from tests.api.conftest import finished_run

WRITE_METHODS = ["post", "put", "patch", "delete"]
# The schema and its docs pages are public and hold no organisation's data.
PUBLIC = {"schema", "docs"}

# A URL parameter and the path segment before it, as in "runs/<int:pk>".
PARAMETER = re.compile(r"([\w-]+)/<(?:\w+:)?\w+>")


def api_routes(patterns=None, prefix=""):
    """Yield (route, name) for every named route under /api/v1/."""
    for pattern in patterns or get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from api_routes(pattern.url_patterns, route)
        elif route.startswith("api/v1/") and pattern.name not in (None, *PUBLIC):
            yield route, pattern.name


ROUTES = sorted(api_routes())
OBJECT_ROUTES = [(route, name) for route, name in ROUTES if "<" in route]


@pytest.fixture
def objects(cohort, person):
    """One organisation's objects, by the path segment that names them."""
    run = finished_run(cohort)
    return {"cohorts": cohort.pk, "participants": person.pk, "runs": run.pk}


def fill(route, objects):
    def value(match):
        return f"{match[1]}/{objects[match[1]]}"

    return "/" + PARAMETER.sub(value, route)


def test_every_route_is_walked():
    names = {name for _, name in ROUTES}

    assert {"cohort-list", "participant-bulk", "run-publish", "audit-list"} <= names
    assert {"run-mentors-list", "participant-detail"} <= {n for _, n in OBJECT_ROUTES}


@pytest.mark.parametrize("route, name", OBJECT_ROUTES)
def test_every_route_can_be_filled(objects, route, name):
    try:
        path = fill(route, objects)
    except KeyError as missing:
        pytest.fail(f"{name}: add {missing} to the objects fixture")

    assert "<" not in path


@pytest.mark.parametrize("route, name", OBJECT_ROUTES)
def test_a_key_reaches_every_route_of_its_own_organisation(api, objects, route, name):
    response = api.get(fill(route, objects))

    assert response.status_code in (200, 405)


@pytest.mark.parametrize("route, name", OBJECT_ROUTES)
@pytest.mark.parametrize("method", ["get", *WRITE_METHODS])
def test_another_organisations_key_gets_404(other_api, objects, route, name, method):
    response = getattr(other_api, method)(fill(route, objects), {}, format="json")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize("route, name", ROUTES)
@pytest.mark.parametrize("method", WRITE_METHODS)
def test_a_read_only_key_is_refused_every_write(
    read_api, objects, organisation, route, name, method
):
    cohorts = Cohort.objects.for_organisation(organisation).count()

    response = getattr(read_api, method)(fill(route, objects), {}, format="json")

    assert response.status_code == 403
    assert Cohort.objects.for_organisation(organisation).count() == cohorts


def test_a_list_shows_only_the_keys_own_organisation(other_api, cohort):
    response = other_api.get("/api/v1/cohorts/")

    assert response.json()["results"] == []
