import json

import pytest
from rest_framework.exceptions import ErrorDetail

from api.errors import error_list, server_error
from matching.models import MatchRun


def test_nested_problems_get_paths_into_the_request():
    detail = {
        "name": [ErrorDetail("Required.", "required")],
        "participants": [{}, {"grade": [ErrorDetail("Bad grade.", "invalid")]}],
        "ladder": {2: [ErrorDetail("Blank.", "blank")]},
        "non_field_errors": [ErrorDetail("Clash.", "clash")],
    }

    assert error_list(detail) == [
        {"field": "name", "message": "Required.", "code": "required"},
        {"field": "participants[1].grade", "message": "Bad grade.", "code": "invalid"},
        {"field": "ladder[2]", "message": "Blank.", "code": "blank"},
        {"field": None, "message": "Clash.", "code": "clash"},
    ]


def queued_run(cohort):
    return MatchRun.objects.create(organisation=cohort.organisation, cohort=cohort)


REQUESTS = {
    400: lambda c: c["api"].post("/api/v1/cohorts/", {}, format="json"),
    401: lambda c: c["client"].get("/api/v1/cohorts/"),
    403: lambda c: c["read_api"].post("/api/v1/cohorts/", {}, format="json"),
    404: lambda c: c["api"].get("/api/v1/cohorts/0/"),
    405: lambda c: c["api"].delete("/api/v1/cohorts/"),
    409: lambda c: c["api"].post(f"/api/v1/runs/{queued_run(c['cohort']).pk}/publish/"),
    415: lambda c: c["api"].post(
        "/api/v1/cohorts/", "name=x", content_type="application/x-www-form-urlencoded"
    ),
}


@pytest.mark.parametrize("status", REQUESTS)
def test_every_error_has_the_same_shape(api, read_api, client, cohort, status):
    callers = {"api": api, "read_api": read_api, "client": client, "cohort": cohort}

    response = REQUESTS[status](callers)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    [error] = response.json()["errors"]
    assert set(error) == {"field", "message", "code"}
    assert error["message"]


def test_a_missing_field_is_named(api):
    response = api.post("/api/v1/cohorts/", {}, format="json")

    assert response.json() == {
        "errors": [
            {"field": "name", "message": "This field is required.", "code": "required"}
        ]
    }


def test_broken_json_is_a_parse_error(api):
    response = api.post("/api/v1/cohorts/", "{name:", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"


def test_an_address_the_api_lacks_is_not_found_in_the_same_shape(api):
    response = api.get("/api/v1/teams/")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_write_to_an_address_the_api_lacks_is_not_found_too(api, method):
    response = getattr(api, method)("/api/v1/cohorts/null/", {}, format="json")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize(
    "path", ["cohorts/{big}/", "cohorts/{big}/participants/", "runs/{big}/matches/"]
)
def test_an_id_too_large_for_the_database_is_not_found(api, path):
    response = api.get("/api/v1/" + path.format(big=2**64))

    assert response.status_code == 404


def test_not_found_does_not_name_the_model(api, other_cohort):
    response = api.get(f"/api/v1/cohorts/{other_cohort.pk}/runs/")

    assert response.json()["errors"] == [
        {
            "field": None,
            "message": "Not found: there is no such object in your organisation.",
            "code": "not_found",
        }
    ]


def test_an_unexpected_api_error_keeps_the_json_shape(rf):
    response = server_error(rf.get("/api/v1/cohorts/"))

    assert response.status_code == 500
    assert json.loads(response.content)["errors"][0]["code"] == "server_error"


def test_an_unexpected_page_error_stays_a_page(rf):
    response = server_error(rf.get("/demo/"))

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
