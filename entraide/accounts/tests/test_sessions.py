"""Sessions end after inactivity, sooner for staff."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from conftest import PASSWORD
from entraide.accounts.models import User
from entraide.accounts.tests.test_two_factor import current_code

pytestmark = pytest.mark.django_db


def test_a_member_stays_logged_in_for_a_week_without_activity(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa")
    client.force_login(awa)

    client.get("/compte/")

    assert client.session.get_expiry_age() == 7 * 24 * 3600


def test_staff_are_logged_out_after_an_hour_without_activity(client: Client) -> None:
    coralie = User.objects.create_user(
        "coralie@example.org", "x", display_name="Coralie", is_staff=True
    )
    client.force_login(coralie)

    client.get("/compte/")

    assert client.session.get_expiry_age() == 3600


def test_a_visitor_gets_no_session_at_all(client: Client) -> None:
    response = client.get("/groupes/")

    assert "sessionid" not in response.cookies


def test_a_member_who_is_not_remembered_is_logged_out_with_the_browser(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", "une phrase", display_name="Awa")
    EmailAddress.objects.create(user=awa, email=awa.email, verified=True, primary=True)

    client.post("/compte/login/", {"login": "awa@example.org", "password": "une phrase"})
    client.get("/compte/")

    assert client.session.get_expire_at_browser_close()


def test_staff_get_their_short_session_at_login_not_on_the_next_request(
    client: Client, coralie: User
) -> None:
    """The cookie issued at login already ends after an hour: nobody has to come back for it."""
    EmailAddress.objects.create(user=coralie, email=coralie.email, verified=True, primary=True)
    secret = generate_totp_secret()
    Authenticator.objects.filter(user=coralie).delete()
    TOTP.activate(coralie, secret)

    client.post("/compte/login/", {"login": coralie.email, "password": PASSWORD, "remember": "on"})
    logged_in = client.post("/compte/2fa/authenticate/", {"code": current_code(secret)})

    assert logged_in.status_code == 302
    assert logged_in.cookies["sessionid"]["max-age"] == 3600
    assert client.session.get_expiry_age() == 3600


def test_a_member_who_asks_to_be_remembered_gets_a_week_at_login(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    EmailAddress.objects.create(user=awa, email=awa.email, verified=True, primary=True)

    logged_in = client.post(
        "/compte/login/", {"login": awa.email, "password": PASSWORD, "remember": "on"}
    )

    assert logged_in.cookies["sessionid"]["max-age"] == 7 * 24 * 3600
