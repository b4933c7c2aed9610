from django import forms

from organisations.models import ApiKey


class ApiKeyForm(forms.ModelForm):
    scope = forms.ChoiceField(
        choices=ApiKey.Scope.choices,
        initial=ApiKey.Scope.READ,
        widget=forms.RadioSelect,
        help_text="Read-only keys change nothing and see no identity answers.",
    )

    class Meta:
        model = ApiKey
        fields = ["name", "scope"]
        help_texts = {"name": "What uses it, for example “HR system nightly sync”."}
