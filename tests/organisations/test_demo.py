from django.contrib.auth.models import User
from django.core.management import call_command

from participants.models import Cohort


def test_demo_creates_an_organisation_admin_and_example_cohort(db, capsys):
    call_command("demo", "--password", "first-pass-1")

    cohort = Cohort.objects.annotate_counts().get(organisation__slug="demo")
    assert (cohort.mentor_count, cohort.mentee_count) == (50, 50)
    assert User.objects.get(username="demo").check_password("first-pass-1")
    assert "password: first-pass-1" in capsys.readouterr().out


def test_running_demo_again_resets_the_password_and_adds_nobody(db):
    call_command("demo", "--password", "first-pass-1")
    call_command("demo", "--password", "second-pass-2")

    assert Cohort.objects.get().participants.count() == 100
    assert User.objects.get(username="demo").check_password("second-pass-2")
