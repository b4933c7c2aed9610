"""The layer between cohorts and the engine: rows to arrays, and back."""

import logging
import time
from collections import Counter
from datetime import timedelta

import numpy as np
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django_q.tasks import async_task

from matching import engine
from matching.mailing import mailing_lists
from matching.models import Match, MatchRun, Notification
from participants.models import Cohort

logger = logging.getLogger(__name__)

# How long a queued run waits before its progress checks for a live worker.
WORKER_GRACE = timedelta(seconds=10)


def _normalise(value: str) -> str:
    return " ".join(value.split()).casefold()


def _codes(values, vocabulary: dict) -> np.ndarray:
    """Integer codes for text values; blank is -1, never equal to anything."""
    codes = []
    for value in values:
        key = _normalise(value)
        codes.append(vocabulary.setdefault(key, len(vocabulary)) if key else -1)
    return np.array(codes, dtype=np.int32)


def engine_inputs(mentors, mentees, grade_ladder, capacity=None):
    """Engine arrays for two sequences of Participant-like objects.

    Person codes are the rank of each email among all of them, so the engine
    sees the same order whatever order the rows came in. Employer,
    profession and identity compare case-insensitively. `capacity` is
    (mentor capacity, mentee capacity), the most matches anyone on each side
    may get; a mentor's own `mentee_limit` lowers theirs. Without it
    everyone may get one match per round.
    """
    emails = sorted({p.email for p in mentors} | {p.email for p in mentees})
    person_of = {email: rank for rank, email in enumerate(emails)}
    grade_of = {_normalise(grade): rank for rank, grade in enumerate(grade_ladder)}
    employers, professions, identities = {}, {}, {}

    mentor_identities = [
        [_normalise(c) for c in p.characteristics.split(",") if c.strip()]
        for p in mentors
    ]
    mentee_identities = [
        [_normalise(p.identity_to_match)] if p.identity_to_match.strip() else []
        for p in mentees
    ]
    for names in mentor_identities + mentee_identities:
        for name in names:
            identities.setdefault(name, len(identities))

    def side(people, identity_names, most):
        flags = np.zeros((len(people), max(len(identities), 1)), dtype=bool)
        for row, names in enumerate(identity_names):
            flags[row, [identities[name] for name in names]] = True
        limits = None
        if most is not None:
            limits = [
                min(most, getattr(p, "mentee_limit", None) or most) for p in people
            ]
        return engine.Participants(
            person=np.array([person_of[p.email] for p in people], dtype=np.int32),
            grade=np.array(
                [grade_of[_normalise(p.grade)] for p in people], dtype=np.int32
            ),
            organisation=_codes([p.employer for p in people], employers),
            profession=_codes([p.profession for p in people], professions),
            identities=flags,
            capacity=limits,
        )

    mentor_capacity, mentee_capacity = capacity or (None, None)
    return (
        side(mentors, mentor_identities, mentor_capacity),
        side(mentees, mentee_identities, mentee_capacity),
    )


def start_run(cohort, mode, user) -> MatchRun:
    """Create a queued run and hand its id to the worker once it is saved.

    The run keeps a copy of the cohort's matching settings, and is computed
    from that copy.
    """
    run = MatchRun.objects.create(
        organisation=cohort.organisation,
        cohort=cohort,
        mode=mode,
        created_by=user,
        settings=cohort.matching_settings(),
    )
    transaction.on_commit(
        lambda: async_task("matching.tasks.run_matching", run.pk, group="runs")
    )
    return run


def claim_run(run_id: int) -> bool:
    """Move a run from queued to running, once.

    A run left running by a worker that died is claimed again when the task
    is retried, which django-q2 does only after the task timeout.
    """
    stale = timezone.now() - MatchRun.retry_after()
    claimable = Q(status=MatchRun.Status.QUEUED) | Q(
        status=MatchRun.Status.RUNNING, started__lt=stale
    )
    # unscoped: the task's own run, by id
    claimed = MatchRun.objects.filter(claimable, pk=run_id).update(
        status=MatchRun.Status.RUNNING, started=timezone.now()
    )
    return claimed == 1


class ProgressWriter:
    """Engine progress callback that writes to the run at most twice a second."""

    def __init__(self, run_id: int, interval: float = 0.5):
        self.run_id = run_id
        self.interval = interval
        self.last = 0.0

    def __call__(self, done: int, total: int, label: str):
        now = time.monotonic()
        if done < total and now - self.last < self.interval:
            return
        self.last = now
        # unscoped: the task's own run, by id
        MatchRun.objects.filter(pk=self.run_id).update(
            progress_done=done, progress_total=total, progress_label=label[:100]
        )


def compute_run(run: MatchRun) -> None:
    """Run the engine over the run's cohort and save every pair at once.

    The grade ladder, points and capacities come from the run's own copy of
    the cohort's settings. Either all Match rows and the finished state are
    written, in one transaction, or nothing is (the caller marks the run
    failed).
    """
    people = run.participants().order_by("pk")
    mentors = list(people.mentors())
    mentees = list(people.mentees())
    if not run.settings:
        # Only a run made without start_run lacks its copy: take one now.
        run.settings = run.cohort.matching_settings()
        run.save(update_fields=["settings"])
    settings = run.settings
    capacity = (settings["mentor_capacity"], settings["mentee_capacity"])
    mentor_arrays, mentee_arrays = engine_inputs(
        mentors, mentees, settings["grade_ladder"], capacity
    )
    result = engine.match(
        mentor_arrays,
        mentee_arrays,
        scoring=run.scoring(),
        mode=run.mode,
        progress=ProgressWriter(run.pk),
    )

    matches = [
        Match(
            organisation=run.organisation,
            run=run,
            mentor=mentors[i],
            mentee=mentees[j],
            round=number,
            score=score,
        )
        for number, i, j, score in result.pairs()
    ]
    with transaction.atomic():
        Match.objects.bulk_create(matches, batch_size=2000)
        run.status = MatchRun.Status.FINISHED
        run.summary = result.summary()
        run.reason = result.reason or ""
        run.finished = timezone.now()
        # Not every field: the progress columns were written as it went.
        run.save(update_fields=["status", "summary", "reason", "finished"])
    logger.info(
        "Run computed: run=%s pairs=%s seconds=%.3f",
        run.pk,
        len(matches),
        result.seconds,
    )


