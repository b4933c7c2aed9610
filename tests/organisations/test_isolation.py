"""Every page under /<organisation_slug>/, walked from the URL configuration.

Another organisation's admin gets 404 for each of them. A viewer gets 403
for each page their role may not use, which is every page that changes
something, as `organisation_view` records on the view, and a viewer's post
to any other page changes no row. A new page is
covered without anyone remembering to add it here; a page whose URL holds
something the walk cannot fill in fails `test_every_route_can_be_filled`.
"""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from matching import services, tasks
from organisations.models import Membership
from organisations.permissions import PERMISSIONS, VIEWER, allowed
from tests.matching.helpers import add_pair


def organisation_routes(patterns=None, prefix=""):
    """Yield (route, name, action) for every URL under /<organisation_slug>/."""
    for pattern in patterns or get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from organisation_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<slug:organisation_slug>" in route:
            action = getattr(pattern.callback, "organisation_action", None)
            yield route, pattern.name, action


ROUTES = sorted(organisation_routes(), key=lambda row: row[0])

# A URL parameter and the path segment before it, as in "cohorts/<int:pk>".
PARAMETER = re.compile(r"(?:([\w-]+)/)?<(?:\w+:)?(\w+)>")

# Values for parameters that name no object.
VALUES = {"kind": "mentors"}


@pytest.fixture
def objects(organisation, cohort, user, viewer):
    """This organisation's objects by the path segment that names them."""
    add_pair(cohort, 1)
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)
    invitation = organisation.invitations.create(email="new@example.org", role="admin")
    key = organisation.api_keys.create(
        name="CRM", scope="read", prefix="pw_test", hashed_key="0" * 64
    )
    return {
        "cohorts": cohort.pk,
        "runs": run.pk,
        "members": Membership.objects.get(user=viewer).pk,
        "invitations": invitation.pk,
        "api-keys": key.pk,
        "participants": cohort.participants.first().pk,
    }


def row_counts():
    """How many rows each of Pairwise's own models holds."""
    models = [
        model
        for name in ("organisations", "participants", "matching")
        for model in apps.get_app_config(name).get_models()
    ]
    return {model._meta.label: model.objects.count() for model in models}


def fill(route, organisation, objects):
    def value(match):
        segment, name = match.groups()
        if name == "organisation_slug":
            found = organisation.slug
        elif name == "pk" or (segment and name == f"{segment[:-1]}_pk"):
            found = objects[segment]
        else:
            found = VALUES[name]
        return f"{segment}/{found}" if segment else str(found)

    return "/" + PARAMETER.sub(value, route)


@pytest.mark.parametrize("route, name, action", ROUTES)
def test_every_route_can_be_filled(organisation, objects, route, name, action):
    try:
        path = fill(route, organisation, objects)
    except KeyError as missing:
        pytest.fail(f"{name}: add {missing} to VALUES or to the objects fixture")

    assert "<" not in path


@pytest.mark.parametrize("route, name, action", ROUTES)
def test_every_page_declares_what_it_needs(route, name, action):
    assert action in PERMISSIONS, f"{name} is not an organisation_view"


def test_every_organisation_page_is_walked():
    names = {name for _, name, _ in ROUTES}
    assert {"dashboard", "cohort", "cohort_import", "run", "run_publish"} <= names


@pytest.mark.parametrize("route, name, action", ROUTES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_admin_gets_404(
    client, other_user, organisation, objects, route, name, action, method
):
    client.force_login(other_user)

    response = getattr(client, method)(fill(route, organisation, objects))

    assert response.status_code == 404


@pytest.mark.parametrize("route, name, action", ROUTES)
def test_an_owner_reaches_every_page(
    owner_client, organisation, objects, route, name, action
):
    response = owner_client.get(fill(route, organisation, objects))

    assert response.status_code in (200, 405)


@pytest.mark.parametrize("route, name, action", ROUTES)
def test_a_viewer_is_refused_every_page_that_changes_something(
    client, viewer, organisation, objects, route, name, action
):
    client.force_login(viewer)
    before = row_counts()

    response = client.post(fill(route, organisation, objects))

    assert (response.status_code == 403) is not allowed(VIEWER, action)
    assert row_counts() == before


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
