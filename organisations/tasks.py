"""Background tasks for organisations, run by the django-q2 worker."""

import logging
import time

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from organisations import invitations, retention
from organisations.models import Invitation

logger = logging.getLogger(__name__)


def send_invitation(invitation_id: int) -> None:
    """Email an invitation's link, unless it was sent, used or withdrawn.

    The invitation is marked sent before the email goes, so a task run twice
    sends once. If sending fails the mark is taken off again, and the
    members page offers to send it again.
    """
    # unscoped: a task reads its own row by id
    pending = Invitation.objects.filter(
        pk=invitation_id, sent__isnull=True, accepted__isnull=True
    )
    if not pending.update(sent=timezone.now()):
        logger.warning("Invitation not sent, not pending: invitation=%s", invitation_id)
        return

    # unscoped: a task reads its own row by id
    invitation = Invitation.objects.select_related("organisation", "invited_by").get(
        pk=invitation_id
    )
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "url": settings.SITE_URL + invitations.accept_path(invitation),
        "days": invitations.MAX_AGE.days,
    }
    subject = render_to_string("emails/invitation_subject.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            render_to_string("emails/invitation.txt", context),
            None,
            [invitation.email],
            html_message=render_to_string("emails/invitation.html", context),
        )
    except Exception:
        logger.exception("Invitation email failed: invitation=%s", invitation.pk)
        # unscoped: a task updates its own row by id
        Invitation.objects.filter(pk=invitation.pk).update(sent=None)
        return
    logger.info("Invitation sent: invitation=%s", invitation.pk)


def erase_expired_cohorts() -> int:
    """Erase every cohort past its organisation's retention period.

    Run daily by the django-q2 Schedule "Erase expired cohorts". Each
    cohort is erased in its own transaction and checked again inside it,
    so a run that overlaps another, or a second run, does no harm.
    Returns how many cohorts were erased.
    """
    started = time.monotonic()
    cohorts = retention.expired_cohorts()
    logger.info("Erasure started: cohorts=%s", len(cohorts))
    erased = 0
    for cohort in cohorts:
        counts = retention.erase_cohort(cohort.pk)
        if counts is None:
            logger.warning("Erasure skipped, already erased: cohort=%s", cohort.pk)
            continue
        erased += 1
        logger.info(
            "Cohort erased: organisation=%s cohort=%s mentors=%s mentees=%s",
            cohort.organisation_id,
            cohort.pk,
            counts["mentors"],
            counts["mentees"],
        )
    logger.info(
        "Erasure finished: erased=%s seconds=%.2f", erased, time.monotonic() - started
    )
    return erased
