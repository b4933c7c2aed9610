import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from organisations import audit
from organisations.access import organisation_view
from organisations.forms import OrganisationForm, SignupForm
from organisations.models import Membership, Organisation
from participants.models import Cohort

logger = logging.getLogger(__name__)

# The backend that logs in a person who has just set their password; the
# axes backend before it only counts failed logins.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_required
def home(request):
    memberships = Membership.objects.filter(user=request.user).select_related(
        "organisation"
    )
    if len(memberships) == 1:
        return redirect(memberships[0].organisation)
    return render(request, "organisations/home.html", {"memberships": memberships})


def signup(request):
    """A new organisation, and its owner: a new account, or the logged-in one."""
    new_account = not request.user.is_authenticated
    form_class = SignupForm if new_account else OrganisationForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save() if new_account else request.user
            organisation = Organisation.create_with_owner(
                form.cleaned_data["name"], user
            )
            audit.record(organisation, "organisation.create", organisation, user=user)
        if new_account:
            login(request, user, backend=MODEL_BACKEND)
        logger.info("Signed up: organisation=%s user=%s", organisation.pk, user.pk)
        messages.success(request, f"Welcome to Pairwise. “{organisation}” is ready.")
        return redirect(organisation)

    return render(request, "registration/signup.html", {"form": form})


@organisation_view()
def dashboard(request, organisation):
    cohorts = Cohort.objects.for_organisation(organisation).annotate_counts()
    return render(
        request,
        "organisations/dashboard.html",
        {"organisation": organisation, "cohorts": cohorts},
    )
