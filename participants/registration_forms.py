"""The public sign-up form, and the same form for changing a sign-up.

Its answers are checked by ParticipantRowForm, as an imported row is, so
the engine gets the same clean values whichever way a person came in.
"""

from django import forms

from participants.forms import ParticipantRowForm
from participants.models import Participant

Role = Participant.Role
BOTH = "both"

COMMON_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "job_title",
    "grade",
    "employer",
    "profession",
    "biography",
]
ROLE_FIELDS = {
    Role.MENTOR: ["characteristics", "mentee_limit"],
    Role.MENTEE: ["match_similar_identity", "identity_to_match"],
}

REQUIRED_MESSAGES = {
    "role": "Choose mentor, mentee or both.",
    "first_name": "Enter your first name.",
    "email": "Enter your email address.",
    "grade": "Choose your grade.",
}

# Marked "(optional)": the others are required, or say when they apply.
OPTIONAL_FIELDS = {
    "last_name",
    "job_title",
    "employer",
    "profession",
    "biography",
    "characteristics",
    "mentee_limit",
}


def text(name, label, autocomplete="off", **kwargs):
    """A text field as long as the Participant field it fills."""
    field = Participant._meta.get_field(name).formfield(label=label, **kwargs)
    field.widget.attrs["autocomplete"] = autocomplete
    return field


def choice_or_text(options, label, **kwargs):
    """A select of the cohort's options, or free text when it lists none."""
    if options:
        choices = [("", "Choose one")] + [(option, option) for option in options]
        return forms.ChoiceField(choices=choices, label=label, **kwargs)
    return forms.CharField(max_length=200, label=label, **kwargs)


