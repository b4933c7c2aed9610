"""Import the original tool's mentors.csv and mentees.csv into a cohort.

`read_participants` turns one file's bytes into Participant field values
and errors, with no database. `import_participants` reads both files and,
only if every row of both is good, saves them in one transaction.
`read_records` does for the API's JSON records what `read_participants`
does for a file, and `save_participants` saves either in one transaction.
"""

import codecs
import csv
import io
import logging
from dataclasses import dataclass, field

from django.db import transaction

from participants.forms import MAX_UPLOAD_BYTES, ParticipantRowForm, normalise
from participants.models import Cohort, Participant

logger = logging.getLogger(__name__)

MAX_ROWS = 20_000
DELIMITERS = ",;\t"
# The most records one API request may upsert.
MAX_RECORDS = 10_000

Role = Participant.Role

# Each file's headings, in the original tool's order, and the field each
# column fills. Every heading must be present.
COMMON_COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "email address": "email",
    "both mentor and mentee": "both_roles",
    "job title": "job_title",
    "grade": "grade",
    "organisation": "employer",
    "profession": "profession",
}
COLUMNS = {
    Role.MENTOR: {
        **COMMON_COLUMNS,
        "characteristics": "characteristics",
        "biography": "biography",
    },
    Role.MENTEE: {
        **COMMON_COLUMNS,
        "match with similar identity": "match_similar_identity",
        "identity to match": "identity_to_match",
        "biography": "biography",
    },
}

# The fields an API record may give, whatever its role.
RECORD_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "both_roles",
    "job_title",
    "grade",
    "employer",
    "profession",
    "biography",
    "characteristics",
    "match_similar_identity",
    "identity_to_match",
]
YES_NO_FIELDS = {"both_roles", "match_similar_identity"}

# Each field's heading, to name it in errors.
HEADINGS = {
    name: heading for columns in COLUMNS.values() for heading, name in columns.items()
}

# Excel workbooks: .xlsx is a zip file, the older .xls an OLE2 file.
WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@dataclass(frozen=True)
class RowError:
    """One problem in an import, named as a person would look for it.

    `file` is "mentors.csv" or "mentees.csv", `line` the line of the file
    where the row starts (the heading is line 1), `field` the column's
    heading. A problem with the whole file has no field, and no line unless
    one line stopped the reading.
    """

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self):
        place = [self.file] if self.file else []
        if self.line:
            place.append(f"line {self.line}")
        if self.field:
            place.append(self.field)
        return f"{', '.join(place)}: {self.message}" if place else self.message


@dataclass
class ImportReport:
    """What an import did: counts per role ("mentor", "mentee") and errors.

    When there are errors, nothing was saved and both counts are zero.
    """

    created: dict[str, int] = field(
        default_factory=lambda: {Role.MENTOR.value: 0, Role.MENTEE.value: 0}
    )
    updated: dict[str, int] = field(
        default_factory=lambda: {Role.MENTOR.value: 0, Role.MENTEE.value: 0}
    )
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        """One line for a message or a command's output."""
        if not self.ok:
            return f"Nothing was imported: {len(self.errors)} problem(s) to fix."
        return " ".join(
            f"{role.title()}s: {self.created[role]} new, {self.updated[role]} updated."
            for role in self.created
            if self.created[role] or self.updated[role]
        )


@dataclass(frozen=True)
class RecordError:
    """One problem in an API upload: the record's index in the list, the
    field (blank for the record as a whole), the message and a short code."""

    index: int
    field: str
    message: str
    code: str


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.line = line


def read_participants(data: bytes, role, grade_ladder, filename=None):
    """Read one CSV file in the original tool's format, without a database.

    Returns `(rows, errors)`. Each row is a dict of the Participant fields
    the role's file has (see `COLUMNS`), plus "line": the line where the row
    starts. Errors are `RowError`s, every one found, in line order; a row
    with errors is left out of `rows`. A file that cannot be read at all
    gives no rows and one error saying why.
    """
    role = Role(role)
    filename = filename or f"{role}s.csv"

    try:
        records = _records(_decode(data))
        positions = _column_positions(records, role)
        rows, errors = _read_rows(records, positions, grade_ladder, filename)
    except FileProblem as problem:
        return [], [RowError(filename, problem.line, "", str(problem))]

    if not rows and not errors:
        errors.append(RowError(filename, None, "", "The file has no rows of people."))
    return rows, errors


