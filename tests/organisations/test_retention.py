import datetime

from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from matching import services, tasks
from organisations.models import AuditEvent
from organisations.tasks import erase_expired_cohorts
from participants.models import Participant
from tests.matching.helpers import add_pair


def publish(cohort, user, days_ago):
    """A finished run of one pair, published `days_ago` days ago."""
    add_pair(cohort, cohort.pk)
    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)
    published = timezone.now() - datetime.timedelta(days=days_ago)
    cohort.runs.filter(pk=run.pk).update(published=published)
    return run


def test_an_expired_published_cohort_is_erased_with_counts_kept(cohort, user):
    run = publish(cohort, user, days_ago=400)

    assert erase_expired_cohorts() == 1

    cohort.refresh_from_db()
    assert not Participant.objects.filter(cohort=cohort).exists()
    assert cohort.erased_counts == {
        "mentors": 1,
        "mentees": 1,
        "runs": {str(run.pk): 1},
    }
    event = AuditEvent.objects.get(action="cohort.erase")
    assert event.description == "mentees=1, mentors=1, pairs=1"


def test_a_cohort_within_its_period_is_untouched(cohort, user):
    publish(cohort, user, days_ago=300)

    assert erase_expired_cohorts() == 0

    cohort.refresh_from_db()
    assert cohort.erased_at is None
    assert cohort.participants.count() == 2


def test_an_unpublished_cohort_is_untouched(cohort):
    add_pair(cohort, 1)

    assert erase_expired_cohorts() == 0

    assert cohort.participants.count() == 2


def test_running_twice_is_harmless(cohort, user):
    publish(cohort, user, days_ago=400)
    erase_expired_cohorts()
    cohort.refresh_from_db()
    counts = cohort.erased_counts

    assert erase_expired_cohorts() == 0

    cohort.refresh_from_db()
    assert cohort.erased_counts == counts
    assert AuditEvent.objects.filter(action="cohort.erase").count() == 1


def test_other_organisations_follow_their_own_period(
    cohort, user, other_organisation, other_cohort, other_user
):
    other_organisation.retention_days = 30
    other_organisation.save()
    publish(cohort, user, days_ago=100)
    publish(other_cohort, other_user, days_ago=100)

    assert erase_expired_cohorts() == 1

    cohort.refresh_from_db()
    other_cohort.refresh_from_db()
    assert (cohort.erased_at is None, other_cohort.erased_at is None) == (True, False)


def test_the_command_erases_expired_cohorts(cohort, user, capsys):
    publish(cohort, user, days_ago=400)

    call_command("erase_expired")

    assert "Cohorts erased: 1" in capsys.readouterr().out
    assert cohort.participants.count() == 0


def test_the_daily_schedule_exists_after_migrate(db):
    schedule = Schedule.objects.get(name="Erase expired cohorts")

    assert schedule.func == "organisations.tasks.erase_expired_cohorts"
    assert schedule.schedule_type == Schedule.DAILY


def test_the_cohort_page_says_when_erasure_is_due(member_client, cohort, user):
    publish(cohort, user, days_ago=0)

    response = member_client.get(cohort.get_absolute_url())

    assert response.status_code == 200
    assert "will be erased on" in response.text


def test_the_cohort_page_says_an_erased_cohort_kept_its_counts(
    member_client, cohort, user
):
    publish(cohort, user, days_ago=400)
    erase_expired_cohorts()

    response = member_client.get(cohort.get_absolute_url())

    assert "Personal data erased on" in response.text
    assert "counts kept: 1 mentor and 1 mentee" in response.text
