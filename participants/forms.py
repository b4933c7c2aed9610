from django import forms
from django.core.exceptions import ValidationError

from participants.models import Cohort, Participant

# The largest CSV file an import accepts. The reader checks it too, for
# callers that hand it bytes without going through ImportForm.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

YES_ANSWERS = {"yes", "y", "true", "1"}
NO_ANSWERS = {"no", "n", "false", "0", ""}


def normalise(text):
    """Fold text for matching: case, and surrounding and repeated spaces."""
    return " ".join(text.split()).casefold()


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