def import_participants(
    cohort, mentors=None, mentees=None, source=Participant.Source.IMPORT
):
    """Create or update a cohort's mentors and mentees from CSV files.

    `mentors` and `mentees` are uploaded files or bytes; either may be None.
    Both are read first, and if any row of either is bad nothing is saved.
    Otherwise one transaction creates the new people and updates those
    already in the cohort with the same role and email. Returns an
    `ImportReport`.
    """
    report = ImportReport()
    uploads = {Role.MENTOR: mentors, Role.MENTEE: mentees}
    rows = {}
    for role, upload in uploads.items():
        if upload is not None:
            rows[role], errors = read_participants(
                _read_upload(upload), role, cohort.grade_ladder
            )
            report.errors.extend(errors)

    if not rows:
        message = "Choose a mentors file, a mentees file or both."
        report.errors.append(RowError("", None, "", message))
    if report.errors:
        return report
    return save_participants(cohort, rows, source)


def read_records(records: list, grade_ladder):
    """Check the API's participant records as the import checks CSV rows.

    `records` is parsed JSON: objects with a "role" and any of
    `RECORD_FIELDS`; a missing or null field is blank. Returns `(rows,
    errors)`: rows by role, each a dict of every field in `RECORD_FIELDS`,
    cleaned by ParticipantRowForm; errors are `RecordError`s, every one
    found, in order. No database.
    """
    rows = {Role.MENTOR: [], Role.MENTEE: []}
    errors, first_index = [], {}
    form = ParticipantRowForm(grade_ladder=grade_ladder)
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            message = "Each participant must be a JSON object."
            errors.append(RecordError(index, "", message, "invalid"))
            continue

        role = record.get("role")
        values, record_errors = _record_values(index, record)
        if role not in Role.values:
            message = "Choose “mentor” or “mentee”."
            record_errors.append(RecordError(index, "role", message, "invalid_choice"))
        form.check(values)
        wrong_type = {error.field for error in record_errors}
        record_errors.extend(
            RecordError(index, name, " ".join(problem.messages), problem.code)
            for name, problems in form.errors.as_data().items()
            if name not in wrong_type
            for problem in problems
        )
        email = form.cleaned_data.get("email")
        if email and role in Role.values:
            first = first_index.setdefault((role, email), index)
            if first != index:
                message = f"This {role} is also number {first} in the list."
                record_errors.append(RecordError(index, "email", message, "duplicate"))

        if record_errors:
            errors.extend(record_errors)
        else:
            cleaned = {name: form.cleaned_data[name] for name in RECORD_FIELDS}
            rows[Role(role)].append(cleaned)
    return rows, errors


def save_participants(cohort, rows: dict, source, fields=None) -> ImportReport:
    """Create or update good rows, by role, in one transaction.

    A person already in the cohort with the same role and email is updated;
    anyone else is created. `fields` are the fields written, by default
    those of the role's CSV file. Returns the counts in an `ImportReport`.
    """
    report = ImportReport()
    with transaction.atomic():
        # Locking the cohort makes two uploads to it take turns, so neither
        # creates a person the other has just created.
        cohorts = Cohort.objects.for_organisation(cohort.organisation)
        cohorts.select_for_update().get(pk=cohort.pk)
        for role, role_rows in rows.items():
            role_fields = fields or list(COLUMNS[role].values())
            created, updated = _save_rows(cohort, role, role_rows, source, role_fields)
            report.created[role.value] = created
            report.updated[role.value] = updated

    logger.info(
        "Import applied: cohort=%s created=%s updated=%s",
        cohort.pk,
        sum(report.created.values()),
        sum(report.updated.values()),
    )
    return report


def _record_values(index, record):
    """A record's values as the row form reads cells; wrongly typed ones fail.

    A field the API does not know is an error, not ignored: a caller who
    sends "organisation" for "employer" would otherwise lose it unseen.
    """
    values, errors = {}, []
    known = {"role", "id", *RECORD_FIELDS}
    for name in sorted(set(record) - known):
        message = f"There is no field “{name}”."
        if name == "organisation":
            message += " The person's employer goes in “employer”."
        errors.append(RecordError(index, name, message, "unknown_field"))
    for name in RECORD_FIELDS:
        value = record.get(name)
        if value is None:
            value = ""
        elif isinstance(value, bool) and name in YES_NO_FIELDS:
            value = "yes" if value else "no"
        elif not isinstance(value, str):
            kind = "true or false" if name in YES_NO_FIELDS else "text"
            errors.append(RecordError(index, name, f"Give {kind}.", "invalid"))
            value = ""
        values[name] = value
    return values, errors


