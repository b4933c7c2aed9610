from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation, TenantQuerySet
from participants.models import MATCHING_DEFAULTS, Cohort, Participant, scoring_for


class MatchRun(models.Model):
    """One go of the matching engine over a cohort, and its outcome."""

    class Mode(models.TextChoices):
        QUALITY = "quality", "Best matches"
        QUANTITY = "quantity", "Most mentees matched"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="runs"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="runs")
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.QUALITY)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL
    )
    # The cohort's matching settings when the run was made (grade ladder,
    # points, capacities): the run computes from this copy, so later changes
    # to the cohort never change it.
    settings = models.JSONField(default=dict, blank=True)

    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    # Progress while running: `progress_done` of `progress_total` steps.
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_label = models.CharField(max_length=100, blank=True)
    # The engine's summary: pairs and totals per round, counts, bonus, seconds.
    summary = models.JSONField(default=dict, blank=True)
    # Why a run failed, or why a finished run has no pairs, in plain words.
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    published = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Run {self.pk} of {self.cohort}"

    def get_absolute_url(self):
        return reverse("run", args=[self.organisation.slug, self.pk])

    @staticmethod
    def retry_after():
        """How long a run may stay running before it counts as abandoned."""
        return timedelta(seconds=settings.Q_CLUSTER["timeout"])

    def scoring(self):
        return scoring_for(self.settings)

    def settings_used(self):
        """The run's copy of its cohort's settings as (label, value) rows."""
        used = {**MATCHING_DEFAULTS, **self.settings}
        gaps = ", ".join(
            f"{gap} grade{'s' if gap != '1' else ''}: {points}"
            for gap, points in used["grade_gap_points"].items()
        )
        employer = "never" if used["exclude_same_employer"] else "allowed"
        return [
            ("Mentees per mentor, at most", used["mentor_capacity"]),
            ("Mentors per mentee, at most", used["mentee_capacity"]),
            ("Grade ladder, lowest first", ", ".join(used["grade_ladder"])),
            ("Grade gaps allowed, and their points", gaps),
            ("Points for the same profession", used["same_profession_points"]),
            ("Points for a shared identity", used["shared_identity_points"]),
            ("Points for someone without a match yet", used["unmatched_bonus"]),
            ("Matching people from the same employer", employer),
        ]

    def participants(self):
        """The cohort as the run saw it: everyone added before it started."""
        started = self.started or self.created
        return self.cohort.participants.filter(created__lte=started)

    @property
    def is_done(self):
        return self.status in (self.Status.FINISHED, self.Status.FAILED)

    @property
    def is_stalled(self):
        """True when a running run has outlived the task timeout.

        That happens only when the worker died mid-run: the task gives up
        after its last attempt and nothing else will finish the run.
        """
        if self.status != self.Status.RUNNING or self.started is None:
            return False
        return timezone.now() - self.started > self.retry_after()


class Match(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="matches"
    )
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="matches")
    mentor = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="mentor_matches"
    )
    mentee = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="mentee_matches"
    )
    round = models.PositiveSmallIntegerField()
    score = models.IntegerField()

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["round", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentor", "mentee"], name="unique_pair_per_run"
            )
        ]

    def __str__(self):
        return f"{self.mentor} and {self.mentee} (round {self.round})"


class NotificationQuerySet(TenantQuerySet):
    def status_counts(self):
        counts = dict.fromkeys(Notification.Status.values, 0)
        for row in self.values("status").annotate(n=models.Count("pk")):
            counts[row["status"]] = row["n"]
        return counts


class Notification(models.Model):
    """The email one participant gets when a run is published.

    The row is written, as SENDING, before the email goes out, and the unique
    constraint lets only one exist per run and participant: a retried task
    skips every participant that already has one, so nobody gets it twice.
    """

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="notifications"
    )
    run = models.ForeignKey(
        MatchRun, on_delete=models.CASCADE, related_name="notifications"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="notifications"
    )

    status = models.CharField(max_length=7, choices=Status.choices)
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    sent = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "participant"], name="one_email_per_participant_run"
            )
        ]

    def __str__(self):
        return f"Email to participant {self.participant_id} for run {self.run_id}"
