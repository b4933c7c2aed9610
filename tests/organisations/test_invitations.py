import re
import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from organisations import invitations, tasks
from organisations.models import AuditEvent, Invitation, Membership

NEW_ACCOUNT = {
    "username": "nina",
    "password1": "a-longer-passphrase-7",
    "password2": "a-longer-passphrase-7",
}


@pytest.fixture
def invite(owner_client, organisation, django_capture_on_commit_callbacks):
    def invite(email="nina@example.org", role="admin"):
        with django_capture_on_commit_callbacks(execute=True):
            return owner_client.post(
                reverse("members", args=[organisation.slug]),
                {"email": email, "role": role},
            )

    return invite


def link(email):
    return re.search(r"https?://[^/]+(/accounts/invitations/\S+/)", email.body)[1]


def test_an_owner_invites_someone_by_email(invite):
    response = invite(email="Nina@Example.org")

    assert response.status_code == 302
    assert mail.outbox[0].to == ["nina@example.org"]
    assert "Staff Network" in mail.outbox[0].subject
    assert Invitation.objects.get().sent is not None


def test_the_invitation_email_has_a_text_and_an_html_body(invite):
    invite()

    assert link(mail.outbox[0]) in mail.outbox[0].alternatives[0][0]
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_inviting_a_member_is_refused(invite, user):
    response = invite(email=user.email)

    assert response.status_code == 200
    assert response.context["form"].has_error("email", "member")
    assert mail.outbox == []


def test_inviting_someone_with_an_account_elsewhere_says_nothing_of_it(
    invite, other_user
):
    response = invite(email=other_user.email)

    assert response.status_code == 302
    assert mail.outbox[0].to == [other_user.email]


def test_inviting_again_renews_the_pending_invitation(invite):
    invite(role="admin")

    invite(role="viewer")

    assert Invitation.objects.get().role == "viewer"
    assert len(mail.outbox) == 2


def test_a_new_person_is_asked_for_a_username_and_password(client, invite):
    invite()
    client.logout()

    response = client.get(link(mail.outbox[0]))

    assert response.status_code == 200
    assert "username" in response.context["form"].fields


def test_a_new_person_chooses_a_username_and_joins(client, invite, organisation):
    invite(role="viewer")
    client.logout()

    response = client.post(link(mail.outbox[0]), NEW_ACCOUNT)

    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    membership = Membership.objects.get(user__username="nina")
    assert (membership.role, membership.user.email) == ("viewer", "nina@example.org")


def test_someone_with_an_account_is_asked_to_log_in(client, invite, other_user):
    invite(email=other_user.email)
    client.logout()

    response = client.get(link(mail.outbox[0]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=/accounts/invitations/")


def test_a_logged_in_person_joins_with_their_account(
    client, invite, other_user, organisation
):
    invite(email=other_user.email, role="viewer")
    client.force_login(other_user)

    response = client.post(link(mail.outbox[0]))

    assert response.status_code == 302
    assert other_user.memberships.get(organisation=organisation).role == "viewer"


def test_a_link_works_once(client, invite):
    invite()
    client.logout()
    client.post(link(mail.outbox[0]), NEW_ACCOUNT)

    response = client.post(link(mail.outbox[0]), {**NEW_ACCOUNT, "username": "n2"})

    assert response.status_code == 404
    assert response.context["problem"].args == (
        "This invitation has already been used.",
    )


def test_a_link_stops_working_after_seven_days(client, invite, monkeypatch):
    invite()
    eight_days_on = time.time() + 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_on)

    response = client.get(link(mail.outbox[0]))

    assert response.status_code == 404
    assert response.context["problem"].args == ("This invitation has expired.",)


def test_an_altered_link_does_not_work(client, invite):
    invite()
    token = link(mail.outbox[0]).split("/")[-2]
    other_id = str(Invitation.objects.get().pk + 1)

    response = client.get(
        reverse("accept_invitation", args=[other_id + token[token.index(":") :]])
    )

    assert response.status_code == 404
    assert response.context["problem"].args == ("This link is not a valid invitation.",)


def test_a_withdrawn_invitation_cannot_be_accepted(owner_client, invite, organisation):
    invite()
    invitation = Invitation.objects.get()
    owner_client.post(
        reverse("invitation_revoke", args=[organisation.slug, invitation.pk])
    )

    response = owner_client.get(link(mail.outbox[0]))

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_a_task_run_twice_sends_one_email(organisation, owner):
    invitation = invitations.invite(organisation, "nina@example.org", "admin", owner)

    tasks.send_invitation(invitation.pk)
    tasks.send_invitation(invitation.pk)

    assert len(mail.outbox) == 1


def test_an_email_that_fails_can_be_sent_again(organisation, owner, monkeypatch):
    invitation = invitations.invite(organisation, "nina@example.org", "admin", owner)

    def fail(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(tasks, "send_mail", fail)
    tasks.send_invitation(invitation.pk)

    invitation.refresh_from_db()
    assert invitation.sent is None


def test_inviting_and_joining_are_in_the_audit_trail(client, invite):
    invite()
    client.logout()
    client.post(link(mail.outbox[0]), NEW_ACCOUNT)

    actions = AuditEvent.objects.values_list("action", "actor__username")
    assert list(actions) == [
        ("invitation.accept", "nina"),
        ("invitation.create", "olive"),
    ]
