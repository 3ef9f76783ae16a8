"""Bob writes in his carnet after a meeting, in a real browser at 360 px: from the meeting's
page to the carnet, where his mood joins the chart and his words the list (issue 8's proof)."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from conftest import Cast
from entraide.carnet.models import Entry
from entraide.meetings.models import Meeting
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEELING = "Plus léger en repartant, les silences ne me gênent plus."
TAKEAWAY = "Sortir marcher un peu quand le dimanche soir pèse."


def test_bob_writes_in_his_carnet_after_a_meeting_and_sees_his_evolution(
    page: Any, live_server: Any, cast: Cast
) -> None:
    base = live_server.url
    starts = timezone.now().replace(microsecond=0) - dt.timedelta(days=2)
    meeting = Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(minutes=90)
    )
    # An earlier page, so that the chart draws a line between two moods.
    Entry.objects.create(
        author=cast.bob, day=timezone.localdate() - dt.timedelta(days=30), mood=2, feeling="Tendu."
    )

    log_in(page, base, "bob@example.org")
    page.goto(f"{base}/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/")
    page.get_by_role("link", name="Écrire dans mon carnet").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Écrire dans mon carnet"
    assert "Après la rencontre du" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    assert fits_the_screen(page)
    page.get_by_label("4 — plutôt bien").check()
    page.get_by_label("Comment je me sens").fill(FEELING)
    page.get_by_label("Ce que je retiens").fill(TAKEAWAY)
    page.get_by_role("button", name="Garder cette page").click()
    page.wait_for_url(f"{base}/mon-carnet/")

    assert "C'est noté dans votre carnet." in page.get_by_role("status").inner_text()
    chart = page.get_by_role("img", name="Mon humeur, page après page")
    assert chart.is_visible()
    assert chart.locator("circle").count() == 2
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 360
    page.get_by_text("Voir les mêmes valeurs dans un tableau").click()
    table = page.get_by_role("table", name="Mon humeur, page après page")
    assert table.is_visible()
    assert "4 sur 5, plutôt bien" in table.inner_text()
    newest = page.locator("article.carnet-entry").first
    assert FEELING in newest.inner_text()
    assert TAKEAWAY in newest.inner_text()
    assert "Après la rencontre du" in newest.inner_text()
    assert serious_violations(page) == []
    assert fits_the_screen(page)

    entry = Entry.objects.get(meeting=meeting)
    assert (entry.author, entry.mood, entry.feeling) == (cast.bob, 4, FEELING)
