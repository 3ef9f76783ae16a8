"""Sessions end after inactivity, sooner for staff."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from entraide.accounts.models import User

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
