"""The emails a published run sends: one per participant, at most once."""

import logging
from collections import Counter, defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from matching.models import Match, Notification

logger = logging.getLogger(__name__)


def partners_by_participant(run):
    """{participant id: [the people they were matched with, in round order]}."""
    partners = defaultdict(list)
    matches = Match.objects.for_organisation(run.organisation).filter(run=run)
    for match in matches.select_related("mentor", "mentee").order_by("round", "pk"):
        partners[match.mentor_id].append(match.mentee)
        partners[match.mentee_id].append(match.mentor)
    return partners


def _about(person):
    """Job title, grade, employer and profession, leaving out blanks."""
    parts = [person.job_title, person.grade, person.employer, person.profession]
    return ", ".join(part for part in parts if part)


def build_message(run, participant, partners):
    outcome = "matched" if partners else "unmatched"
    name = f"emails/{participant.role}_{outcome}"
    context = {
        "participant": participant,
        "partners": partners,
        "introductions": [(person, _about(person)) for person in partners],
        "cohort": run.cohort,
        "organisation": run.organisation,
    }
    subject = render_to_string(f"{name}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[participant.email],
    )
    message.attach_alternative(render_to_string(f"{name}.html", context), "text/html")
    return message


def send_run_emails(run) -> Counter:
    """Email every participant of a published run their outcome.

    A Notification row is created before each email goes out, and only the
    task that creates it sends: a retried or duplicated task skips everyone
    who already has one. An email that fails is recorded as failed, with the
    error, and the others still go.
    """
    counts = Counter(sent=0, skipped=0, failed=0)
    partners = partners_by_participant(run)
    for participant in run.participants().order_by("pk"):
        notification, created = Notification.objects.get_or_create(
            run=run,
            participant=participant,
            defaults={
                "organisation": run.organisation,
                "status": Notification.Status.SENDING,
            },
        )
        if not created:
            counts["skipped"] += 1
            continue
        try:
            build_message(run, participant, partners[participant.pk]).send()
        except Exception as error:
            logger.exception(
                "Email failed: run=%s participant=%s", run.pk, participant.pk
            )
            notification.status = Notification.Status.FAILED
            notification.error = f"{type(error).__name__}: {error}"[:1000]
            notification.save(update_fields=["status", "error"])
            counts["failed"] += 1
            continue
        notification.status = Notification.Status.SENT
        notification.sent = timezone.now()
        notification.save(update_fields=["status", "sent"])
        counts["sent"] += 1
    return counts
