"""The forms of the admin's participant pages: the list's filters, and one
participant added or changed by hand."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from participants.forms import ParticipantRowForm
from participants.models import Participant


class ParticipantFilterForm(forms.Form):
    """The participant list's search, filters and order, read from the query."""

    # Each choice's columns; only these orders are offered, so a query
    # string cannot sort by a column the page does not show.
    ORDERS = {
        "name": ["last_name", "first_name", "pk"],
        "-name": ["-last_name", "-first_name", "-pk"],
        "email": ["email", "pk"],
        "role": ["role", "last_name", "pk"],
        "-created": ["-created", "-pk"],
        "created": ["created", "pk"],
    }

    q = forms.CharField(required=False, label="Name or email")
    role = forms.ChoiceField(
        required=False, choices=[("", "Any role"), *Participant.Role.choices]
    )
    status = forms.ChoiceField(
        required=False,
        label="In the latest finished run",
        choices=[
            ("", "Anyone"),
            ("matched", "Matched"),
            ("unmatched", "Not matched"),
        ],
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("name", "Name, A to Z"),
            ("-name", "Name, Z to A"),
            ("email", "Email"),
            ("role", "Role"),
            ("-created", "Newest first"),
            ("created", "Oldest first"),
        ],
    )

    def filter(self, participants, matched):
        """`participants` searched, filtered and ordered as the form says.

        `matched` is a boolean expression for "has a match in the latest
        finished run", or None when the cohort has no finished run, and then
        the status filter is left out.
        """
        data = self.cleaned_data if self.is_valid() else {}
        # Each word must be found in a name or the email, so "Ada Lovelace"
        # finds Ada Lovelace although no one field holds both words.
        for word in data.get("q", "").split():
            participants = participants.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        if role := data.get("role"):
            participants = participants.filter(role=role)
        if matched is not None and data.get("status"):
            participants = participants.filter(
                matched if data["status"] == "matched" else ~matched
            )
        return participants.order_by(*self.ORDERS[data.get("sort") or "name"])


class ParticipantForm(ParticipantRowForm):
    """One participant by hand: the import's rules, plus the role, and an
    email not already used in this cohort for that role."""

    role = forms.ChoiceField(choices=Participant.Role.choices)
    mentee_limit = Participant._meta.get_field("mentee_limit").formfield()

    field_order = ["role", "first_name", "last_name", "email"]

    def __init__(self, *args, cohort, instance=None, **kwargs):
        self.cohort, self.instance = cohort, instance or Participant()
        if instance is not None:
            kwargs.setdefault("initial", forms.models.model_to_dict(instance))
        super().__init__(*args, grade_ladder=cohort.grade_ladder, **kwargs)
        # The import reads yes or no as text; here they are tick boxes.
        for name in ("both_roles", "match_similar_identity"):
            self.fields[name] = forms.BooleanField(
                required=False, label=self.fields[name].label
            )

    def clean(self):
        cleaned_data = super().clean()
        role, email = cleaned_data.get("role"), cleaned_data.get("email")
        taken = self.cohort.participants.filter(role=role, email=email).exclude(
            pk=self.instance.pk
        )
        if role and email and taken.exists():
            message = f"Someone in this cohort is already a {role} with this email."
            raise ValidationError({"email": message})
        return cleaned_data

    def save(self, source=Participant.Source.MANUAL):
        participant = self.instance
        for name, value in self.cleaned_data.items():
            setattr(participant, name, value)
        if participant.pk is None:
            participant.organisation = self.cohort.organisation
            participant.cohort = self.cohort
            participant.source = source
        participant.save()
        return participant
