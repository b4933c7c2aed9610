"""Reading mentors.csv and mentees.csv. None of these tests has a database,
so pytest-django fails any that reaches for one: the reader must not."""

import csv
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from participants import importing
from participants.forms import ImportForm
from participants.importing import COLUMNS, RowError, read_participants
from participants.models import CIVIL_SERVICE_GRADES

MENTOR_HEADINGS = list(COLUMNS["mentor"])
MENTEE_HEADINGS = list(COLUMNS["mentee"])
EXAMPLES = settings.BASE_DIR / "examples"


def make_csv(headings, rows, delimiter=",", encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def mentor(**changes):
    """A good mentor row; keyword names are headings with underscores."""
    cells = {
        "first name": "Ada",
        "last name": "Lovelace",
        "email address": "ada@example.org",
        "both mentor and mentee": "no",
        "job title": "Analyst",
        "grade": "HEO",
        "organisation": "Department of Joy",
        "profession": "DDaT",
        "characteristics": "",
        "biography": "",
    }
    cells.update({name.replace("_", " "): value for name, value in changes.items()})
    return list(cells.values())


def read_mentors(*rows, ladder=CIVIL_SERVICE_GRADES):
    return read_participants(make_csv(MENTOR_HEADINGS, rows), "mentor", ladder)


def messages(errors):
    return [(error.line, error.field, error.message) for error in errors]


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_the_example_files_are_read_whole(role):
    data = (EXAMPLES / f"{role}s.csv").read_bytes()

    rows, errors = read_participants(data, role, CIVIL_SERVICE_GRADES)

    assert errors == []
    assert len(rows) == 50


def test_a_row_becomes_participant_field_values():
    rows, errors = read_mentors(mentor(both_mentor_and_mentee="Yes"))

    assert errors == []
    assert rows == [
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "ada@example.org",
            "both_roles": True,
            "job_title": "Analyst",
            "grade": "HEO",
            "employer": "Department of Joy",
            "profession": "DDaT",
            "characteristics": "",
            "biography": "",
            "line": 2,
        }
    ]


def test_a_mentee_row_has_the_identity_answers():
    row = ["Zoe", "", "zoe@example.org", "", "", "EO", "", "", "yes", "Gay", ""]
    data = make_csv(MENTEE_HEADINGS, [row])

    rows, errors = read_participants(data, "mentee", CIVIL_SERVICE_GRADES)

    assert errors == []
    assert rows[0]["match_similar_identity"] is True
    assert rows[0]["identity_to_match"] == "Gay"


def test_a_byte_order_mark_is_ignored():
    data = b"\xef\xbb\xbf" + make_csv(MENTOR_HEADINGS, [mentor()])

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert errors == []
    assert rows[0]["first_name"] == "Ada"


def test_windows_1252_files_are_read():
    rows_in = [
        mentor(first_name="Zoë"),
        mentor(first_name="Seán", email_address="s@x.org"),
    ]
    data = make_csv(MENTOR_HEADINGS, rows_in, encoding="cp1252")

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert errors == []
    assert [row["first_name"] for row in rows] == ["Zoë", "Seán"]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters_are_detected(delimiter):
    rows_in = [mentor(characteristics="Gay, Transgender")]
    data = make_csv(MENTOR_HEADINGS, rows_in, delimiter=delimiter)

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert errors == []
    assert rows[0]["characteristics"] == "Gay, Transgender"


def test_line_numbers_count_line_breaks_inside_quoted_cells():
    rows_in = [
        mentor(biography="One\nTwo\nThree"),
        mentor(email_address="b@x.org", grade="G8"),
    ]

    rows, errors = read_mentors(*rows_in)

    assert rows[0]["biography"] == "One\nTwo\nThree"
    assert [error.line for error in errors] == [5]


def test_blank_rows_are_skipped_wherever_they_are():
    rows_in = [[], mentor(), [""] * 10, [], mentor(email_address="b@x.org")]
    data = make_csv(MENTOR_HEADINGS, rows_in) + b",,,\r\n\r\n\r\n"

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert errors == []
    assert [row["line"] for row in rows] == [3, 6]


def test_headings_match_in_any_case_with_spaces_and_extra_columns():
    headings = [f"  {heading.upper()} " for heading in MENTOR_HEADINGS] + ["Timestamp"]
    data = make_csv(headings, [mentor() + ["2024-01-01 09:00"]])

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert errors == []
    assert "Timestamp" not in rows[0]


def test_a_missing_heading_is_named():
    headings = [h for h in MENTOR_HEADINGS if h not in ("grade", "profession")]
    data = make_csv(headings, [["Ada"]])

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert rows == []
    assert messages(errors) == [
        (1, "", "The heading row has no column for “grade”, “profession”.")
    ]


def test_a_mentees_file_in_the_mentors_place_is_recognised():
    data = (EXAMPLES / "mentees.csv").read_bytes()

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert "It looks like a mentees file." in errors[0].message


def test_a_grade_off_the_ladder_lists_the_allowed_grades():
    rows, errors = read_mentors(mentor(grade="Grade 8"), ladder=["Junior", "Senior"])

    assert rows == []
    assert messages(errors) == [
        (
            2,
            "grade",
            "“Grade 8” is not a grade in this cohort. Use one of: Junior, Senior.",
        )
    ]


def test_a_grade_is_stored_in_the_ladders_spelling():
    rows, errors = read_mentors(mentor(grade="  grade 7 "))

    assert errors == []
    assert rows[0]["grade"] == "Grade 7"


