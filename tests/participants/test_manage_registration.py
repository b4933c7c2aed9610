import pytest

from matching.models import MatchRun
from participants import registration
from participants.models import Participant
from tests.conftest import make_participant


@pytest.fixture
def mentor(cohort):
    return make_participant(
        cohort, "mentor", "ada@example.org", grade="Grade 7", source="form"
    )


def link(person):
    return registration.manage_path(person)


def answers(**changes):
    return {"first_name": "Ada", "last_name": "Byron", "grade": "SEO", **changes}


def test_the_link_shows_what_they_gave(client, mentor):
    response = client.get(link(mentor))

    assert response.status_code == 200
    assert b"ada@example.org" in response.content
    assert response.context["form"]["grade"].value() == "Grade 7"


def test_the_link_reaches_no_one_elses_answers(client, cohort, mentor):
    make_participant(cohort, "mentor", "grace@example.org")

    response = client.get(link(mentor))

    assert b"grace@example.org" not in response.content


def test_the_link_changes_their_answers(client, mentor):
    response = client.post(link(mentor), answers(mentee_limit="1"))

    assert response.status_code == 302
    mentor.refresh_from_db()
    assert (mentor.last_name, mentor.grade, mentor.mentee_limit) == ("Byron", "SEO", 1)
    assert mentor.email == "ada@example.org"


def test_a_change_reaches_both_roles(client, cohort, mentor):
    mentee = make_participant(cohort, "mentee", "ada@example.org")

    client.post(link(mentee), answers())

    people = Participant.objects.filter(cohort=cohort, email="ada@example.org")
    assert set(people.values_list("grade", flat=True)) == {"SEO"}


def test_a_change_is_checked_like_a_sign_up(client, mentor):
    response = client.post(link(mentor), answers(grade="Grade 99"))

    assert response.status_code == 200
    assert response.context["form"].has_error("grade")


def test_withdrawing_asks_first(client, cohort, mentor):
    response = client.get(link(mentor) + "withdraw/")

    assert b"Withdraw and delete" in response.content
    assert Participant.objects.filter(cohort=cohort).exists()


def test_withdrawing_deletes_their_rows(client, cohort, mentor):
    make_participant(cohort, "mentee", "ada@example.org")

    response = client.post(link(mentor) + "withdraw/")

    assert response.status_code == 302
    assert not Participant.objects.filter(cohort=cohort).exists()
    assert client.get(link(mentor)).status_code == 404


def test_a_tampered_link_is_not_found(client, mentor):
    response = client.get(link(mentor).replace(f"/{mentor.pk}:", f"/{mentor.pk + 1}:"))

    assert response.status_code == 404


def test_after_a_finished_run_the_page_is_read_only(client, cohort, mentor):
    cohort.runs.create(
        organisation=cohort.organisation, status=MatchRun.Status.FINISHED
    )

    response = client.post(link(mentor), answers())

    assert b"can no longer be changed" in response.content
    assert "form" not in response.context
    mentor.refresh_from_db()
    assert mentor.grade == "Grade 7"
