"""sitemap.xml and robots.txt: the public pages for search engines, never a private one."""

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from django.test import Client

from entraide.directory.models import SupportGroup
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_sitemap_lists_public_pages_groups_and_organisations_only(
    client: Client, make_group: Callable[..., SupportGroup], organisation: Organisation
) -> None:
    shown = make_group("Deuil Nantes", organisation=organisation)
    hidden = make_group("Caché", is_published=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer, in a test
    urls = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert "http://testserver/" in urls
    assert "http://testserver/groupes/" in urls
    assert "http://testserver/aide-maintenant/" in urls
    assert f"http://testserver/groupes/{shown.slug}/" in urls
    assert f"http://testserver/organisations/{organisation.slug}/" in urls
    assert not any(hidden.slug in url for url in urls if url)
    assert not any("/mes-groupes/" in url or "/compte/" in url for url in urls if url)
    lastmods = [node.text for node in root.findall("s:url/s:lastmod", NS)]
    assert len(lastmods) == 1  # the group's


def test_robots_points_to_the_sitemap_and_away_from_private_spaces(client: Client) -> None:
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response.status_code == 200
    assert lines[0] == "User-agent: *"
    assert "Disallow: /mes-groupes/" in lines
    assert "Disallow: /compte/" in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"
