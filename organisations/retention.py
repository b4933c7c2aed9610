"""Retention: erasing a published cohort's personal data when its
organisation's retention period is over.

The cohort, its runs and their summaries stay, so the counts do too; the
participants go, and with them their matches, emails and sign-up records.
"""

import datetime

from django.db import models, transaction
from django.utils import timezone

from organisations import audit
from participants.models import Cohort


def expired_cohorts(now=None):
    """Unerased cohorts published longer ago than their organisation keeps data."""
    now = now or timezone.now()
    # unscoped: the retention task looks at every organisation's cohorts
    cohorts = Cohort.objects.filter(erased_at__isnull=True)
    cohorts = cohorts.annotate(first_published=models.Min("runs__published"))
    cohorts = cohorts.filter(first_published__isnull=False)
    return [
        cohort
        for cohort in cohorts.select_related("organisation")
        if cohort.first_published
        + datetime.timedelta(days=cohort.organisation.retention_days)
        <= now
    ]


@transaction.atomic
def erase_cohort(cohort_id: int) -> dict | None:
    """Delete one cohort's participants, keeping counts on the cohort.

    Returns the counts kept ({"mentors", "mentees", "runs": {run id:
    pairs}}), or None when the cohort was erased already, so a second
    call changes nothing.
    """
    # unscoped: the retention task locks its own cohort by id
    cohorts = Cohort.objects.select_for_update().select_related("organisation")
    cohort = cohorts.get(pk=cohort_id)
    if cohort.erased_at is not None:
        return None

    participants = cohort.participants.all()
    counts = {
        "mentors": participants.mentors().count(),
        "mentees": participants.mentees().count(),
        "runs": {
            str(run.pk): run.matches.count() for run in cohort.runs.order_by("pk")
        },
    }
    participants.delete()

    # An erased cohort takes no new sign-ups: it would hold personal data
    # again with nothing left to erase it.
    cohort.erased_at = timezone.now()
    cohort.erased_counts = counts
    cohort.registration_closed_now = True
    cohort.save(update_fields=["erased_at", "erased_counts", "registration_closed_now"])
    audit.record(
        cohort.organisation,
        "cohort.erase",
        cohort,
        mentors=counts["mentors"],
        mentees=counts["mentees"],
        pairs=sum(counts["runs"].values()),
    )
    return counts
