import csv
import io

from django.urls import reverse

from matching import services, tasks
from matching.mailing import HEADINGS
from tests.conftest import make_participant
from tests.matching.helpers import add_pair


def download(client, run, kind):
    url = reverse("run_download", args=[run.organisation.slug, run.pk, kind])
    response = client.get(url)
    text = response.content.decode()
    return response, list(csv.DictReader(io.StringIO(text)))


def test_the_mailing_lists_keep_the_original_headings(member_client, cohort, user):
    add_pair(cohort, 1)
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)

    response, rows = download(member_client, run, "mentors")

    assert response["Content-Disposition"] == 'attachment; filename="mentors-list.csv"'
    assert list(rows[0]) == HEADINGS
    assert "match 0 biography" in HEADINGS


def test_a_mentee_row_lists_their_mentor(member_client, cohort, user):
    mentor, mentee = add_pair(cohort, 1)
    mentor.biography = "I run the payroll team."
    mentor.save()
    make_participant(cohort, "mentor", mentee.email, grade="SCS4")  # both roles
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)

    _, rows = download(member_client, run, "mentees")

    row = rows[0]
    assert (row["type"], row["number of matches"]) == ("mentee", "1")
    assert row["match 0 biography"] == "I run the payroll team."
    assert (row["mentee only"], row["both mentor and mentee"]) == ("no", "yes")
    assert mentor.email in row["match details"]


def test_an_unknown_list_is_not_found(member_client, cohort, user):
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)

    response, _ = download(member_client, run, "people")

    assert response.status_code == 404


def test_text_that_would_run_as_a_spreadsheet_formula_is_defused():
    from matching.mailing import mailing_list_csv

    text = mailing_list_csv([{"first name": '=HYPERLINK("http://x")', "type": "-1"}])

    row = next(csv.DictReader(io.StringIO(text)))
    assert row["first name"] == '\'=HYPERLINK("http://x")'
    assert row["type"] == "'-1"
