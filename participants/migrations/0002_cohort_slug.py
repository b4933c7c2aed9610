from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Cohort = apps.get_model("participants", "Cohort")
    taken = set()
    for cohort in Cohort.objects.order_by("pk"):
        base = slugify(cohort.name)[:50] or "cohort"
        slug, n = base, 1
        while (cohort.organisation_id, slug) in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add((cohort.organisation_id, slug))
        cohort.slug = slug
        cohort.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="cohort",
            name="slug",
            field=models.SlugField(default="", max_length=60),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="cohort",
            constraint=models.UniqueConstraint(
                fields=("organisation", "slug"), name="unique_cohort_slug"
            ),
        ),
    ]
