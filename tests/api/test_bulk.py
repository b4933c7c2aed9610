import pytest

from organisations.models import AuditEvent
from participants.models import Participant
from tests.conftest import make_participant


def bulk_url(cohort):
    return f"/api/v1/cohorts/{cohort.pk}/participants/bulk/"


def record(n, role="mentor", **fields):
    return {
        "role": role,
        "first_name": f"Person {n}",
        "email": f"person{n}@example.org",
        "grade": "HEO",
        **fields,
    }


def upload(api, cohort, records):
    return api.post(bulk_url(cohort), {"participants": records}, format="json")


def test_new_people_are_created_and_known_people_updated(api, cohort):
    make_participant(cohort, "mentor", "person1@example.org", grade="EO")

    response = upload(api, cohort, [record(1), record(2), record(1, role="mentee")])

    assert response.status_code == 200
    assert response.json() == {"created": 2, "updated": 1}
    assert (
        Participant.objects.get(role="mentor", email="person1@example.org").grade
        == "HEO"
    )
    assert set(Participant.objects.values_list("source", flat=True)) == {
        "import",
        "api",
    }


def test_a_record_may_give_answers_as_json_or_as_the_csv_does(api, cohort):
    upload(
        api,
        cohort,
        [
            record(1, both_roles=True, characteristics="A,B"),
            record(2, role="mentee", match_similar_identity="yes", last_name=None),
        ],
    )

    mentor, mentee = Participant.objects.order_by("email")
    assert (mentor.both_roles, mentor.characteristics) == (True, "A, B")
    assert (mentee.match_similar_identity, mentee.last_name) == (True, "")


def test_one_bad_record_saves_nothing_and_every_error_is_named(api, cohort):
    records = [
        record(0),
        record(1, grade="Band 9"),
        record(2, email="not an email", role="coach"),
        "Person 3",
        record(4, both_roles=3),
    ]

    response = upload(api, cohort, records)

    assert response.status_code == 400
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("participants[1].grade", "invalid_grade"),
        ("participants[2].role", "invalid_choice"),
        ("participants[2].email", "invalid"),
        ("participants[3]", "invalid"),
        ("participants[4].both_roles", "invalid"),
    ]
    assert not Participant.objects.exists()


def test_a_person_twice_in_one_upload_is_an_error_at_the_second(api, cohort):
    records = [record(1), record(2), record(1, first_name="Again")]

    response = upload(api, cohort, records)

    [error] = response.json()["errors"]
    assert error["field"] == "participants[2].email"
    assert "number 0" in error["message"]


@pytest.mark.parametrize("body", [{}, {"participants": []}, {"participants": "x"}])
def test_an_upload_must_hold_a_list_of_participants(api, cohort, body):
    response = api.post(bulk_url(cohort), body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "participants"


def test_ten_thousand_people_are_saved_in_one_upload(api, cohort):
    records = [record(n, role=("mentor", "mentee")[n % 2]) for n in range(10_000)]

    response = upload(api, cohort, records)

    assert response.json() == {"created": 10_000, "updated": 0}
    assert cohort.participants.count() == 10_000


def test_more_than_ten_thousand_people_are_refused_naming_the_limit(api, cohort):
    records = [record(n) for n in range(10_001)]

    response = upload(api, cohort, records)

    [error] = response.json()["errors"]
    assert response.status_code == 400
    assert error["field"] == "participants"
    assert "at most 10,000 participants" in error["message"]


def test_an_upload_is_audited_with_its_counts(api, cohort, write_key):
    upload(api, cohort, [record(1), record(2)])

    event = AuditEvent.objects.get(action="cohort.upsert_participants")
    assert (event.api_key, event.description) == (write_key[0], "created=2, updated=0")


def test_a_read_only_key_may_not_upload(read_api, cohort):
    response = upload(read_api, cohort, [record(1)])

    assert response.status_code == 403
    assert not Participant.objects.exists()


def test_an_unknown_field_in_a_record_is_an_error_not_dropped(api, cohort):
    response = upload(api, cohort, [record(1), record(2, organisation="DfE")])

    errors = response.json()["errors"]
    assert response.status_code == 400
    assert errors[0]["field"] == "participants[1].organisation"
    assert "employer" in errors[0]["message"]
    assert not Participant.objects.exists()


def test_a_request_too_large_for_the_server_gets_a_json_413(api, cohort, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = upload(api, cohort, [record(1, biography="x" * 2000)])

    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "too_large"
