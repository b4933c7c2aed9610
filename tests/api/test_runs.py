import csv
import io

import pytest
from django.core import mail

from matching.models import MatchRun
from organisations.models import AuditEvent
from tests.api.conftest import finished_run
from tests.matching.helpers import add_pair


def runs_url(cohort):
    return f"/api/v1/cohorts/{cohort.pk}/runs/"


def test_a_run_goes_from_start_to_published_mailing_lists(
    api, cohort, django_capture_on_commit_callbacks
):
    mentor, mentee = add_pair(cohort, 1)

    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(runs_url(cohort), {"mode": "quantity"}, format="json")
    run_url = f"/api/v1/runs/{started.json()['id']}/"
    status = api.get(run_url).json()
    matches = api.get(f"{run_url}matches/").json()
    with django_capture_on_commit_callbacks(execute=True):
        published = api.post(f"{run_url}publish/")
    emails = api.get(run_url).json()["progress"]["emails"]
    mentors_list = api.get(f"{run_url}mentors-list.csv")

    assert (started.status_code, started.json()["status"]) == (201, "queued")
    assert (status["status"], status["mode"], status["progress"]["busy"]) == (
        "finished",
        "quantity",
        False,
    )
    assert [(m["mentor"]["id"], m["mentee"]["id"]) for m in matches["results"]] == [
        (mentor.pk, mentee.pk)
    ]
    assert published.status_code == 202
    assert published.json()["published"] is not None
    assert emails["sent"] == len(mail.outbox) == 2
    assert mentors_list["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(mentors_list.content.decode())))
    assert [row["email address"] for row in rows] == ["mentor1@example.org"]


def test_starting_a_run_is_audited_with_the_key(api, cohort, write_key):
    response = api.post(runs_url(cohort), {}, format="json")

    run = MatchRun.objects.get()
    event = AuditEvent.objects.get(action="matchrun.start")
    assert (response.status_code, run.mode, run.created_by) == (201, "quality", None)
    assert (event.api_key, event.object_id) == (write_key[0], str(run.pk))


def test_an_unknown_mode_is_a_field_error(api, cohort):
    response = api.post(runs_url(cohort), {"mode": "fastest"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "mode"


def test_a_cohorts_runs_are_listed(api, cohort):
    run = finished_run(cohort)

    response = api.get(runs_url(cohort))

    assert [row["id"] for row in response.json()["results"]] == [run.pk]


def test_matches_are_filtered_by_participant(api, cohort):
    run = finished_run(cohort)
    _, mentee = add_pair(cohort, 2)
    url = f"/api/v1/runs/{run.pk}/matches/"

    mine = api.get(url, {"participant": run.matches.get().mentee_id}).json()
    none = api.get(url, {"participant": mentee.pk}).json()

    assert (mine["count"], none["count"]) == (1, 0)


def test_matches_filtered_by_a_non_number_is_a_field_error(api, cohort):
    run = finished_run(cohort)

    response = api.get(f"/api/v1/runs/{run.pk}/matches/", {"participant": "x"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "participant"


@pytest.mark.parametrize("path", ["publish/", "mentors-list.csv", "mentees-list.csv"])
def test_an_unfinished_run_cannot_be_published_or_downloaded(api, cohort, path):
    run = MatchRun.objects.create(organisation=cohort.organisation, cohort=cohort)
    url = f"/api/v1/runs/{run.pk}/{path}"

    if path == "publish/":
        response = api.post(url)
    else:
        response = api.get(url, HTTP_ACCEPT="text/csv")

    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"
    assert "queued" in response.json()["errors"][0]["message"]


def test_a_run_is_published_only_once(api, cohort):
    run = finished_run(cohort)
    api.post(f"/api/v1/runs/{run.pk}/publish/")

    response = api.post(f"/api/v1/runs/{run.pk}/publish/")

    assert response.status_code == 409
    assert f"published with run {run.pk}" in response.json()["errors"][0]["message"]


def test_matches_filtered_by_an_id_too_large_for_the_database_is_an_error(api, cohort):
    run = finished_run(cohort)

    response = api.get(f"/api/v1/runs/{run.pk}/matches/", {"participant": 2**64})

    assert response.status_code == 400
