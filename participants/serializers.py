"""The API's shapes for cohorts and participants."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from api.serializers import RejectUnknownFields
from participants.forms import ParticipantRowForm, normalise
from participants.importing import MAX_RECORDS
from participants.models import Cohort, Participant

# Special-category answers, shown only to callers who may "view_identity".
IDENTITY_FIELDS = ["characteristics", "match_similar_identity", "identity_to_match"]


class CohortSerializer(RejectUnknownFields, serializers.ModelSerializer):
    grade_ladder = serializers.ListField(
        child=serializers.CharField(max_length=50),
        min_length=1,
        max_length=50,
        required=False,
        help_text="The grades, lowest first. The Civil Service grades by default.",
    )
    mentor_count = serializers.IntegerField(read_only=True)
    mentee_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Cohort
        fields = [
            "id",
            "name",
            "slug",
            "grade_ladder",
            "created",
            "mentor_count",
            "mentee_count",
        ]
        read_only_fields = ["slug", "created"]

    def validate_grade_ladder(self, ladder):
        grades = [normalise(grade) for grade in ladder]
        if len(set(grades)) < len(grades):
            raise serializers.ValidationError(
                "Each grade can be in the ladder only once.", code="duplicate"
            )

        # The engine ranks everyone by the ladder, so nobody may be left off.
        if self.instance is not None:
            in_use = set(self.instance.participants.values_list("grade", flat=True))
            missing = sorted(
                grade for grade in in_use if normalise(grade) not in grades
            )
            if missing:
                raise serializers.ValidationError(
                    "Participants in this cohort have grades the new ladder "
                    f"does not have: {', '.join(missing)}.",
                    code="grade_in_use",
                )
        return ladder


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
