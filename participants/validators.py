"""Checks on a cohort's settings, shared by the settings page and the API.

Each takes plain Python values (lists, dicts, numbers), so the page's
form and the API's serializer parse their own input and then meet the
same rules. Each raises Django's ValidationError with a code.
"""

from django.core.exceptions import ValidationError

from participants.models import MAX_POINTS

# Longest texts, as the participant fields that hold them allow.
MAX_GRADE_LENGTH = 50
MAX_OPTION_LENGTH = 200
MAX_OPTIONS = 200
# Registration dates must fall in these years.
FIRST_YEAR, LAST_YEAR = 2000, 2199

# What an admin sets for a cohort, on its settings page and in the API.
SETTINGS_FIELDS = [
    "registration_opens",
    "registration_closes",
    "registration_closed_now",
    "mentor_capacity",
    "mentee_capacity",
    "grade_ladder",
    "professions",
    "identity_options",
    "grade_gap_points",
    "same_profession_points",
    "shared_identity_points",
    "unmatched_bonus",
    "exclude_same_employer",
    "consent_text",
    "privacy_notice",
]


def normalise(text):
    """Fold text for matching: case, and surrounding and repeated spaces."""
    return " ".join(text.split()).casefold()


def clean_options(values, what, most=MAX_OPTIONS):
    """A list of distinct names, tidied; blank entries are dropped.

    `what` names one entry in the messages ("grade", "profession").
    """
    names = [" ".join(value.split()) for value in values if value.strip()]
    if len(names) > most:
        raise ValidationError(f"List at most {most} of them.", code="max_length")
    longest = MAX_GRADE_LENGTH if what == "grade" else MAX_OPTION_LENGTH
    for name in names:
        if len(name) > longest:
            raise ValidationError(
                f"“{name[:20]}…” is too long: a {what} has at most {longest} "
                "characters.",
                code="max_length",
            )
    seen = set()
    for name in names:
        if normalise(name) in seen:
            raise ValidationError(
                f"“{name}” is in the list twice: list each {what} once.",
                code="duplicate",
            )
        seen.add(normalise(name))
    return names


def clean_grade_ladder(grades, cohort=None):
    """The grades, lowest first: at least one, each once, and every grade a
    participant of the saved `cohort` has (the engine ranks everyone by it)."""
    ladder = clean_options(grades, "grade", most=50)
    if not ladder:
        raise ValidationError("List at least one grade.", code="required")

    if cohort is not None and cohort.pk is not None:
        kept = {normalise(grade) for grade in ladder}
        in_use = set(cohort.participants.values_list("grade", flat=True))
        missing = sorted(grade for grade in in_use if normalise(grade) not in kept)
        if missing:
            raise ValidationError(
                "Participants in this cohort have grades the new ladder "
                f"does not have: {', '.join(missing)}.",
                code="grade_in_use",
            )
    return ladder


def clean_grade_gap_points(points):
    """{gap: points} with whole-number gaps from 0 and points from 0 to
    MAX_POINTS, returned as {"1": 9, …} in gap order (JSON keys are text)."""
    if not points:
        raise ValidationError(
            "Allow at least one grade gap, such as “1 = 9”.", code="required"
        )
    cleaned = {}
    for gap, value in points.items():
        try:
            gap_number = int(str(gap).strip())
        except ValueError:
            raise ValidationError(
                f"“{gap}” is not a grade gap: use a whole number such as 1 or 2.",
                code="invalid_gap",
            ) from None
        if gap_number < 0:
            raise ValidationError(
                f"A gap of {gap_number} would put the mentor below the mentee: "
                "use 0 (same grade) or more.",
                code="invalid_gap",
            )
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                f"The points for a gap of {gap_number} must be a whole number.",
                code="invalid_points",
            )
        if not 0 <= value <= MAX_POINTS:
            raise ValidationError(
                f"The points for a gap of {gap_number} must be from 0 to "
                f"{MAX_POINTS:,}.",
                code="invalid_points",
            )
        if str(gap_number) in cleaned:
            raise ValidationError(
                f"The gap {gap_number} is given twice.", code="duplicate"
            )
        cleaned[str(gap_number)] = value
    return dict(sorted(cleaned.items(), key=lambda item: int(item[0])))


def clean_registration_date(moment):
    """A registration date in a year a programme could run; None is fine.

    Far-off years are typing mistakes, and dates before 1900 would come
    back in the time zone's local mean time, with an offset in seconds.
    """
    if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValidationError(
            f"Give a date from {FIRST_YEAR} to {LAST_YEAR}, not in {moment.year}.",
            code="invalid_date",
        )
    return moment


def clean_settings(values, cohort=None, saved=None):
    """Check and tidy the settings in `values`, a dict by field name.

    `cohort` is the cohort they are for (None for a new one), and `saved`
    its other settings, against which the rules between settings are
    checked too. Returns the tidied values; raises one ValidationError
    naming each field at fault.
    """
    checks = {
        "grade_ladder": lambda ladder: clean_grade_ladder(ladder, cohort),
        "professions": lambda names: clean_options(names, "profession"),
        "identity_options": lambda names: clean_options(names, "identity option"),
        "grade_gap_points": clean_grade_gap_points,
        "registration_opens": clean_registration_date,
        "registration_closes": clean_registration_date,
    }
    cleaned, errors = dict(values), {}
    for name, check in checks.items():
        if name in values:
            try:
                cleaned[name] = check(values[name])
            except ValidationError as error:
                errors[name] = error
    if errors:
        raise ValidationError(errors)

    check_settings({**(saved or {}), **cleaned})
    return cleaned


def check_settings(values):
    """Rules between settings, over a dict of every setting's value.

    Raises one ValidationError with a message for each field at fault.
    """
    errors = {}
    opens, closes = values.get("registration_opens"), values.get("registration_closes")
    if opens and closes and closes <= opens:
        errors["registration_closes"] = ValidationError(
            "Registration must close after it opens.", code="closes_before_opens"
        )

    ladder, gaps = values.get("grade_ladder"), values.get("grade_gap_points")
    if ladder and gaps:
        impossible = [gap for gap in gaps if int(gap) >= len(ladder)]
        if impossible:
            errors["grade_gap_points"] = ValidationError(
                f"A gap of {impossible[0]} grades cannot happen on a ladder of "
                f"{len(ladder)} grades.",
                code="invalid_gap",
            )
    if errors:
        raise ValidationError(errors)


def check_mentee_limit(limit, role, cohort):
    """A mentor's own limit on mentees: at most the cohort's mentor capacity."""
    if limit is None:
        return
    if role != "mentor":
        raise ValidationError(
            "Only a mentor has a mentee limit; leave it blank for a mentee.",
            code="not_a_mentor",
        )
    if limit > cohort.mentor_capacity:
        raise ValidationError(
            f"A mentor in this cohort takes at most {cohort.mentor_capacity} "
            "mentees, so their own limit can be at most that.",
            code="above_capacity",
        )
