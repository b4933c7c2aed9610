"""The API's one permission check, reading the organisation's role table.

It lives apart from the views' mixin because DRF imports it while it is
still loading its own views.
"""

from rest_framework.permissions import BasePermission

from organisations.models import Membership
from organisations.permissions import allowed

READ_ONLY_KEY = (
    "This API key is read-only. Writing needs a key with the “read and "
    "write” scope, made on the organisation's API keys page."
)
OWNERS_ONLY = (
    "Only the organisation's owners may do this, signed in to Pairwise: "
    "no API key has an owner's role."
)


class RoleAllowed(BasePermission):
    """Whether the caller's role may do the view's action (see `allowed`)."""

    def has_permission(self, request, view):
        if request.auth is None:
            return False

        action = view.required_action()
        if allowed(request.auth.role, action):
            return True
        # Keys are the only callers with a role below admin's: the audit
        # trail, the one place that accepts a signed-in member, is owners'.
        admin_may = allowed(Membership.Role.ADMIN, action)
        self.message = READ_ONLY_KEY if admin_may else OWNERS_ONLY
        return False
