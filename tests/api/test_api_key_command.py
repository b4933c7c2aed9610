import io

import pytest
from django.core.management import CommandError, call_command

from api.keys import hash_key
from organisations.models import ApiKey


def test_the_command_prints_a_new_key(organisation):
    out = io.StringIO()

    call_command("api_key", organisation.slug, "--scope", "read_write", stdout=out)

    key = ApiKey.objects.get()
    assert key.hashed_key == hash_key(out.getvalue().strip())
    assert (key.scope, key.organisation) == ("read_write", organisation)


def test_the_command_names_an_unknown_organisation(db):
    with pytest.raises(CommandError, match="no organisation “nope”"):
        call_command("api_key", "nope")
