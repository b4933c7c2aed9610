import pytest

from organisations.models import Membership
from tests.conftest import make_member


@pytest.fixture
def owner(organisation):
    return make_member(organisation, "olive", Membership.Role.OWNER)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client
