import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from organisations import audit, invitations, members
from organisations.access import organisation_view
from organisations.forms import (
    DeleteOrganisationForm,
    InvitationForm,
    InvitedAccountForm,
    OrganisationForm,
    PrivacyForm,
    RoleForm,
    SignupForm,
)
from organisations.models import AuditEvent, Invitation, Membership, Organisation
from participants.models import Cohort

logger = logging.getLogger(__name__)

# The backend that logs in a person who has just set their password; the
# axes backend before it only counts failed logins.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_required
def home(request):
    # unscoped: the signed-in user's own memberships
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


@organisation_view("manage_members")
def member_list(request, organisation):
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        invitations.invite(organisation, user=request.user, **form.cleaned_data)
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("members", organisation.slug)

    memberships = Membership.objects.for_organisation(organisation)
    pending = Invitation.objects.for_organisation(organisation)
    context = {
        "organisation": organisation,
        "form": form,
        "memberships": memberships.select_related("user").order_by("user__username"),
        "invitations": pending.filter(accepted__isnull=True),
        "roles": Membership.Role.choices,
        "now": timezone.now(),
    }
    return render(request, "organisations/members.html", context)


@organisation_view("manage_members")
@require_POST
def member_role(request, organisation, pk):
    memberships = Membership.objects.for_organisation(organisation)
    membership = get_object_or_404(memberships.select_related("user"), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose owner, admin or viewer.")
    else:
        try:
            members.change_role(membership, form.cleaned_data["role"], request.user)
        except members.LastOwner:
            messages.error(request, "Make someone else an owner first.")
        else:
            role = membership.get_role_display().lower()
            messages.success(request, f"{membership.user} is now {role}.")

    # An owner who made themselves an admin may no longer see this page.
    if membership.user == request.user and membership.role != Membership.Role.OWNER:
        return redirect(organisation)
    return redirect("members", organisation.slug)


@organisation_view("manage_members")
@require_POST
def member_remove(request, organisation, pk):
    memberships = Membership.objects.for_organisation(organisation)
    membership = get_object_or_404(memberships.select_related("user"), pk=pk)
    try:
        members.remove(membership, request.user)
    except members.LastOwner:
        messages.error(request, "Make someone else an owner first.")
        return redirect("members", organisation.slug)

    messages.success(request, f"{membership.user} is no longer a member.")
    if membership.user == request.user:
        return redirect("home")
    return redirect("members", organisation.slug)


@organisation_view("manage_members")
@require_POST
def invitation_revoke(request, organisation, pk):
    pending = Invitation.objects.for_organisation(organisation)
    invitation = get_object_or_404(pending.filter(accepted__isnull=True), pk=pk)
    invitations.revoke(invitation, request.user)
    messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    return redirect("members", organisation.slug)


def accept_invitation(request, token):
    """Join through an emailed link: with the account one is logged in to,
    after logging in to the account the email has, or with a new account."""
    try:
        invitation = invitations.from_token(token)
        if request.user.is_authenticated:
            return _join(request, invitation)
        if User.objects.filter(email__iexact=invitation.email).exists():
            messages.info(request, "Log in to accept the invitation.")
            return redirect_to_login(request.get_full_path())
        return _join_with_new_account(request, invitation)
    except invitations.Unusable as problem:
        context = {"problem": problem}
        return render(
            request, "organisations/invitation_unusable.html", context, status=404
        )


def _join(request, invitation):
    if request.method == "POST":
        membership = invitations.accept(invitation, request.user)
        messages.success(request, f"Welcome to {membership.organisation}.")
        return redirect(membership.organisation)
    context = {"invitation": invitation}
    return render(request, "organisations/invitation_accept.html", context)


def _join_with_new_account(request, invitation):
    form = InvitedAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            membership = invitations.accept(invitation, user)
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, f"Welcome to {membership.organisation}.")
        return redirect(membership.organisation)
    context = {"invitation": invitation, "form": form}
    return render(request, "organisations/invitation_accept.html", context)


@organisation_view("manage_organisation")
def organisation_settings(request, organisation):
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(
            organisation, "organisation.rename", organisation, user=request.user
        )
        messages.success(request, "The organisation is renamed.")
        return redirect("organisation_settings", organisation.slug)

    delete_form = DeleteOrganisationForm(organisation=organisation)
    context = {
        "organisation": organisation,
        "form": form,
        "privacy_form": PrivacyForm(instance=organisation),
        "delete_form": delete_form,
    }
    return render(request, "organisations/settings.html", context)


@organisation_view("manage_organisation")
@require_POST
def organisation_privacy(request, organisation):
    form = PrivacyForm(request.POST, instance=organisation)
    if form.is_valid():
        form.save()
        audit.record(
            organisation, "organisation.privacy", organisation, user=request.user
        )
        messages.success(request, "The privacy settings are saved.")
        return redirect("organisation_settings", organisation.slug)

    context = {
        "organisation": organisation,
        "form": OrganisationForm(instance=organisation),
        "privacy_form": form,
        "delete_form": DeleteOrganisationForm(organisation=organisation),
    }
    return render(request, "organisations/settings.html", context)


def privacy_page(request, slug):
    """An organisation's public privacy page: no login, for participants."""
    organisation = get_object_or_404(Organisation, slug=slug)
    context = {"organisation": organisation}
    return render(request, "organisations/privacy.html", context)


@organisation_view("manage_organisation")
@require_POST
def organisation_delete(request, organisation):
    form = DeleteOrganisationForm(request.POST, organisation=organisation)
    if not form.is_valid():
        rename_form = OrganisationForm(instance=organisation)
        context = {
            "organisation": organisation,
            "form": rename_form,
            "privacy_form": PrivacyForm(instance=organisation),
            "delete_form": form,
        }
        return render(request, "organisations/settings.html", context)

    # Everything goes with it, the audit trail included, so the log keeps
    # the only record.
    pk = organisation.pk
    organisation.delete()
    logger.info("Organisation deleted: organisation=%s user=%s", pk, request.user.pk)
    messages.success(request, f"“{organisation}” and all its data are deleted.")
    return redirect("home")


@organisation_view("view_audit")
def audit_trail(request, organisation):
    events = AuditEvent.objects.for_organisation(organisation)
    events = events.select_related("actor", "api_key")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    context = {"organisation": organisation, "page": page}
    return render(request, "organisations/audit.html", context)
