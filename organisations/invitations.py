"""Invitations to join an organisation, sent as signed links by email.

A link carries the invitation's id, signed and timed with Django's
TimestampSigner: it cannot be guessed or altered, stops working MAX_AGE
after the email went out, and accepting it once uses the invitation up.
"""

import logging
from datetime import timedelta

from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from organisations import audit
from organisations.models import Invitation, Membership

logger = logging.getLogger(__name__)

MAX_AGE = timedelta(days=7)

signer = TimestampSigner(salt="organisations.invitation")


class Unusable(Exception):
    """A link that cannot be accepted; the message says why, to its holder."""


def accept_path(invitation) -> str:
    return reverse("accept_invitation", args=[signer.sign(str(invitation.pk))])


def invite(organisation, email, role, user) -> Invitation:
    """Invite `email`, or renew their pending invitation, and email the link.

    Each email's link is signed when it is sent, so a renewed invitation
    has a fresh MAX_AGE; an older link keeps working until it expires.
    """
    # unscoped: keyed by the organisation it is for
    invitation, _ = Invitation.objects.update_or_create(
        organisation=organisation,
        email=email,
        accepted__isnull=True,
        defaults={"role": role, "invited_by": user, "sent": None},
    )
    audit.record(organisation, "invitation.create", invitation, user=user, role=role)
    transaction.on_commit(
        lambda: async_task(
            "organisations.tasks.send_invitation", invitation.pk, group="emails"
        )
    )
    return invitation


def from_token(token) -> Invitation:
    """The pending invitation a link names, or Unusable."""
    try:
        pk = signer.unsign(token, max_age=MAX_AGE)
    except SignatureExpired:
        raise Unusable("This invitation has expired.") from None
    except BadSignature:
        raise Unusable("This link is not a valid invitation.") from None

    # The signed id is the whole authority here: the person holding the
    # link belongs to no organisation yet, so there is none to scope by.
    # unscoped: the signed link is the access check
    invitations = Invitation.objects.select_related("organisation")
    invitation = invitations.filter(pk=pk).first()
    if invitation is None:
        raise Unusable("This invitation has been withdrawn.")
    if invitation.accepted:
        raise Unusable("This invitation has already been used.")
    return invitation


@transaction.atomic
def accept(invitation, user) -> Membership:
    """Make `user` a member with the invitation's role, once.

    Someone who is already a member keeps the role they have.
    """
    # unscoped: the invitation's own row, by id
    used = Invitation.objects.filter(pk=invitation.pk, accepted__isnull=True)
    if not used.update(accepted=timezone.now()):
        raise Unusable("This invitation has already been used.")

    membership, _ = Membership.objects.get_or_create(
        organisation=invitation.organisation,
        user=user,
        defaults={"role": invitation.role},
    )
    audit.record(invitation.organisation, "invitation.accept", invitation, user=user)
    return membership


def revoke(invitation, user) -> None:
    audit.record(invitation.organisation, "invitation.revoke", invitation, user=user)
    invitation.delete()
