"""From listening to taking part, in real browsers at 360 px: Chloé came to listen; she asks to
become a member, Alice welcomes her, and Chloé votes on a topic for the next meeting."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from conftest import Cast
from entraide.accounts.models import User
from entraide.meetings.models import Topic, TopicVote
from tests.browser.test_directory import fits_the_screen, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(tab_for: Callable[..., Any], live_server: Any, person: User) -> Any:
    client = Client()
    client.force_login(person)
    return tab_for(
        cookies=[
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "entraide_language", "value": "fr", "url": live_server.url},
        ]
    )


def test_chloe_asks_alice_welcomes_her_and_chloe_votes(
    tab_for: Callable[..., Any], live_server: Any, cast: Cast
) -> None:
    Topic.objects.create(group=cast.group, title="Les fêtes de fin d'année", proposed_by=cast.bob)
    space = f"{live_server.url}/mes-groupes/{cast.group.slug}/"
    chloe = signed_in(tab_for, live_server, cast.chloe)
    chloe.goto(space)
    chloe.get_by_role("link", name="Devenir membre").click()
    assert fits_the_screen(chloe)
    assert serious_violations(chloe) == []
    chloe.get_by_role("button", name="Je souhaite devenir membre").click()
    chloe.wait_for_url(space)
    assert "Vous avez demandé à devenir membre" in chloe.locator("main").inner_text()

    alice = signed_in(tab_for, live_server, cast.alice)
    alice.goto(space)
    request = alice.locator(".card", has_text="Chloé")
    assert serious_violations(alice) == []
    request.get_by_role("button", name="Accueillir comme membre").click()
    alice.wait_for_url(space)
    assert "Chloé est maintenant membre" in alice.get_by_role("status").inner_text()

    chloe.goto(space)
    assert "Vous êtes membre de ce groupe." in chloe.locator("main").inner_text()
    chloe.get_by_role("link", name="Les sujets proposés pour les prochaines rencontres").click()
    chloe.get_by_role("button", name="Voter pour ce sujet").click()
    chloe.get_by_role("button", name="Retirer ma voix").wait_for()
    assert TopicVote.objects.filter(user=cast.chloe).count() == 1
