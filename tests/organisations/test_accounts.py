from django.urls import reverse


def test_logging_in_lands_on_the_organisations_dashboard(client, user, organisation):
    response = client.post(
        reverse("login"), {"username": "ada", "password": "pw-x9!Lq2"}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"/{organisation.slug}/"
    assert response.status_code == 200


def test_a_wrong_password_is_refused(client, user):
    response = client.post(reverse("login"), {"username": "ada", "password": "nope"})

    assert response.status_code == 200
    assert response.context["form"].errors


def test_logging_out_ends_the_session(member_client, organisation):
    member_client.post(reverse("logout"))

    response = member_client.get(f"/{organisation.slug}/")

    assert response.status_code == 302


def test_password_change_takes_the_new_password(member_client, user):
    response = member_client.post(
        reverse("password_change"),
        {
            "old_password": "pw-x9!Lq2",
            "new_password1": "a-longer-passphrase-7",
            "new_password2": "a-longer-passphrase-7",
        },
    )

    user.refresh_from_db()
    assert response.status_code == 302
    assert user.check_password("a-longer-passphrase-7")


def test_a_member_of_two_organisations_chooses_one(client, user, other_organisation):
    from organisations.models import Membership

    Membership.objects.create(organisation=other_organisation, user=user)
    client.force_login(user)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert len(response.context["memberships"]) == 2


def test_a_refused_page_explains_itself(client, viewer, organisation):
    client.force_login(viewer)

    response = client.get(reverse("cohort_create", args=[organisation.slug]))

    assert response.status_code == 403
    assert b"Your role in this organisation does not allow it" in response.content
