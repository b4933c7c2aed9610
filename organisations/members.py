"""Changing who belongs to an organisation, always leaving an owner."""

from django.db import transaction

from organisations import audit
from organisations.models import Membership


class LastOwner(Exception):
    """The change would leave the organisation without an owner."""


def _ensure_another_owner(membership):
    # Locking every owner row makes two owners demoting each other at once
    # take turns, so the second sees that it would be the last.
    owners = Membership.objects.for_organisation(membership.organisation_id)
    owners = owners.filter(role=Membership.Role.OWNER).select_for_update()
    if not [owner for owner in owners if owner.pk != membership.pk]:
        raise LastOwner


@transaction.atomic
def change_role(membership, role, user) -> None:
    if membership.role == Membership.Role.OWNER and role != Membership.Role.OWNER:
        _ensure_another_owner(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        membership.organisation,
        "membership.change_role",
        membership,
        user=user,
        role=role,
    )


@transaction.atomic
def remove(membership, user) -> None:
    if membership.role == Membership.Role.OWNER:
        _ensure_another_owner(membership)
    audit.record(
        membership.organisation,
        "membership.remove",
        membership,
        user=user,
        removed_user=membership.user_id,
    )
    membership.delete()
