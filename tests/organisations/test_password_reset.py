import re

from django.core import mail
from django.urls import reverse


def reset_link(email):
    return re.search(r"https?://[^/]+(/\S+)", email.body).group(1)


def test_a_reset_email_goes_to_the_accounts_address(client, user):
    response = client.post(reverse("password_reset"), {"email": "ada@example.org"})

    assert response.status_code == 302
    assert mail.outbox[0].to == ["ada@example.org"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, user):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_the_emailed_link_sets_a_new_password(client, user):
    client.post(reverse("password_reset"), {"email": "ada@example.org"})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    new_password = {
        "new_password1": "a-longer-passphrase-7",
        "new_password2": "a-longer-passphrase-7",
    }

    response = client.post(form_page.redirect_chain[-1][0], new_password)

    user.refresh_from_db()
    assert response.status_code == 302
    assert user.check_password("a-longer-passphrase-7")


def test_a_used_link_does_not_work_again(client, user):
    client.post(reverse("password_reset"), {"email": "ada@example.org"})
    link = reset_link(mail.outbox[0])
    user.set_password("changed-elsewhere-42")
    user.save()

    response = client.get(link, follow=True)

    assert response.context["validlink"] is False
