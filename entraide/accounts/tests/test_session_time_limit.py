"""A session that ends for want of activity warns first and loses nothing (RGAA 13.1): the page
carries the warning for staff, a click keeps the session open, and a note sent after the end
is given back to its author, and to nobody else, once they have signed in again."""

import html as html_text

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone

from conftest import Cast
from entraide.accompaniment.models import CoordinatorNote
from entraide.accounts.models import User
from entraide.founding.models import Initiative
from entraide.lib.kept_forms import OWNER_COOKIE
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

GROUP_PAGE = "/organisations/centre-nantes/accompagnement/deuil-nantes/"
NOTES = GROUP_PAGE + "notes/"
NOTE = "Premier appel avec Alice : très motivée, elle cherche une salle le mardi soir."


@pytest.fixture
def initiative(cast: Cast, organisation: Organisation) -> Initiative:
    return Initiative.objects.create(
        group=cast.group,
        initiator=cast.alice,
        organisation=organisation,
        accompaniment="accepted",
        accompaniment_requested_at=timezone.now(),
    )


def text_of(response: object) -> str:
    return html_text.unescape(response.content.decode())  # type: ignore[attr-defined]


def session_ends(client: Client) -> None:
    """What an hour without activity does: the session is gone, on the server and the cookie."""
    Session.objects.all().delete()
    del client.cookies["sessionid"]


def test_a_coordinator_s_page_warns_before_the_session_ends(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)

    html = text_of(client.get(GROUP_PAGE))

    assert 'id="session-warning"' in html
    assert 'data-idle-seconds="3600"' in html
    assert 'data-warn-seconds="300"' in html
    assert "votre session se terminera dans 5 minutes" in html
    assert "Garder ma session ouverte" in html
    assert "/static/entraide/session.js" in html


def test_a_member_with_a_week_long_session_is_not_warned(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    html = text_of(client.get("/mes-groupes/"))

    assert "session-warning" not in html


def test_keeping_the_session_open_pushes_its_end_back(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)
    client.get(GROUP_PAGE)
    before = client.session.get_expiry_date()

    kept = client.post("/compte/session/garder-ouverte/")

    assert kept.status_code == 204
    assert client.session.get_expiry_date() > before


def test_without_javascript_keeping_the_session_open_returns_to_the_page(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)

    kept = client.post("/compte/session/garder-ouverte/", {"next": GROUP_PAGE})
    elsewhere = client.post("/compte/session/garder-ouverte/", {"next": "https://ailleurs.fr/"})

    assert kept.status_code == 302
    assert kept["Location"] == GROUP_PAGE
    assert elsewhere.status_code == 204
    for name in ("pages:home", "²", "//ailleurs.fr/"):  # never a view's name, never elsewhere
        assert client.post("/compte/session/garder-ouverte/", {"next": name}).status_code == 204


@override_settings(STAFF_SESSION_IDLE_SECONDS=60)
def test_a_short_limit_warns_a_quarter_before_the_end(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)

    html = text_of(client.get(GROUP_PAGE))

    assert 'data-idle-seconds="60"' in html
    assert 'data-warn-seconds="15"' in html
    assert "dans 15 secondes" in html


def test_a_note_sent_after_the_end_is_given_back_once_coralie_signs_in_again(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)
    client.get(GROUP_PAGE)
    assert OWNER_COOKIE in client.cookies
    session_ends(client)

    sent = client.post(NOTES, {"text": NOTE})

    assert sent.status_code == 302
    assert sent["Location"] == "/compte/login/?next=" + NOTES
    login_page = text_of(client.get(sent["Location"]))
    assert "Ce que vous aviez écrit est gardé" in login_page
    # Inside <main>: the skip link leads to the message, not past it.
    assert login_page.index('<main id="main"') < login_page.index("Ce que vous aviez écrit est")
    assert not CoordinatorNote.objects.exists()
    assert NOTE not in str(Session.objects.get().session_data)

    client.force_login(coralie)
    given_back = text_of(client.get(NOTES))
    assert "<h1>Ce que vous aviez écrit</h1>" in given_back
    assert f">{NOTE}</textarea>" in given_back
    assert f'action="{NOTES}"' in given_back

    saved = client.post(NOTES, {"text": NOTE})
    assert saved.status_code == 302
    assert CoordinatorNote.objects.get().text == NOTE
    # Given back once: the words are no longer kept.
    assert client.get(NOTES).status_code == 405


def test_someone_else_signing_in_on_the_same_browser_never_sees_the_words(
    client: Client, coralie: User, olivia: User, initiative: Initiative
) -> None:
    client.force_login(coralie)
    client.get(GROUP_PAGE)
    session_ends(client)
    client.post(NOTES, {"text": NOTE})

    client.force_login(olivia)
    first_page = text_of(client.get("/compte/"))
    notes_page = client.get(NOTES)

    assert NOTE not in first_page
    assert notes_page.status_code == 405
    assert "kept_form" not in client.session


def test_a_form_sent_by_a_browser_nobody_signed_in_on_is_not_kept(
    client: Client, initiative: Initiative
) -> None:
    sent = client.post(NOTES, {"text": NOTE})

    assert sent.status_code == 302
    assert not Session.objects.exists()


def test_passwords_are_never_kept(client: Client, coralie: User, initiative: Initiative) -> None:
    client.force_login(coralie)
    client.get(GROUP_PAGE)
    session_ends(client)
    client.post(NOTES, {"text": NOTE, "password": "une phrase secrète"})

    client.force_login(coralie)
    given_back = text_of(client.get(NOTES))

    assert NOTE in given_back
    assert "une phrase secrète" not in given_back
