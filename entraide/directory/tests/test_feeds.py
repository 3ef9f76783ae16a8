"""The Atom feed of new groups for any directory search, read by feedparser (the parser behind
many feed readers): the newest published groups first, nothing private."""

import datetime as dt
from collections.abc import Callable

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from entraide.directory.models import SupportGroup, Theme

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]


def created(group: SupportGroup, days_ago: int) -> SupportGroup:
    SupportGroup.objects.filter(pk=group.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return group


def test_the_newest_groups_of_a_theme_near_a_place_come_first(
    client: Client, make_group: MakeGroup, theme: Callable[..., Theme]
) -> None:
    deuil, aidants = theme("deuil"), theme("aidants", "Proches aidants", "Carers")
    created(make_group("Deuil Nantes", themes=[deuil]), 10)
    created(make_group("Deuil Rezé", "44400 Rezé", themes=[deuil]), 2)
    created(make_group("Deuil Brest", "29200 Brest", themes=[deuil]), 1)
    created(make_group("Aidants Nantes", themes=[aidants]), 0)
    hidden = make_group("Deuil caché", themes=[deuil], meeting_place="12 rue des Lilas")
    SupportGroup.objects.filter(pk=hidden.pk).update(is_published=False)

    response = client.get("/groupes/nouveaux.atom?theme=deuil&place=Nantes&radius=20")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Nouveaux groupes d'entraide — Deuil — près de Nantes"
    assert feed.feed.link == "http://testserver/groupes/?theme=deuil&place=Nantes&radius=20"
    assert [entry.title for entry in feed.entries] == ["Deuil Rezé", "Deuil Nantes"]
    rezé = feed.entries[0]
    assert rezé.link.startswith("http://testserver/groupes/deuil-reze")
    assert [tag.term for tag in rezé.tags] == ["Deuil"]
    assert "Rezé · le 1er mardi du mois, 18h30–20h" in rezé.summary
    assert "Lilas" not in response.content.decode()


def test_without_a_search_every_published_group_is_listed(
    client: Client, make_group: MakeGroup
) -> None:
    make_group("Deuil Nantes")

    feed = feedparser.parse(client.get("/groupes/nouveaux.atom").content)

    assert feed.feed.title == "Nouveaux groupes d'entraide"
    assert [entry.title for entry in feed.entries] == ["Deuil Nantes"]


def test_a_wrong_search_is_a_clear_400(client: Client) -> None:
    response = client.get("/groupes/nouveaux.atom?radius=-3")

    assert response.status_code == 400


def test_the_search_page_offers_the_feed_of_its_search(
    client: Client, make_group: MakeGroup
) -> None:
    make_group("Deuil Nantes")

    html = client.get("/groupes/?theme=deuil").content.decode()

    assert 'href="/groupes/nouveaux.atom?theme=deuil"' in html
