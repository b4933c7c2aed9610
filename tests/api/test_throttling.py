import pytest

from tests.api.conftest import client_for

COHORTS = "/api/v1/cohorts/"


@pytest.fixture
def rates(settings):
    def set_rates(api="3/min", api_bulk="1/min"):
        rates = {"api": api, "api_bulk": api_bulk}
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": rates,
        }

    return set_rates


def test_a_key_over_its_rate_gets_429_with_retry_after(api, rates):
    rates(api="3/min")

    statuses = [api.get(COHORTS).status_code for _ in range(4)]

    response = api.get(COHORTS)
    assert statuses == [200, 200, 200, 429]
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["errors"][0]["code"] == "throttled"


def test_each_key_has_its_own_allowance(api, read_api, rates):
    rates(api="1/min")
    api.get(COHORTS)

    response = read_api.get(COHORTS)

    assert response.status_code == 200


def test_bulk_uploads_have_a_lower_rate_of_their_own(api, cohort, rates):
    rates(api="10/min", api_bulk="1/min")
    url = f"/api/v1/cohorts/{cohort.pk}/participants/bulk/"
    record = {"role": "mentor", "first_name": "Ada", "email": "a@x.org", "grade": "EO"}

    first = api.post(url, {"participants": [record]}, format="json")
    second = api.post(url, {"participants": [record]}, format="json")

    assert (first.status_code, second.status_code) == (200, 429)
    assert api.get(COHORTS).status_code == 200


def test_requests_without_a_key_are_not_counted_against_one(client, write_key, rates):
    rates(api="1/min")
    client.get(COHORTS)

    response = client_for(write_key[1]).get(COHORTS)

    assert response.status_code == 200
