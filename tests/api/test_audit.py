import pytest

from organisations.audit import record

AUDIT = "/api/v1/audit/"


@pytest.fixture
def events(organisation, other_organisation, cohort):
    record(organisation, "cohort.create", cohort)
    record(other_organisation, "cohort.create")


def test_an_owner_signed_in_reads_their_organisations_trail(
    client, owner, organisation, events
):
    client.force_login(owner)

    response = client.get(AUDIT, {"organisation": organisation.slug})

    assert response.status_code == 200
    assert [row["action"] for row in response.json()["results"]] == ["cohort.create"]


def test_the_trail_names_the_key_that_acted(
    client, owner, organisation, api, write_key
):
    api.post("/api/v1/cohorts/", {"name": "Autumn"}, format="json")
    client.force_login(owner)

    rows = client.get(AUDIT, {"organisation": organisation.slug}).json()["results"]

    assert (rows[0]["action"], rows[0]["api_key"], rows[0]["actor"]) == (
        "cohort.create",
        write_key[0].prefix,
        None,
    )


def test_no_key_may_read_the_trail(api):
    response = api.get(AUDIT)

    assert response.status_code == 403
    assert "owners" in response.json()["errors"][0]["message"]


def test_an_admin_signed_in_may_not_read_the_trail(member_client, organisation):
    response = member_client.get(AUDIT, {"organisation": organisation.slug})

    assert response.status_code == 403


def test_a_signed_in_owner_must_name_the_organisation(client, owner):
    client.force_login(owner)

    response = client.get(AUDIT)

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "organisation"


def test_another_organisations_trail_is_not_found(client, owner, other_organisation):
    client.force_login(owner)

    response = client.get(AUDIT, {"organisation": other_organisation.slug})

    assert response.status_code == 404
