import pytest
from django.urls import reverse

from matching import services, tasks
from matching.models import Match, MatchRun
from tests.matching.helpers import add_pair


def start(cohort, user, mode="quality"):
    return services.start_run(cohort, mode, user)


def test_starting_a_run_queues_it_and_redirects(
    member_client, cohort, django_capture_on_commit_callbacks
):
    add_pair(cohort, 1)
    url = reverse("run_create", args=[cohort.organisation.slug, cohort.pk])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = member_client.post(url, {"mode": "quantity"})

    run = MatchRun.objects.get()
    assert response.status_code == 302
    assert response.url == run.get_absolute_url()
    assert (run.status, run.mode, len(callbacks)) == ("queued", "quantity", 1)


def test_the_queued_task_finishes_the_run_with_its_pairs(
    cohort, user, django_capture_on_commit_callbacks
):
    mentor, mentee = add_pair(cohort, 1)

    with django_capture_on_commit_callbacks(execute=True):
        run = start(cohort, user)

    run.refresh_from_db()
    match = Match.objects.get(run=run)
    assert run.status == MatchRun.Status.FINISHED
    assert (match.mentor, match.mentee, match.round, match.score) == (
        mentor,
        mentee,
        1,
        12 + 6,
    )


def test_a_run_is_claimed_only_once(cohort, user):
    add_pair(cohort, 1)
    run = start(cohort, user)

    tasks.run_matching(run.pk)
    tasks.run_matching(run.pk)

    assert Match.objects.filter(run=run).count() == 1


def test_a_run_abandoned_by_a_dead_worker_is_claimed_again(cohort, user):
    run = start(cohort, user)
    long_ago = run.created - MatchRun.retry_after() * 2
    MatchRun.objects.filter(pk=run.pk).update(status="running", started=long_ago)

    assert services.claim_run(run.pk)
    assert not services.claim_run(run.pk)


def test_a_failing_run_saves_no_pairs_and_says_why(cohort, user, monkeypatch):
    add_pair(cohort, 1)
    add_pair(cohort, 2)
    run = start(cohort, user)
    real_bulk_create = Match.objects.bulk_create

    def fail_half_way(objects, **kwargs):
        real_bulk_create(objects[:1], **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Match.objects, "bulk_create", fail_half_way)
    tasks.run_matching(run.pk)

    run.refresh_from_db()
    assert run.status == MatchRun.Status.FAILED
    assert "no pairs were saved" in run.reason
    assert not Match.objects.filter(run=run).exists()


@pytest.mark.parametrize(
    "setup, reason",
    [
        (lambda cohort: None, "no mentors"),
        (lambda cohort: add_pair(cohort, 1, "HEO", "HEO"), "no allowed pair"),
    ],
)
def test_a_run_that_cannot_pair_anyone_finishes_and_says_why(
    cohort, user, setup, reason
):
    setup(cohort)
    run = start(cohort, user)

    tasks.run_matching(run.pk)

    run.refresh_from_db()
    assert run.status == MatchRun.Status.FINISHED
    assert reason in run.reason.lower()
    assert not run.matches.exists()


def test_progress_reports_the_rounds_of_a_finished_run(member_client, cohort, user):
    add_pair(cohort, 1)
    run = start(cohort, user)
    tasks.run_matching(run.pk)
    url = reverse("run_progress", args=[cohort.organisation.slug, run.pk])

    data = member_client.get(url).json()

    assert data["status"] == "finished"
    assert data["done"] == data["total"] == 3


def test_a_queued_run_with_no_worker_says_so(member_client, cohort, user, monkeypatch):
    run = start(cohort, user)
    MatchRun.objects.filter(pk=run.pk).update(created=run.created.replace(year=2020))
    monkeypatch.setattr(services, "worker_alive", lambda: False)
    url = reverse("run_progress", args=[cohort.organisation.slug, run.pk])

    data = member_client.get(url).json()

    assert data["no_worker"] is True


def test_the_result_page_shows_counts_pairs_and_the_unmatched(
    member_client, cohort, user
):
    add_pair(cohort, 1)
    add_pair(cohort, 2, "AA", "SCS4")  # nobody to pair this mentor or mentee with
    run = start(cohort, user)
    tasks.run_matching(run.pk)

    response = member_client.get(run.get_absolute_url())

    assert response.status_code == 200
    overview = response.context["overview"]
    assert [count for _, count, _ in overview["coverage"]["mentees"]] == [1, 1, 0, 0]
    assert [p.email for p in response.context["unmatched_mentors"]] == [
        "mentor2@example.org"
    ]
