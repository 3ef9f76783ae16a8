"""The profile: languages spoken, a private postal code, and what the site writes to me about."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup

pytestmark = pytest.mark.django_db


def profile(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "display_name": "Awa",
        "preferred_language": "fr",
        "spoken": ["fr", "ar"],
        "postal_code": "44000",
        "notify_join_requests": "on",
    }
    data.update(overrides)
    return data


def test_awa_says_which_languages_she_speaks_and_where_she_lives_privately(
    client: Client,
) -> None:
    awa = User.objects.create_user("awa@example.org", "x", display_name="A")
    client.force_login(awa)

    client.post("/compte/profil/", profile())

    awa.refresh_from_db()
    assert (awa.spoken_languages, awa.postal_code) == ("fr,ar", "44000")
    page = client.get("/compte/profil/").content.decode()
    assert 'value="ar" id="id_spoken_1" checked' in page or "checked" in page


def test_an_unknown_postal_code_is_explained_and_nothing_is_saved(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa")
    client.force_login(awa)

    response = client.post("/compte/profil/", profile(postal_code="99999", display_name="B"))

    assert "Nous ne connaissons pas ce code postal." in response.content.decode()
    awa.refresh_from_db()
    assert (awa.display_name, awa.postal_code) == ("Awa", "")


def test_near_me_searches_around_the_private_postal_code_without_showing_it(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    make_group("Deuil Rezé", place="44400 Rezé")
    make_group("Deuil Lyon", place="69001 Lyon")
    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa", postal_code="44300")
    client.force_login(awa)

    html = client.get("/groupes/", {"near_me": "on", "radius": "20"}).content.decode()

    assert "Deuil Rezé" in html and "Deuil Lyon" not in html
    assert "près de chez vous" in html
    assert "44300" not in html


def test_the_near_me_choice_is_offered_only_to_people_who_gave_a_postal_code(
    client: Client,
) -> None:
    assert "Près de chez moi" not in client.get("/groupes/").content.decode()
    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa", postal_code="44000")
    client.force_login(awa)

    assert "Près de chez moi" in client.get("/groupes/").content.decode()


def test_a_facilitator_may_choose_not_to_be_written_to_about_requests(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast.alice.notify_join_requests = False
    cast.alice.save()
    client.force_login(cast.dan)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/groupes/{cast.group.slug}/rejoindre/", {"message": ""})

    assert mail.outbox == []


def test_chloe_reads_the_site_in_english_as_soon_as_she_logs_in_without_any_cookie(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.chloe)

    page = client.get("/")

    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()


def test_the_language_switch_wins_over_the_account_preference(client: Client, cast: Cast) -> None:
    client.force_login(cast.chloe)
    client.cookies["entraide_language"] = "fr"

    assert client.get("/")["Content-Language"] == "fr"
