import csv
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

EXAMPLES = Path(settings.BASE_DIR) / "examples"


def run_command(tmp_path, *extra, mentors=EXAMPLES / "mentors.csv"):
    call_command(
        "match_csv",
        "--mentors",
        str(mentors),
        "--mentees",
        str(EXAMPLES / "mentees.csv"),
        "--out",
        str(tmp_path / "out"),
        *extra,
    )


def test_match_csv_writes_both_lists_and_a_json_summary(tmp_path, capsys):
    run_command(tmp_path)

    summary = json.loads(capsys.readouterr().out)
    with open(tmp_path / "out" / "mentees-list.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 50
    assert sum(int(row["number of matches"]) for row in rows) == sum(
        summary["pairs_per_round"]
    )
    assert (tmp_path / "out" / "mentors-list.csv").exists()


def test_match_csv_touches_no_database(tmp_path, capsys):
    # No db fixture: pytest-django makes any query here an error.
    run_command(tmp_path, "--mode", "quantity")

    summary = json.loads(capsys.readouterr().out)
    assert summary["mode"] == "quantity"


def test_match_csv_names_the_bad_rows(tmp_path):
    bad = tmp_path / "mentors.csv"
    bad.write_text(
        "first name,last name,email address,both mentor and mentee,job title,"
        "grade,organisation,profession,characteristics,biography\n"
        "Ana,Lee,not-an-email,no,Analyst,HEO,DfE,Policy,,\n"
    )

    with pytest.raises(CommandError, match="line 2"):
        run_command(tmp_path, mentors=bad)

    assert not (tmp_path / "out").exists()


def test_match_csv_reports_the_problems_of_both_files(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("first name\nAna\n")

    with pytest.raises(CommandError) as raised:
        call_command(
            "match_csv", "--mentors", bad, "--mentees", bad, "--out", tmp_path / "o"
        )

    assert str(raised.value).count("bad.csv") == 2


def test_match_csv_refuses_a_file_as_the_output_folder(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("")

    with pytest.raises(CommandError, match="is a file"):
        run_command(tmp_path / "x", "--out", str(taken))
