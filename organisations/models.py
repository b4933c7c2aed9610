from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import get_resolver, reverse
from django.utils.text import slugify

# Words an organisation's slug may never be, because they begin other
# addresses: the API's, static and uploaded files', and those of every page
# in config/urls.py outside an organisation (see `reserved_slugs`).
RESERVED_SLUGS = {"accounts", "api", "django-admin", "static", "media"}


def reserved_slugs():
    """RESERVED_SLUGS and the first word of every top-level URL."""
    words = set(RESERVED_SLUGS)
    for pattern in get_resolver().url_patterns:
        first = str(pattern.pattern).split("/")[0]
        if first and not first.startswith("<"):
            words.add(first)
    return words


class TenantQuerySet(models.QuerySet):
    """The one way to read tenant data: always through an organisation."""

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


# Retention: how long a published cohort's personal data is kept. Ten
# years is the longest an owner may choose.
DEFAULT_RETENTION_DAYS = 365
MAX_RETENTION_DAYS = 3650


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    # Privacy: shown on the public page at /privacy/<slug>/, and read by
    # the daily erasure task (organisations.tasks.erase_expired_cohorts).
    retention_days = models.PositiveIntegerField(
        default=DEFAULT_RETENTION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RETENTION_DAYS)],
    )
    privacy_contact = models.CharField(max_length=200, blank=True)
    privacy_notice = models.TextField(blank=True)

    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dashboard", args=[self.slug])

    def privacy_url(self):
        """The public privacy page's full address, for emails."""
        return settings.SITE_URL + reverse("privacy", args=[self.slug])

    def retention_in_words(self):
        """The retention period as people say it: "2 years", "6 months"."""
        days = self.retention_days
        for unit, length in (("year", 365), ("month", 30)):
            if days % length == 0:
                n = days // length
                return f"{n} {unit}{'s' if n > 1 else ''}"
        return f"{days} day{'s' if days > 1 else ''}"

    @staticmethod
    def base_slug(name):
        return slugify(name)[:50] or "organisation"

    @classmethod
    def slug_for(cls, name):
        """A free slug from `name`; the caller refuses reserved ones.

        A slug another organisation has is not refused but numbered
        ("staff-network-2"), so sign-up says nothing about who else is here.
        """
        base = cls.base_slug(name)
        taken = set(
            Organisation.objects.filter(slug__startswith=base).values_list(
                "slug", flat=True
            )
        )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    @classmethod
    @transaction.atomic
    def create_with_owner(cls, name, user):
        organisation = cls.objects.create(name=name, slug=cls.slug_for(name))
        organisation.memberships.create(user=user, role=Membership.Role.OWNER)
        return organisation


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        ADMIN = "admin", "Admin"
        VIEWER = "viewer", "Viewer"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.ADMIN)

    created = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="unique_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.role}) in {self.organisation}"

    def can(self, action):
        from organisations.permissions import allowed

        return allowed(self.role, action)

    @property
    def can_edit(self):
        return self.can("edit")

    @property
    def permissions(self):
        """{action: whether this member may do it}, for templates."""
        from organisations.permissions import PERMISSIONS

        return {action: self.can(action) for action in PERMISSIONS}


class Invitation(models.Model):
    """An owner's invitation for someone to join, sent as a signed link.

    The link carries the invitation's id, signed and timed by Django's
    signing module, so it cannot be guessed and stops working after
    `organisations.invitations.MAX_AGE`. Accepting it once uses it up.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Membership.Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    created = models.DateTimeField(auto_now_add=True)
    # Set when the email goes out, so a retried task does not send it twice.
    sent = models.DateTimeField(null=True, blank=True)
    accepted = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            # Inviting someone again renews their pending invitation.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted__isnull=True),
                name="unique_pending_invitation",
            )
        ]

    def __str__(self):
        return f"Invitation {self.pk} to {self.organisation}"

    @property
    def expires(self):
        from organisations.invitations import MAX_AGE

        return self.sent + MAX_AGE if self.sent else None


class ApiKey(models.Model):
    """A key an organisation's systems use for the REST API.

    Only a SHA-256 hash of the key is stored: keys are long random strings,
    so a fast hash is safe, and it lets each request find its key with one
    indexed lookup. The short prefix is kept in clear to tell keys apart.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read_write", "Read and write"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=10, choices=Scope.choices)
    prefix = models.CharField(max_length=12)
    # Looked up on every API request, through the unique index.
    hashed_key = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def role(self):
        """The membership role this key acts with."""
        if self.scope == self.Scope.READ_WRITE:
            return Membership.Role.ADMIN
        return Membership.Role.VIEWER


class AuditEvent(models.Model):
    """One action an admin or an API key took, for owners to read.

    `description` holds ids and counts only, never names, emails or
    answers, so the trail itself holds no personal data beyond the actor.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    api_key = models.ForeignKey(
        ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=50, blank=True)
    description = models.CharField(max_length=300, blank=True)

    created = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            # The owners' audit page: newest events of one organisation.
            models.Index(fields=["organisation", "-created"], name="audit_newest"),
        ]

    def __str__(self):
        return f"{self.action} {self.object_type} {self.object_id}"

    @property
    def label(self):
        from organisations.audit import LABELS

        return LABELS.get(self.action, self.action)
