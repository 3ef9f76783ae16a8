"""A newcomer creates an account in a real browser, confirms it and reaches their page."""

import re
from typing import Any

import pytest
from django.core import mail

from tests.browser.test_directory import fits_the_screen, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_awa_creates_her_account_confirms_it_and_logs_in(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Se connecter").click()
    assert serious_violations(page) == []
    page.goto(live_server.url + "/compte/signup/")
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    page.get_by_role("button", name="Créer mon compte").click()
    assert "Cet accord est nécessaire pour créer un compte." in page.locator("main").inner_text()
    assert serious_violations(page) == []

    page.get_by_label("Votre prénom ou un pseudonyme").fill("Awa")
    page.locator("#id_email").fill("awa@example.org")
    page.locator("#id_password1").fill("une phrase de passe tranquille")
    page.locator("#id_password2").fill("une phrase de passe tranquille")
    page.get_by_label("J'accepte", exact=False).check()
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()
    assert serious_violations(page) == []

    link = re.search(r"https?://[^/\s]+(/compte/confirm-email/\S+)", str(mail.outbox[-1].body))
    assert link is not None
    page.goto(live_server.url + link.group(1))
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()

    page.goto(live_server.url + "/compte/login/")
    page.locator("#id_login").fill("awa@example.org")
    page.locator("#id_password").fill("une phrase de passe tranquille")
    page.locator("main").get_by_role("button", name=re.compile("Connexion|Se connecter")).click()
    page.wait_for_url("**/compte/")
    assert page.locator("h1").inner_text() == "Mon compte"
    assert "Awa" in page.locator("main").inner_text()
    assert serious_violations(page) == []
