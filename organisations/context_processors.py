from organisations.models import Membership


def account_memberships(request):
    """The signed-in person's memberships, for the header's switcher.

    A queryset runs only when a template reads it, so pages that do not
    show the header cost no query.
    """
    if not request.user.is_authenticated:
        return {}
    # unscoped: the signed-in user's own memberships
    memberships = Membership.objects.filter(user=request.user)
    memberships = memberships.select_related("organisation")
    return {"account_memberships": memberships.order_by("organisation__name")}
