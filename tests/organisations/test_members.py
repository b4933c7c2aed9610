import pytest
from django.urls import reverse

from organisations.models import AuditEvent, Membership
from tests.conftest import make_member


def role_url(organisation, user):
    membership = Membership.objects.get(organisation=organisation, user=user)
    return reverse("member_role", args=[organisation.slug, membership.pk])


def remove_url(organisation, user):
    membership = Membership.objects.get(organisation=organisation, user=user)
    return reverse("member_remove", args=[organisation.slug, membership.pk])


@pytest.mark.parametrize(
    "role, status", [("owner", 200), ("admin", 403), ("viewer", 403)]
)
def test_only_owners_see_the_members_page(client, organisation, role, status):
    client.force_login(make_member(organisation, "sam", role))

    response = client.get(reverse("members", args=[organisation.slug]))

    assert response.status_code == status


def test_the_members_page_lists_everyone_with_their_role(
    owner_client, organisation, user, viewer
):
    response = owner_client.get(reverse("members", args=[organisation.slug]))

    roles = {m.user.username: m.role for m in response.context["memberships"]}
    assert roles == {"ada": "admin", "olive": "owner", "vic": "viewer"}


def test_an_owner_changes_a_members_role(owner_client, organisation, user):
    response = owner_client.post(role_url(organisation, user), {"role": "viewer"})

    assert response.status_code == 302
    assert user.memberships.get().role == "viewer"
    assert AuditEvent.objects.get().action == "membership.change_role"


def test_the_last_owner_cannot_step_down(owner_client, organisation, owner):
    response = owner_client.post(
        role_url(organisation, owner), {"role": "admin"}, follow=True
    )

    assert "someone else an owner first" in response.content.decode()
    assert owner.memberships.get().role == "owner"


def test_an_owner_steps_down_when_another_owner_remains(
    owner_client, organisation, owner, user
):
    owner_client.post(role_url(organisation, user), {"role": "owner"})

    response = owner_client.post(role_url(organisation, owner), {"role": "admin"})

    assert response.url == organisation.get_absolute_url()
    assert owner.memberships.get().role == "admin"


def test_an_unknown_role_changes_nothing(owner_client, organisation, user):
    owner_client.post(role_url(organisation, user), {"role": "emperor"})

    assert user.memberships.get().role == "admin"


def test_an_owner_removes_a_member(owner_client, organisation, user):
    response = owner_client.post(remove_url(organisation, user))

    assert response.status_code == 302
    assert not user.memberships.exists()
    assert AuditEvent.objects.get().action == "membership.remove"


def test_the_last_owner_cannot_be_removed(owner_client, organisation, owner):
    owner_client.post(remove_url(organisation, owner))

    assert owner.memberships.get().role == "owner"


def test_a_foreign_membership_is_not_found_under_ones_own_organisation(
    owner_client, organisation, other_organisation, other_user
):
    response = owner_client.post(remove_url(other_organisation, other_user))
    foreign = Membership.objects.get(user=other_user).pk

    response = owner_client.post(
        reverse("member_remove", args=[organisation.slug, foreign])
    )

    assert response.status_code == 404
    assert other_user.memberships.exists()
