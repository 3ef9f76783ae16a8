"""The newcomer's way in, in a real browser: sign up, ask to join, be welcomed, see the place."""

import re
from typing import Any

import pytest
from django.core import mail

from conftest import PASSWORD, Cast
from tests.browser.test_directory import fits_the_screen, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Any, base: str, email: str) -> None:
    page.goto(base + "/compte/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_awa_signs_up_asks_to_join_is_welcomed_and_finds_the_place(
    page: Any, browser: Any, live_server: Any, cast: Cast
) -> None:
    base = live_server.url
    group_url = base + cast.group.get_absolute_url()

    # Awa finds the group and asks to come; she has no account yet.
    page.goto(group_url)
    page.get_by_role("link", name="Demander à venir, d'abord pour écouter").click()
    page.wait_for_url("**/compte/login/**")
    page.goto(base + "/compte/signup/?next=" + cast.group.get_absolute_url())
    page.get_by_label("Votre prénom ou un pseudonyme").fill("Awa")
    page.locator("#id_email").fill("awa@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("J'accepte", exact=False).check()
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()
    link = re.search(r"https?://[^/\s]+(/compte/confirm-email/\S+)", str(mail.outbox[-1].body))
    assert link is not None
    page.goto(base + link.group(1))
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()
    log_in(page, base, "awa@example.org")

    page.goto(group_url)
    page.get_by_role("link", name="Demander à venir, d'abord pour écouter").click()
    page.get_by_label("Un mot pour le groupe", exact=False).fill("Je voudrais écouter.")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_url("**/mes-groupes/")
    assert "Demande envoyée" in page.locator("main").inner_text()
    assert "Votre demande est envoyée." in page.get_by_role("status").inner_text()
    assert fits_the_screen(page)

    # Alice, who facilitates the group, welcomes her first as an observer.
    alice = browser.new_context(locale="fr-FR", bypass_csp=True)
    alice_page = alice.new_page()
    try:
        log_in(alice_page, base, "alice@example.org")
        alice_page.goto(base + f"/mes-groupes/{cast.group.slug}/")
        assert "Je voudrais écouter." in alice_page.locator("main").inner_text()
        assert serious_violations(alice_page) == []
        alice_page.get_by_role("button", name="Accueillir d'abord pour écouter").click()
        alice_page.wait_for_load_state()
        assert "Awa est accueilli·e" in alice_page.get_by_role("status").inner_text()
    finally:
        alice.close()

    # Awa now sees where the group meets, but not who its members are.
    page.goto(base + "/mes-groupes/")
    page.get_by_role("link", name="Deuil Nantes").click()
    main = page.locator("main").inner_text()
    assert "Maison des associations, salle 3" in main
    assert "Bob" not in main
    assert serious_violations(page) == []
