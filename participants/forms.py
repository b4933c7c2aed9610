from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from participants import validators
from participants.models import Cohort, Participant
from participants.validators import normalise

# The largest CSV file an import accepts. The reader checks it too, for
# callers that hand it bytes without going through ImportForm.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

YES_ANSWERS = {"yes", "y", "true", "1"}
NO_ANSWERS = {"no", "n", "false", "0", ""}


class YesNoField(forms.Field):
    """A yes/no answer as spreadsheets write it. Blank means no."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        answer = (value or "").strip()
        if answer.lower() in YES_ANSWERS:
            return True
        if answer.lower() in NO_ANSWERS:
            return False
        raise ValidationError(
            "Enter yes or no, not “%(answer)s”.",
            code="invalid",
            params={"answer": answer},
        )


def model_field(name):
    """The form field for a Participant field: its max_length and blank rule."""
    return Participant._meta.get_field(name).formfield()


class ParticipantRowForm(forms.Form):
    """One row of mentors.csv or mentees.csv, cleaned into Participant values.

    The data is the row's cells keyed by field name; a field the file has no
    column for is left blank. `grade_ladder` is the cohort's list of grades:
    the grade must be one of them and comes back in the ladder's spelling.
    Emails come back stripped and lowercased. A plain form rather than a
    ModelForm, because an import may validate 20,000 rows and needs no
    model instance for any of them.
    """

    first_name = model_field("first_name")
    last_name = model_field("last_name")
    email = model_field("email")
    both_roles = YesNoField()
    job_title = model_field("job_title")
    grade = model_field("grade")
    employer = model_field("employer")
    profession = model_field("profession")
    characteristics = model_field("characteristics")
    match_similar_identity = YesNoField()
    identity_to_match = model_field("identity_to_match")
    biography = model_field("biography")

    def __init__(self, *args, grade_ladder, **kwargs):
        super().__init__(*args, **kwargs)
        self.grade_ladder = list(grade_ladder)
        self.grades = {normalise(grade): grade for grade in self.grade_ladder}

    def check(self, values):
        """Bind the form to another row's values and clean them.

        Returns whether the row is good; `errors` and `cleaned_data` then
        describe it. A new form per row would copy every field first, which
        takes ten times as long as the cleaning when an import checks
        thousands of rows; the fields keep no row's state, so one form can
        check every row in turn.
        """
        self.data, self.is_bound = values, True
        self.full_clean()
        return not self.errors

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_grade(self):
        grade = self.cleaned_data["grade"]
        if normalise(grade) not in self.grades:
            raise ValidationError(
                "“%(grade)s” is not a grade in this cohort. Use one of: %(allowed)s.",
                code="invalid_grade",
                params={"grade": grade, "allowed": ", ".join(self.grade_ladder)},
            )
        return self.grades[normalise(grade)]

    def clean_characteristics(self):
        # Kept as text, but always written "A, B, C" so that the list reads
        # the same whichever tool or person typed it.
        parts = self.cleaned_data["characteristics"].split(",")
        return ", ".join(" ".join(part.split()) for part in parts if part.strip())


class ImportForm(forms.Form):
    """The upload page's form: a mentors file, a mentees file, or both."""

    mentors = forms.FileField(
        required=False,
        label="Mentors file",
        help_text="mentors.csv, as the original tool exports it.",
    )
    mentees = forms.FileField(
        required=False,
        label="Mentees file",
        help_text="mentees.csv, as the original tool exports it.",
    )

    def clean_mentors(self):
        return check_upload_size(self.cleaned_data["mentors"])

    def clean_mentees(self):
        return check_upload_size(self.cleaned_data["mentees"])

    def clean(self):
        cleaned_data = super().clean()
        # A file that failed its own checks already has an error to show.
        if self.errors:
            return cleaned_data
        if not cleaned_data.get("mentors") and not cleaned_data.get("mentees"):
            raise ValidationError(
                "Choose a mentors file, a mentees file or both.", code="no_file"
            )
        return cleaned_data


def check_upload_size(upload):
    """Reject an uploaded file over the size limit before anyone reads it."""
    if upload and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size).1f MB, and the limit is 10 MB. "
            "Split it into smaller files and upload them one at a time.",
            code="too_large",
            params={"size": upload.size / 1024 / 1024},
        )
    return upload


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name"]
        help_texts = {"name": "For example “Spring 2027 mentoring scheme”."}


