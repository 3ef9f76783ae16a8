"""The talking circle with a keyboard and a screen reader, two people at once (issue 22, items 1
and 2): after each action the focus stays on the control that acted, or on the one that took its
place, never back at the top of the page; and each event is said once in the status line — one's
own action done, a raised hand to the facilitator, the planned time over, the circle closing."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import Cast
from entraide.circles.models import Circle
from entraide.meetings.models import Meeting
from tests.browser.test_circle import base, connected, live, tab_as
from tests.browser.test_directory import serious_violations

__all__ = ["base", "tab_as"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(tab: Any) -> str:
    """The accessible name of what has the focus, as the accessibility tree gives it."""
    name: str = tab.evaluate(
        "() => { const e = document.activeElement;"
        " if (e === document.body) { return 'BODY'; }"
        " return (e.getAttribute('aria-label') || e.innerText).trim(); }"
    )
    return name


def status(tab: Any) -> Any:
    return tab.locator("#circle-news")


def press(tab: Any, name: str) -> None:
    """Reach a button with the keyboard's focus and press Enter, as a keyboard user does."""
    button = tab.get_by_role("button", name=name)
    button.focus()
    button.press("Enter")


def test_focus_stays_put_and_each_event_is_said_once(tab_as: Any, base: str, cast: Cast) -> None:
    starts = timezone.now() - dt.timedelta(minutes=5)
    meeting = Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    alice, bob = tab_as(cast.alice), tab_as(cast.bob)
    circle_url = f"{base}/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/cercle/"
    alice.goto(circle_url)
    connected(alice)
    press(alice, "Ouvrir le cercle")
    expect(live(alice)).to_contain_text("Parole libre")
    bob.goto(circle_url)
    connected(bob)

    # Bob joins: the button becomes "Je lève la main", which takes the focus; it is said once.
    press(bob, "Je rejoins le cercle")
    expect(status(bob)).to_have_text("Vous êtes dans le cercle.")
    assert focused(bob) == "Je lève la main"

    # Bob raises his hand: the focus moves to "Je baisse la main"; Alice, who leads, hears it.
    press(bob, "Je lève la main")
    expect(status(bob)).to_have_text("Votre main est levée.")
    assert focused(bob) == "Je baisse la main"
    expect(status(alice)).to_contain_text("Bob lève la main.")

    # Alice gives Bob the floor with "Au suivant": her focus stays on it; Bob hears he has
    # the floor, and his focus goes to "J'ai fini", which took the place of his lowered hand.
    press(alice, "Au suivant")
    expect(live(alice)).to_contain_text("Bob a la parole.")
    assert focused(alice) == "Au suivant"
    expect(status(bob)).to_have_text("Bob a la parole.")
    assert focused(bob) == "J'ai fini"
    assert serious_violations(bob) == []

    # Bob has finished: said once, and his focus goes to "Je lève la main".
    press(bob, "J'ai fini")
    expect(status(bob)).to_have_text("Vous avez fini. Merci.")
    assert focused(bob) == "Je lève la main"

    # Bob speaks again, past the planned time: it is said once, gently, not at each tick.
    press(bob, "Je lève la main")
    expect(status(bob)).to_have_text("Votre main est levée.")
    press(alice, "Au suivant")
    expect(status(bob)).to_have_text("Bob a la parole.")
    circle = Circle.objects.get(meeting=meeting)
    state = dict(circle.state)
    state["since"] = state["since"] - 4 * 60
    Circle.objects.filter(pk=circle.pk).update(state=state)
    bob.reload()
    connected(bob)
    expect(status(bob)).to_have_text("Le temps prévu est passé. Prenez le temps de conclure.")
    said = bob.evaluate(
        "() => new Promise(done => { let n = 0;"
        " new MutationObserver(() => { n += 1; })"
        ".observe(document.getElementById('circle-news'), {childList: true, characterData: true,"
        " subtree: true}); setTimeout(() => done(n), 2500); })"
    )
    assert said == 0

    # Alice closes the circle: both hear it; Alice's focus does not fall back to the page's top.
    press(alice, "Fermer le cercle")
    expect(live(alice)).to_contain_text("Le cercle de cette rencontre est fermé")
    expect(status(bob)).to_contain_text("Le cercle de cette rencontre est fermé.")
    assert focused(alice) != "BODY"
