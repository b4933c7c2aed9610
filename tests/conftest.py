"""Two organisations, each with an admin and a cohort, so that an outsider
is always at hand for the isolation tests."""

import pytest
from django_q.conf import Conf

from organisations.models import Membership, Organisation
from participants.models import Cohort, Participant


@pytest.fixture(autouse=True)
def tasks_run_inline(monkeypatch):
    # django-q2 reads its configuration at import: run tasks in-process.
    monkeypatch.setattr(Conf, "SYNC", True)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # The real hasher is slow on purpose; tests log in many times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def email_files(settings, tmp_path):
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")


def make_member(organisation, username, role=Membership.Role.ADMIN):
    from django.contrib.auth.models import User

    user = User.objects.create_user(username, f"{username}@example.org", "pw-x9!Lq2")
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def make_participant(cohort, role, email, **fields):
    values = {"first_name": email.split("@")[0], "grade": "HEO", **fields}
    return Participant.objects.create(
        organisation=cohort.organisation,
        cohort=cohort,
        role=role,
        email=email,
        **values,
    )


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Staff Network", slug="staff-network")


@pytest.fixture
def user(organisation):
    return make_member(organisation, "ada")


@pytest.fixture
def viewer(organisation):
    return make_member(organisation, "vic", Membership.Role.VIEWER)


@pytest.fixture
def cohort(organisation):
    return Cohort.objects.create(organisation=organisation, name="Spring 2027")


@pytest.fixture
def member_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(name="Other Body", slug="other-body")


@pytest.fixture
def other_user(other_organisation):
    return make_member(other_organisation, "otto")


@pytest.fixture
def other_cohort(other_organisation):
    return Cohort.objects.create(organisation=other_organisation, name="Autumn")