def worker_alive() -> bool:
    """Whether any django-q2 cluster has reported in recently."""
    from django_q.status import Stat

    try:
        return bool(Stat.get_all())
    except Exception:
        logger.exception("Could not read the worker status")
        return False


def progress(run: MatchRun) -> dict:
    """How the run's work goes: the engine's steps, then the emails.

    The run page shows it and polls it as JSON; the API serves it too.
    `no_worker` is true when work is waiting for the worker (a queued or
    running run, or emails still to send) and no worker has reported in
    for `WORKER_GRACE`: then nothing will move until one is started.
    """
    emails = Notification.objects.for_organisation(run.organisation)
    emails = emails.filter(run=run).status_counts()
    emails["total"] = run.participants().count() if run.published else 0
    emails["done"] = emails["sent"] + emails["failed"]
    started = run.published or run.started or run.created
    waiting = (
        (not run.is_done or emails["done"] + emails["sending"] < emails["total"])
        and timezone.now() - started > WORKER_GRACE
        and not worker_alive()
    )
    return {
        "status": run.status,
        "status_display": run.get_status_display(),
        "done": run.progress_done,
        "total": run.progress_total,
        "label": run.progress_label,
        "reason": run.reason,
        "stalled": run.is_stalled,
        "no_worker": waiting,
        "emails": emails,
        # An email left "sending" by a worker that died is never retried,
        # so it counts as settled here.
        "busy": not run.is_done or emails["done"] + emails["sending"] < emails["total"],
    }


class CannotPublish(Exception):
    """Why a run may not be published, in words for the admin."""


def publish(run: MatchRun) -> None:
    """Mark a finished run published and queue its emails, once per cohort.

    A cohort's results go out once: publishing a second run would email
    everybody again with different matches. Raises CannotPublish, saying
    why, when the run is not finished or the cohort was already published.
    """
    with transaction.atomic():
        # Locking the cohort makes two publishes of one cohort take turns.
        # unscoped: locks the run's own cohort
        Cohort.objects.select_for_update().get(pk=run.cohort_id)
        run.refresh_from_db()
        if run.status != MatchRun.Status.FINISHED:
            raise CannotPublish(
                f"Run {run.pk} is {run.get_status_display().lower()}: "
                "only a finished run can be published."
            )
        earlier = run.cohort.runs.filter(published__isnull=False).first()
        if earlier is not None:
            raise CannotPublish(
                f"This cohort's results were published with run {earlier.pk} "
                f"on {earlier.published:%d %B %Y}. Publishing again would email "
                "everybody a second time with different matches."
            )
        run.published = timezone.now()
        run.save(update_fields=["published"])
        transaction.on_commit(
            lambda: async_task("matching.tasks.publish_run", run.pk, group="emails")
        )


def _people_and_pairs(run: MatchRun):
    people = {p.pk: p for p in run.participants().order_by("pk")}
    pairs = [
        (people[mentor_id], people[mentee_id])
        for mentor_id, mentee_id in run.matches.order_by("round", "pk").values_list(
            "mentor_id", "mentee_id"
        )
    ]
    return people.values(), pairs


def run_mailing_lists(run: MatchRun) -> dict:
    """The original tool's two files for a finished run, by file name."""
    people, pairs = _people_and_pairs(run)
    mentors = [p for p in people if p.role == p.Role.MENTOR]
    mentees = [p for p in people if p.role == p.Role.MENTEE]
    return mailing_lists(mentors, mentees, pairs)


def unmatched(run: MatchRun) -> dict:
    """The mentors and mentees a finished run found nobody for."""
    people, pairs = _people_and_pairs(run)
    matched = {id(person) for pair in pairs for person in pair}
    alone = [p for p in people if id(p) not in matched]
    return {
        "unmatched_mentors": [p for p in alone if p.role == p.Role.MENTOR],
        "unmatched_mentees": [p for p in alone if p.role == p.Role.MENTEE],
    }


def _bars(counts: dict) -> list:
    """[(label, count, percent of the largest)] for a small bar chart."""
    largest = max(counts.values(), default=0) or 1
    return [(label, n, round(100 * n / largest)) for label, n in counts.items()]


def overview(run: MatchRun) -> dict:
    """Counts for the result page, read from the saved matches.

    How many mentors and mentees got 0, 1, 2 or 3 matches, the pairs and
    total score of each round, and how the pair scores are spread.
    """
    people = run.participants()
    matches = run.matches.all()
    per_round = matches.values("round").annotate(pairs=Count("pk"), total=Sum("score"))
    coverage = {}
    for role, field in (("mentors", "mentor_id"), ("mentees", "mentee_id")):
        matched = Counter(matches.values_list(field, flat=True))
        everyone = people.filter(role=role[:-1]).values_list("pk", flat=True)
        spread = Counter(matched.get(pk, 0) for pk in everyone)
        top = max([3, *spread])
        coverage[role] = _bars({n: spread.get(n, 0) for n in range(top + 1)})
    scores = Counter(matches.values_list("score", flat=True))
    return {
        "rounds": list(per_round.order_by("round")),
        "coverage": coverage,
        "scores": _bars(dict(sorted(scores.items()))),
    }
