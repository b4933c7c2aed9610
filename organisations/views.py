from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from organisations.access import organisation_view
from organisations.models import Membership
from participants.models import Cohort


@login_required
def home(request):
    memberships = Membership.objects.filter(user=request.user).select_related(
        "organisation"
    )
    if len(memberships) == 1:
        return redirect(memberships[0].organisation)
    return render(request, "organisations/home.html", {"memberships": memberships})


@organisation_view()
def dashboard(request, organisation):
    cohorts = Cohort.objects.for_organisation(organisation).annotate_counts()
    return render(
        request,
        "organisations/dashboard.html",
        {"organisation": organisation, "cohorts": cohorts},
    )
