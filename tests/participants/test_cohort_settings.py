import pytest
from django.urls import reverse

from matching import services, tasks
from participants.models import CIVIL_SERVICE_GRADES
from tests.conftest import make_participant
from tests.matching.helpers import add_pair


def settings_url(cohort):
    return reverse("cohort_settings", args=[cohort.organisation.slug, cohort.pk])


def form_data(**changes):
    """The settings page's fields as a browser posts them, defaults filled in."""
    data = {
        "registration_opens": "",
        "registration_closes": "",
        "mentor_capacity": "3",
        "mentee_capacity": "3",
        "grade_ladder": "\n".join(CIVIL_SERVICE_GRADES),
        "professions": "",
        "identity_options": "",
        "grade_gap_points": "1 = 9, 2 = 12",
        "same_profession_points": "10",
        "shared_identity_points": "6",
        "unmatched_bonus": "6",
        "exclude_same_employer": "on",
        "consent_text": "",
        "privacy_notice": "",
    }
    return {**data, **changes}


def test_the_settings_page_shows_the_cohorts_settings(member_client, cohort):
    response = member_client.get(settings_url(cohort))

    assert response.status_code == 200
    assert "1 = 9, 2 = 12" in response.content.decode()
    assert "SCS4" in response.content.decode()


def test_saving_settings_changes_the_cohort(member_client, cohort):
    response = member_client.post(
        settings_url(cohort),
        form_data(
            mentee_capacity="1",
            grade_gap_points="1 = 5\n2 = 20, 3 = 1",
            professions="Digital\n\n  Policy ",
            registration_opens="2027-01-04T09:00",
            registration_closes="2027-01-31T17:00",
        ),
    )

    cohort.refresh_from_db()
    assert response.status_code == 302
    assert cohort.mentee_capacity == 1
    assert cohort.grade_gap_points == {"1": 5, "2": 20, "3": 1}
    assert cohort.professions == ["Digital", "Policy"]


def test_the_cohort_page_links_to_its_settings(member_client, cohort):
    response = member_client.get(cohort.get_absolute_url())

    assert settings_url(cohort) in response.content.decode()


def test_changing_the_consent_wording_starts_a_new_version(member_client, cohort):
    member_client.post(settings_url(cohort), form_data(consent_text="I agree."))
    member_client.post(settings_url(cohort), form_data(consent_text="I agree."))
    cohort.refresh_from_db()
    assert cohort.consent_version == 2

    member_client.post(settings_url(cohort), form_data(privacy_notice="We keep…"))
    cohort.refresh_from_db()
    assert cohort.consent_version == 3


def test_a_ladder_without_a_grade_in_use_is_refused_naming_it(member_client, cohort):
    make_participant(cohort, "mentor", "m@example.org", grade="SEO")

    response = member_client.post(
        settings_url(cohort), form_data(grade_ladder="EO\nHEO\nGrade 7")
    )

    assert response.status_code == 200
    assert "SEO" in str(response.context["form"].errors["grade_ladder"])
    cohort.refresh_from_db()
    assert cohort.grade_ladder == CIVIL_SERVICE_GRADES


def test_registration_must_close_after_it_opens(member_client, cohort):
    response = member_client.post(
        settings_url(cohort),
        form_data(
            registration_opens="2027-02-01T09:00",
            registration_closes="2027-01-01T09:00",
        ),
    )

    assert response.status_code == 200
    assert "close after it opens" in str(
        response.context["form"].errors["registration_closes"]
    )


def test_errors_name_the_field(member_client, cohort):
    response = member_client.post(
        settings_url(cohort),
        form_data(grade_gap_points="1 = nine", mentor_capacity="0", grade_ladder=""),
    )

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert set(errors) == {"grade_gap_points", "mentor_capacity", "grade_ladder"}
    assert "Grade gaps allowed, and their points:" in response.content.decode()


def test_a_gap_beyond_the_ladder_is_refused(member_client, cohort):
    response = member_client.post(
        settings_url(cohort),
        form_data(grade_ladder="EO\nHEO", grade_gap_points="2 = 5"),
    )

    assert "cannot happen" in str(response.context["form"].errors["grade_gap_points"])


def test_a_viewer_cannot_change_settings(client, viewer, cohort):
    client.force_login(viewer)

    response = client.post(settings_url(cohort), form_data(mentee_capacity="1"))

    cohort.refresh_from_db()
    assert response.status_code == 403
    assert cohort.mentee_capacity == 3


def test_another_organisations_cohort_settings_are_not_found(
    member_client, organisation, other_cohort
):
    url = reverse("cohort_settings", args=[organisation.slug, other_cohort.pk])

    response = member_client.post(url, form_data(mentee_capacity="1"))

    other_cohort.refresh_from_db()
    assert response.status_code == 404
    assert other_cohort.mentee_capacity == 3


def test_a_run_page_shows_the_settings_it_used_after_they_change(
    member_client, cohort, user
):
    add_pair(cohort, 1)
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)

    member_client.post(settings_url(cohort), form_data(grade_gap_points="1 = 77"))
    response = member_client.get(run.get_absolute_url())

    assert "Settings used" in response.content.decode()
    assert "2 grades: 12" in response.content.decode()
    assert "1 grade: 77" not in response.content.decode()


def test_a_grade_gap_given_twice_is_refused():
    from django.core.exceptions import ValidationError

    from participants.forms import GapPointsField

    with pytest.raises(ValidationError, match="given twice"):
        GapPointsField().clean("1 = 9, 1 = 12")