def test_a_missing_email_is_an_error():
    rows, errors = read_mentors(mentor(email_address="  "))

    assert rows == []
    assert messages(errors) == [(2, "email address", "This field is required.")]


def test_a_malformed_email_is_an_error():
    rows, errors = read_mentors(mentor(email_address="ada at example.org"))

    assert messages(errors) == [(2, "email address", "Enter a valid email address.")]


def test_a_duplicate_email_names_both_lines():
    rows_in = [
        mentor(),
        mentor(email_address="b@x.org"),
        mentor(email_address="ADA@example.org"),
    ]

    rows, errors = read_mentors(*rows_in)

    assert [error.line for error in errors] == [4]
    assert "ada@example.org is on line 2 and line 4." in errors[0].message


def test_a_missing_first_name_is_an_error():
    rows, errors = read_mentors(mentor(first_name=""))

    assert messages(errors) == [(2, "first name", "This field is required.")]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("YES", True),
        ("y", True),
        ("True", True),
        ("1", True),
        ("No", False),
        ("", False),
    ],
)
def test_yes_and_no_are_read_in_their_usual_spellings(answer, expected):
    rows, errors = read_mentors(mentor(both_mentor_and_mentee=answer))

    assert rows[0]["both_roles"] is expected


def test_a_bad_yes_or_no_names_its_field():
    rows, errors = read_mentors(mentor(both_mentor_and_mentee="maybe"))

    assert messages(errors) == [
        (2, "both mentor and mentee", "Enter yes or no, not “maybe”.")
    ]


def test_a_value_longer_than_the_model_allows_is_an_error():
    rows, errors = read_mentors(mentor(first_name="A" * 101))

    assert messages(errors) == [
        (2, "first name", "Ensure this value has at most 100 characters (it has 101).")
    ]


def test_every_bad_row_is_reported():
    rows_in = [
        mentor(grade=""),
        mentor(email_address="b@x.org"),
        mentor(email_address="c@", first_name=""),
    ]

    rows, errors = read_mentors(*rows_in)

    assert len(rows) == 1
    assert [(error.line, error.field) for error in errors] == [
        (2, "grade"),
        (4, "first name"),
        (4, "email address"),
    ]


def test_emails_are_stripped_and_lowercased():
    rows, errors = read_mentors(mentor(email_address="  Ada.Lovelace@Example.ORG "))

    assert rows[0]["email"] == "ada.lovelace@example.org"


def test_characteristics_spacing_is_normalised():
    rows, errors = read_mentors(mentor(characteristics=" Gay ,Non-binary,,  Lesbian"))

    assert rows[0]["characteristics"] == "Gay, Non-binary, Lesbian"


def test_an_excel_workbook_gets_a_plain_error():
    data = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256))

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert rows == []
    assert "This is an Excel workbook, not a CSV file." in str(errors[0])


def test_other_binary_data_gets_a_plain_error():
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert messages(errors) == [
        (None, "", "The file holds binary data, so it is not a CSV file.")
    ]


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n  \r\n"])
def test_an_empty_file_gets_a_plain_error(data):
    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert messages(errors) == [(None, "", "The file is empty.")]


def test_a_file_with_headings_only_has_no_rows_of_people():
    data = make_csv(MENTOR_HEADINGS, [])

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert messages(errors) == [(None, "", "The file has no rows of people.")]


def test_a_stray_quote_mark_names_the_row_it_is_in():
    data = make_csv(MENTOR_HEADINGS, [mentor(), mentor(email_address="b@x.org")])
    data += b'Cy,"Smith,c@x.org,no,,HEO,,,,\r\nDi,Jones,d@x.org,no,,HEO,,,,\r\n'

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert rows == []
    assert (errors[0].line, errors[0].field) == (4, "")
    assert errors[0].message.startswith("This row could not be read.")


def test_a_file_over_10_mb_is_rejected():
    data = make_csv(MENTOR_HEADINGS, [mentor()]) + b" " * 10 * 1024 * 1024

    rows, errors = read_participants(data, "mentor", CIVIL_SERVICE_GRADES)

    assert "larger than 10 MB" in errors[0].message


def test_a_file_over_the_row_limit_is_rejected(monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 2)
    rows_in = [mentor(email_address=f"{n}@x.org") for n in range(3)]

    rows, errors = read_mentors(*rows_in)

    assert rows == []
    assert errors[0].message.startswith("The file has more than 2 rows.")


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (
            RowError("mentors.csv", 4, "grade", "Bad."),
            "mentors.csv, line 4, grade: Bad.",
        ),
        (RowError("mentees.csv", None, "", "Empty."), "mentees.csv: Empty."),
    ],
)
def test_an_error_reads_as_file_line_field_and_reason(error, text):
    assert str(error) == text


def test_the_import_form_needs_a_file():
    form = ImportForm(data={}, files={})

    assert not form.is_valid()
    assert form.non_field_errors() == ["Choose a mentors file, a mentees file or both."]


def test_the_import_form_takes_one_file_alone():
    upload = SimpleUploadedFile("mentees.csv", b"first name\r\nAda\r\n")

    form = ImportForm(data={}, files={"mentees": upload})

    assert form.is_valid()
    assert form.cleaned_data["mentors"] is None


def test_the_import_form_rejects_a_file_over_10_mb():
    upload = SimpleUploadedFile("mentors.csv", b" " * (10 * 1024 * 1024 + 1))

    form = ImportForm(data={}, files={"mentors": upload})

    assert form.errors["mentors"][0].startswith("This file is 10.0 MB, and the limit")
