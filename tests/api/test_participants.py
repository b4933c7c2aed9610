import threading
import time

import pytest
from django.db import connection

from participants.models import Participant
from participants.serializers import ParticipantSerializer
from tests.api.conftest import client_for
from tests.conftest import make_participant


def url(cohort, pk=None):
    base = f"/api/v1/cohorts/{cohort.pk}/participants/"
    return f"{base}{pk}/" if pk else base


def ada(**fields):
    return {
        "role": "mentor",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": " Ada@Example.ORG ",
        "grade": "grade 7",
        **fields,
    }


def test_a_new_participant_is_tidied_as_the_import_tidies(api, cohort):
    response = api.post(url(cohort), ada(characteristics=" A ,b,, C"), format="json")

    person = Participant.objects.get()
    assert response.status_code == 201
    assert (person.email, person.grade) == ("ada@example.org", "Grade 7")
    assert person.characteristics == "A, b, C"
    assert (person.source, person.organisation) == ("api", cohort.organisation)


def test_the_same_email_twice_in_a_role_is_a_field_error(api, cohort):
    api.post(url(cohort), ada(), format="json")

    response = api.post(url(cohort), ada(email="ada@example.org"), format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "email",
            "message": "A mentor with this email is already in the cohort.",
            "code": "unique",
        }
    ]


def test_the_same_email_may_be_both_a_mentor_and_a_mentee(api, cohort):
    api.post(url(cohort), ada(), format="json")

    response = api.post(url(cohort), ada(role="mentee"), format="json")

    assert response.status_code == 201


def test_a_grade_outside_the_cohorts_ladder_is_a_field_error(api, cohort):
    response = api.post(url(cohort), ada(grade="Band 9"), format="json")

    [error] = response.json()["errors"]
    assert response.status_code == 400
    assert (error["field"], error["code"]) == ("grade", "invalid_grade")


def test_a_participant_is_changed_in_part(api, cohort, person):
    response = api.patch(url(cohort, person.pk), {"grade": "seo"}, format="json")

    person.refresh_from_db()
    assert response.status_code == 200
    assert (person.grade, person.last_name) == ("SEO", "Hopper")


def test_a_participant_is_deleted(api, cohort, person):
    response = api.delete(url(cohort, person.pk))

    assert response.status_code == 204
    assert not Participant.objects.exists()


def test_a_read_only_key_sees_no_identity_answers(read_api, cohort, person):
    response = read_api.get(url(cohort, person.pk))

    assert response.status_code == 200
    assert response.json()["email"] == "grace@example.org"
    assert not {"characteristics", "identity_to_match", "match_similar_identity"} & set(
        response.json()
    )


def test_a_read_and_write_key_sees_identity_answers(api, cohort, person):
    response = api.get(url(cohort))

    [row] = response.json()["results"]
    assert (row["identity_to_match"], row["match_similar_identity"]) == ("Woman", True)


@pytest.fixture
def people(cohort):
    return {
        name: make_participant(cohort, role, f"{name}@example.org", last_name=last)
        for name, role, last in [
            ("ann", "mentor", "Smith"),
            ("bob", "mentee", "Jones"),
            ("cat", "mentee", "Smith"),
            ("dan", "mentor", "Adams"),
        ]
    }


def names(response):
    return [row["email"].split("@")[0] for row in response.json()["results"]]


def test_participants_are_filtered_by_role(api, cohort, people):
    response = api.get(url(cohort), {"role": "mentee"})

    assert names(response) == ["bob", "cat"]


def test_an_unknown_role_is_a_field_error(api, cohort):
    response = api.get(url(cohort), {"role": "coach"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "role"


@pytest.mark.parametrize(
    "search, found",
    [("smith", ["ann", "cat"]), ("BOB@", ["bob"]), ("ann smith", ["ann"])],
)
def test_participants_are_searched_by_name_and_email(
    api, cohort, people, search, found
):
    response = api.get(url(cohort), {"search": search, "ordering": "email"})

    assert names(response) == found


def test_equal_names_are_ordered_by_id(api, cohort, people):
    response = api.get(url(cohort), {"ordering": "-last_name"})

    assert names(response) == ["ann", "cat", "bob", "dan"]


def test_participants_come_a_page_at_a_time(api, cohort, people):
    first = api.get(url(cohort), {"page_size": 3, "ordering": "email"}).json()
    second = api.get(first["next"]).json()

    assert first["count"] == 4
    assert [row["email"][:3] for row in first["results"] + second["results"]] == [
        "ann",
        "bob",
        "cat",
        "dan",
    ]


@pytest.mark.django_db(transaction=True)
def test_two_requests_adding_the_same_person_at_once_save_one(
    write_key, cohort, monkeypatch
):
    validate = ParticipantSerializer.validate

    def slow_validate(serializer, attrs):
        # Widen the gap between checking the email and saving the person.
        attrs = validate(serializer, attrs)
        time.sleep(0.3)
        return attrs

    monkeypatch.setattr(ParticipantSerializer, "validate", slow_validate)
    statuses = []

    def add_ada():
        response = client_for(write_key[1]).post(url(cohort), ada(), format="json")
        statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=add_ada) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [201, 400]
    assert Participant.objects.count() == 1


def test_an_unknown_field_is_refused(api, cohort):
    response = api.post(
        f"/api/v1/cohorts/{cohort.pk}/participants/",
        {
            "role": "mentor",
            "first_name": "A",
            "email": "a@x.org",
            "grade": "HEO",
            "organisation": "DfE",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "organisation"
