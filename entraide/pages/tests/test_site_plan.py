"""The plan du site, a second way to find a page (RGAA 12.1), and titles that say where one is
(RGAA 8.6): the private pages name their group or organisation, unlike the public page."""

import datetime as dt
import html as html_text
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.meetings.models import Meeting
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html_text.unescape(response.content.decode())


def title_of(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found is not None
    return found.group(1)


def links_in_main(html: str) -> set[str]:
    main = html[html.index("<main") : html.index("</main>")]
    return set(re.findall(r'href="([^"]+)"', main))


def test_every_page_links_to_the_plan_du_site_from_its_footer(client: Client) -> None:
    for path in ("/", "/accessibilite/", "/compte/login/"):
        footer = page(client, path).split('<footer class="site-footer">')[1]
        assert '<a href="/plan-du-site/">Plan du site</a>' in footer


def test_a_visitor_finds_every_public_page_and_how_to_sign_in(client: Client) -> None:
    html = page(client, "/plan-du-site/")

    assert "<h1>Plan du site</h1>" in html
    assert {
        "/",
        "/groupes/",
        "/organisations/",
        "/guide/",
        "/guide/questions/",
        "/aide-maintenant/",
        "/accessibilite/",
        "/confidentialite/",
        "/compte/signup/",
        "/compte/login/",
    } <= links_in_main(html)
    assert "Mes espaces" not in html


def test_bob_finds_his_own_spaces_and_his_group_but_no_one_else_s(
    client: Client, cast: Cast, make_group: Callable[..., SupportGroup]
) -> None:
    other = make_group("Proches Lyon", place="69001 Lyon")
    Membership.objects.create(
        user=cast.dan, group=other, role="member", status=Membership.Status.ACTIVE
    )
    client.force_login(cast.bob)

    html = page(client, "/plan-du-site/")
    links = links_in_main(html)

    assert {"/mes-groupes/", "/mon-carnet/", "/compte/", "/compte/profil/"} <= links
    assert f"/mes-groupes/{cast.group.slug}/" in links
    assert f"Espace privé du groupe {cast.group.name}" in html
    assert f"/mes-groupes/{other.slug}/" not in links
    assert "/compte/signup/" not in links
    assert "Mes organisations" not in html


def test_coralie_finds_her_organisation_s_board(client: Client, coralie: User) -> None:
    client.force_login(coralie)

    html = page(client, "/plan-du-site/")

    assert "/organisations/centre-nantes/accompagnement/" in links_in_main(html)
    assert "Les groupes accompagnés par Centre d'entraide de Nantes" in html


def test_the_private_space_s_title_names_the_group_and_differs_from_the_public_page(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.bob)

    public = title_of(page(client, f"/groupes/{cast.group.slug}/"))
    private = title_of(page(client, f"/mes-groupes/{cast.group.slug}/"))

    assert private == f"Espace privé du groupe {cast.group.name} · Entraide"
    assert public != private


def test_a_meeting_s_and_its_circle_s_titles_name_the_group(client: Client, cast: Cast) -> None:
    starts = timezone.now() + dt.timedelta(days=3)
    meeting = Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    client.force_login(cast.alice)
    base = f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/"

    meeting_title = title_of(page(client, base))
    circle_title = title_of(page(client, base + "cercle/"))

    assert meeting_title.startswith("Rencontre du ")
    assert meeting_title.endswith(f" · {cast.group.name} · Entraide")
    assert circle_title.startswith("Cercle de parole du ")
    assert circle_title.endswith(f" · {cast.group.name} · Entraide")


def test_the_board_s_title_names_the_organisation(client: Client, coralie: User) -> None:
    client.force_login(coralie)

    html = page(client, "/organisations/centre-nantes/accompagnement/")

    assert title_of(html) == ("Accompagnement des groupes · Centre d'entraide de Nantes · Entraide")
