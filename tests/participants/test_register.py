import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from organisations.models import reserved_slugs
from participants import registration
from participants.models import Participant
from participants.registration_forms import RegistrationForm


def answers(**changes):
    values = {
        "role": "mentor",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "Ada@Example.org",
        "job_title": "Analyst",
        "grade": "Grade 7",
        "employer": "Cabinet Office",
        "profession": "Digital",
        "biography": "Numbers.",
        "consent": "on",
    }
    return {**values, **changes}


@pytest.fixture
def sign_up(client, cohort, django_capture_on_commit_callbacks):
    def post(cohort=cohort, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/join/{cohort.registration_token}/", answers(**changes)
            )

    return post


def test_the_form_shows_its_cohort_and_nothing_else(client, cohort, other_cohort):
    cohort.privacy_notice = "We keep answers for a year."
    cohort.save()

    response = client.get(f"/join/{cohort.registration_token}/")

    assert response.status_code == 200
    assert b"Staff Network" in response.content
    assert b"We keep answers for a year." in response.content
    assert other_cohort.name.encode() not in response.content


def test_another_cohorts_token_shows_only_that_cohort(client, cohort, other_cohort):
    response = client.get(f"/join/{other_cohort.registration_token}/")

    assert response.status_code == 200
    assert b"Other Body" in response.content
    assert b"Staff Network" not in response.content


def test_an_unknown_token_is_not_found(client, cohort):
    response = client.get("/join/not-a-token/")

    assert response.status_code == 404


def test_a_mentor_signs_up(sign_up, cohort):
    response = sign_up(mentee_limit="2")

    assert response.status_code == 302
    assert response.url == f"/join/{cohort.registration_token}/sent/"
    mentor = Participant.objects.get(cohort=cohort)
    assert (mentor.role, mentor.email, mentor.mentee_limit) == (
        "mentor",
        "ada@example.org",
        2,
    )
    assert mentor.source == Participant.Source.FORM


def test_both_roles_create_a_mentor_and_a_mentee(sign_up, cohort):
    sign_up(role="both")

    people = Participant.objects.filter(cohort=cohort, email="ada@example.org")
    assert sorted(people.values_list("role", flat=True)) == ["mentee", "mentor"]
    assert all(person.both_roles for person in people)


def test_consent_is_required(sign_up, cohort):
    response = sign_up(consent="")

    assert response.status_code == 200
    assert response.context["form"].has_error("consent", "required")
    assert not Participant.objects.filter(cohort=cohort).exists()


def test_consent_is_stored_with_its_time_and_version(sign_up, cohort):
    cohort.consent_text = "I agree to be matched."
    cohort.save()

    sign_up()

    mentor = Participant.objects.get(cohort=cohort)
    assert mentor.consent_version == 2
    assert timezone.now() - mentor.consented_at < timedelta(minutes=1)


def test_signing_up_twice_adds_no_row_and_shows_the_same_page(
    sign_up, cohort, mailoutbox
):
    first = sign_up()
    second = sign_up(first_name="Someone", email="ada@example.org")

    assert second.status_code == 302 and second.url == first.url
    mentor = Participant.objects.get(cohort=cohort)
    assert mentor.first_name == "Ada"
    assert [message.to for message in mailoutbox] == [["ada@example.org"]] * 2


def test_the_email_links_to_the_sign_up(sign_up, client, mailoutbox):
    sign_up()

    link = mailoutbox[0].body.split("http://localhost:8000")[1].split()[0]
    response = client.get(link)
    assert response.status_code == 200
    assert b"ada@example.org" in response.content


def test_a_retried_email_task_sends_nothing_twice(sign_up, cohort, mailoutbox):
    from participants.tasks import send_registration_link

    sign_up()
    mentor = Participant.objects.get(cohort=cohort)
    key = str(mentor.sign_up_emails.get().key)

    send_registration_link(mentor.pk, key)

    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_at_once_add_one_row(cohort):
    form = RegistrationForm(answers(), cohort=cohort)
    assert form.is_valid()
    errors = []

    def sign_up():
        try:
            registration.register(cohort, form.rows)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Participant.objects.filter(cohort=cohort).count() == 1


