"""A workshop's calendar file, read by ical.js (Thunderbird, Nextcloud) as we mean it."""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from conftest import Cast
from entraide.accounts.models import User
from entraide.workshops import actions
from entraide.workshops.models import Workshop
from tests import icaljs

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
BEFORE = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
AFTER = dt.datetime(2031, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize("month", [3, 7, 11])
def test_ical_js_reads_the_workshop_at_its_local_time_whatever_the_season(
    client: Client, accompanied: Cast, make_workshop: Callable[..., Workshop], month: int
) -> None:
    start = dt.datetime(2030, month, 30, 14, 0, tzinfo=PARIS)
    workshop = make_workshop(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    actions.register(workshop, accompanied.bob)
    client.force_login(accompanied.bob)

    (seen,) = icaljs.expand(
        client.get(f"/ateliers/{workshop.pk}/agenda.ics").content, BEFORE, AFTER
    )

    assert seen.uid.startswith(f"workshop-{workshop.pk}@")
    assert seen.start == start and seen.end == start + dt.timedelta(hours=2)
    assert seen.zone == "Europe/Paris"
    assert seen.local.startswith(f"2030-{month:02d}-30T14:00:00")
    assert seen.summary == "Animer un tour de parole — Centre d'entraide de Nantes"
    assert seen.location == "Maison des associations, 12 rue des Lilas, Nantes"


def test_ical_js_reads_a_moved_then_cancelled_workshop_as_the_same_event(
    client: Client,
    accompanied: Cast,
    coralie: User,
    make_workshop: Callable[..., Workshop],
) -> None:
    start = dt.datetime(2030, 7, 2, 14, 0, tzinfo=PARIS)
    workshop = make_workshop(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    actions.register(workshop, accompanied.bob)
    client.force_login(accompanied.bob)
    url = f"/ateliers/{workshop.pk}/agenda.ics"
    (before,) = icaljs.expand(client.get(url).content, BEFORE, AFTER)

    later = start + dt.timedelta(days=1, hours=1)
    data = {name: getattr(workshop, name) for name in actions.FIELDS}
    actions.change(
        workshop, data | {"starts_at": later, "ends_at": later + dt.timedelta(hours=2)}, by=coralie
    )
    (moved,) = icaljs.expand(client.get(url).content, BEFORE, AFTER)
    actions.cancel(workshop, by=coralie)
    body = client.get(url).content
    (cancelled,) = icaljs.expand(body, BEFORE, AFTER)

    assert before.uid == moved.uid == cancelled.uid
    assert moved.start == later
    assert (before.status, cancelled.status) == ("CONFIRMED", "CANCELLED")
    assert b"SEQUENCE:2" in body
