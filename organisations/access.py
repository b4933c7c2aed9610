"""How a page finds the organisation it works on, and who may change it."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from organisations.models import Membership
from organisations.permissions import PERMISSIONS


def organisation_view(action="view"):
    """Decorate a page under /<organisation_slug>/.

    The organisation is found through the user's own membership, so the slug
    of an organisation they do not belong to answers 404, exactly like a slug
    that does not exist. A member whose role may not do `action` (see
    `organisations.permissions`) gets 403.
    The view receives the organisation in place of the slug and finds the
    membership on `request.membership`. The wrapper keeps `action` as its
    `organisation_action`.
    """

    if action not in PERMISSIONS:
        raise ValueError(f"Unknown action {action!r}: add it to PERMISSIONS.")

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, organisation_slug, *args, **kwargs):
            membership = get_object_or_404(
                # unscoped: the signed-in user's own membership
                Membership.objects.select_related("organisation"),
                user=request.user,
                organisation__slug=organisation_slug,
            )
            if not membership.can(action):
                raise PermissionDenied
            request.membership = membership
            return view(request, membership.organisation, *args, **kwargs)

        # Read by the tests that walk every page, to know what each demands.
        wrapper.organisation_action = action
        return wrapper

    return decorator
