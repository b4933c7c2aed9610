from django.core.management.base import BaseCommand

from organisations.tasks import erase_expired_cohorts


class Command(BaseCommand):
    help = (
        "Erase the personal data of every cohort published longer ago than "
        "its organisation's retention period, as the daily task does."
    )

    def handle(self, *args, **options):
        erased = erase_expired_cohorts()
        self.stdout.write(f"Cohorts erased: {erased}")
