"""Background tasks for participants, run by the django-q2 worker."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from participants import registration
from participants.models import Participant, SignUpEmail

logger = logging.getLogger(__name__)


def send_registration_link(participant_id: int, key: str) -> None:
    """Email a person who sent the sign-up form a link to their answers.

    `key` names the submission: it is recorded before the email goes, and
    a task that finds it recorded sends nothing, so a retry never sends the
    same email twice. A person who withdrew in the meantime gets nothing.
    """
    # unscoped: a task reads its own row by id
    people = Participant.objects.select_related("cohort", "organisation")
    person = people.filter(pk=participant_id).first()
    if person is None:
        logger.warning(
            "Registration email skipped, withdrawn: participant=%s", participant_id
        )
        return

    _, first = SignUpEmail.objects.get_or_create(
        key=key, defaults={"organisation": person.organisation, "participant": person}
    )
    if not first:
        logger.warning("Registration email already sent: participant=%s", person.pk)
        return

    context = {
        "cohort": person.cohort,
        "organisation": person.organisation,
        "url": settings.SITE_URL + registration.manage_path(person),
        "days": registration.MANAGE_MAX_AGE.days,
    }
    subject = render_to_string("emails/registration_subject.txt", context)
    send_mail(
        " ".join(subject.split()),
        render_to_string("emails/registration.txt", context),
        None,
        [person.email],
        html_message=render_to_string("emails/registration.html", context),
    )
    logger.info("Registration email sent: participant=%s", person.pk)
