"""Staff must log in with a second factor (an authenticator app); members may."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import Client

from entraide.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe tranquille"


def current_code(secret: str) -> str:
    """What the authenticator app shows now (RFC 6238: 30-second steps)."""
    return str(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client: Client) -> None:
    coralie = User.objects.create_superuser("coralie@example.org", PASSWORD, display_name="C")
    EmailAddress.objects.create(user=coralie, email=coralie.email, verified=True, primary=True)
    client.post("/compte/login/", {"login": coralie.email, "password": PASSWORD})

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/2fa/totp/activate/"
    # Setting up a second factor asks for the password once more, then shows the QR code.
    assert client.get("/compte/2fa/totp/activate/")["Location"].startswith(
        "/compte/reauthenticate/"
    )
    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    setup = client.get("/compte/2fa/totp/activate/")
    assert setup.status_code == 200
    assert 'src="data:image/svg+xml' in setup.content.decode()


def test_staff_with_an_authenticator_log_in_with_its_code(client: Client) -> None:
    coralie = User.objects.create_superuser("coralie@example.org", PASSWORD, display_name="C")
    EmailAddress.objects.create(user=coralie, email=coralie.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(coralie, secret)

    first = client.post("/compte/login/", {"login": coralie.email, "password": PASSWORD})
    assert first["Location"] == "/compte/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not logged in yet

    client.post("/compte/2fa/authenticate/", {"code": current_code(secret)})

    assert client.get("/admin/").status_code == 200


def test_a_member_needs_no_second_factor(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    client.force_login(awa)

    assert client.get("/compte/").status_code == 200


def test_a_member_may_turn_two_factor_on(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    client.force_login(awa)

    html = client.get("/compte/").content.decode()

    assert 'href="/compte/2fa/"' in html
