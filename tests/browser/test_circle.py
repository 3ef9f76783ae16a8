"""The talking circle in three real browsers at once, served by the project's ASGI server (issue
7's proof): one raises a hand and all three see it; one passes in the round; the facilitator
moves on; a browser reloads and finds the circle as it is, still live."""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from conftest import Cast
from entraide.accounts.models import User
from entraide.circles.tests.server import asgi_server
from entraide.meetings.models import Meeting
from tests.browser.conftest import guarded_tabs
from tests.browser.test_directory import fits_the_screen, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def base() -> Iterator[str]:
    with asgi_server() as url:
        yield url


@pytest.fixture
def tab_as(browser: Any, base: str) -> Iterator[Callable[..., Any]]:
    """A person's own browser, signed in, that may only talk to the test server."""
    with guarded_tabs(browser, base) as open_tab:

        def as_person(person: User, *, bypass_csp: bool = True) -> Any:
            client = Client()
            client.force_login(person)
            # A tab without the CSP bypass shows the circle works under the real policy.
            return open_tab(
                bypass_csp=bypass_csp,
                cookies=[
                    {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base},
                    {"name": "entraide_language", "value": "fr", "url": base},
                ],
            )

        yield as_person


def live(tab: Any) -> Any:
    return tab.locator("#circle-live")


def connected(tab: Any) -> None:
    expect(tab.locator("html")).to_have_attribute("data-circle-socket", "open")


def test_three_people_share_a_live_circle(
    tab_as: Callable[..., Any], base: str, cast: Cast
) -> None:
    starts = timezone.now() - dt.timedelta(minutes=5)
    meeting = Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    alice, bob = tab_as(cast.alice), tab_as(cast.bob)
    chloe = tab_as(cast.chloe, bypass_csp=False)

    # Alice goes from the meeting's page to the circle and opens it.
    alice.goto(f"{base}/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/")
    alice.get_by_role("link", name="Cercle de parole").click()
    circle_url = alice.url
    connected(alice)
    alice.get_by_role("button", name="Ouvrir le cercle").click()
    expect(live(alice)).to_contain_text("Parole libre")

    # The browsers report no error in the drawing (an SVG with a French decimal comma did);
    # a refused action's 400 is the circle's own answer, not an error of the page.
    errors: list[str] = []

    def note_error(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    for tab in (alice, bob, chloe):
        tab.on("console", note_error)

    # Bob and Chloé join from their phones; everyone sees who is there.
    for tab in (bob, chloe):
        tab.goto(circle_url)
        connected(tab)
        tab.get_by_role("button", name="Je rejoins le cercle").click()
        expect(tab.get_by_role("button", name="Je lève la main")).to_be_visible()

    # Bob raises his hand: all three see it, without reloading their page.
    bob.evaluate("window.notReloaded = true")
    bob.get_by_role("button", name="Je lève la main").click()
    for tab in (alice, bob, chloe):
        expect(tab.locator(".circle-queue")).to_have_text("Bob")
    assert bob.evaluate("window.notReloaded") is True
    expect(bob.get_by_role("button", name="Je baisse la main")).to_be_visible()
    assert serious_violations(bob) == []
    assert fits_the_screen(bob)

    # Alice starts the opening round: first her turn, then she moves on to Bob.
    alice.get_by_role("button", name="Commencer un tour de parole").click()
    expect(live(chloe)).to_contain_text("C'est au tour de Alice")
    alice.get_by_role("button", name="Au suivant").click()
    expect(live(bob)).to_contain_text("C'est au tour de Bob")

    # Bob passes: one tap, and it is Chloé's turn for all three.
    bob.get_by_role("button", name="Je passe").click()
    for tab in (alice, bob, chloe):
        expect(live(tab)).to_contain_text("C'est au tour de Chloé")
    chloe.get_by_role("button", name="Je prends la parole").click()
    expect(live(alice)).to_contain_text("Chloé a la parole.")
    expect(live(bob).locator("[data-clock]")).to_be_visible()

    # Chloé reloads her page: she finds the circle as it is, and it is still live.
    chloe.reload()
    expect(live(chloe)).to_contain_text("Chloé a la parole.")
    connected(chloe)
    alice.get_by_role("button", name="Au suivant").click()
    for tab in (alice, bob, chloe):
        expect(live(tab)).to_contain_text("Parole libre")
        expect(live(tab)).to_contain_text("Personne n'a la parole")

    # On the shared device, Alice raises a hand for Chloé, who has no phone at hand.
    alice.get_by_role("link", name="Un seul appareil pour toute la table").click()
    connected(alice)
    alice.get_by_role("button", name="Lève la main (Chloé)").click()
    expect(bob.locator(".circle-queue")).to_contain_text("Chloé")
    assert serious_violations(alice) == []
    assert fits_the_screen(alice)
    assert [error for error in errors if "attribute" in error] == []
