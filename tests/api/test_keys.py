import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from api.keys import create_key, revoke_key
from organisations.models import ApiKey, AuditEvent
from tests.api.conftest import client_for

COHORTS = "/api/v1/cohorts/"


def test_a_key_is_stored_only_as_its_hash(organisation):
    key, raw_key = create_key(organisation, "Sync", "read")

    stored = ApiKey.objects.get()
    assert raw_key.startswith(f"{key.prefix}_")
    assert stored.hashed_key == hashlib.sha256(raw_key.encode()).hexdigest()
    assert raw_key not in {value for value in vars(stored).values()}


def test_a_request_is_known_by_its_keys_hash(api, cohort):
    response = api.get(COHORTS)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [cohort.pk]


def test_the_api_key_scheme_works_as_well_as_bearer(client, write_key):
    response = client.get(COHORTS, HTTP_AUTHORIZATION=f"Api-Key {write_key[1]}")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "header, message",
    [
        (None, "Authentication credentials were not provided."),
        ("Bearer pw_00000000_guessed", "This API key is not valid."),
        ("Bearer", "Give the API key after “Bearer ”, as one word."),
    ],
)
def test_a_request_without_a_good_key_is_refused(client, db, header, message):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get(COHORTS, **headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["errors"][0]["message"] == message


def test_a_revoked_key_is_refused_with_a_clear_message(write_key):
    key, raw_key = write_key
    revoke_key(key)

    response = client_for(raw_key).get(COHORTS)

    assert response.status_code == 401
    assert "has been revoked" in response.json()["errors"][0]["message"]


def test_a_request_records_when_its_key_was_last_used(api, write_key):
    api.get(COHORTS)

    write_key[0].refresh_from_db()
    assert timezone.now() - write_key[0].last_used < timedelta(seconds=5)


@pytest.mark.parametrize("seconds_ago, written", [(30, False), (90, True)])
def test_last_used_is_written_at_most_once_a_minute(
    api, write_key, seconds_ago, written
):
    earlier = timezone.now() - timedelta(seconds=seconds_ago)
    ApiKey.objects.filter(pk=write_key[0].pk).update(last_used=earlier)

    api.get(COHORTS)

    write_key[0].refresh_from_db()
    assert (write_key[0].last_used != earlier) is written


def keys_url(organisation):
    return reverse("api_keys", args=[organisation.slug])


def test_an_owner_makes_a_key_and_sees_it_only_once(client, owner, organisation):
    client.force_login(owner)

    response = client.post(
        keys_url(organisation), {"name": "HR sync", "scope": "read_write"}
    )

    raw_key = response.context["new_key"]
    key = ApiKey.objects.get()
    assert response.status_code == 200
    assert raw_key in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert (key.name, key.scope, key.created_by) == ("HR sync", "read_write", owner)
    assert raw_key not in client.get(keys_url(organisation)).content.decode()


def test_the_key_page_lists_keys_without_them(client, owner, organisation, read_key):
    client.force_login(owner)

    page = client.get(keys_url(organisation)).content.decode()

    assert read_key[0].prefix in page
    assert read_key[1] not in page
    assert "Never" in page


def test_an_admin_may_not_manage_keys(member_client, organisation):
    response = member_client.post(
        keys_url(organisation), {"name": "Mine", "scope": "read_write"}
    )

    assert response.status_code == 403
    assert not ApiKey.objects.exists()


def test_an_owner_revokes_a_key(client, owner, organisation, write_key):
    client.force_login(owner)
    url = reverse("api_key_revoke", args=[organisation.slug, write_key[0].pk])

    response = client.post(url)

    write_key[0].refresh_from_db()
    assert response.status_code == 302
    assert write_key[0].revoked is not None


def test_another_organisations_key_is_not_found_to_revoke(
    client, owner, organisation, other_organisation
):
    theirs, _ = create_key(other_organisation, "Theirs", "read")
    client.force_login(owner)
    url = reverse("api_key_revoke", args=[organisation.slug, theirs.pk])

    response = client.post(url)

    theirs.refresh_from_db()
    assert response.status_code == 404
    assert theirs.revoked is None


def test_making_and_revoking_a_key_is_audited(organisation, owner):
    key, _ = create_key(organisation, "Sync", "read", owner)
    revoke_key(key, owner)

    events = AuditEvent.objects.for_organisation(organisation).order_by("pk")
    assert [(e.action, e.actor, e.object_id) for e in events] == [
        ("api_key.create", owner, str(key.pk)),
        ("api_key.revoke", owner, str(key.pk)),
    ]
