"""A display name that looks like a first name and a surname: the person is warned kindly, and
keeps it or changes it. The whole group sees the name; the form says "Pas de nom de famille"."""

import pytest
from django.test import Client

from entraide.accounts.forms import looks_like_full_name
from entraide.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe tranquille"
WARNING = "Ce nom ressemble à un prénom suivi d&#x27;un nom de famille."


def sign_up(client: Client, name: str, **more: str) -> object:
    return client.post(
        "/compte/signup/",
        {
            "email": "marie@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": name,
            "preferred_language": "fr",
            "consent": "on",
            **more,
        },
    )


@pytest.mark.parametrize(
    "name",
    ["Marie Dupont-Lefèvre", "Jean Martin", "Marie DUPONT", "Marie de la Tour", "M. Dupont"],
)
def test_a_first_name_and_a_surname_are_recognised(name: str) -> None:
    assert looks_like_full_name(name)


@pytest.mark.parametrize(
    "name", ["Marie", "Marie-Claire", "Marie D.", "Marie D", "maman de Léo", "Awa 44", "Chloé B"]
)
def test_a_first_name_a_pseudonym_or_an_initial_are_fine(name: str) -> None:
    assert not looks_like_full_name(name)


def test_marie_is_warned_at_sign_up_and_nothing_is_created_yet(client: Client) -> None:
    response = sign_up(client, "Marie Dupont-Lefèvre")

    html = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert WARNING in html
    assert 'name="keep_name"' in html
    assert not User.objects.exists()


def test_marie_keeps_her_full_name_once_she_confirms_it(client: Client) -> None:
    response = sign_up(client, "Marie Dupont-Lefèvre", keep_name="on")

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert User.objects.get().display_name == "Marie Dupont-Lefèvre"


def test_marie_changes_it_to_her_first_name(client: Client) -> None:
    sign_up(client, "Marie Dupont-Lefèvre")

    response = sign_up(client, "Marie")

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert User.objects.get().display_name == "Marie"


def test_the_profile_warns_too_when_the_name_changes(client: Client) -> None:
    marie = User.objects.create_user("marie@example.org", PASSWORD, display_name="Marie")
    client.force_login(marie)

    warned = client.post(
        "/compte/profil/", {"display_name": "Marie Dupont", "preferred_language": "fr"}
    )
    kept = client.post(
        "/compte/profil/",
        {"display_name": "Marie Dupont", "preferred_language": "fr", "keep_name": "on"},
    )

    assert WARNING in warned.content.decode()
    assert 'name="keep_name"' in warned.content.decode()
    assert kept.status_code == 302
    marie.refresh_from_db()
    assert marie.display_name == "Marie Dupont"


def test_a_name_kept_before_is_not_asked_again_but_is_pointed_out(client: Client) -> None:
    marie = User.objects.create_user("marie@example.org", PASSWORD, display_name="Marie Dupont")
    client.force_login(marie)

    page = client.get("/compte/profil/").content.decode()
    saved = client.post(
        "/compte/profil/", {"display_name": "Marie Dupont", "preferred_language": "en"}
    )

    assert "Votre nom affiché ressemble à un prénom suivi" in page
    assert saved.status_code == 302
