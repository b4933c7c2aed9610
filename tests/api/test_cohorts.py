from organisations.models import AuditEvent
from participants.models import CIVIL_SERVICE_GRADES, Cohort
from tests.conftest import make_participant

COHORTS = "/api/v1/cohorts/"


def test_cohorts_are_listed_with_their_counts(api, cohort, other_cohort):
    make_participant(cohort, "mentor", "m@example.org")

    response = api.get(COHORTS)

    [row] = response.json()["results"]
    assert response.status_code == 200
    assert (row["id"], row["slug"], row["name"]) == (
        cohort.pk,
        "spring-2027",
        cohort.name,
    )
    assert (row["mentor_count"], row["mentee_count"]) == (1, 0)


def test_a_new_cohort_gets_a_slug_and_the_civil_service_grades(
    api, organisation, write_key
):
    response = api.post(COHORTS, {"name": "Autumn 2027"}, format="json")

    cohort = Cohort.objects.for_organisation(organisation).get()
    event = AuditEvent.objects.get(action="cohort.create")
    assert response.status_code == 201
    assert response.json()["slug"] == cohort.slug == "autumn-2027"
    assert response.json()["grade_ladder"] == CIVIL_SERVICE_GRADES
    assert (event.api_key, event.object_id) == (write_key[0], str(cohort.pk))


def test_renaming_a_cohort_keeps_its_slug(api, cohort):
    response = api.patch(
        f"{COHORTS}{cohort.pk}/", {"name": "Renamed", "slug": "x"}, format="json"
    )

    cohort.refresh_from_db()
    assert response.status_code == 200
    assert (cohort.name, cohort.slug) == ("Renamed", "spring-2027")


def test_a_grade_ladder_may_not_repeat_a_grade(api):
    response = api.post(
        COHORTS, {"name": "X", "grade_ladder": ["Band 1", "band 1 "]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "grade_ladder"


def test_a_grade_ladder_must_keep_every_grade_in_use(api, cohort):
    make_participant(cohort, "mentor", "m@example.org", grade="SEO")

    response = api.patch(
        f"{COHORTS}{cohort.pk}/", {"grade_ladder": ["EO", "HEO"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "grade_in_use"
    assert "SEO" in response.json()["errors"][0]["message"]


def test_deleting_a_cohort_deletes_it(api, cohort):
    response = api.delete(f"{COHORTS}{cohort.pk}/")

    assert response.status_code == 204
    assert not Cohort.objects.filter(pk=cohort.pk).exists()
    assert AuditEvent.objects.filter(action="cohort.delete").exists()
