"""The owners' page for the organisation's API keys."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api.forms import ApiKeyForm
from api.keys import create_key, revoke_key
from organisations.access import organisation_view
from organisations.models import ApiKey


@organisation_view("manage_api_keys")
@never_cache
def key_list(request, organisation):
    form = ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        name, scope = form.cleaned_data["name"], form.cleaned_data["scope"]
        key, new_key = create_key(organisation, name, scope, request.user)
        # No redirect: the full key exists only in this response, shown once.
        form = ApiKeyForm()

    context = {
        "organisation": organisation,
        "keys": ApiKey.objects.for_organisation(organisation),
        "form": form,
        "new_key": new_key,
    }
    return render(request, "api/key_list.html", context)


@organisation_view("manage_api_keys")
@require_POST
def key_revoke(request, organisation, pk):
    key = get_object_or_404(ApiKey.objects.for_organisation(organisation), pk=pk)
    if revoke_key(key, request.user):
        messages.success(request, f"Key “{key.name}” revoked: it no longer works.")
    return redirect("api_keys", organisation.slug)
