"""Our engine against the original tool, mentor-match 7.0.1, on its own data.

mentor-match installs a top-level package called `matching`, the same name
as ours, so it runs in a separate Python (`-I`: no current directory and no
PYTHONPATH on its path) that prints its round-one figures as JSON.
"""

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import numpy as np
import pytest

from matching.benchmark import read_example
from matching.engine import match, pair_scores

# The 50 + 50 example cohort, which came from the original tool.
EXAMPLE = Path(__file__).resolve().parents[2] / "examples"

# The original tool's rules, built with its own classes. Its CSV headings
# are mapped onto its keyword arguments, and the identity attributes that
# its rules do not know about are added to the people by hand.
ORIGINAL_ROUND_ONE = """
import csv, json, operator, sys
from pathlib import Path

from matching import process
from matching.mentee import Mentee
from matching.mentor import Mentor
from matching.rules import rule as rl

GRADES = ["AA", "AO", "EO", "HEO", "SEO", "Grade 7", "Grade 6",
          "SCS1", "SCS2", "SCS3", "SCS4"]


def people(kind, folder):
    path = Path(folder) / f"{kind.__str__()}s.csv"
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    found = []
    for row in rows:
        person = kind(**{**row, "email": row["email address"],
                         "grade": GRADES.index(row["grade"])})
        person.characteristics = [
            part for part in row.get("characteristics", "").split(", ") if part
        ]
        person.identity = row.get("identity to match", "")
        found.append(person)
    return found


mentors = people(Mentor, sys.argv[1])
mentees = people(Mentee, sys.argv[1])
rules = [
    rl.Disqualify(lambda match: match.mentor.organisation == match.mentee.organisation),
    rl.Disqualify(rl.Grade(2, operator.gt).evaluate),
    rl.Disqualify(rl.Grade(0, operator.le).evaluate),
    rl.Grade(1, operator.eq, {True: 9, False: 0}),
    rl.Grade(2, operator.eq, {True: 12, False: 0}),
    rl.Equivalent("profession", {True: 10, False: 0}),
    rl.Generic(
        {True: 6, False: 0},
        lambda match: bool(match.mentee.identity)
        and match.mentee.identity in match.mentor.characteristics,
    ),
    rl.UnmatchedBonus(6),
]
matrix = process.generate_match_matrix(mentors, mentees, rules)
scores = [[pair.score for pair in row] for row in matrix]
process.match_and_assign_participants(matrix)
total = sum(
    scores[i][j]
    for i, mentor in enumerate(mentors)
    for j, mentee in enumerate(mentees)
    if mentee in mentor.mentees
)
print(json.dumps({"scores": scores, "total": total}))
"""


def original_installed():
    try:
        return metadata.version("mentor-match") == "7.0.1"
    except metadata.PackageNotFoundError:
        return False


pytestmark = [
    pytest.mark.skipif(
        not original_installed(),
        reason="needs mentor-match 7.0.1: pip install -r requirements-dev.txt",
    ),
    pytest.mark.skipif(
        not EXAMPLE.is_dir(),
        reason=f"needs the example cohort in {EXAMPLE}",
    ),
]


@pytest.fixture(scope="module")
def original():
    command = [sys.executable, "-I", "-c", ORIGINAL_ROUND_ONE, str(EXAMPLE)]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=300
    )
    return json.loads(output.stdout)


def test_every_pair_scores_as_in_the_original_tool(original):
    mentors, mentees = read_example(EXAMPLE)

    scores = pair_scores(mentors, mentees)

    assert np.array_equal(np.maximum(scores, 0), original["scores"])
    assert (scores > 0).sum() > 100


def test_round_one_total_equals_the_original_tools(original):
    mentors, mentees = read_example(EXAMPLE)

    result = match(mentors, mentees)

    assert result.rounds[0].total == original["total"]
