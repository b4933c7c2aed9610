"""The original tool's two mailing-list files, for existing mail merges.

The headings, including the 0-based "match 0 biography", are kept exactly as
the original tool wrote them, so templates built on those files still work.
Rows are built from any objects with the Participant fields, so the web
download and `manage.py match_csv` write the same files.
"""

import csv
import io
from pathlib import Path

MATCH_COLUMNS = 3
HEADINGS = [
    "type",
    "first name",
    "last name",
    "email address",
    "number of matches",
    "mentor only",
    "mentee only",
    "both mentor and mentee",
    *[f"match {n} biography" for n in range(MATCH_COLUMNS)],
    "match details",
]


# A cell starting with one of these runs as a formula when the file is
# opened in a spreadsheet, so text from sign-up forms gets a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _yes_no(value):
    return "yes" if value else "no"


def _details(person):
    parts = [
        person.full_name,
        person.email,
        person.job_title,
        person.grade,
        person.employer,
        person.profession,
    ]
    return ", ".join(part for part in parts if part)


def mailing_list_rows(role, people, matches_of, both_emails):
    """Yield one row dict per person of `role` ("mentor" or "mentee").

    `matches_of(person)` gives the people they were matched with, in round
    order; `both_emails` holds the emails of people in both files.
    """
    for person in people:
        matches = matches_of(person)
        both = person.both_roles or person.email in both_emails
        row = {
            "type": role,
            "first name": person.first_name,
            "last name": person.last_name,
            "email address": person.email,
            "number of matches": len(matches),
            "mentor only": _yes_no(role == "mentor" and not both),
            "mentee only": _yes_no(role == "mentee" and not both),
            "both mentor and mentee": _yes_no(both),
            "match details": "\n".join(_details(match) for match in matches),
        }
        for n in range(MATCH_COLUMNS):
            biography = matches[n].biography if n < len(matches) else ""
            row[f"match {n} biography"] = biography
        yield row


def mailing_list_csv(rows):
    """The rows as CSV text, in the original's column order."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADINGS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def mailing_lists(mentors, mentees, pairs):
    """Both files' text as {"mentors-list.csv": ..., "mentees-list.csv": ...}.

    `pairs` is a sequence of (mentor, mentee) in round order.
    """
    mentees_of, mentors_of = {}, {}
    for mentor, mentee in pairs:
        mentees_of.setdefault(id(mentor), []).append(mentee)
        mentors_of.setdefault(id(mentee), []).append(mentor)
    both = {m.email for m in mentors} & {m.email for m in mentees}

    def of(index):
        return lambda person: index.get(id(person), [])

    mentor_rows = mailing_list_rows("mentor", mentors, of(mentees_of), both)
    mentee_rows = mailing_list_rows("mentee", mentees, of(mentors_of), both)
    return {
        "mentors-list.csv": mailing_list_csv(mentor_rows),
        "mentees-list.csv": mailing_list_csv(mentee_rows),
    }


def write_mailing_lists(directory: Path, mentors, mentees, pairs):
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in mailing_lists(mentors, mentees, pairs).items():
        (directory / name).write_text(text, encoding="utf-8", newline="")
