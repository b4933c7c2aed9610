import pytest
from django.core import mail
from django.urls import reverse

from matching import services, tasks
from matching.models import MatchRun, Notification
from tests.matching.helpers import add_pair


@pytest.fixture
def finished_run(cohort, user):
    add_pair(cohort, 1)
    add_pair(cohort, 2, "AA", "SCS4")  # nobody to pair this mentor or mentee with
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)
    run.refresh_from_db()
    return run


def publish_url(run):
    return reverse("run_publish", args=[run.organisation.slug, run.pk])


def test_publishing_emails_every_participant_once(
    member_client, finished_run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(publish_url(finished_run), {"confirm": "yes"})

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "mentee1@example.org",
        "mentee2@example.org",
        "mentor1@example.org",
        "mentor2@example.org",
    ]
    assert Notification.objects.filter(status="sent").count() == 4


def test_each_email_fits_the_outcome(finished_run):
    services.publish(finished_run)
    tasks.publish_run(finished_run.pk)

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["mentee1@example.org"].startswith("Your mentor ")
    assert subjects["mentor1@example.org"].startswith("Your mentee ")
    assert subjects["mentee2@example.org"].endswith("no mentor this time")


def test_matched_email_names_the_partner_and_has_html(finished_run):
    services.publish(finished_run)
    tasks.publish_run(finished_run.pk)

    email = next(m for m in mail.outbox if m.to == ["mentee1@example.org"])
    assert "mentor1@example.org" in email.body
    assert email.alternatives[0][1] == "text/html"


def test_a_retried_task_sends_nothing_twice(finished_run):
    services.publish(finished_run)

    tasks.publish_run(finished_run.pk)
    tasks.publish_run(finished_run.pk)

    assert len(mail.outbox) == 4
    assert Notification.objects.count() == 4


def test_an_email_interrupted_mid_send_is_not_sent_again(finished_run):
    services.publish(finished_run)
    mentee = finished_run.cohort.participants.get(email="mentee1@example.org")
    Notification.objects.create(
        organisation=finished_run.organisation,
        run=finished_run,
        participant=mentee,
        status=Notification.Status.SENDING,
    )

    tasks.publish_run(finished_run.pk)

    assert "mentee1@example.org" not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 3


def test_publishing_twice_queues_the_emails_once(
    member_client, finished_run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        member_client.post(publish_url(finished_run), {"confirm": "yes"})
        member_client.post(publish_url(finished_run), {"confirm": "yes"})

    assert len(callbacks) == 1


def test_an_unpublished_run_sends_nothing(finished_run):
    tasks.publish_run(finished_run.pk)

    assert mail.outbox == []


def test_a_failed_email_is_recorded_and_the_rest_still_go(finished_run, monkeypatch):
    from matching import emails

    real_build = emails.build_message

    def build(run, participant, partners):
        if participant.email == "mentor2@example.org":
            raise ConnectionError("SMTP server went away")
        return real_build(run, participant, partners)

    monkeypatch.setattr(emails, "build_message", build)
    services.publish(finished_run)
    tasks.publish_run(finished_run.pk)

    failed = Notification.objects.get(status="failed")
    assert failed.participant.email == "mentor2@example.org"
    assert "ConnectionError" in failed.error
    assert len(mail.outbox) == 3


def test_a_viewer_cannot_publish(client, viewer, finished_run):
    client.force_login(viewer)

    response = client.post(publish_url(finished_run))

    assert response.status_code == 403
    assert MatchRun.objects.get().published is None


def test_progress_counts_the_emails_sent(member_client, finished_run):
    services.publish(finished_run)
    tasks.publish_run(finished_run.pk)
    url = reverse(
        "run_progress", args=[finished_run.organisation.slug, finished_run.pk]
    )

    data = member_client.get(url).json()

    assert data["emails"]["sent"] == data["emails"]["total"] == 4
    assert data["busy"] is False


def test_publishing_needs_the_box_ticked(member_client, finished_run):
    response = member_client.post(publish_url(finished_run))

    assert response.status_code == 302
    assert MatchRun.objects.get().published is None


def test_a_second_run_of_a_published_cohort_cannot_be_published(finished_run, user):
    services.publish(finished_run)
    second = services.start_run(finished_run.cohort, "quantity", user)
    tasks.run_matching(second.pk)

    with pytest.raises(services.CannotPublish, match=f"run {finished_run.pk}"):
        services.publish(second)

    second.refresh_from_db()
    assert second.published is None


def test_an_unfinished_run_cannot_be_published_and_says_so(cohort, user):
    run = services.start_run(cohort, "quality", user)

    with pytest.raises(services.CannotPublish, match="queued"):
        services.publish(run)


def test_a_stopped_worker_is_reported_while_emails_wait(
    member_client, finished_run, monkeypatch
):
    services.publish(finished_run)
    MatchRun.objects.filter(pk=finished_run.pk).update(
        published=finished_run.created.replace(year=2020)
    )
    monkeypatch.setattr(services, "worker_alive", lambda: False)
    url = reverse(
        "run_progress", args=[finished_run.organisation.slug, finished_run.pk]
    )

    data = member_client.get(url).json()

    assert (data["busy"], data["no_worker"]) == (True, True)


def test_an_introduction_leaves_out_blank_details(finished_run):
    services.publish(finished_run)
    tasks.publish_run(finished_run.pk)

    email = next(m for m in mail.outbox if m.to == ["mentee1@example.org"])
    assert "<mentor1@example.org>\nGrade 7, A\n" in email.body
