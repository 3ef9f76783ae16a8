"""A published group's rhythm as a calendar anyone may add before joining: the dates and
times of its meetings, read right by ical.js, and never a place, a link or a member."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from conftest import Cast
from entraide.directory.models import SupportGroup
from entraide.lib import recurrence
from entraide.meetings.models import Meeting
from entraide.meetings.tests.test_calendars import (
    PARIS,
    YEAR_END,
    YEAR_START,
    make_series,
    paris,
    plan,
    scheduled_in_utc,
)
from tests import icaljs

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_meetings_to_come_without_place_or_link(
    client: Client, cast: Cast
) -> None:
    series = make_series(
        cast.group,
        recurrence.monthly_by_weekday(1, 1),
        place="12 rue des Lilas, code 4521",
        online_link="https://visio.example/salle-secrete",
    )
    planned = {m.starts_at.astimezone(PARIS).month: m for m in plan(series, YEAR_START, YEAR_END)}
    planned[9].status = Meeting.Status.CANCELLED
    planned[9].save()
    moved = planned[10]
    moved.starts_at, moved.ends_at = paris(2026, 10, 28, 19), paris(2026, 10, 28, 21)
    moved.save()

    response = client.get(f"/groupes/{cast.group.slug}/rythme.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    for secret in ("Lilas", "4521", "salle-secrete", "LOCATION", "bob@", "Bob"):
        assert secret not in body
    seen = icaljs.expand(response.content, YEAR_START, YEAR_END)
    assert [each.start for each in seen] == scheduled_in_utc(cast.group, YEAR_START, YEAR_END)
    assert paris(2026, 10, 28, 19) in {each.start for each in seen}
    assert {each.location for each in seen} == {None}
    assert f"http://127.0.0.1:8000/groupes/{cast.group.slug}/" in body.replace("\r\n ", "")


def test_a_group_without_planned_meetings_gives_its_rhythm_from_the_directory(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    group = make_group("Aidants Rezé", first_meeting_on=dt.date(2026, 1, 6))

    response = client.get(f"/groupes/{group.slug}/rythme.ics")

    seen = icaljs.expand(response.content, YEAR_START, YEAR_END)
    assert len(seen) == 12
    assert [each.start.astimezone(PARIS).day for each in seen[:3]] == [6, 3, 3]
    assert {each.start.astimezone(PARIS).strftime("%a %H:%M") for each in seen} == {"Tue 18:30"}
    assert {each.end - each.start for each in seen} == {dt.timedelta(hours=1, minutes=30)}
    assert {each.uid for each in seen} == {f"group-{group.pk}@127.0.0.1"}


def test_a_paused_or_irregular_group_has_an_empty_calendar(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    paused = make_group("En pause", status=SupportGroup.Status.PAUSED)
    irregular = make_group("Au fil de l'eau", frequency=SupportGroup.Frequency.IRREGULAR)

    for group in (paused, irregular):
        response = client.get(f"/groupes/{group.slug}/rythme.ics")
        assert response.status_code == 200
        assert "BEGIN:VEVENT" not in response.content.decode()


def test_an_unpublished_group_has_no_calendar(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    hidden = make_group("Caché", is_published=False)

    assert client.get(f"/groupes/{hidden.slug}/rythme.ics").status_code == 404
    assert client.get("/groupes/nexiste-pas/rythme.ics").status_code == 404


def test_the_group_page_offers_the_calendar(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    group = make_group("Deuil Nantes")

    html = client.get(group.get_absolute_url()).content.decode()

    assert f'<a href="/groupes/{group.slug}/rythme.ics" download>' in html
    link = f'title="Le rythme de Deuil Nantes" href="/groupes/{group.slug}/rythme.ics"'
    assert f'<link rel="alternate" type="text/calendar" {link}>' in html
