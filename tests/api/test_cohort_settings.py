from participants.models import Cohort
from tests.api.conftest import finished_run
from tests.conftest import make_participant


def cohort_url(cohort):
    return f"/api/v1/cohorts/{cohort.pk}/"


def fields_at_fault(response):
    return {error["field"] for error in response.json()["errors"]}


def test_a_cohort_shows_its_settings_with_todays_defaults(api, cohort):
    response = api.get(cohort_url(cohort))

    data = response.json()
    assert response.status_code == 200
    assert data["grade_gap_points"] == {"1": 9, "2": 12}
    assert (data["mentor_capacity"], data["mentee_capacity"]) == (3, 3)
    assert (data["unmatched_bonus"], data["consent_version"]) == (6, 1)


def test_settings_are_changed_with_a_patch(api, cohort):
    response = api.patch(
        cohort_url(cohort),
        {
            "mentee_capacity": 1,
            "grade_gap_points": {"1": 5, "3": 2},
            "professions": ["Digital", " Policy "],
            "exclude_same_employer": False,
        },
        format="json",
    )

    cohort.refresh_from_db()
    assert response.status_code == 200
    assert (cohort.mentee_capacity, cohort.exclude_same_employer) == (1, False)
    assert cohort.grade_gap_points == {"1": 5, "3": 2}
    assert cohort.professions == ["Digital", "Policy"]


def test_errors_give_the_fields_path(api, cohort):
    response = api.patch(
        cohort_url(cohort),
        {"grade_gap_points": {"1": -1}, "mentor_capacity": 0},
        format="json",
    )

    assert response.status_code == 400
    assert fields_at_fault(response) == {"grade_gap_points.1", "mentor_capacity"}


def test_a_repeated_profession_is_refused(api, cohort):
    response = api.patch(
        cohort_url(cohort), {"professions": ["Digital", "digital "]}, format="json"
    )

    assert response.status_code == 400
    assert fields_at_fault(response) == {"professions"}


def test_a_gap_that_is_not_a_number_is_refused(api, cohort):
    response = api.patch(
        cohort_url(cohort), {"grade_gap_points": {"two": 5}}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_gap"


def test_registration_must_close_after_it_opens_even_in_a_patch(api, cohort):
    Cohort.objects.filter(pk=cohort.pk).update(registration_opens="2027-02-01T09:00Z")

    response = api.patch(
        cohort_url(cohort), {"registration_closes": "2027-01-01T09:00Z"}, format="json"
    )

    assert response.status_code == 400
    assert fields_at_fault(response) == {"registration_closes"}


def test_changing_the_consent_text_starts_a_new_version(api, cohort):
    response = api.patch(
        cohort_url(cohort), {"consent_text": "I agree."}, format="json"
    )

    assert response.json()["consent_version"] == 2


def test_a_read_only_key_cannot_change_settings(read_api, cohort):
    response = read_api.patch(cohort_url(cohort), {"mentee_capacity": 1}, format="json")

    cohort.refresh_from_db()
    assert response.status_code == 403
    assert cohort.mentee_capacity == 3


def test_another_organisations_cohort_settings_are_not_found(other_api, cohort):
    response = other_api.patch(
        cohort_url(cohort), {"mentee_capacity": 1}, format="json"
    )

    cohort.refresh_from_db()
    assert response.status_code == 404
    assert cohort.mentee_capacity == 3


def test_a_run_shows_the_settings_it_used_after_they_change(api, cohort):
    run = finished_run(cohort)
    api.patch(cohort_url(cohort), {"unmatched_bonus": 0}, format="json")

    response = api.get(f"/api/v1/runs/{run.pk}/")

    assert response.json()["settings"]["unmatched_bonus"] == 6


def test_a_mentors_own_limit_is_at_most_the_cohorts_capacity(api, cohort):
    mentor = make_participant(cohort, "mentor", "m@example.org")
    url = f"/api/v1/cohorts/{cohort.pk}/participants/{mentor.pk}/"

    refused = api.patch(url, {"mentee_limit": 4}, format="json")
    accepted = api.patch(url, {"mentee_limit": 1}, format="json")

    mentor.refresh_from_db()
    assert fields_at_fault(refused) == {"mentee_limit"}
    assert accepted.status_code == 200
    assert mentor.mentee_limit == 1


def test_a_mentee_has_no_mentee_limit(api, person, cohort):
    url = f"/api/v1/cohorts/{cohort.pk}/participants/{person.pk}/"

    response = api.patch(url, {"mentee_limit": 1}, format="json")

    assert response.json()["errors"][0]["code"] == "not_a_mentor"


def test_a_registration_date_in_a_far_off_year_is_refused(api, cohort):
    response = api.patch(
        cohort_url(cohort),
        {"registration_opens": "0363-06-14T08:48:54Z"},
        format="json",
    )

    assert response.status_code == 400
    assert fields_at_fault(response) == {"registration_opens"}
