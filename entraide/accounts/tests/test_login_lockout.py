"""Failed logins slow down the one who fails, from where they fail: waits that grow, said in
words, keyed on the account and the address together. Nobody can lock a person out of their
account from elsewhere, and people behind one shared address are not locked out together."""

import html
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from conftest import PASSWORD
from entraide.accounts.models import User
from entraide.lib.ratelimit import Backoff

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
AWA_AT_HOME = "198.51.100.7"
LIBRARY = "192.0.2.44"


def person(email: str) -> User:
    user = User.objects.create_user(email, PASSWORD, display_name="Awa")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(email: str, password: str, address: str) -> tuple[Client, Any]:
    client = Client(REMOTE_ADDR=address)
    return client, client.post("/compte/login/", {"login": email, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def said(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_someone_failing_on_awa_s_address_does_not_lock_her_out() -> None:
    person("awa@example.org")
    for _ in range(12):
        log_in("awa@example.org", "wrong", ATTACKER)

    client, _response = log_in("awa@example.org", PASSWORD, AWA_AT_HOME)

    assert signed_in(client)


def test_people_behind_one_shared_address_are_not_locked_out_together() -> None:
    for number in range(12):
        person(f"lecteur{number}@example.org")
        log_in(f"lecteur{number}@example.org", "oups", LIBRARY)
    person("awa@example.org")

    client, _response = log_in("awa@example.org", PASSWORD, LIBRARY)

    assert signed_in(client)


def test_after_five_failures_from_one_place_the_person_is_told_how_long_to_wait() -> None:
    person("awa@example.org")
    for _ in range(4):
        _client, response = log_in("awa@example.org", "wrong", ATTACKER)
    assert "attendez" not in said(response)

    _client, fifth = log_in("awa@example.org", "wrong", ATTACKER)
    client, right = log_in("awa@example.org", PASSWORD, ATTACKER)

    assert "Par sécurité, attendez 1 minute avant de réessayer." in said(fifth)
    assert "attendez 1 minute" in said(right)  # even the right password waits
    assert not signed_in(client)


def test_an_unknown_address_is_slowed_down_the_same_way() -> None:
    """Waiting must not tell whether an account exists."""
    for _ in range(5):
        _client, response = log_in("nobody@example.org", "wrong", ATTACKER)

    assert "Par sécurité, attendez 1 minute avant de réessayer." in said(response)


def test_one_address_trying_many_accounts_is_slowed_down_from_that_address_only() -> None:
    person("awa@example.org")
    for number in range(20):
        log_in(f"victime{number}@example.org", "123456", ATTACKER)

    _client, from_there = log_in("awa@example.org", "123456", ATTACKER)
    client, _response = log_in("awa@example.org", PASSWORD, AWA_AT_HOME)

    assert "attendez" in said(from_there)
    assert signed_in(client)


def test_logging_in_clears_the_failures_of_that_place() -> None:
    person("awa@example.org")
    for _ in range(4):
        log_in("awa@example.org", "wrong", AWA_AT_HOME)
    log_in("awa@example.org", PASSWORD, AWA_AT_HOME)

    for _ in range(4):
        _client, response = log_in("awa@example.org", "wrong", AWA_AT_HOME)

    assert "attendez" not in said(response)


def test_the_waits_double_up_to_a_quarter_of_an_hour_and_are_forgotten_after_a_day() -> None:
    backoff = Backoff("test", free=5, first=60, longest=900, forget=24 * 3600)
    start = 1_000_000.0
    waits = []
    now = start
    for _ in range(10):
        waits.append(backoff.failed("awa", now=now))
        now += max(waits[-1], 1)

    assert waits == [0, 0, 0, 0, 60, 120, 240, 480, 900, 900]
    assert backoff.wait("awa", now=now - 1) == 1
    assert backoff.wait("awa", now=now) == 0
    assert backoff.failed("awa", now=now + 24 * 3600 + 1) == 0  # a day later, a fresh start
