from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from organisations import audit
from organisations.access import organisation_view
from participants.forms import CohortForm, CohortSettingsForm, ImportForm
from participants.importing import import_participants
from participants.models import Cohort


@organisation_view("edit")
def cohort_create(request, organisation):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = form.save(commit=False)
        cohort.organisation = organisation
        cohort.save()
        audit.record(organisation, "cohort.create", cohort, user=request.user)
        messages.success(request, f"Cohort “{cohort}” created.")
        return redirect(cohort)

    context = {"organisation": organisation, "form": form}
    return render(request, "participants/cohort_form.html", context)


@organisation_view()
def cohort_detail(request, organisation, pk):
    cohorts = Cohort.objects.for_organisation(organisation).annotate_counts()
    cohort = get_object_or_404(cohorts, pk=pk)

    context = {
        "organisation": organisation,
        "cohort": cohort,
        "runs": cohort.runs.all()[:20],
    }
    return render(request, "participants/cohort_detail.html", context)


@organisation_view("edit")
def cohort_import(request, organisation, pk):
    cohort = get_object_or_404(Cohort.objects.for_organisation(organisation), pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = import_participants(cohort, **form.cleaned_data)
        if report.ok:
            audit.record(
                organisation,
                "cohort.import_participants",
                cohort,
                user=request.user,
                mentors_new=report.created["mentor"],
                mentees_new=report.created["mentee"],
                mentors_updated=report.updated["mentor"],
                mentees_updated=report.updated["mentee"],
            )
            messages.success(request, report.summary())
            return redirect(cohort)

    context = {
        "organisation": organisation,
        "cohort": cohort,
        "form": form,
        "report": report,
    }
    return render(request, "participants/cohort_import.html", context)


@organisation_view("edit")
def cohort_settings(request, organisation, pk):
    cohort = get_object_or_404(Cohort.objects.for_organisation(organisation), pk=pk)
    form = CohortSettingsForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(organisation, "cohort.update", cohort, user=request.user)
        messages.success(
            request, "Settings saved. Runs made before keep the settings they used."
        )
        return redirect(cohort)

    context = {"organisation": organisation, "cohort": cohort, "form": form}
    return render(request, "participants/cohort_settings.html", context)
