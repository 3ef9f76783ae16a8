"""Coralie's session, which ends after a while without activity, in a real browser (RGAA 13.1):
the warning comes before the end, keeping the session open keeps her typed note, and a note
sent after the end is given back once she has signed in again. A short limit stands in for
the hour."""

import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from conftest import Cast
from entraide.accompaniment.models import CoordinatorNote
from entraide.accounts.models import User
from entraide.founding.models import Initiative
from entraide.organisations.models import Organisation
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import current_code, with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP_PAGE = "/organisations/centre-nantes/accompagnement/deuil-nantes/"
NOTE = "Premier appel avec Alice : très motivée, elle cherche une salle le mardi soir."
# Seconds without activity before a staff session ends here; the warning comes a quarter
# before the end.
IDLE = 8


@pytest.fixture
def short_sessions() -> Iterator[None]:
    with override_settings(STAFF_SESSION_IDLE_SECONDS=IDLE):
        yield


@pytest.fixture
def coralie_secret(cast: Cast, organisation: Organisation) -> str:
    secret = with_authenticator("coralie@example.org", "Coralie", organisation, "coordinator")
    Initiative.objects.create(
        group=cast.group,
        initiator=cast.alice,
        organisation=organisation,
        accompaniment="accepted",
        accompaniment_requested_at=timezone.now(),
    )
    return secret


def signed_in_tab(tab_for: Any, base: str) -> Any:
    client = Client()
    client.force_login(User.objects.get(email="coralie@example.org"))
    session = client.cookies["sessionid"].value
    return tab_for(cookies=[{"name": "sessionid", "value": session, "url": base}])


def warning(page: Any) -> Any:
    return page.locator("#session-warning")


def test_the_warning_comes_before_the_end_and_keeping_the_session_keeps_the_note(
    tab_for: Any, live_server: Any, coralie_secret: str, short_sessions: None
) -> None:
    base = live_server.url
    coralie = signed_in_tab(tab_for, base)
    coralie.goto(base + GROUP_PAGE)
    loaded = time.monotonic()
    assert warning(coralie).is_hidden()
    coralie.get_by_label("Nouvelle note").fill(NOTE)

    warning(coralie).wait_for(state="visible", timeout=IDLE * 1000)
    assert time.monotonic() - loaded < IDLE
    alert = coralie.get_by_role("alert")
    assert "votre session se terminera dans 2 secondes" in alert.inner_text()
    coralie.get_by_role("button", name="Garder ma session ouverte").click()
    alert.get_by_text("C'est fait : votre session reste ouverte.").wait_for()
    audited(coralie)
    # Past the end the page first promised: the session is still open.
    time.sleep(max(0, IDLE + 1 - (time.monotonic() - loaded)))
    assert coralie.get_by_label("Nouvelle note").input_value() == NOTE
    coralie.get_by_role("button", name="Enregistrer la note").click()
    coralie.wait_for_load_state()

    assert "/compte/login/" not in coralie.url
    assert "Votre note est enregistrée." in coralie.get_by_role("status").inner_text()
    assert CoordinatorNote.objects.get().text == NOTE


def test_a_note_sent_after_the_end_is_given_back_after_signing_in_again(
    tab_for: Any, live_server: Any, coralie_secret: str, short_sessions: None
) -> None:
    base = live_server.url
    coralie = signed_in_tab(tab_for, base)
    coralie.goto(base + GROUP_PAGE)
    coralie.get_by_label("Nouvelle note").fill(NOTE)

    ended = coralie.get_by_role("alert")
    coralie.wait_for_function(
        "document.getElementById('session-warning-message').textContent.includes('terminée')",
        timeout=(IDLE + 3) * 1000,
    )
    assert "Ce que vous avez écrit n'est pas perdu" in ended.inner_text()
    coralie.get_by_role("button", name="Enregistrer la note").click()
    coralie.wait_for_url("**/compte/login/**")
    assert "Ce que vous aviez écrit est gardé" in coralie.get_by_role("status").inner_text()
    assert not CoordinatorNote.objects.exists()

    coralie.locator("#id_login").fill("coralie@example.org")
    coralie.locator("#id_password").fill("une phrase de passe tranquille")
    coralie.locator("main form button[type=submit]").click()
    coralie.wait_for_url("**/compte/2fa/authenticate/**")
    coralie.locator("input[name=code]").fill(current_code(coralie_secret))
    coralie.locator("input[name=code]").press("Enter")
    coralie.wait_for_load_state()

    assert coralie.locator("h1").inner_text() == "Ce que vous aviez écrit"
    assert coralie.get_by_label("Ce que vous aviez écrit").input_value() == NOTE
    audited(coralie)
    coralie.get_by_role("button", name="Envoyer").click()
    coralie.wait_for_load_state()
    assert "Votre note est enregistrée." in coralie.get_by_role("status").inner_text()
    assert CoordinatorNote.objects.get().text == NOTE
