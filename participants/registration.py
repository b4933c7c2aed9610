"""People signing themselves up on a cohort's public form.

A cohort's form lives at /join/<registration_token>/, an address that names
nothing else. Everyone who sends it, whether or not they were registered
already, gets the same page and an email with a signed link to see, change
or withdraw what they gave. The link names one of their rows by id; its
page shows every row with that email in the cohort, until the cohort has a
finished run.
"""

import logging
import uuid
from datetime import timedelta

from django.core.signing import BadSignature, TimestampSigner
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from matching.models import MatchRun
from participants.models import Cohort, Participant

logger = logging.getLogger(__name__)

# How long a link to manage a registration works. Registering again with
# the same email sends a fresh one.
MANAGE_MAX_AGE = timedelta(days=90)

signer = TimestampSigner(salt="participants.registration")

OPEN, NOT_YET_OPEN, CLOSED = "open", "not_yet_open", "closed"


def window(cohort, now=None) -> str:
    """Whether the cohort's form takes sign-ups now: OPEN, NOT_YET_OPEN or CLOSED.

    Publishing a cohort's results closes it too: a cohort is published
    once, so anyone signing up later could never be matched.
    """
    now = now or timezone.now()
    if cohort.registration_closed_now:
        return CLOSED
    if cohort.runs.filter(published__isnull=False).exists():
        return CLOSED
    if cohort.registration_opens and now < cohort.registration_opens:
        return NOT_YET_OPEN
    if cohort.registration_closes and now >= cohort.registration_closes:
        return CLOSED
    return OPEN


def is_matched(cohort) -> bool:
    """Whether the cohort has a finished run, after which sign-ups are fixed."""
    return cohort.runs.filter(status=MatchRun.Status.FINISHED).exists()


def manage_path(participant) -> str:
    return reverse("registration_manage", args=[signer.sign(str(participant.pk))])


def people_for_link(signed) -> list:
    """The rows a manage link reaches: its person's, in its cohort; else 404."""
    try:
        pk = signer.unsign(signed, max_age=MANAGE_MAX_AGE)
    except BadSignature:
        raise Http404("This link is not valid.") from None

    # The signed id is the whole authority here: whoever holds the link
    # signed up without an account, so there is no membership to scope by.
    # unscoped: the signed link is the access check
    person = Participant.objects.select_related("cohort__organisation").filter(pk=pk)
    person = person.first()
    if person is None:
        raise Http404("This registration has been withdrawn.")
    people = Participant.objects.for_organisation(person.organisation_id)
    return list(people.filter(cohort=person.cohort_id, email=person.email))


def register(cohort, rows: dict) -> None:
    """Add a person in each role of `rows` ({role: field values}) they lack.

    A role the cohort already has with that email is left exactly as it
    is, so that nobody learns or changes another sign-up by sending the
    form. Either way the person is emailed a link to manage what they gave.
    Locking the cohort makes two submissions at once take turns, so the
    second finds the first's rows instead of breaking the unique constraint.
    """
    now = timezone.now()
    with transaction.atomic():
        cohorts = Cohort.objects.for_organisation(cohort.organisation_id)
        locked = cohorts.select_for_update().get(pk=cohort.pk)
        email = next(iter(rows.values()))["email"]
        people = Participant.objects.for_organisation(cohort.organisation_id)
        people = people.filter(cohort=cohort, email=email)
        taken = set(people.values_list("role", flat=True))
        created = [
            Participant.objects.create(
                organisation_id=cohort.organisation_id,
                cohort=cohort,
                role=role,
                source=Participant.Source.FORM,
                consented_at=now,
                consent_version=locked.consent_version,
                **values,
            )
            for role, values in rows.items()
            if role not in taken
        ]
        first = people.order_by("pk").first()
        key = str(uuid.uuid4())
        transaction.on_commit(
            lambda: async_task(
                "participants.tasks.send_registration_link",
                first.pk,
                key,
                group="emails",
            )
        )
    logger.info(
        "Registration: cohort=%s participant=%s created=%s",
        cohort.pk,
        first.pk,
        len(created),
    )


def update(people, rows: dict) -> None:
    """Write each person's new values, from `rows` by role."""
    with transaction.atomic():
        for person in people:
            values = rows[person.role]
            for name, value in values.items():
                setattr(person, name, value)
            person.save(update_fields=list(values))
    logger.info("Registration changed: participants=%s", [p.pk for p in people])


def withdraw(people) -> None:
    """Delete a person's rows, as they asked."""
    ids = [person.pk for person in people]
    Participant.objects.for_organisation(people[0].organisation_id).filter(
        pk__in=ids
    ).delete()
    logger.info("Registration withdrawn: participants=%s", ids)