def _decode(data):
    """Turn the file's bytes into text, or say plainly why they are not."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileProblem(
            "The file is larger than 10 MB. Split it into smaller files "
            "and upload them one at a time."
        )
    if data.startswith(WORKBOOK_SIGNATURES):
        raise FileProblem(
            "This is an Excel workbook, not a CSV file. In Excel, choose "
            "File, Save As, and the type “CSV UTF-8”, then upload that file."
        )

    # Excel saves "Unicode text" as UTF-16 with a byte-order mark; "CSV"
    # on Windows as Windows-1252, which is what to try when UTF-8 fails.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileProblem("The file is not text. Save it as “CSV UTF-8” and try again.")

    if "\x00" in text:
        raise FileProblem("The file holds binary data, so it is not a CSV file.")
    if not text.strip():
        raise FileProblem("The file is empty.")
    return text


def _records(text):
    """Yield `(line, cells)` for each record, line being where it starts."""
    first_line = next(line for line in io.StringIO(text, newline="") if line.strip())
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=DELIMITERS)
        delimiter, skipinitialspace = dialect.delimiter, dialect.skipinitialspace
    except csv.Error:
        delimiter, skipinitialspace = ",", False

    # Strict, so that a stray quote mark stops the reading at its row
    # instead of quietly swallowing the rows after it into one cell.
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        skipinitialspace=skipinitialspace,
        strict=True,
    )
    while True:
        line = reader.line_num + 1
        try:
            yield line, next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise FileProblem(
                "This row could not be read. Check its quote marks: a cell that "
                "starts with a quote mark must end with one, and a quote mark "
                "inside such a cell is written twice.",
                line=line,
            ) from None


def _column_positions(records, role):
    """Read the heading row and map each field to its column's index."""
    for _line, cells in records:
        if any(cell.strip() for cell in cells):
            break
    headings = [normalise(cell) for cell in cells]

    columns = COLUMNS[role]
    missing = [heading for heading in columns if heading not in headings]
    if missing:
        names = ", ".join(f"“{heading}”" for heading in missing)
        message = f"The heading row has no column for {names}."
        other = Role.MENTEE if role == Role.MENTOR else Role.MENTOR
        if all(heading in headings for heading in COLUMNS[other]):
            message += f" It looks like a {other}s file."
        raise FileProblem(message, line=1)
    return {columns[heading]: headings.index(heading) for heading in columns}


def _read_rows(records, positions, grade_ladder, filename):
    """Validate each row with ParticipantRowForm; return `(rows, errors)`."""
    rows, errors, email_lines = [], [], {}
    form = ParticipantRowForm(grade_ladder=grade_ladder)
    for count, (line, values) in enumerate(_filled(records, positions), start=1):
        if count > MAX_ROWS:
            raise FileProblem(
                f"The file has more than {MAX_ROWS:,} rows. Split it into "
                "smaller files and upload them one at a time."
            )

        form.check(values)
        row_errors = [
            RowError(filename, line, HEADINGS.get(name, ""), message)
            for name, messages in form.errors.items()
            for message in messages
        ]
        email = form.cleaned_data.get("email")
        if email in email_lines:
            message = (
                f"{email} is on line {email_lines[email]} and line {line}. "
                "Each person can be in the file only once."
            )
            row_errors.append(RowError(filename, line, "email address", message))
        elif email:
            email_lines[email] = line

        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append({name: form.cleaned_data[name] for name in values})
            rows[-1]["line"] = line
    return rows, errors


def _filled(records, positions):
    """Yield `(line, values)` for each row, skipping blank ones."""
    for line, cells in records:
        values = {
            name: cells[index] if index < len(cells) else ""
            for name, index in positions.items()
        }
        if any(value.strip() for value in values.values()):
            yield line, values


def _read_upload(upload):
    """The bytes of an uploaded file, read only as far as the size limit."""
    if isinstance(upload, bytes | bytearray):
        return bytes(upload)
    upload.seek(0)
    return upload.read(MAX_UPLOAD_BYTES + 1)


def _save_rows(cohort, role, rows, source, fields):
    """Create the new people and update the existing ones; return both counts.

    People already in the cohort count as updated even when the file holds
    nothing new about them, but only those with a changed value are written.
    """
    people = Participant.objects.for_organisation(cohort.organisation)
    existing = {
        person.email.lower(): person
        for person in people.filter(cohort=cohort, role=role)
    }

    new, changed = [], []
    for row in rows:
        values = {name: row[name] for name in fields}
        person = existing.get(row["email"])
        if person is None:
            # bulk_create skips Participant.save, which would lowercase the
            # email; the row form has lowercased it already.
            new.append(
                Participant(
                    organisation=cohort.organisation,
                    cohort=cohort,
                    role=role,
                    source=source,
                    **values,
                )
            )
        elif any(getattr(person, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(person, name, value)
            changed.append(person)

    Participant.objects.bulk_create(new, batch_size=500)
    # One UPDATE per person: on SQLite, bulk_update's CASE statements take
    # several times longer for a few thousand rows.
    for person in changed:
        person.save(update_fields=fields)
    return len(new), len(rows) - len(new)
