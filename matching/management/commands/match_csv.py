import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching import engine
from matching.mailing import write_mailing_lists
from matching.services import engine_inputs
from participants.importing import read_participants
from participants.models import CIVIL_SERVICE_GRADES, Participant


def read_file(path: Path, role: str) -> tuple[list[Participant], list]:
    """Unsaved Participant objects from one CSV file, and its problems.

    No database is used.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from error
    rows, errors = read_participants(
        data, role, CIVIL_SERVICE_GRADES, filename=path.name
    )
    for row in rows:
        del row["line"]
    return [Participant(role=role, **row) for row in rows], errors


class Command(BaseCommand):
    help = (
        "Match mentors.csv to mentees.csv with no web server and no database "
        "rows; write mentors-list.csv and mentees-list.csv to --out and print "
        "a one-line JSON summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mentors", type=Path, required=True)
        parser.add_argument("--mentees", type=Path, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument(
            "--mode", choices=["quality", "quantity"], default="quality"
        )

    def handle(self, *args, mentors, mentees, out, mode, **options):
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out} is a file; give a folder.")
        mentor_people, mentor_errors = read_file(mentors, Participant.Role.MENTOR)
        mentee_people, mentee_errors = read_file(mentees, Participant.Role.MENTEE)
        errors = mentor_errors + mentee_errors
        if errors:
            lines = "\n".join(f"  {error}" for error in errors)
            raise CommandError(f"{len(errors)} problem(s), nothing matched:\n{lines}")

        arrays = engine_inputs(mentor_people, mentee_people, CIVIL_SERVICE_GRADES)
        result = engine.match(*arrays, mode=mode)
        pairs = [(mentor_people[i], mentee_people[j]) for _, i, j, _ in result.pairs()]
        write_mailing_lists(out, mentor_people, mentee_people, pairs)
        self.stdout.write(json.dumps(result.summary()))
