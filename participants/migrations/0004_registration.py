import secrets

from django.db import migrations, models

import participants.models


def fill_tokens(apps, schema_editor):
    # Each existing cohort gets its own token; a column default would give
    # every row the same one and break the unique index.
    Cohort = apps.get_model("participants", "Cohort")
    for cohort in Cohort.objects.only("pk"):
        cohort.registration_token = secrets.token_urlsafe(16)
        cohort.save(update_fields=["registration_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0003_cohort_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="cohort",
            name="registration_token",
            field=models.CharField(max_length=43, null=True),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="cohort",
            name="registration_token",
            field=models.CharField(
                default=participants.models.new_registration_token,
                max_length=43,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="consented_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="participant",
            name="consent_version",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
    ]
