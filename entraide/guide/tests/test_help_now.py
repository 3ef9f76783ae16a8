"""'Besoin d'aide maintenant ?': one click from every page to the numbers of one's country."""

import re
from collections.abc import Callable

import pytest
from django.test import Client

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
    assert "vérifié le 22 novembre 2026" in html


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
