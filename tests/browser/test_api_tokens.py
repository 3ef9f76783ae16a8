"""Bob makes a personal API token from « Mon compte » in a real browser, on a 360 px screen,
copies its secret shown once, uses it, then revokes it."""

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from conftest import Cast
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def api_status(base: str, secret: str) -> tuple[int, Any]:
    # The live test server, over http: no other scheme can reach here.
    address = base + "/api/v1/me/groups"
    request = urllib.request.Request(address, headers={"Authorization": f"Bearer {secret}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request) as answer:  # noqa: S310 (the test server)
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused)


def audited(page: Any) -> None:
    assert serious_violations(page) == []
    assert fits_the_screen(page)


def test_bob_makes_a_token_uses_it_and_revokes_it(page: Any, live_server: Any, cast: Cast) -> None:
    base = live_server.url
    log_in(page, base, cast.bob.email)
    page.goto(base + "/compte/")
    page.get_by_role("link", name="Mes jetons d'accès à l'API").click()
    page.wait_for_url("**/compte/jetons/")
    assert "Vous n'avez aucun jeton." in page.locator("main").inner_text()
    audited(page)

    # A token without a name is refused in words, on the page.
    page.get_by_label("Nom du jeton").fill("")
    page.get_by_role("button", name="Créer le jeton").click()
    page.wait_for_load_state()
    assert "Donnez un nom au jeton" in page.locator("main").inner_text()
    audited(page)

    page.get_by_label("Nom du jeton").fill("Agenda du téléphone")
    page.get_by_label("lecture et réponses aux rencontres").check()
    page.get_by_label("30 jours").check()
    page.get_by_role("button", name="Créer le jeton").click()
    page.wait_for_load_state()
    secret = page.get_by_label("Le jeton", exact=True).input_value()
    assert secret.startswith("ent_") and len(secret) == 47
    assert "il ne sera plus jamais montré" in page.locator("main").inner_text()
    audited(page)

    status, found = api_status(base, secret)
    assert status == 200
    assert [group["name"] for group in found["results"]] == ["Deuil Nantes"]

    # Back on the list, the token is named by its beginning only.
    page.goto(base + "/compte/jetons/")
    listed = page.locator("main").inner_text()
    assert "Agenda du téléphone" in listed and secret[:10] + "…" in listed
    assert secret not in page.content()
    audited(page)

    page.get_by_role("button", name="Supprimer le jeton « Agenda du téléphone »").click()
    page.wait_for_load_state()
    assert "ne marche plus" in page.locator("body").inner_text()
    assert "Vous n'avez aucun jeton." in page.locator("main").inner_text()
    audited(page)
    assert api_status(base, secret)[0] == 401
