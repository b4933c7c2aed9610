"""The API's shapes for runs and their matches."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import RejectUnknownFields
from matching import services
from matching.models import Match, MatchRun
from participants.serializers import ParticipantSummarySerializer


class EmailCountsSerializer(serializers.Serializer):
    sending = serializers.IntegerField()
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()
    total = serializers.IntegerField(help_text="Emails to send: 0 until published.")
    done = serializers.IntegerField(help_text="Emails sent or failed.")


class ProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField(help_text="Engine steps done.")
    total = serializers.IntegerField(help_text="Engine steps in all, once known.")
    label = serializers.CharField(help_text="What the engine is doing.")
    stalled = serializers.BooleanField(
        help_text="The worker died mid-run: start a new run."
    )
    no_worker = serializers.BooleanField(
        help_text="Queued for a while and no worker is running."
    )
    busy = serializers.BooleanField(help_text="Matching or emailing is going on.")
    emails = EmailCountsSerializer()


class RunSerializer(RejectUnknownFields, serializers.ModelSerializer):
    """A run: `mode` is the only field to give, when starting one."""

    summary = serializers.JSONField(
        read_only=True,
        help_text="The engine's summary once finished: pairs and total score "
        "per round, counts of people with 0–3 matches, bonus, seconds.",
    )
    settings = serializers.JSONField(
        read_only=True,
        help_text="The cohort's matching settings when the run was made, which "
        "it was computed with: grade_ladder, grade_gap_points, the points, "
        "exclude_same_employer and the capacities.",
    )
    progress = serializers.SerializerMethodField()

    class Meta:
        model = MatchRun
        fields = [
            "id",
            "cohort",
            "mode",
            "status",
            "reason",
            "summary",
            "settings",
            "progress",
            "created",
            "started",
            "finished",
            "published",
        ]
        read_only_fields = [name for name in fields if name != "mode"]

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, run):
        return ProgressSerializer(services.progress(run)).data


class MatchSerializer(serializers.ModelSerializer):
    mentor = ParticipantSummarySerializer(read_only=True)
    mentee = ParticipantSummarySerializer(read_only=True)

    class Meta:
        model = Match
        fields = ["id", "round", "score", "mentor", "mentee"]
