"""The API's shapes for cohorts and participants."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.fields import get_error_detail

from api.serializers import RejectUnknownFields
from participants import validators
from participants.forms import ParticipantRowForm
from participants.importing import MAX_RECORDS
from participants.models import MAX_POINTS, Cohort, Participant

# Special-category answers, shown only to callers who may "view_identity".
IDENTITY_FIELDS = ["characteristics", "match_similar_identity", "identity_to_match"]


def names(help_text, longest=200):
    return serializers.ListField(
        child=serializers.CharField(max_length=longest),
        max_length=200,
        required=False,
        help_text=help_text,
    )


class CohortSerializer(RejectUnknownFields, serializers.ModelSerializer):
    """A cohort and its settings, checked by `participants.validators` as
    the settings page checks them."""

    grade_ladder = names(
        "The grades, lowest first. The Civil Service grades by default.", 50
    )
    professions = names("Professions offered; empty lets people type their own.")
    identity_options = names(
        "Identity options offered; empty lets people type their own."
    )
    grade_gap_points = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=MAX_POINTS),
        required=False,
        help_text="Points for each allowed grade gap (mentor's grade minus "
        'mentee\'s, in steps up the ladder), such as {"1": 9, "2": 12}. '
        "Other gaps are never matched.",
    )
    mentor_count = serializers.IntegerField(read_only=True)
    mentee_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Cohort
        fields = [
            "id",
            "name",
            "slug",
            *validators.SETTINGS_FIELDS,
            "consent_version",
            "created",
            "mentor_count",
            "mentee_count",
        ]
        read_only_fields = ["slug", "consent_version", "created"]

    def validate(self, attrs):
        # A PATCH sends some settings; the rules apply to them with the rest.
        saved = self.instance or Cohort()
        values = {
            field.attname: getattr(saved, field.attname)
            for field in Cohort._meta.concrete_fields
        }
        return validators.clean_settings(attrs, self.instance, saved=values)


class ParticipantSerializer(RejectUnknownFields, serializers.ModelSerializer):
    """A participant with every answer, identity answers included.

    Values are checked and tidied by the CSV import's row form, so people
    who come in through the API meet the same rules: a grade from the
    cohort's ladder, a lowercased email, characteristics as "A, B, C".
    The view gives the cohort in the context.
    """

    class Meta:
        model = Participant
        fields = [
            "id",
            "role",
            "first_name",
            "last_name",
            "email",
            "employer",
            "job_title",
            "grade",
            "profession",
            "biography",
            "both_roles",
            *IDENTITY_FIELDS,
            "mentee_limit",
            "source",
            "created",
        ]
        read_only_fields = ["source", "created"]

    def validate(self, attrs):
        cohort, person = self.context["cohort"], self.instance
        fields = ParticipantRowForm.base_fields
        values = {name: getattr(person, name) for name in fields} if person else {}
        values.update(attrs)
        cells = {
            name: ("yes" if value else "no") if isinstance(value, bool) else value
            for name, value in values.items()
        }
        form = ParticipantRowForm(cells, grade_ladder=cohort.grade_ladder)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        attrs.update(
            {name: form.cleaned_data[name] for name in attrs if name in form.fields}
        )

        role = attrs.get("role", getattr(person, "role", None))
        email = attrs.get("email", getattr(person, "email", None))
        limit = attrs.get("mentee_limit", getattr(person, "mentee_limit", None))
        try:
            validators.check_mentee_limit(limit, role, cohort)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                {"mentee_limit": get_error_detail(error)}
            ) from None
        others = cohort.participants.exclude(pk=getattr(person, "pk", None))
        if others.filter(role=role, email=email).exists():
            message = f"A {role} with this email is already in the cohort."
            raise serializers.ValidationError(
                {"email": [ErrorDetail(message, "unique")]}
            )
        return attrs


class ParticipantWithoutIdentitySerializer(ParticipantSerializer):
    """A participant without the identity answers, for read-only keys."""

    class Meta(ParticipantSerializer.Meta):
        fields = [
            name
            for name in ParticipantSerializer.Meta.fields
            if name not in IDENTITY_FIELDS
        ]


class ParticipantSummarySerializer(serializers.ModelSerializer):
    """Who a participant is, as a match names them."""

    class Meta:
        model = Participant
        fields = ["id", "role", "first_name", "last_name", "email"]


@extend_schema_field(ParticipantSerializer)
class RecordField(serializers.Field):
    """One participant of a bulk upload, as sent: `read_records` checks it,
    so that every bad record is reported, not only the first kind."""

    def to_internal_value(self, data):
        return data


class ParticipantRecordsSerializer(RejectUnknownFields, serializers.Serializer):
    participants = serializers.ListField(
        child=RecordField(),
        allow_empty=False,
        max_length=MAX_RECORDS,
        error_messages={
            "max_length": f"Send at most {MAX_RECORDS:,} participants in one "
            "request, and the rest in further requests."
        },
    )


class UpsertResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()


def form_errors(form):
    """A Django form's errors as DRF error details, codes kept."""
    return {
        name: [
            ErrorDetail(" ".join(problem.messages), problem.code)
            for problem in problems
        ]
        for name, problems in form.errors.as_data().items()
    }
