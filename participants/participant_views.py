"""The admin's pages for a cohort's participants: the list, one person's
page, adding, changing and deleting by hand, and one person's data export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching.models import Match, MatchRun
from organisations import audit
from organisations.access import organisation_view
from participants.export import participant_data
from participants.models import Cohort
from participants.participant_forms import ParticipantFilterForm, ParticipantForm


def latest_finished_run(cohort):
    return cohort.runs.filter(status=MatchRun.Status.FINISHED).order_by("-pk").first()


@organisation_view()
def participant_list(request, organisation, pk):
    cohort = get_object_or_404(Cohort.objects.for_organisation(organisation), pk=pk)
    run = latest_finished_run(cohort)

    # One subquery rather than a query per row, for cohorts of thousands.
    participants = cohort.participants.all()
    matched = None
    if run is not None:
        pairs = Match.objects.for_organisation(organisation).filter(run=run)
        matched = Q(
            Exists(pairs.filter(Q(mentor=OuterRef("pk")) | Q(mentee=OuterRef("pk"))))
        )
        participants = participants.annotate(matched=matched)
    form = ParticipantFilterForm(request.GET)
    participants = form.filter(participants, matched)

    context = {
        "organisation": organisation,
        "cohort": cohort,
        "form": form,
        "run": run,
        "page": Paginator(participants, 50).get_page(request.GET.get("page")),
    }
    return render(request, "participants/participant_list.html", context)


def cohort_participant(organisation, pk, participant_pk):
    cohort = get_object_or_404(Cohort.objects.for_organisation(organisation), pk=pk)
    return get_object_or_404(cohort.participants.all(), pk=participant_pk)


@organisation_view()
def participant_detail(request, organisation, pk, participant_pk):
    participant = cohort_participant(organisation, pk, participant_pk)
    context = {
        "organisation": organisation,
        "cohort": participant.cohort,
        "participant": participant,
        "show_identity": request.membership.can("view_identity"),
    }
    return render(request, "participants/participant_detail.html", context)


def save_participant(request, organisation, cohort, participant=None):
    form = ParticipantForm(request.POST or None, cohort=cohort, instance=participant)
    if request.method == "POST" and form.is_valid():
        action = "participant.update" if participant else "participant.create"
        participant = form.save()
        audit.record(organisation, action, participant, user=request.user)
        messages.success(request, f"{participant.full_name} saved.")
        return redirect("participant", organisation.slug, cohort.pk, participant.pk)

    context = {
        "organisation": organisation,
        "cohort": cohort,
        "form": form,
        "participant": participant,
    }
    return render(request, "participants/participant_form.html", context)


@organisation_view("edit")
def participant_create(request, organisation, pk):
    cohort = get_object_or_404(Cohort.objects.for_organisation(organisation), pk=pk)
    return save_participant(request, organisation, cohort)


@organisation_view("edit")
def participant_edit(request, organisation, pk, participant_pk):
    participant = cohort_participant(organisation, pk, participant_pk)
    return save_participant(request, organisation, participant.cohort, participant)


@organisation_view("edit")
def participant_delete(request, organisation, pk, participant_pk):
    participant = cohort_participant(organisation, pk, participant_pk)
    cohort = participant.cohort
    if request.method == "POST":
        # Recorded first, while the row still has its id to name.
        audit.record(organisation, "participant.delete", participant, user=request.user)
        participant.delete()
        messages.success(request, "Participant deleted.")
        return redirect("participant_list", organisation.slug, cohort.pk)

    context = {
        "organisation": organisation,
        "cohort": cohort,
        "participant": participant,
    }
    return render(request, "participants/participant_delete.html", context)


@organisation_view("edit")
@require_POST
def participant_export(request, organisation, pk, participant_pk):
    participant = cohort_participant(organisation, pk, participant_pk)
    with_identity = request.POST.get("identity") == "1"
    if with_identity and not request.membership.can("view_identity"):
        raise PermissionDenied

    audit.record(
        organisation,
        "participant.export",
        participant,
        user=request.user,
        identity=int(with_identity),
    )
    response = JsonResponse(participant_data(participant, with_identity))
    response["Content-Disposition"] = (
        f'attachment; filename="participant-{participant.pk}.json"'
    )
    return response
