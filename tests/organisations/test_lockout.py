"""Password guessing: django-axes locks a username or an address out."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

GOOD = {"username": "ada", "password": "pw-x9!Lq2"}


def fail(client, times, username="ada", address="10.0.0.1"):
    for _ in range(times):
        client.post(
            reverse("login"),
            {"username": username, "password": "wrong"},
            REMOTE_ADDR=address,
        )


@pytest.fixture(autouse=True)
def lockout_rules(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def test_failures_below_the_limit_still_let_one_in(client, user):
    fail(client, 2)

    response = client.post(reverse("login"), GOOD, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 302


def test_reaching_the_limit_shows_the_lockout_page(client, user):
    fail(client, 2)

    response = client.post(reverse("login"), {"username": "ada", "password": "wrong"})

    assert response.status_code == 429
    assert b"15 minutes" in response.content


def test_a_locked_username_is_refused_even_with_the_right_password(client, user):
    fail(client, 3)

    response = client.post(reverse("login"), GOOD, REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_address_that_guessed_many_usernames_is_locked_out(client, user):
    for username in ["x1", "x2", "x3"]:
        fail(client, 1, username=username)

    response = client.post(reverse("login"), GOOD, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429


def test_the_lockout_ends_after_15_minutes(client, user):
    fail(client, 3)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = client.post(reverse("login"), GOOD, REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 302


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "1.1.1.1", "10.9.9.9"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.5", "1.1.1.1"),
        (1, "", "10.9.9.9"),
    ],
)
def test_the_client_address_is_read_behind_trusted_proxies_only(
    rf, settings, proxies, forwarded, expected
):
    from organisations.lockout import client_ip

    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
