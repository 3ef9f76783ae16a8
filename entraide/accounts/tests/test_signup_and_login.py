"""Signing up, confirming the address, logging in and out, resetting a password.

On this site, knowing that someone has an account can reveal their condition: every answer
must be the same whether or not an address is known.
"""

import re

import pytest
from django.core import mail
from django.test import Client

from entraide.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe tranquille"


def sign_up(client: Client, email: str = "awa@example.org", **overrides: str) -> object:
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Awa",
        "preferred_language": "fr",
        "consent": "on",
    }
    data.update(overrides)
    return client.post("/compte/signup/", data)


def confirmation_link(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/compte/confirm-email/[^\s]+)", body)
    assert found is not None, body
    return found.group(1)


def test_the_sign_up_page_asks_for_a_name_to_show_and_for_consent(client: Client) -> None:
    html = client.get("/compte/signup/").content.decode()

    assert "Votre prénom ou un pseudonyme" in html
    assert "Elles peuvent dire quelque chose de ma santé" in html
    assert "la page Confidentialité</a>" in html
    assert 'name="password2"' in html


def test_awa_signs_up_confirms_her_address_and_logs_in(client: Client) -> None:
    response = sign_up(client)

    assert response.status_code == 302  # type: ignore[attr-defined]
    awa = User.objects.get(email="awa@example.org")
    assert awa.display_name == "Awa"
    assert awa.health_data_consent_at is not None
    assert awa.password.startswith("argon2")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Confirmez votre adresse e-mail"
    assert "Entraide" in mail.outbox[0].body
    assert "c'est Entraide" in mail.outbox[0].body

    # Before confirming, logging in leads to the "check your e-mail" page, not in.
    client.logout()
    client.post("/compte/login/", {"login": "awa@example.org", "password": PASSWORD})
    assert client.get("/compte/").status_code == 302

    link = confirmation_link(str(mail.outbox[0].body))
    client.post(link)
    response = client.post("/compte/login/", {"login": "awa@example.org", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get("/compte/").content.decode()
    assert "<h1>Mon compte</h1>" in home
    assert "Awa" in home


def test_sign_up_without_consent_is_refused_kindly(client: Client) -> None:
    response = sign_up(client, consent="")

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Cet accord est nécessaire pour créer un compte." in response.content.decode()  # type: ignore[attr-defined]
    assert not User.objects.exists()


def test_signing_up_with_a_known_address_looks_the_same_as_a_new_one(client: Client) -> None:
    User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")

    known = sign_up(Client(), "awa@example.org")
    new = sign_up(Client(), "bob@example.org")

    assert known.status_code == new.status_code == 302  # type: ignore[attr-defined]
    assert known["Location"] == new["Location"]  # type: ignore[index]
    assert User.objects.filter(email="awa@example.org").count() == 1
    # Both addresses get a message; only their owners learn what it says.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "awa@example.org",
        "bob@example.org",
    ]


def test_a_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client: Client,
) -> None:
    User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")

    known = client.post("/compte/password/reset/", {"email": "awa@example.org"})
    unknown = client.post("/compte/password/reset/", {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_repeated_failed_logins_cool_off_without_a_lock_out(client: Client) -> None:
    User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    for _ in range(5):
        client.post("/compte/login/", {"login": "awa@example.org", "password": "wrong"})

    blocked = client.post("/compte/login/", {"login": "awa@example.org", "password": PASSWORD})

    assert blocked.status_code in (200, 429)
    assert client.get("/compte/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_logging_out_takes_a_button_not_a_link(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    client.force_login(awa)

    assert client.get("/compte/").status_code == 200
    client.post("/compte/logout/")

    assert client.get("/compte/").status_code == 302


def test_a_visitor_is_asked_to_log_in_for_the_account_page(client: Client) -> None:
    response = client.get("/compte/")

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_awa_changes_her_name_and_language(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    client.force_login(awa)

    response = client.post("/compte/profil/", {"display_name": "A.", "preferred_language": "en"})

    assert response.status_code == 302
    awa.refresh_from_db()
    assert (awa.display_name, awa.preferred_language) == ("A.", "en")
    assert '<html lang="en">' in client.get("/compte/").content.decode()


def test_a_name_that_is_too_long_is_explained(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    client.force_login(awa)

    response = client.post(
        "/compte/profil/", {"display_name": "x" * 41, "preferred_language": "fr"}
    )

    assert response.status_code == 200
    assert "au plus 40 caractères" in response.content.decode()


def test_awa_deletes_her_account_after_giving_her_password(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    client.force_login(awa)

    wrong = client.post("/compte/supprimer/", {"password": "pas le bon"})
    assert "Ce n&#x27;est pas le bon mot de passe." in wrong.content.decode()
    assert User.objects.filter(pk=awa.pk).exists()

    response = client.post("/compte/supprimer/", {"password": PASSWORD}, follow=True)

    assert not User.objects.filter(email="awa@example.org").exists()
    assert "Votre compte est supprimé." in response.content.decode()
    assert client.get("/compte/").status_code == 302
