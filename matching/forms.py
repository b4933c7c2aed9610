from django import forms

from matching.models import MatchRun


class RunForm(forms.Form):
    mode = forms.ChoiceField(
        choices=MatchRun.Mode.choices,
        initial=MatchRun.Mode.QUALITY,
        widget=forms.RadioSelect,
        help_text="“Best matches” finds the highest total score. “Most mentees "
        "matched” tries 37 settings of the bonus for people without a match yet "
        "and keeps the one that matches the most mentees.",
    )
