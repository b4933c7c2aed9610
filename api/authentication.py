"""Who is calling the API: an organisation's key, or a signed-in member.

Either way `request.auth` ends up as an object with `organisation` and
`role`: the ApiKey itself (its role comes from its scope), or the member's
Membership. Everything after authentication reads only those two.
"""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)

from api.keys import hash_key
from organisations.models import ApiKey, Membership

# Writing last_used on every request would make every read a write too.
LAST_USED_EVERY = timedelta(minutes=1)


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>`, or `Authorization: Api-Key <key>`."""

    keywords = ("bearer", "api-key")

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].decode("latin-1").lower() not in self.keywords:
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(
                "Give the API key after “Bearer ”, as one word."
            )

        raw_key = words[1].decode("latin-1")
        key = (
            # unscoped: the key's hash is what names its organisation
            ApiKey.objects.select_related("organisation")
            .filter(hashed_key=hash_key(raw_key))
            .first()
        )
        if key is None:
            raise exceptions.AuthenticationFailed("This API key is not valid.")
        if key.revoked is not None:
            raise exceptions.AuthenticationFailed(
                "This API key has been revoked. Ask an owner of your "
                "organisation for a new one."
            )

        self.note_use(key)
        # A key is nobody's login: the caller is anonymous, acting as the key.
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'

    @staticmethod
    def note_use(key):
        now = timezone.now()
        if key.last_used is None or now - key.last_used >= LAST_USED_EVERY:
            # unscoped: the key's own row
            ApiKey.objects.filter(pk=key.pk).update(last_used=now)
            key.last_used = now


class MemberSessionAuthentication(SessionAuthentication):
    """A member signed in to the pages, in the organisation `?organisation=` names.

    Only the audit trail accepts it: owners read that signed in, since no
    key has the owner's role. A slug the member does not belong to is "not
    found", as it is for the pages.
    """

    def authenticate(self, request):
        signed_in = super().authenticate(request)
        if signed_in is None:
            return None

        user, _ = signed_in
        slug = request.query_params.get("organisation")
        if not slug:
            raise exceptions.ValidationError(
                {"organisation": ["Name the organisation: ?organisation=<slug>."]}
            )
        membership = (
            # unscoped: the signed-in user's own membership
            Membership.objects.select_related("organisation")
            .filter(user=user, organisation__slug=slug)
            .first()
        )
        if membership is None:
            raise exceptions.NotFound()
        return user, membership
