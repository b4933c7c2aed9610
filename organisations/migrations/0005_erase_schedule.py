"""The daily django-q2 Schedule that erases expired cohorts.

Found by its name, so running the migration again, or on a database where
someone already made the schedule by hand, adds nothing.
"""

from django.db import migrations

NAME = "Erase expired cohorts"
FUNC = "organisations.tasks.erase_expired_cohorts"


def add_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        name=NAME,
        defaults={"func": FUNC, "schedule_type": "D", "repeats": -1},
    )


def remove_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_organisation_privacy"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
