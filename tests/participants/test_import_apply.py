"""Saving an import: all of it or none of it."""

import csv
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from participants.importing import COLUMNS, import_participants
from participants.models import Participant

EXAMPLES = settings.BASE_DIR / "examples"

pytestmark = pytest.mark.django_db


def make_csv(role, *rows):
    """A file for `role` whose rows are (first name, email, grade)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS[role]), restval="")
    writer.writeheader()
    for first_name, email, grade in rows:
        writer.writerow(
            {"first name": first_name, "email address": email, "grade": grade}
        )
    return out.getvalue().encode()


def test_the_example_files_import_whole(cohort):
    report = import_participants(
        cohort,
        mentors=(EXAMPLES / "mentors.csv").read_bytes(),
        mentees=(EXAMPLES / "mentees.csv").read_bytes(),
    )

    assert report.ok
    assert report.created == {"mentor": 50, "mentee": 50}
    assert cohort.participants.mentors().count() == 50
    assert cohort.participants.mentees().count() == 50


def test_imported_people_belong_to_the_cohort_and_its_organisation(cohort):
    mentees = make_csv("mentee", ("Ada", "ada@example.org", "HEO"))

    import_participants(cohort, mentees=mentees, source=Participant.Source.API)

    person = Participant.objects.get()
    assert (person.organisation, person.cohort) == (cohort.organisation, cohort)
    assert (person.role, person.source) == ("mentee", "api")


def test_a_bad_mentees_row_means_no_mentors_are_saved(cohort):
    mentors = make_csv("mentor", ("Ada", "ada@example.org", "HEO"))
    mentees = make_csv("mentee", ("Bo", "bo@example.org", "Grade 8"))

    report = import_participants(cohort, mentors=mentors, mentees=mentees)

    assert not report.ok
    assert [(e.file, e.line, e.field) for e in report.errors] == [
        ("mentees.csv", 2, "grade")
    ]
    assert not Participant.objects.exists()


def test_importing_again_updates_people_instead_of_adding_them(cohort):
    import_participants(cohort, mentors=make_csv("mentor", ("Ada", "a@x.org", "EO")))
    mentors = make_csv("mentor", ("Ada", "a@x.org", "HEO"), ("Bo", "b@x.org", "EO"))

    report = import_participants(cohort, mentors=mentors)

    assert (report.created["mentor"], report.updated["mentor"]) == (1, 1)
    assert Participant.objects.get(email="a@x.org").grade == "HEO"
    assert Participant.objects.count() == 2


def test_an_update_keeps_where_the_person_first_came_from(cohort):
    Participant.objects.create(
        organisation=cohort.organisation,
        cohort=cohort,
        role="mentee",
        email="ada@example.org",
        first_name="Ada",
        grade="EO",
        source=Participant.Source.FORM,
    )

    import_participants(
        cohort, mentees=make_csv("mentee", ("Ada", "ADA@example.org", "EO"))
    )

    assert Participant.objects.get().source == Participant.Source.FORM


def test_the_same_email_as_a_mentor_and_a_mentee_makes_two_people(cohort):
    mentors = make_csv("mentor", ("Ada", "ada@example.org", "HEO"))
    mentees = make_csv("mentee", ("Ada", "ada@example.org", "HEO"))

    report = import_participants(cohort, mentors=mentors, mentees=mentees)

    assert report.created == {"mentor": 1, "mentee": 1}


def test_emails_are_stored_stripped_and_lowercased(cohort):
    mentors = make_csv("mentor", ("Ada", "  Ada@Example.ORG ", "HEO"))

    import_participants(cohort, mentors=mentors)

    assert Participant.objects.get().email == "ada@example.org"


def test_the_same_email_in_another_cohort_is_left_alone(cohort, other_cohort):
    import_participants(
        other_cohort, mentors=make_csv("mentor", ("Ada", "a@x.org", "EO"))
    )

    report = import_participants(
        cohort, mentors=make_csv("mentor", ("Ada", "a@x.org", "SEO"))
    )

    assert report.created["mentor"] == 1
    assert other_cohort.participants.get().grade == "EO"


def test_uploaded_files_are_read_like_bytes(cohort):
    data = make_csv("mentor", ("Ada", "ada@example.org", "HEO"))

    report = import_participants(cohort, mentors=SimpleUploadedFile("m.csv", data))

    assert report.created["mentor"] == 1


def test_an_import_with_no_files_says_so(cohort):
    report = import_participants(cohort)

    assert [str(error) for error in report.errors] == [
        "Choose a mentors file, a mentees file or both."
    ]


def test_the_summary_counts_each_role(cohort):
    import_participants(cohort, mentors=make_csv("mentor", ("Ada", "a@x.org", "EO")))
    mentors = make_csv("mentor", ("Ada", "a@x.org", "HEO"), ("Bo", "b@x.org", "EO"))
    mentees = make_csv("mentee", ("Cy", "c@x.org", "AO"))

    report = import_participants(cohort, mentors=mentors, mentees=mentees)

    assert report.summary() == ("Mentors: 1 new, 1 updated. Mentees: 1 new, 0 updated.")
