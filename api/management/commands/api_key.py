from django.core.management.base import BaseCommand, CommandError

from api.keys import create_key
from organisations.models import ApiKey, Organisation


class Command(BaseCommand):
    help = (
        "Make an API key for an organisation and print it. The key is shown "
        "only this once; owners can also make keys on the API keys page."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's slug.")
        parser.add_argument("--name", default="Command line")
        parser.add_argument(
            "--scope", choices=ApiKey.Scope.values, default=ApiKey.Scope.READ
        )

    def handle(self, *args, organisation, name, scope, **options):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"There is no organisation “{organisation}”.")

        _, raw_key = create_key(found, name, scope)
        self.stdout.write(raw_key)
