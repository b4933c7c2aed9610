from django.db import migrations, models

# The rules every run used before cohorts had settings.
ORIGINAL_SETTINGS = {
    "grade_gap_points": {"1": 9, "2": 12},
    "same_profession_points": 10,
    "shared_identity_points": 6,
    "unmatched_bonus": 6,
    "exclude_same_employer": True,
    "mentor_capacity": 3,
    "mentee_capacity": 3,
}


def record_original_settings(apps, schema_editor):
    MatchRun = apps.get_model("matching", "MatchRun")
    for run in MatchRun.objects.select_related("cohort").iterator():
        run.settings = {
            "grade_ladder": run.cohort.grade_ladder,
            **ORIGINAL_SETTINGS,
        }
        run.save(update_fields=["settings"])


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="matchrun",
            name="settings",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(record_original_settings, migrations.RunPython.noop),
    ]
