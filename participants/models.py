import datetime
import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from matching.engine import Scoring
from organisations.models import Organisation, TenantQuerySet

# The Civil Service grades, lowest first: the default ladder for a cohort.
CIVIL_SERVICE_GRADES = [
    "AA",
    "AO",
    "EO",
    "HEO",
    "SEO",
    "Grade 7",
    "Grade 6",
    "SCS1",
    "SCS2",
    "SCS3",
    "SCS4",
]


# Points for each allowed grade gap (mentor's grade minus mentee's, in steps
# up the ladder), keyed by the gap as text because JSON keys are text.
DEFAULT_GRADE_GAP_POINTS = {"1": 9, "2": 12}

# The most matches one person may get. Each is a round of the engine, and
# "most mentees matched" runs every round 37 times, so it stays small.
MAX_CAPACITY = 10
MAX_POINTS = 1000


def default_grade_ladder():
    return list(CIVIL_SERVICE_GRADES)


def default_grade_gap_points():
    return dict(DEFAULT_GRADE_GAP_POINTS)


def new_registration_token():
    """A random, unguessable part of a cohort's public sign-up address."""
    return secrets.token_urlsafe(16)


def capacity_field(**kwargs):
    validators = [MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    return models.PositiveSmallIntegerField(validators=validators, **kwargs)


def points_field(default, **kwargs):
    validators = [MaxValueValidator(MAX_POINTS)]
    return models.PositiveSmallIntegerField(
        default=default, validators=validators, **kwargs
    )


def scoring_for(settings: dict) -> Scoring:
    """The engine's Scoring for a cohort's matching settings.

    `settings` is `Cohort.matching_settings()` or a run's copy of it; a key
    it lacks (a run saved before settings existed) takes today's default.
    """
    settings = {**MATCHING_DEFAULTS, **settings}
    gaps = settings["grade_gap_points"]
    return Scoring(
        grade_gap_points={int(gap): points for gap, points in gaps.items()},
        same_profession=settings["same_profession_points"],
        shared_identity=settings["shared_identity_points"],
        unmatched_bonus=settings["unmatched_bonus"],
        exclude_same_organisation=settings["exclude_same_employer"],
        rounds=max(settings["mentor_capacity"], settings["mentee_capacity"]),
    )


class CohortQuerySet(TenantQuerySet):
    def annotate_counts(self):
        mentor = models.Q(participants__role=Participant.Role.MENTOR)
        mentee = models.Q(participants__role=Participant.Role.MENTEE)
        return self.annotate(
            mentor_count=models.Count("participants", filter=mentor),
            mentee_count=models.Count("participants", filter=mentee),
        )


class Cohort(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cohorts"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60)
    grade_ladder = models.JSONField(default=default_grade_ladder)

    # Registration, for the public sign-up form at /join/<token>/. A new
    # token revokes the old address.
    registration_token = models.CharField(
        max_length=43, unique=True, default=new_registration_token
    )
    registration_opens = models.DateTimeField(null=True, blank=True)
    registration_closes = models.DateTimeField(null=True, blank=True)
    registration_closed_now = models.BooleanField(default=False)
    # What the sign-up form offers; an empty list means free text.
    professions = models.JSONField(default=list, blank=True)
    identity_options = models.JSONField(default=list, blank=True)
    consent_text = models.TextField(blank=True)
    privacy_notice = models.TextField(blank=True)
    # Goes up by one whenever the consent text or privacy notice changes,
    # so each sign-up can record which wording the person agreed to.
    consent_version = models.PositiveIntegerField(default=1)

    # Matching: the defaults are the original tool's rules and scores.
    mentor_capacity = capacity_field(default=3)
    mentee_capacity = capacity_field(default=3)
    grade_gap_points = models.JSONField(default=default_grade_gap_points)
    same_profession_points = points_field(10)
    shared_identity_points = points_field(6)
    unmatched_bonus = points_field(6)
    exclude_same_employer = models.BooleanField(default=True)

    created = models.DateTimeField(auto_now_add=True)
    # Set when the retention task deletes the participants; the counts it
    # keeps: {"mentors": n, "mentees": n, "runs": {run id: pairs}}.
    erased_at = models.DateTimeField(null=True, blank=True)
    erased_counts = models.JSONField(default=dict, blank=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="unique_cohort_slug"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug()
        if self.consent_changed():
            self.consent_version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cohort", args=[self.organisation.slug, self.pk])

    def erasure_due(self):
        """When the retention task erases the participants: the organisation's
        retention period after the first publication; None if unpublished."""
        first = self.runs.aggregate(first=models.Min("published"))["first"]
        if first is None:
            return None
        return first + datetime.timedelta(days=self.organisation.retention_days)

    def consent_changed(self):
        """Whether the consent text or privacy notice differs from the saved one."""
        # unscoped: this cohort's own row, by id
        saved = Cohort.objects.filter(pk=self.pk).values_list(
            "consent_text", "privacy_notice"
        )
        wording = (self.consent_text, self.privacy_notice)
        return self.pk is not None and saved.first() not in (None, wording)

    def matching_settings(self):
        """What the engine needs from the cohort, JSON-ready: a run keeps a
        copy, so changing the cohort later never changes its result."""
        return {name: getattr(self, name) for name in MATCHING_DEFAULTS}

    def scoring(self) -> Scoring:
        return scoring_for(self.matching_settings())

    def free_slug(self):
        """A slug from the name not yet used in this organisation."""
        base = slugify(self.name)[:50] or "cohort"
        taken = set(
            Cohort.objects.for_organisation(self.organisation_id)
            .filter(slug__startswith=base)
            .values_list("slug", flat=True)
        )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug


class ParticipantQuerySet(TenantQuerySet):
    def mentors(self):
        return self.filter(role=Participant.Role.MENTOR)

    def mentees(self):
        return self.filter(role=Participant.Role.MENTEE)


class Participant(models.Model):
    """One person in one role in a cohort.

    Someone who is both mentor and mentee has one row for each role, linked
    by their email address.
    """

    class Role(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        MENTEE = "mentee", "Mentee"

    class Source(models.TextChoices):
        IMPORT = "import", "CSV import"
        FORM = "form", "Registration form"
        API = "api", "API"
        MANUAL = "manual", "Added by hand"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="participants"
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="participants"
    )
    role = models.CharField(max_length=6, choices=Role.choices)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField()
    # The person's own employer or department, as the CSV's "organisation"
    # column has it. Not to be confused with the tenant Organisation.
    employer = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    grade = models.CharField(max_length=50)
    profession = models.CharField(max_length=200, blank=True)
    biography = models.TextField(blank=True)
    # What the person said on sign-up: "both mentor and mentee".
    both_roles = models.BooleanField(default=False)
    # Special-category answers. Mentors list characteristics they share;
    # a mentee names one identity they would like to match.
    characteristics = models.TextField(blank=True)
    match_similar_identity = models.BooleanField(default=False)
    identity_to_match = models.CharField(max_length=200, blank=True)
    # A mentor's own lower limit on mentees; the cohort's mentor capacity
    # applies when it is blank or higher.
    mentee_limit = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )

    # Set for people who signed up on the form: when they agreed, and to
    # which version of the cohort's consent wording.
    consented_at = models.DateTimeField(null=True, blank=True)
    consent_version = models.PositiveIntegerField(null=True, blank=True)

    source = models.CharField(
        max_length=6, choices=Source.choices, default=Source.IMPORT
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["role", "last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "role", "email"],
                name="unique_participant_email_per_cohort_role",
            )
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def characteristic_list(self):
        return [c.strip() for c in self.characteristics.split(",") if c.strip()]


# The settings a run copies, with the values that give the original scores.
MATCHING_DEFAULTS = {
    "grade_ladder": CIVIL_SERVICE_GRADES,
    "grade_gap_points": DEFAULT_GRADE_GAP_POINTS,
    "same_profession_points": 10,
    "shared_identity_points": 6,
    "unmatched_bonus": 6,
    "exclude_same_employer": True,
    "mentor_capacity": 3,
    "mentee_capacity": 3,
}


class SignUpEmail(models.Model):
    """One email with a sign-up's manage link, recorded before it is sent.

    Each submission of the form gets its own key, and the task sends only
    if it is the first to record that key: a retried task sends nothing.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="sign_up_emails"
    )
    key = models.UUIDField(unique=True)

    created = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    def __str__(self):
        return f"Sign-up email {self.key} to participant {self.participant_id}"
