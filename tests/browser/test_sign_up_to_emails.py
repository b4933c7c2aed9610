"""A mentor and a mentee sign up in a real browser, the admin matches and
publishes, and both find their emails.

Chromium comes from the system's packages (`/usr/bin/chromium`, which
`.ci/run` installs) and is driven by Playwright. Without Chromium the test is
skipped, with the reason; CI always has it.
"""

import shutil

import pytest
from django.core import mail

from participants.models import Participant

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API keeps an event loop in this thread, which Django
    # would take for async code; the test's own queries are plain sync ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def sign_up(browser, url, role, name, grade, employer):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(url)
    page.get_by_label(role, exact=True).check()
    page.get_by_label("First name").fill(name)
    page.get_by_label("Email address").fill(f"{name.lower()}@example.org")
    page.get_by_label("Grade").select_option(grade)
    page.get_by_label("Employer").fill(employer)
    page.get_by_label("I agree").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/sent/**")
    page.close()


def test_two_people_sign_up_and_get_their_matches(browser, live_server, cohort, user):
    join = f"{live_server.url}/join/{cohort.registration_token}/"
    sign_up(browser, join, "A mentor", "Morgan", "Grade 7", "Treasury")
    sign_up(browser, join, "A mentee", "Robin", "HEO", "Home Office")

    admin = browser.new_page()
    admin.goto(f"{live_server.url}/accounts/login/")
    admin.get_by_label("Username").fill(user.username)
    admin.get_by_label("Password").fill("pw-x9!Lq2")
    admin.locator("main form button[type=submit]").click()
    admin.goto(f"{live_server.url}{cohort.get_absolute_url()}participants/")
    assert admin.get_by_role("link", name="Morgan").is_visible()
    assert admin.get_by_role("link", name="Robin").is_visible()

    admin.goto(f"{live_server.url}{cohort.get_absolute_url()}")
    admin.get_by_role("button", name="Start matching").click()
    admin.get_by_role("button", name="Publish and send emails").wait_for()
    admin.get_by_label("I have checked the matches", exact=False).check()
    admin.get_by_role("button", name="Publish and send emails").click()
    admin.get_by_text("Published").first.wait_for()

    assert Participant.objects.filter(cohort=cohort).count() == 2
    subjects = {(m.to[0], m.subject.split(" for ")[0]) for m in mail.outbox}
    assert ("robin@example.org", "Your mentor") in subjects
    assert ("morgan@example.org", "Your mentee") in subjects
