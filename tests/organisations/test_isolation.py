"""Another organisation's admin gets 404 for every page of this one.

The walk reads the URL configuration, so a new page under an organisation
is covered without anyone remembering to add it here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from matching import services, tasks
from tests.matching.helpers import add_pair


def organisation_routes(patterns=None, prefix=""):
    """Yield (route, name) for every URL under /<organisation_slug>/."""
    for pattern in patterns or get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from organisation_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<slug:organisation_slug>" in route:
            yield route, pattern.name


ROUTES = sorted(organisation_routes())


@pytest.fixture
def objects(cohort, user):
    add_pair(cohort, 1)
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)
    return {"cohorts": cohort.pk, "runs": run.pk}


def fill(route, organisation, objects):
    path = route.replace("<slug:organisation_slug>", organisation.slug)
    for kind, pk in objects.items():
        path = path.replace(f"{kind}/<int:pk>", f"{kind}/{pk}")
    return "/" + path.replace("<str:kind>", "mentors")


def test_every_organisation_page_is_walked():
    names = {name for _, name in ROUTES}
    assert {"dashboard", "cohort", "cohort_import", "run", "run_publish"} <= names


@pytest.mark.parametrize("route, name", ROUTES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_admin_gets_404(
    client, other_user, organisation, objects, route, name, method
):
    client.force_login(other_user)

    response = getattr(client, method)(fill(route, organisation, objects))

    assert response.status_code == 404


@pytest.mark.parametrize("route, name", ROUTES)
def test_a_member_reaches_every_page(member_client, organisation, objects, route, name):
    response = member_client.get(fill(route, organisation, objects))

    assert response.status_code in (200, 405)


def test_a_foreign_cohort_is_not_found_under_ones_own_organisation(
    member_client, organisation, other_cohort
):
    response = member_client.get(f"/{organisation.slug}/cohorts/{other_cohort.pk}/")

    assert response.status_code == 404


def test_a_foreign_run_is_not_found_under_ones_own_organisation(
    member_client, organisation, other_cohort, other_user
):
    run = services.start_run(other_cohort, "quality", other_user)

    response = member_client.get(f"/{organisation.slug}/runs/{run.pk}/")

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, organisation):
    response = client.get(f"/{organisation.slug}/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
