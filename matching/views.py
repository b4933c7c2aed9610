from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching import services
from matching.forms import RunForm
from matching.models import Match, MatchRun
from organisations import audit
from organisations.access import organisation_view
from participants.models import Cohort


def _run_or_404(organisation, pk):
    runs = MatchRun.objects.for_organisation(organisation).select_related("cohort")
    return get_object_or_404(runs, pk=pk)


@organisation_view("edit")
@require_POST
def run_create(request, organisation, pk):
    cohort = get_object_or_404(Cohort.objects.for_organisation(organisation), pk=pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how to match: best matches or most mentees.")
        return redirect(cohort)

    run = services.start_run(cohort, form.cleaned_data["mode"], request.user)
    audit.record(
        organisation, "matchrun.start", run, user=request.user, cohort=cohort.pk
    )
    return redirect(run)


@organisation_view()
def run_progress(request, organisation, pk):
    run = _run_or_404(organisation, pk)
    return JsonResponse(services.progress(run))


@organisation_view()
def run_detail(request, organisation, pk):
    run = _run_or_404(organisation, pk)
    matches = Match.objects.for_organisation(organisation).filter(run=run)
    context = {
        "organisation": organisation,
        "run": run,
        "cohort": run.cohort,
        "progress": services.progress(run),
        "matches": matches.select_related("mentor", "mentee"),
        "recipients": run.participants().count(),
        "published_run": run.cohort.runs.exclude(pk=run.pk)
        .filter(published__isnull=False)
        .first(),
    }
    if run.status == MatchRun.Status.FINISHED:
        context.update(services.unmatched(run), overview=services.overview(run))
    return render(request, "matching/run_detail.html", context)


@organisation_view()
def run_download(request, organisation, pk, kind):
    run = _run_or_404(organisation, pk)
    if kind not in ("mentors", "mentees") or run.status != MatchRun.Status.FINISHED:
        raise Http404

    files = services.run_mailing_lists(run)
    name = f"{kind}-list.csv"
    response = HttpResponse(files[name], content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@organisation_view("publish")
@require_POST
def run_publish(request, organisation, pk):
    run = _run_or_404(organisation, pk)
    if not request.POST.get("confirm"):
        messages.error(request, "Tick the box to confirm, then publish.")
        return redirect(run)
    try:
        services.publish(run)
    except services.CannotPublish as refusal:
        messages.error(request, str(refusal))
        return redirect(run)

    audit.record(organisation, "matchrun.publish", run, user=request.user)
    messages.success(request, "Published. The emails are on their way.")
    return redirect(run)