class LinesField(forms.CharField):
    """A list of names typed one a line."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line for line in super().to_python(value).splitlines()]


class GapPointsField(forms.CharField):
    """Points per grade gap typed as “1 = 9, 2 = 12”."""

    def prepare_value(self, value):
        if isinstance(value, dict):
            return ", ".join(f"{gap} = {points}" for gap, points in value.items())
        return value

    def to_python(self, value):
        points = {}
        for part in super().to_python(value).replace("\n", ",").split(","):
            if not part.strip():
                continue
            gap, equals, number = part.partition("=")
            if not equals or not number.strip().isdigit():
                raise ValidationError(
                    "Write “%(part)s” as a gap and its points, such as “1 = 9”.",
                    code="invalid",
                    params={"part": part.strip()},
                )
            if gap.strip() in points:
                raise ValidationError(
                    "The gap %(gap)s is given twice: give each gap once.",
                    code="duplicate",
                    params={"gap": gap.strip()},
                )
            points[gap.strip()] = int(number)
        return points


DATE_TIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


class CohortSettingsForm(forms.ModelForm):
    """Everything a programme manager sets for a cohort, on one page.

    The checks are `participants.validators`', which the API uses too.
    """

    grade_ladder = LinesField(
        label="Grade ladder",
        help_text="One grade a line, lowest first. A mentor is matched with "
        "mentees below them on this ladder.",
    )
    professions = LinesField(
        required=False,
        label="Professions offered",
        help_text="One a line. Leave empty to let people type their own.",
    )
    identity_options = LinesField(
        required=False,
        label="Identity options offered",
        help_text="One a line, such as “Woman” or “Carer”. Leave empty to let "
        "people type their own.",
    )
    grade_gap_points = GapPointsField(
        label="Grade gaps allowed, and their points",
        help_text="How many grades above the mentee a mentor may be, and the "
        "points each gap earns: “1 = 9, 2 = 12” allows a mentor one or two "
        "grades above, and prefers two. A gap not listed is never matched; "
        "0 means the same grade.",
    )

    # Shown on the page in this order, one box per heading.
    SECTIONS = [
        (
            "Registration",
            [
                "registration_opens",
                "registration_closes",
                "registration_closed_now",
            ],
        ),
        ("Matches per person", ["mentor_capacity", "mentee_capacity"]),
        (
            "What people choose from",
            ["grade_ladder", "professions", "identity_options"],
        ),
        (
            "Scoring",
            [
                "grade_gap_points",
                "same_profession_points",
                "shared_identity_points",
                "unmatched_bonus",
                "exclude_same_employer",
            ],
        ),
        ("Consent", ["consent_text", "privacy_notice"]),
    ]

    class Meta:
        model = Cohort
        fields = validators.SETTINGS_FIELDS
        widgets = {
            "registration_opens": DATE_TIME,
            "registration_closes": DATE_TIME,
            "consent_text": forms.Textarea(attrs={"rows": 4}),
            "privacy_notice": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "registration_opens": "Registration opens",
            "registration_closes": "Registration closes",
            "registration_closed_now": "Close registration now",
            "mentor_capacity": "Mentees per mentor, at most",
            "mentee_capacity": "Mentors per mentee, at most",
            "same_profession_points": "Points for the same profession",
            "shared_identity_points": "Points for a shared identity",
            "unmatched_bonus": "Points for someone without a match yet",
            "exclude_same_employer": "Never match people from the same employer",
            "consent_text": "Consent text",
            "privacy_notice": "Privacy notice",
        }
        help_texts = {
            "registration_opens": "Leave empty to open as soon as the form is "
            f"shared. Times are {settings.TIME_ZONE} time.",
            "registration_closes": "Leave empty to keep it open until you close it.",
            "registration_closed_now": "Closes the sign-up form at once, "
            "whatever the dates say.",
            "mentor_capacity": "From 1 to 10. A mentor may choose a lower limit "
            "for themself when they register.",
            "mentee_capacity": "From 1 to 10. Many programmes give each mentee "
            "one mentor.",
            "same_profession_points": "Added when mentor and mentee give the "
            "same profession. From 0 to 1,000.",
            "shared_identity_points": "Added when the identity a mentee asks to "
            "share is one the mentor has. From 0 to 1,000.",
            "unmatched_bonus": "Added in each round to a pair where one of the "
            "two has no match yet, so more people get one. “Most mentees "
            "matched” tries other values too.",
            "consent_text": "What people agree to when they register.",
            "privacy_notice": "How their answers are used and kept. Changing "
            "either text starts a new version, so you know which one each "
            "person agreed to.",
        }

    def sections(self):
        """(heading, bound fields) for each box of the page."""
        return [
            (heading, [self[name] for name in names])
            for heading, names in self.SECTIONS
        ]

    def clean(self):
        cleaned_data = super().clean()
        try:
            cleaned_data.update(validators.clean_settings(cleaned_data, self.instance))
        except ValidationError as error:
            # Its messages are by field, and add_error puts each by its field.
            self.add_error(None, error)
        return cleaned_data
