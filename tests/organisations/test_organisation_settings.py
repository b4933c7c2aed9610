import pytest
from django.urls import reverse

from organisations.models import AuditEvent, Organisation
from participants.models import Cohort
from tests.conftest import make_member


def settings_url(organisation):
    return reverse("organisation_settings", args=[organisation.slug])


def delete_url(organisation):
    return reverse("organisation_delete", args=[organisation.slug])


@pytest.mark.parametrize(
    "role, status", [("owner", 200), ("admin", 403), ("viewer", 403)]
)
def test_only_owners_see_the_settings(client, organisation, role, status):
    client.force_login(make_member(organisation, "sam", role))

    response = client.get(settings_url(organisation))

    assert response.status_code == status


def test_renaming_keeps_the_address(owner_client, organisation):
    response = owner_client.post(settings_url(organisation), {"name": "Staff Forum"})

    organisation.refresh_from_db()
    assert response.status_code == 302
    assert (organisation.name, organisation.slug) == ("Staff Forum", "staff-network")
    assert AuditEvent.objects.get().action == "organisation.rename"


def test_a_blank_name_is_refused(owner_client, organisation):
    response = owner_client.post(settings_url(organisation), {"name": " "})

    assert response.status_code == 200
    assert Organisation.objects.get().name == "Staff Network"


def test_deleting_needs_the_name_typed_out(owner_client, organisation, cohort):
    response = owner_client.post(delete_url(organisation), {"confirmation": "yes"})

    assert response.status_code == 200
    assert response.context["delete_form"].has_error("confirmation", "mismatch")
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_deleting_removes_the_organisation_and_its_data(
    owner_client, owner, organisation, cohort, other_cohort
):
    response = owner_client.post(
        delete_url(organisation), {"confirmation": "  staff  NETWORK "}
    )

    assert response.url == reverse("home")
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert list(Cohort.objects.all()) == [other_cohort]
    assert owner.is_active


def test_a_member_of_two_organisations_can_switch_from_the_header(
    member_client, user, organisation, other_organisation
):
    other_organisation.memberships.create(user=user)

    response = member_client.get(organisation.get_absolute_url())

    assert b"Switch organisation" in response.content
    assert other_organisation.get_absolute_url().encode() in response.content


def test_a_member_of_one_organisation_has_no_switcher(member_client, organisation):
    response = member_client.get(organisation.get_absolute_url())

    assert b"Switch organisation" not in response.content
