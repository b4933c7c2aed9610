import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from organisations.models import Membership, Organisation
from participants.importing import import_participants
from participants.models import Cohort

EXAMPLES = Path(settings.BASE_DIR) / "examples"


class Command(BaseCommand):
    help = (
        "Create the demo organisation, its admin login and a cohort of the "
        "example participants. Running it again resets the admin's password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument(
            "--password", help="The admin's password; a random one by default."
        )

    @transaction.atomic
    def handle(self, *args, username, password, **options):
        organisation, _ = Organisation.objects.get_or_create(
            slug="demo", defaults={"name": "Demo Staff Network"}
        )
        user, _ = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        password = password or secrets.token_urlsafe(9)
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(
            organisation=organisation,
            user=user,
            defaults={"role": Membership.Role.OWNER},
        )

        cohort, created = Cohort.objects.get_or_create(
            organisation=organisation, name="Example cohort"
        )
        if created:
            report = import_participants(
                cohort,
                mentors=(EXAMPLES / "mentors.csv").read_bytes(),
                mentees=(EXAMPLES / "mentees.csv").read_bytes(),
            )
            self.stdout.write(report.summary())

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation ready at {settings.SITE_URL}/demo/\n"
                f"  username: {username}\n  password: {password}"
            )
        )
