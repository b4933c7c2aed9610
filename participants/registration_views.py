"""The public sign-up form and the pages its emailed link opens.

These pages are outside any organisation's address: the cohort's random
token, or a signed link, is the whole authority, and they show nothing but
that cohort's form and the visitor's own answers.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from organisations import audit
from organisations.access import organisation_view
from organisations.lockout import client_ip
from participants import registration
from participants.models import Cohort, new_registration_token
from participants.registration_forms import RegistrationForm, initial_for


def client_address(group, request):
    return client_ip(request)


def registration_rate(group, request):
    return settings.REGISTRATION_RATE


# Sending the form, or changing or withdrawing a sign-up, counts towards one
# limit per client address; looking at the pages does not.
limited = ratelimit(
    group="registration",
    key=client_address,
    rate=registration_rate,
    method="POST",
    block=False,
)


def cohort_for_token(token):
    # unscoped: the random token is the access check
    cohorts = Cohort.objects.select_related("organisation")
    return get_object_or_404(cohorts, registration_token=token)


def too_many(request):
    return render(request, "participants/register_limited.html", status=429)


@limited
def register(request, token):
    cohort = cohort_for_token(token)
    context = {"cohort": cohort, "organisation": cohort.organisation}
    state = registration.window(cohort)
    if state != registration.OPEN:
        context["state"] = state
        return render(request, "participants/register_closed.html", context)
    if request.limited:
        return too_many(request)

    form = RegistrationForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        registration.register(cohort, form.rows)
        return redirect("register_sent", token)

    context["form"] = form
    return render(request, "participants/register.html", context)


def register_sent(request, token):
    cohort = cohort_for_token(token)
    context = {"cohort": cohort, "organisation": cohort.organisation}
    return render(request, "participants/register_sent.html", context)


def own_sign_up(signed):
    """A manage link's rows, and the context its pages share; else 404."""
    people = registration.people_for_link(signed)
    cohort = people[0].cohort
    context = {"cohort": cohort, "organisation": cohort.organisation}
    return people, context | {"people": people, "signed": signed}


def refusal(request, context):
    """The read-only page once the cohort is matched, or 429 past the limit."""
    if registration.is_matched(context["cohort"]):
        return render(request, "participants/register_matched.html", context)
    if request.limited:
        return too_many(request)
    return None


@limited
def manage(request, signed):
    people, context = own_sign_up(signed)
    if refused := refusal(request, context):
        return refused

    cohort = context["cohort"]
    form = RegistrationForm(
        request.POST or None,
        cohort=cohort,
        roles=[person.role for person in people],
        initial=initial_for(cohort, people),
    )
    if request.method == "POST" and form.is_valid():
        registration.update(people, form.rows)
        messages.success(request, "Your changes are saved.")
        return redirect("registration_manage", signed)

    context["form"] = form
    return render(request, "participants/register_manage.html", context)


@limited
def withdraw(request, signed):
    people, context = own_sign_up(signed)
    if refused := refusal(request, context):
        return refused

    if request.method == "POST":
        registration.withdraw(people)
        return redirect("registration_withdrawn")
    return render(request, "participants/register_withdraw.html", context)


def withdrawn(request):
    return render(request, "participants/register_withdrawn.html")


@organisation_view("edit")
@require_POST
def new_registration_link(request, organisation, pk):
    cohort = get_object_or_404(Cohort.objects.for_organisation(organisation), pk=pk)
    cohort.registration_token = new_registration_token()
    cohort.save(update_fields=["registration_token"])
    audit.record(
        organisation, "cohort.new_registration_link", cohort, user=request.user
    )
    messages.success(
        request, "The sign-up form has a new link; the old one no longer works."
    )
    return redirect(cohort)
