"""Time the matching engine on the example data and on synthetic cohorts.

Run from the repository root:

    python -m matching.benchmark [--data-dir DIR] [--sizes 2000 10000]
        [--quantity-sizes 2000]

`--sizes` are synthetic cohorts (that many mentors and mentees) run in
"quality" mode; `--quantity-sizes` also run in "quantity" mode.

Each case runs in a fresh Python process, so its peak memory is its own.
Memory is the process's peak resident set size (`ru_maxrss`), which counts
everything, scipy's C++ buffers included; the part before the engine was
called (Python, numpy, scipy and the input arrays) is shown separately.
"""

import argparse
import csv
import json
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np

from matching.engine import Participants, match

GRADES = ("AA", "AO", "EO", "HEO", "SEO", "Grade 7", "Grade 6")
GRADES += ("SCS1", "SCS2", "SCS3", "SCS4")
IDENTITY_COUNT = 6
REPO = Path(__file__).resolve().parent.parent


def read_example(folder: Path) -> tuple[Participants, Participants]:
    """Read `mentors.csv` and `mentees.csv` in the original tool's format.

    Person codes are ranks of the sorted emails, organisation, profession
    and identity codes ranks of the sorted names; blanks become -1.
    """
    mentor_rows = _read_rows(folder / "mentors.csv")
    mentee_rows = _read_rows(folder / "mentees.csv")
    for row in mentor_rows:
        row["identities"] = [
            part for part in row["characteristics"].split(", ") if part
        ]
    for row in mentee_rows:
        row["identities"] = (
            [row["identity to match"]] if row["identity to match"] else []
        )
    rows = mentor_rows + mentee_rows
    codes = {
        "email address": _codes(row["email address"] for row in rows),
        "organisation": _codes(row["organisation"] for row in rows),
        "profession": _codes(row["profession"] for row in rows),
    }
    identities = _codes(value for row in rows for value in row["identities"])
    return (
        _participants(mentor_rows, codes, identities),
        _participants(mentee_rows, codes, identities),
    )


def _read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as file:
        return [
            {key: value.strip() for key, value in row.items()}
            for row in csv.DictReader(file)
        ]


def _codes(values) -> dict[str, int]:
    return {value: code for code, value in enumerate(sorted(set(values) - {""}))}


def _participants(rows: list[dict], codes: dict, identities: dict) -> Participants:
    matrix = np.zeros((len(rows), len(identities)), dtype=bool)
    for number, row in enumerate(rows):
        matrix[number, [identities[value] for value in row["identities"]]] = True
    columns = {
        name: np.array([table.get(row[name], -1) for row in rows], dtype=np.int64)
        for name, table in codes.items()
    }
    return Participants(
        person=columns["email address"],
        grade=np.array([GRADES.index(row["grade"]) for row in rows]),
        organisation=columns["organisation"],
        profession=columns["profession"],
        identities=matrix,
    )


def synthetic(size: int, seed: int = 0) -> tuple[Participants, Participants]:
    """A cohort of `size` mentors and `size` mentees like the example data.

    11 grades (mentors from EO up, mentees up to SCS2), 6 organisations, 5
    professions; half the mentors have 1 or 2 of 6 identities, and most
    mentees want to share one. The same size always gives the same cohort.
    """
    random = np.random.default_rng(seed)
    mentor_identities = np.zeros((size, IDENTITY_COUNT), dtype=bool)
    rows = np.flatnonzero(random.random(size) < 0.5)
    mentor_identities[rows, random.integers(0, IDENTITY_COUNT, rows.size)] = True
    rows = rows[random.random(rows.size) < 0.5]
    mentor_identities[rows, random.integers(0, IDENTITY_COUNT, rows.size)] = True
    mentee_identities = np.zeros((size, IDENTITY_COUNT), dtype=bool)
    rows = np.flatnonzero(random.random(size) < 0.85)
    mentee_identities[rows, random.integers(0, IDENTITY_COUNT, rows.size)] = True
    mentors = Participants(
        person=np.arange(size),
        grade=random.integers(2, 11, size),
        organisation=random.integers(0, 6, size),
        profession=random.integers(0, 5, size),
        identities=mentor_identities,
    )
    mentees = Participants(
        person=np.arange(size, 2 * size),
        grade=random.integers(0, 9, size),
        organisation=random.integers(0, 6, size),
        profession=random.integers(0, 5, size),
        identities=mentee_identities,
    )
    return mentors, mentees


def run_case(source: str, mode: str, data_dir: Path) -> dict:
    """Run one case in this process and return its figures."""
    if source.isdigit():
        mentors, mentees = synthetic(int(source))
    else:
        mentors, mentees = read_example(data_dir / source)
    before = _peak_megabytes()
    result = match(mentors, mentees, mode=mode)
    return {
        "case": f"{source} ({len(mentors)} x {len(mentees)}), {mode}",
        "seconds": result.seconds,
        "peak_mb": _peak_megabytes(),
        "before_mb": before,
        "summary": result.summary(),
    }


def _peak_megabytes() -> float:
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_in_child(source: str, mode: str, data_dir: Path) -> dict:
    command = [sys.executable, "-m", "matching.benchmark", "--data-dir", str(data_dir)]
    command += ["--case", source, mode]
    output = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 10000])
    parser.add_argument("--quantity-sizes", type=int, nargs="*", default=[])
    parser.add_argument("--case", nargs=2, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.case:
        print(json.dumps(run_case(*arguments.case, arguments.data_dir)))
        return

    cases = []
    if (arguments.data_dir / "example-500").is_dir():
        cases += [("example-500", "quality"), ("example-500", "quantity")]
    else:
        print(f"No example-500 folder in {arguments.data_dir}: skipping it.")
    cases += [(str(size), "quality") for size in arguments.sizes]
    cases += [(str(size), "quantity") for size in arguments.quantity_sizes]
    for source, mode in cases:
        figures = _run_in_child(source, mode, arguments.data_dir)
        summary = figures["summary"]
        print(
            f"{figures['case']}: {figures['seconds']:.3f} s, "
            f"peak memory {figures['peak_mb']:.0f} MB "
            f"({figures['before_mb']:.0f} MB before matching); "
            f"bonus {summary['unmatched_bonus']}, "
            f"pairs per round {summary['pairs_per_round']}, "
            f"scores {summary['score_per_round']}, "
            f"mentees by matches {summary['mentees_by_matches']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
