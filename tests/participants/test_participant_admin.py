import json

import pytest

from matching import services, tasks
from organisations.models import AuditEvent
from participants.models import Participant
from tests.conftest import make_participant
from tests.matching.helpers import add_pair

SECRET = "Carer"


def url(participant, action=""):
    cohort = participant.cohort
    base = f"/{cohort.organisation.slug}/cohorts/{cohort.pk}/participants/"
    return f"{base}{participant.pk}/{action}"


@pytest.fixture
def mentee(cohort):
    return make_participant(
        cohort, "mentee", "mia@example.org", identity_to_match=SECRET
    )


def new_values(**changes):
    values = {"role": "mentor", "first_name": "Nia", "email": "Nia@Example.org"}
    return {**values, "grade": "grade 7", **changes}


def test_an_admin_adds_a_participant_by_the_import_rules(member_client, cohort):
    response = member_client.post(
        f"/{cohort.organisation.slug}/cohorts/{cohort.pk}/participants/new/",
        new_values(),
    )

    participant = Participant.objects.get()
    assert response.status_code == 302
    assert (participant.email, participant.grade) == ("nia@example.org", "Grade 7")
    assert participant.source == Participant.Source.MANUAL
    assert AuditEvent.objects.filter(action="participant.create").exists()


def test_a_grade_off_the_ladder_is_refused(member_client, cohort):
    response = member_client.post(
        f"/{cohort.organisation.slug}/cohorts/{cohort.pk}/participants/new/",
        new_values(grade="Admiral"),
    )

    assert response.status_code == 200
    assert "not a grade in this cohort" in response.content.decode()


def test_an_email_already_in_the_role_is_a_clear_error(member_client, cohort):
    make_participant(cohort, "mentor", "nia@example.org")

    response = member_client.post(
        f"/{cohort.organisation.slug}/cohorts/{cohort.pk}/participants/new/",
        new_values(),
    )

    assert "already a mentor with this email" in response.content.decode()
    assert Participant.objects.count() == 1


def test_an_admin_edits_a_participant(member_client, mentee):
    response = member_client.post(
        url(mentee, "edit/"), new_values(role="mentee", email=mentee.email)
    )

    mentee.refresh_from_db()
    assert response.status_code == 302
    assert mentee.first_name == "Nia"
    assert AuditEvent.objects.filter(action="participant.update").exists()


def test_deleting_asks_first_then_deletes_and_records_it(member_client, mentee):
    confirm = member_client.get(url(mentee, "delete/"))
    response = member_client.post(url(mentee, "delete/"))

    assert "matches in earlier runs" in confirm.content.decode()
    assert response.status_code == 302
    assert not Participant.objects.exists()
    assert AuditEvent.objects.get(action="participant.delete").object_id == str(
        mentee.pk
    )


def test_identity_answers_show_to_an_admin_only(member_client, viewer, mentee):
    admin_page = member_client.get(url(mentee))
    member_client.force_login(viewer)
    viewer_page = member_client.get(url(mentee))

    assert SECRET in admin_page.content.decode()
    assert viewer_page.status_code == 200
    assert SECRET not in viewer_page.content.decode()


@pytest.mark.parametrize("action", ["edit/", "delete/", "export/"])
def test_a_viewer_may_not_change_or_export(client, viewer, mentee, action):
    client.force_login(viewer)

    response = client.post(url(mentee, action), {"identity": "1"})

    assert response.status_code == 403
    assert not AuditEvent.objects.exists()


def test_export_leaves_identity_answers_out_unless_asked(member_client, mentee):
    without = member_client.post(url(mentee, "export/"))
    with_identity = member_client.post(url(mentee, "export/"), {"identity": "1"})

    assert without["Content-Disposition"].startswith("attachment")
    assert SECRET not in without.content.decode()
    assert json.loads(with_identity.content)["roles"][0]["identity_to_match"] == SECRET
    assert AuditEvent.objects.filter(action="participant.export").count() == 2


def test_export_holds_both_roles_and_their_matches(member_client, cohort, user):
    mentor, mentee = add_pair(cohort, 1)
    make_participant(cohort, "mentee", mentor.email)
    tasks.run_matching(services.start_run(cohort, "quality", user).pk)

    data = json.loads(member_client.post(url(mentor, "export/")).content)

    assert sorted(row["role"] for row in data["roles"]) == ["mentee", "mentor"]
    mentor_row = next(row for row in data["roles"] if row["role"] == "mentor")
    assert mentor_row["matches"][0]["partner"] == mentee.full_name


def test_another_organisations_participant_is_not_found(
    member_client, organisation, other_cohort
):
    foreign = make_participant(other_cohort, "mentor", "x@example.org")

    response = member_client.get(
        f"/{organisation.slug}/cohorts/{other_cohort.pk}/participants/{foreign.pk}/"
    )

    assert response.status_code == 404
