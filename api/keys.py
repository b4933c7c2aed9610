"""Making, finding and revoking API keys.

A key reads `pw_<prefix>_<secret>`. Only its SHA-256 hash is stored, with
the prefix in clear so that people can tell their keys apart; the full key
is shown once, when it is made, and cannot be recovered after that.
"""

import hashlib
import secrets

from django.utils import timezone

from organisations.audit import record
from organisations.models import ApiKey


def hash_key(raw_key: str) -> str:
    """The hex SHA-256 digest stored for a key and looked up on each request."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


def create_key(organisation, name: str, scope: str, user=None) -> tuple[ApiKey, str]:
    """Make and save a key; return it and the full key, which is never stored."""
    prefix = f"pw_{secrets.token_hex(4)}"
    raw_key = f"{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name,
        scope=scope,
        prefix=prefix,
        hashed_key=hash_key(raw_key),
        created_by=user,
    )
    record(organisation, "api_key.create", key, user=user, scope=scope)
    return key, raw_key


def revoke_key(key: ApiKey, user=None) -> bool:
    """Stop a key working from now on; False if it was revoked already."""
    # unscoped: the key's own row, found scoped by the caller
    revoked = ApiKey.objects.filter(pk=key.pk, revoked__isnull=True).update(
        revoked=timezone.now()
    )
    if revoked:
        record(key.organisation, "api_key.revoke", key, user=user)
    return revoked == 1
