from django.conf import settings
from django.db import models
from django.urls import reverse


class TenantQuerySet(models.QuerySet):
    """The one way to read tenant data: always through an organisation."""

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)

    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dashboard", args=[self.slug])


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

    @property
    def can_edit(self):
        return self.role in (self.Role.OWNER, self.Role.ADMIN)
