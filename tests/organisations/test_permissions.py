"""The role table, written out as owners would read it."""

import pytest

from organisations.permissions import PERMISSIONS, allowed

# action                 owner  admin  viewer
TABLE = [
    ("view",                True,  True,  True),
    ("view_identity",       True,  True,  False),
    ("edit",                True,  True,  False),
    ("publish",             True,  True,  False),
    ("manage_members",      True,  False, False),
    ("manage_api_keys",     True,  False, False),
    ("manage_organisation", True,  False, False),
    ("view_audit",          True,  False, False),
]  # fmt: skip

CASES = [
    (role, action, expected)
    for action, *row in TABLE
    for role, expected in zip(["owner", "admin", "viewer"], row, strict=True)
]


@pytest.mark.parametrize("role, action, expected", CASES)
def test_role_may_do_action(role, action, expected):
    assert allowed(role, action) is expected


def test_the_table_covers_every_action():
    assert [action for action, *_ in TABLE] == list(PERMISSIONS)


def test_an_unknown_action_is_an_error():
    with pytest.raises(KeyError):
        allowed("owner", "fly")
