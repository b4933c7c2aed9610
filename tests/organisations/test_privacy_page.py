import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from organisations.models import AuditEvent
from tests.conftest import make_member


def privacy_url(organisation):
    return reverse("organisation_privacy", args=[organisation.slug])


def test_the_privacy_page_shows_the_contact_and_period(client, organisation):
    organisation.privacy_contact = "Data Protection Officer, dpo@example.org"
    organisation.retention_days = 730
    organisation.save()

    response = client.get(f"/privacy/{organisation.slug}/")

    assert response.status_code == 200
    assert "dpo@example.org" in response.text
    assert "2 years" in response.text


def test_the_privacy_page_shows_the_owners_notice(client, organisation):
    organisation.privacy_notice = "We are the data controller."
    organisation.save()

    response = client.get(f"/privacy/{organisation.slug}/")

    assert "We are the data controller." in response.text


def test_the_privacy_page_of_an_unknown_organisation_is_not_found(client, db):
    response = client.get("/privacy/nobody-here/")

    assert response.status_code == 404


def test_the_sign_up_form_links_to_the_privacy_page(client, cohort, organisation):
    response = client.get(f"/join/{cohort.registration_token}/")

    assert response.status_code == 200
    assert f"/privacy/{organisation.slug}/" in response.text


def test_owners_edit_the_privacy_settings(owner_client, organisation):
    response = owner_client.post(
        privacy_url(organisation),
        {"retention_days": 90, "privacy_contact": "dpo@example.org"},
    )

    organisation.refresh_from_db()
    assert response.status_code == 302
    assert (organisation.retention_days, organisation.privacy_contact) == (
        90,
        "dpo@example.org",
    )
    assert AuditEvent.objects.get().action == "organisation.privacy"


def test_a_retention_period_over_ten_years_is_refused(owner_client, organisation):
    response = owner_client.post(privacy_url(organisation), {"retention_days": 4000})

    organisation.refresh_from_db()
    assert response.status_code == 200
    assert organisation.retention_days == 365


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_only_owners_change_the_privacy_settings(client, organisation, role):
    client.force_login(make_member(organisation, "sam", role))

    response = client.post(privacy_url(organisation), {"retention_days": 30})

    organisation.refresh_from_db()
    assert response.status_code == 403
    assert organisation.retention_days == 365


def test_email_footers_link_to_the_privacy_page(organisation, cohort, settings):
    settings.SITE_URL = "https://pairwise.example"
    context = {"organisation": organisation, "cohort": cohort}

    html = render_to_string("emails/_layout.html", context)

    assert "https://pairwise.example/privacy/staff-network/" in html
