"""The client address that django-axes counts failed logins against."""

from django.conf import settings


def client_ip(request):
    """The address of whoever sent the request.

    Behind `TRUSTED_PROXIES` reverse proxies, each of which appends the
    address it was connected from to X-Forwarded-For, the client is that
    many entries from the right. Entries further left were written by the
    client itself and could be anything, so they are never read.
    """
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return request.META.get("REMOTE_ADDR")

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    addresses = [address.strip() for address in forwarded if address.strip()]
    if len(addresses) < proxies:
        return request.META.get("REMOTE_ADDR")
    return addresses[-proxies]
