import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from matching import tasks
from organisations import audit
from organisations.models import AuditEvent
from tests.conftest import make_member
from tests.matching.helpers import add_pair
from tests.participants.test_import_apply import make_csv

MO = ("Mo", "mo@example.org", "SEO")


def audit_url(organisation):
    return reverse("audit", args=[organisation.slug])


def actions():
    return list(AuditEvent.objects.values_list("action", flat=True))


@pytest.mark.parametrize(
    "role, status", [("owner", 200), ("admin", 403), ("viewer", 403)]
)
def test_only_owners_read_the_audit_trail(client, organisation, role, status):
    client.force_login(make_member(organisation, "sam", role))

    response = client.get(audit_url(organisation))

    assert response.status_code == status


def test_the_trail_shows_who_did_what_newest_first(owner_client, organisation, user):
    audit.record(organisation, "cohort.create", user=user)
    audit.record(organisation, "organisation.rename", user=user)

    response = owner_client.get(audit_url(organisation))

    events = list(response.context["page"])
    assert [event.label for event in events] == [
        "Renamed the organisation",
        "Created a cohort",
    ]
    assert b"ada" in response.content


def test_an_api_keys_action_names_the_key(owner_client, organisation):
    key = organisation.api_keys.create(
        name="CRM sync", scope="read_write", prefix="pw_x", hashed_key="1" * 64
    )
    audit.record(organisation, "cohort.create", api_key=key)

    response = owner_client.get(audit_url(organisation))

    assert "API key “CRM sync”" in response.content.decode()


def test_the_trail_is_paginated(owner_client, organisation):
    for _ in range(51):
        audit.record(organisation, "cohort.create")

    response = owner_client.get(audit_url(organisation) + "?page=2")

    assert len(response.context["page"].object_list) == 1


def test_another_organisations_events_are_not_shown(
    owner_client, organisation, other_organisation
):
    audit.record(other_organisation, "cohort.create")

    response = owner_client.get(audit_url(organisation))

    assert list(response.context["page"]) == []


def test_creating_a_cohort_is_recorded(member_client, organisation):
    member_client.post(
        reverse("cohort_create", args=[organisation.slug]), {"name": "Summer"}
    )

    event = AuditEvent.objects.get()
    assert (event.action, event.actor.username) == ("cohort.create", "ada")


def test_an_import_is_recorded_with_its_counts(member_client, organisation, cohort):
    member_client.post(
        reverse("cohort_import", args=[organisation.slug, cohort.pk]),
        {"mentors": SimpleUploadedFile("mentors.csv", make_csv("mentor", MO))},
    )

    event = AuditEvent.objects.get()
    assert event.action == "cohort.import_participants"
    assert "mentors_new=1" in event.description


def test_starting_and_publishing_a_run_are_recorded(
    member_client, organisation, cohort
):
    add_pair(cohort, 1)
    member_client.post(
        reverse("run_create", args=[organisation.slug, cohort.pk]), {"mode": "quality"}
    )
    run = cohort.runs.get()
    tasks.run_matching(run.pk)

    member_client.post(
        reverse("run_publish", args=[organisation.slug, run.pk]), {"confirm": "yes"}
    )

    assert actions() == ["matchrun.publish", "matchrun.start"]
    assert AuditEvent.objects.get(action="matchrun.start").object_id == str(run.pk)
