"""'Besoin d'aide maintenant ?': one click from every page to the numbers of one's country."""

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils.formats import date_format

from conftest import Cast
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.guide.helplines import COUNTRIES

pytestmark = pytest.mark.django_db

HELP_NOW_LINK = re.compile(r'<p class="help-now-bar"><a href="(/aide-maintenant/[^"]*)">')


def help_now_link(html: str) -> str:
    found = HELP_NOW_LINK.search(html)
    assert found is not None, "no help-now link in the header"
    return found.group(1)


def shown_country(client: Client, path: str = "/aide-maintenant/") -> str:
    html = client.get(path).content.decode()
    current = re.search(r'<a href="\?pays=(\w\w)" aria-current="page">', html)
    assert current is not None
    return current.group(1)


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_each_country_s_page_gives_every_one_of_its_numbers_as_a_link(
    client: Client, code: str
) -> None:
    country = COUNTRIES[code]

    response = client.get(f"/aide-maintenant/?pays={code}")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'aria-current="page">{country.name}</a>' in html
    for line in country.lines:
        assert f'href="{line.href}"' in html, line.number
        assert f'href="{line.source}"' in html
        assert f"vérifié le {date_format(line.checked, 'j F Y')}" in html


def test_the_page_says_first_that_groups_are_not_an_emergency_service(client: Client) -> None:
    html = client.get("/aide-maintenant/?pays=BE").content.decode()

    warning = html.index("Les groupes d'entraide ne sont pas un service d'urgence.")
    call = html.index('href="tel:112"')
    assert warning < html.index('class="helpline-kind"')
    assert warning < call < html.index('class="helpline-kind"')
    assert "appelez tout de suite le 112" in html


def test_in_canada_the_top_of_the_page_says_911(client: Client) -> None:
    html = client.get("/aide-maintenant/?pays=CA").content.decode()

    assert "appelez tout de suite le 911" in html
    assert 'class="help-number help-number-urgent" href="tel:911"' in html


def test_a_visitor_without_a_country_sees_france(client: Client) -> None:
    assert shown_country(client) == "FR"


def test_an_unknown_country_falls_back_to_france(client: Client) -> None:
    assert shown_country(client, "/aide-maintenant/?pays=ZZ") == "FR"


def test_the_country_code_may_be_written_in_small_letters(client: Client) -> None:
    assert shown_country(client, "/aide-maintenant/?pays=lu") == "LU"


def test_a_person_s_private_postal_code_chooses_their_country(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa", postal_code="4000")
    client.force_login(awa)

    html = client.get("/aide-maintenant/").content.decode()

    assert shown_country(client) == "BE"
    assert "4000" not in html


def test_the_country_asked_for_wins_over_the_profile(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa", postal_code="4000")
    client.force_login(awa)

    assert shown_country(client, "/aide-maintenant/?pays=CH") == "CH"


def test_a_person_without_a_postal_code_sees_france(client: Client) -> None:
    client.force_login(User.objects.create_user("awa@example.org", "x", display_name="Awa"))

    assert shown_country(client) == "FR"


def test_every_other_country_is_one_click_away(client: Client) -> None:
    html = client.get("/aide-maintenant/?pays=FR").content.decode()

    for code, country in COUNTRIES.items():
        assert f'<a href="?pays={code}"' in html
        assert str(country.name) in html


@pytest.mark.parametrize("path", ["/", "/groupes/", "/guide/", "/guide/questions/"])
def test_public_pages_carry_the_help_now_link(client: Client, path: str) -> None:
    html = client.get(path).content.decode()

    assert help_now_link(html) == "/aide-maintenant/"
    assert "Besoin d'aide maintenant ?" in html


def test_a_group_page_sends_to_the_numbers_of_the_group_s_country(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    make_group("Deuil Liège", place="4000 Liège")

    html = client.get("/groupes/deuil-liege/").content.decode()

    assert help_now_link(html) == "/aide-maintenant/?pays=BE"
    assert shown_country(client, help_now_link(html)) == "BE"


def test_an_online_group_page_leaves_the_country_to_the_person(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    make_group("Parler en ligne", place=None, format=SupportGroup.Format.ONLINE)

    html = client.get("/groupes/parler-en-ligne/").content.decode()

    assert help_now_link(html) == "/aide-maintenant/"


def test_a_private_page_carries_the_help_now_link_too(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    response = client.get("/mes-groupes/")

    assert response.status_code == 200
    assert help_now_link(response.content.decode()) == "/aide-maintenant/"


def test_3114_comes_right_after_the_emergency_number_then_the_other_emergency_numbers(
    client: Client,
) -> None:
    html = client.get("/aide-maintenant/?pays=FR").content.decode()

    order = [html.index(f'href="{link}"') for link in ("tel:112", "tel:3114", "tel:15", "tel:119")]
    assert order == sorted(order)


@pytest.mark.parametrize(
    ("accept_language", "code"),
    [
        ("fr-BE,fr;q=0.9,en;q=0.8", "BE"),
        ("nl-BE", "BE"),
        ("de-CH,de;q=0.9", "CH"),
        ("fr-LU", "LU"),
        ("lb", "LU"),
        ("fr-MC", "MC"),
        ("fr-CA,en-CA;q=0.8", "CA"),
        ("en-US,en;q=0.5", "FR"),
        ("fr-FR,fr-BE;q=0.5", "FR"),
        ("en,fr-CH;q=0.7", "CH"),
        ("*;q=0.1", "FR"),
        ("x" * 500, "FR"),
    ],
)
def test_the_browser_s_language_hints_at_the_country(
    client: Client, accept_language: str, code: str
) -> None:
    response = client.get("/aide-maintenant/", headers={"Accept-Language": accept_language})

    html = response.content.decode()
    assert f'<a href="?pays={code}" aria-current="page">' in html
    assert "Accept-Language" in response["Vary"]


def test_the_browser_s_hint_is_said_and_the_profile_and_the_choice_win_over_it(
    client: Client,
) -> None:
    belgian = {"Accept-Language": "fr-BE"}
    hinted = client.get("/aide-maintenant/", headers=belgian).content.decode()
    assert "d'après la langue de votre navigateur" in hinted.replace("&#x27;", "'")

    chosen = client.get("/aide-maintenant/?pays=CH", headers=belgian).content.decode()
    assert '<a href="?pays=CH" aria-current="page">' in chosen

    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa", postal_code="1204")
    client.force_login(awa)
    profile = client.get("/aide-maintenant/", headers=belgian).content.decode()
    assert '<a href="?pays=CH" aria-current="page">' in profile


def test_monaco_has_its_own_numbers(client: Client) -> None:
    html = client.get("/aide-maintenant/?pays=MC").content.decode()

    assert '<a href="?pays=MC" aria-current="page">Monaco</a>' in html
    for link in ("tel:112", "tel:17", "tel:18", "tel:97979769", "tel:0800919010"):
        assert f'href="{link}"' in html, link
    assert 'href="tel:3114"' not in html
    assert 'href="tel:15"' not in html


def test_a_person_living_in_monaco_sees_monaco_s_numbers(client: Client) -> None:
    awa = User.objects.create_user("awa@example.org", "x", display_name="Awa", postal_code="98000")
    client.force_login(awa)

    assert shown_country(client) == "MC"