def test_the_other_roles_answers_are_left_out(sign_up, cohort):
    sign_up(role="mentee", characteristics="Carer", mentee_limit="1")

    mentee = Participant.objects.get(cohort=cohort)
    assert mentee.role == "mentee"
    assert (mentee.characteristics, mentee.mentee_limit) == ("", None)


def test_the_cohorts_options_are_offered_and_checked(sign_up, cohort):
    cohort.professions = ["Digital", "Policy"]
    cohort.identity_options = ["Woman", "Carer"]
    cohort.save()

    response = sign_up(profession="Plumbing", characteristics=["Carer", "Pilot"])

    assert response.status_code == 200
    assert response.context["form"].has_error("profession", "invalid_choice")
    assert response.context["form"].has_error("characteristics", "invalid_choice")


def test_a_mentee_asking_for_a_shared_identity_names_it(sign_up, cohort):
    response = sign_up(role="mentee", match_similar_identity="on")

    assert response.status_code == 200
    assert response.context["form"].has_error("identity_to_match")
    assert not Participant.objects.filter(cohort=cohort).exists()


def test_errors_are_summarised_and_tied_to_their_fields(sign_up):
    response = sign_up(first_name="", grade="Grade 99")

    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert 'href="#id_first_name"' in content and 'href="#id_grade"' in content
    assert 'aria-describedby="id_first_name_error"' in content


def test_a_form_not_yet_open_says_when_it_opens(client, cohort, sign_up):
    cohort.registration_opens = timezone.now() + timedelta(days=2)
    cohort.save()

    response = client.get(f"/join/{cohort.registration_token}/")

    assert b"Sign-up has not opened yet. It opens on" in response.content
    assert f"{cohort.registration_opens.year}".encode() in response.content
    assert b"Sign-up has not opened yet" in sign_up().content


def test_a_closed_form_says_so_and_saves_nothing(cohort, sign_up):
    cohort.registration_closes = timezone.now() - timedelta(hours=1)
    cohort.save()

    response = sign_up()

    assert response.status_code == 200
    assert b"Sign-up closed on" in response.content
    assert not Participant.objects.filter(cohort=cohort).exists()


def test_a_form_closed_now_says_so(client, cohort):
    cohort.registration_closed_now = True
    cohort.save()

    response = client.get(f"/join/{cohort.registration_token}/")

    assert b"Sign-up is closed." in response.content


def test_too_many_sign_ups_from_one_address_get_429(settings, sign_up, cohort):
    settings.REGISTRATION_RATE = "2/h"

    responses = [sign_up(email=f"person{n}@example.org") for n in range(3)]

    assert [response.status_code for response in responses] == [302, 302, 429]
    assert Participant.objects.filter(cohort=cohort).count() == 2


def test_behind_a_proxy_each_client_has_its_own_limit(settings, client, cohort):
    settings.REGISTRATION_RATE, settings.TRUSTED_PROXIES = "1/h", 1
    url = f"/join/{cohort.registration_token}/"

    for n in range(2):
        data = answers(email=f"person{n}@example.org")
        response = client.post(url, data, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        assert response.status_code == 302


def test_admins_see_the_link_on_the_cohort_page(member_client, cohort):
    response = member_client.get(cohort.get_absolute_url())

    assert f"/join/{cohort.registration_token}/".encode() in response.content


def test_a_new_link_stops_the_old_one_working(member_client, client, cohort):
    old = cohort.registration_token

    response = member_client.post(f"{cohort.get_absolute_url()}registration-link/")

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.registration_token != old
    assert client.get(f"/join/{old}/").status_code == 404


def test_no_organisation_can_take_the_sign_up_address():
    assert "join" in reserved_slugs()


def test_publishing_the_cohort_closes_its_form(sign_up, cohort, user):
    from matching import services, tasks

    run = services.start_run(cohort, "quality", user)
    tasks.run_matching(run.pk)
    services.publish(run)

    response = sign_up()

    assert not Participant.objects.exists()
    assert response.status_code in (200, 403)


def test_an_identity_answer_is_kept_only_when_asked_for(sign_up, cohort):
    sign_up(role="mentee", grade="HEO", identity_to_match="Woman")

    assert Participant.objects.get(cohort=cohort).identity_to_match == ""
