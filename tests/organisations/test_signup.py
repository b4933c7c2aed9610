import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from organisations.models import AuditEvent, Membership, Organisation

ACCOUNT = {
    "username": "grace",
    "email": "Grace@Example.org",
    "password1": "a-longer-passphrase-7",
    "password2": "a-longer-passphrase-7",
}


def sign_up(client, name="Finance Network", **changes):
    return client.post(reverse("signup"), {"name": name, **ACCOUNT, **changes})


def test_signing_up_makes_an_organisation_with_its_owner(client, db):
    response = sign_up(client)

    assert response.status_code == 302
    assert response.url == "/finance-network/"
    membership = Membership.objects.get(organisation__slug="finance-network")
    assert (membership.user.username, membership.role) == ("grace", "owner")


def test_a_new_owner_is_logged_in_on_the_dashboard(client, db):
    response = sign_up(client, name="Finance Network")

    response = client.get(response.url)

    assert response.status_code == 200
    assert response.context["organisation"].name == "Finance Network"


def test_the_email_is_kept_in_lower_case(client, db):
    sign_up(client)

    assert User.objects.get(username="grace").email == "grace@example.org"


def test_a_name_already_in_use_gets_a_numbered_address(client, organisation):
    response = sign_up(client, name=organisation.name)

    assert response.status_code == 302
    assert response.url == f"/{organisation.slug}-2/"


@pytest.mark.parametrize("name", ["Accounts", "API", "django admin", "Static", "media"])
def test_a_name_whose_address_pairwise_uses_is_refused(client, db, name):
    response = sign_up(client, name=name)

    assert response.status_code == 200
    assert response.context["form"].has_error("name", "reserved")
    assert not Organisation.objects.exists()


def test_every_top_level_address_is_reserved():
    from organisations.models import reserved_slugs

    assert {"accounts", "django-admin", "api", "static", "media"} <= reserved_slugs()


def test_a_weak_password_is_refused(client, db):
    response = sign_up(client, password1="password", password2="password")

    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(username="grace").exists()


def test_a_logged_in_person_adds_an_organisation_to_their_account(
    member_client, user, organisation
):
    response = member_client.post(reverse("signup"), {"name": "Second Network"})

    assert response.status_code == 302
    roles = dict(user.memberships.values_list("organisation__slug", "role"))
    assert roles == {organisation.slug: "admin", "second-network": "owner"}


def test_signing_up_is_in_the_audit_trail(client, db):
    sign_up(client)

    event = AuditEvent.objects.get()
    assert (event.action, event.actor.username) == ("organisation.create", "grace")


def test_the_page_asks_a_visitor_for_an_account_too(client, db):
    response = client.get(reverse("signup"))

    assert response.status_code == 200
    assert "password1" in response.context["form"].fields


def test_the_page_asks_a_logged_in_person_for_a_name_only(member_client):
    response = member_client.get(reverse("signup"))

    assert list(response.context["form"].fields) == ["name"]
