from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from organisations.models import Membership, Organisation, reserved_slugs


def validate_new_name(name):
    """Refuse a new organisation's name whose slug Pairwise uses itself."""
    slug = Organisation.base_slug(name)
    if slug in reserved_slugs():
        raise ValidationError(
            "Pairwise uses the address /%(slug)s/ itself. "
            "Add a word to the name, such as your organisation's.",
            code="reserved",
            params={"slug": slug},
        )


class OrganisationForm(forms.ModelForm):
    """An organisation's name: chosen at sign-up, changed by its owners."""

    class Meta:
        model = Organisation
        fields = ["name"]
        labels = {"name": "Organisation name"}
        help_texts = {"name": "For example “Finance Staff Network”."}

    def clean_name(self):
        name = self.cleaned_data["name"]
        # The slug is made once, at sign-up; renaming keeps the addresses.
        if self.instance.pk is None:
            validate_new_name(name)
        return name


class PrivacyForm(forms.ModelForm):
    """What the public privacy page says, and how long data is kept."""

    class Meta:
        model = Organisation
        fields = ["retention_days", "privacy_contact", "privacy_notice"]
        labels = {
            "retention_days": "Keep personal data for (days)",
            "privacy_contact": "Who to contact about privacy",
            "privacy_notice": "Your privacy notice",
        }
        help_texts = {
            "retention_days": "Counted from when a cohort's results are "
            "published; then its participants are erased and only counts "
            "are kept. 365 is a year; at most 3650.",
            "privacy_contact": "A name and email address, such as "
            "“Data Protection Officer, dpo@example.org”.",
            "privacy_notice": "Optional. Shown on your public privacy page.",
        }


class SignupForm(UserCreationForm):
    """A new organisation's name and its first owner's account."""

    name = forms.CharField(
        label="Organisation name",
        max_length=200,
        validators=[validate_new_name],
        help_text="For example “Finance Staff Network”.",
    )

    field_order = ["name", "username", "email", "password1", "password2"]

    class Meta(UserCreationForm.Meta):
        fields = ["username", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "For password resets and invitations."
        self.fields["name"].widget.attrs["autofocus"] = True
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class InvitedAccountForm(UserCreationForm):
    """An invited person's new account; the email is the invitation's."""

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, instance=User(email=email), **kwargs)


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(
        choices=Membership.Role.choices,
        initial=Membership.Role.ADMIN,
        help_text="Admins run cohorts and matching; viewers only read; "
        "owners also manage members and the organisation.",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        # Only this organisation's members are looked at, so the answer
        # says nothing about accounts elsewhere.
        email = self.cleaned_data["email"].lower()
        members = Membership.objects.for_organisation(self.organisation)
        if members.filter(user__email__iexact=email).exists():
            raise ValidationError(
                "Somebody with this email address is already a member.",
                code="member",
            )
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class DeleteOrganisationForm(forms.Form):
    """Deleting asks for the organisation's name, typed out, to be sure."""

    confirmation = forms.CharField(label="Type the organisation's name to confirm")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_confirmation(self):
        typed = self.cleaned_data["confirmation"]
        if folded(typed) != folded(self.organisation.name):
            raise ValidationError(
                "That is not the organisation's name.", code="mismatch"
            )
        return typed


def folded(text):
    return " ".join(text.split()).casefold()
