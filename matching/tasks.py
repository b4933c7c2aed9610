"""Background tasks, run by the django-q2 worker.

Each task gets ids, reads its rows again and checks their state before it
acts, so a task delivered twice does no harm.
"""

import logging
import time

from django.utils import timezone

from matching import emails, services
from matching.models import MatchRun

logger = logging.getLogger(__name__)


def run_matching(run_id: int) -> None:
    if not services.claim_run(run_id):
        logger.warning("Run not claimed, already taken: run=%s", run_id)
        return

    # unscoped: a task reads its own run by id
    run = MatchRun.objects.select_related("cohort", "organisation").get(pk=run_id)
    logger.info("Run started: run=%s mode=%s", run.pk, run.mode)
    started = time.monotonic()
    try:
        services.compute_run(run)
    except Exception:
        logger.exception("Run failed: run=%s", run.pk)
        # unscoped: a task updates its own run by id
        MatchRun.objects.filter(pk=run.pk).update(
            status=MatchRun.Status.FAILED,
            reason="Something went wrong while matching; no pairs were saved. "
            "Please start the run again, and contact support if it fails twice.",
            finished=timezone.now(),
        )
        return
    logger.info("Run finished: run=%s seconds=%.2f", run.pk, time.monotonic() - started)


def publish_run(run_id: int) -> None:
    # unscoped: a task reads its own run by id
    run = MatchRun.objects.select_related("cohort", "organisation").get(pk=run_id)
    if run.published is None or run.status != MatchRun.Status.FINISHED:
        logger.warning("Publish skipped, run not published: run=%s", run_id)
        return

    logger.info("Sending started: run=%s", run.pk)
    started = time.monotonic()
    counts = emails.send_run_emails(run)
    logger.info(
        "Sending finished: run=%s sent=%s skipped=%s failed=%s seconds=%.2f",
        run.pk,
        counts["sent"],
        counts["skipped"],
        counts["failed"],
        time.monotonic() - started,
    )
