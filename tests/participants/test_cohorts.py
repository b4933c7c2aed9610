from django.urls import reverse

from participants.models import Cohort


def test_creating_a_cohort_opens_its_page(member_client, organisation):
    url = reverse("cohort_create", args=[organisation.slug])

    response = member_client.post(url, {"name": "Spring 2027"})

    cohort = Cohort.objects.get(name="Spring 2027")
    assert response.status_code == 302
    assert response.url == cohort.get_absolute_url()
    assert cohort.organisation == organisation


def test_cohort_slugs_are_unique_within_an_organisation_only(
    cohort, other_organisation
):
    again = Cohort.objects.create(organisation=cohort.organisation, name=cohort.name)
    elsewhere = Cohort.objects.create(organisation=other_organisation, name=cohort.name)

    assert (cohort.slug, again.slug) == ("spring-2027", "spring-2027-2")
    assert elsewhere.slug == "spring-2027"


def test_a_viewer_cannot_create_a_cohort(client, viewer, organisation):
    client.force_login(viewer)

    response = client.post(
        reverse("cohort_create", args=[organisation.slug]), {"name": "X"}
    )

    assert response.status_code == 403
    assert not Cohort.objects.exists()