class RegistrationForm(forms.Form):
    """A person's sign-up to one cohort, in one role or both.

    `roles` fixes the roles when a person changes their sign-up, which then
    shows no role, email or consent question. After cleaning, `rows` holds
    the Participant values for each role, as `registration.register` takes.
    """

    role = forms.ChoiceField(
        label="I would like to be",
        choices=[
            (Role.MENTOR, "A mentor"),
            (Role.MENTEE, "A mentee"),
            (BOTH, "Both a mentor and a mentee"),
        ],
        widget=forms.RadioSelect,
    )
    first_name = text("first_name", "First name", "given-name")
    last_name = text("last_name", "Last name", "family-name")
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We email you a link to see, change or withdraw your answers.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    job_title = text("job_title", "Job title", "organization-title")
    employer = text(
        "employer",
        "Employer",
        "organization",
        help_text="Your department or organisation.",
    )
    biography = text(
        "biography",
        "A few lines about you",
        help_text="A few lines for your matches to read: your work and what "
        "you hope to give or get.",
    )
    characteristics = forms.CharField(required=False)
    mentee_limit = forms.TypedChoiceField(
        label="Mentees I can take on, at most",
        coerce=int,
        empty_value=None,
        required=False,
    )
    match_similar_identity = forms.BooleanField(
        label="I would like a mentor who shares part of my identity",
        required=False,
    )
    consent = forms.BooleanField(
        label="I agree",
        error_messages={
            "required": "Tick the box to agree, or we cannot register you."
        },
    )

    def __init__(self, *args, cohort, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort, self.fixed_roles = cohort, roles
        self.fields["grade"] = forms.ChoiceField(
            label="Grade",
            choices=[("", "Choose one")] + [(g, g) for g in cohort.grade_ladder],
        )
        self.fields["profession"] = choice_or_text(
            cohort.professions, "Profession", required=False
        )
        self.fields["identity_to_match"] = choice_or_text(
            cohort.identity_options,
            "Identity to match",
            required=False,
            help_text="Needed if you ticked the box above.",
        )
        self.add_role_fields(cohort)
        self.order_fields(["role", *COMMON_FIELDS])
        self.label_suffix = ""
        for name, field in self.fields.items():
            if name in REQUIRED_MESSAGES:
                field.error_messages["required"] = REQUIRED_MESSAGES[name]
            elif not field.required and name in OPTIONAL_FIELDS:
                field.label = f"{field.label} (optional)"
        if roles:
            for name in ("role", "email", "consent"):
                del self.fields[name]
        elif cohort.consent_text:
            self.fields["consent"].label = cohort.consent_text
        self.describe()

    def add_role_fields(self, cohort):
        """Fields whose choices come from the cohort's settings."""
        characteristics = self.fields["characteristics"]
        characteristics.label = "Characteristics you share"
        characteristics.help_text = (
            "Special-category information, such as ethnicity, disability or "
            "caring responsibilities. Entirely optional: it is used only to "
            "match mentees who ask for someone who shares it."
        )
        if cohort.identity_options:
            self.fields["characteristics"] = forms.MultipleChoiceField(
                label=characteristics.label,
                help_text=characteristics.help_text,
                choices=[(option, option) for option in cohort.identity_options],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        capacity = cohort.mentor_capacity
        self.fields["mentee_limit"].choices = [
            ("", f"As many as the programme allows ({capacity})")
        ] + [(n, str(n)) for n in range(1, capacity + 1)]

    def describe(self):
        """Tie each field's help and errors to it for screen readers."""
        for name, field in self.fields.items():
            bound = self[name]
            ids = [f"{bound.auto_id}_helptext"] if field.help_text else []
            if self.is_bound and name in self.errors:
                ids.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self.describe()

    def groups(self):
        """(heading, role, bound fields) for each part of the page; role is
        blank for the questions everyone answers."""
        headings = {Role.MENTOR: "If you mentor", Role.MENTEE: "If you are mentored"}
        common = [self[name] for name in COMMON_FIELDS if name in self.fields]
        return [("About you", "", common)] + [
            (headings[role], role, [self[name] for name in ROLE_FIELDS[role]])
            for role in self.fixed_roles or [Role.MENTOR, Role.MENTEE]
        ]

    def roles(self):
        """The roles this sign-up is for, from the answer or as fixed."""
        if self.fixed_roles:
            return list(self.fixed_roles)
        role = self.cleaned_data.get("role")
        return [Role.MENTOR, Role.MENTEE] if role == BOTH else [Role(role)]

    def clean(self):
        cleaned_data = super().clean()
        if not self.fixed_roles and not cleaned_data.get("role"):
            return cleaned_data
        roles = self.roles()
        if (
            Role.MENTEE in roles
            and cleaned_data.get("match_similar_identity")
            and not cleaned_data.get("identity_to_match")
        ):
            self.add_error(
                "identity_to_match",
                "Choose the identity to match, or untick the box above.",
            )
        self.rows = self.check_rows(cleaned_data, roles)
        return cleaned_data

    def check_rows(self, cleaned_data, roles):
        """Check the answers as an import checks a row, and split them by role.

        Answers to the other role's questions are left out: without the
        page's script a person sees both, and only their role's count.
        """
        applies = set(COMMON_FIELDS).union(*(ROLE_FIELDS[role] for role in roles))
        characteristics = cleaned_data.get("characteristics") or ""
        if isinstance(characteristics, list):
            characteristics = ", ".join(characteristics)
        values = {
            **{name: cleaned_data.get(name) or "" for name in COMMON_FIELDS},
            "email": cleaned_data.get("email") or self.initial.get("email", ""),
            "both_roles": "yes" if len(roles) == 2 else "no",
            "characteristics": characteristics,
            "match_similar_identity": (
                "yes" if cleaned_data.get("match_similar_identity") else "no"
            ),
            # Kept only when asked for: it is special-category data.
            "identity_to_match": (
                cleaned_data.get("identity_to_match") or ""
                if cleaned_data.get("match_similar_identity")
                else ""
            ),
        }
        values = {
            name: value if name in applies or name == "both_roles" else ""
            for name, value in values.items()
        }
        if "match_similar_identity" not in applies:
            values["match_similar_identity"] = "no"

        row = ParticipantRowForm(values, grade_ladder=self.cohort.grade_ladder)
        for name, errors in row.errors.items():
            if name not in self.errors:
                self.add_error(name if name in self.fields else None, errors)
        if row.errors:
            return {}

        clean = row.cleaned_data
        return {
            role: {
                **{name: clean[name] for name in COMMON_FIELDS},
                "both_roles": clean["both_roles"],
                **self.role_values(role, clean, cleaned_data),
            }
            for role in roles
        }

    def role_values(self, role, clean, cleaned_data):
        if role == Role.MENTOR:
            return {
                "characteristics": clean["characteristics"],
                "mentee_limit": cleaned_data.get("mentee_limit"),
            }
        return {
            "match_similar_identity": clean["match_similar_identity"],
            "identity_to_match": clean["identity_to_match"],
        }


def initial_for(cohort, people):
    """The form's starting values from a person's rows in the cohort."""
    by_role = {person.role: person for person in people}
    initial = {name: getattr(people[0], name) for name in COMMON_FIELDS}
    if mentor := by_role.get(Role.MENTOR):
        initial["mentee_limit"] = mentor.mentee_limit
        initial["characteristics"] = (
            mentor.characteristic_list
            if cohort.identity_options
            else mentor.characteristics
        )
    if mentee := by_role.get(Role.MENTEE):
        initial["match_similar_identity"] = mentee.match_similar_identity
        initial["identity_to_match"] = mentee.identity_to_match
    return initial
