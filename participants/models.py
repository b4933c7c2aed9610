from django.db import models
from django.urls import reverse
from django.utils.text import slugify

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


def default_grade_ladder():
    return list(CIVIL_SERVICE_GRADES)


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

    created = models.DateTimeField(auto_now_add=True)

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
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cohort", args=[self.organisation.slug, self.pk])

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
