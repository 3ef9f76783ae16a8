"""Calendars: our feeds, read back by a real iCalendar parser and expanded by a real expander,
give exactly our meetings, exceptions and daylight-saving changes included; the private
addresses are revocable and show nothing to whoever has no right to see it."""

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from conftest import Cast
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.lib import recurrence
from entraide.meetings.models import CalendarToken, Meeting, MeetingSeries, Presence
from entraide.membership.models import Membership
from tests import icaljs

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
YEAR_START = dt.datetime(2026, 1, 1, tzinfo=PARIS)
YEAR_END = dt.datetime(2027, 1, 1, tzinfo=PARIS)


def paris(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def make_series(
    group: SupportGroup,
    rule: str,
    *,
    starts_on: dt.date = dt.date(2026, 1, 1),
    place: str = "Maison des associations, salle 3",
    online_link: str = "",
) -> MeetingSeries:
    return MeetingSeries.objects.create(
        group=group,
        rule=rule,
        starts_on=starts_on,
        start_time=dt.time(18, 30),
        end_time=dt.time(20, 0),
        place=place,
        online_link=online_link,
    )


def plan(series: MeetingSeries, after: dt.datetime, before: dt.datetime) -> list[Meeting]:
    """The series' Meeting rows in [after, before), as the planner stores them."""
    zone = series.group.time_zone
    return [
        Meeting.objects.create(
            group=series.group,
            series=series,
            occurrence_start=start,
            starts_at=start,
            ends_at=dt.datetime.combine(start.date(), series.end_time, tzinfo=zone),
        )
        for start in recurrence.occurrences(
            series.rule, series.starts_on, series.start_time, zone, after, before
        )
    ]


def token_for(person: User, group: SupportGroup | None = None) -> CalendarToken:
    return CalendarToken.objects.create(
        user=person, group=group, token=f"secret-{person.pk}-{group.pk if group else 'all'}"
    )


def read_feed(client: Client, token: CalendarToken) -> Calendar:
    response = client.get(f"/agenda/{token.token}.ics")
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def expand(calendar: Calendar, after: dt.datetime, before: dt.datetime) -> list[Any]:
    return list(recurring_ical_events.of(calendar).between(after, before))


def starts_in_utc(events: list[Any]) -> list[dt.datetime]:
    starts = [event["DTSTART"].dt for event in events]
    assert all(isinstance(start, dt.datetime) and start.tzinfo is not None for start in starts)
    return sorted(start.astimezone(dt.UTC) for start in starts)


def scheduled_in_utc(
    group: SupportGroup, after: dt.datetime, before: dt.datetime
) -> list[dt.datetime]:
    return sorted(
        meeting.starts_at.astimezone(dt.UTC)
        for meeting in group.meetings.filter(
            status=Meeting.Status.SCHEDULED, starts_at__gte=after, starts_at__lt=before
        )
    )


def at(event: Any) -> dt.datetime:
    start: dt.datetime = event["DTSTART"].dt
    return start.astimezone(dt.UTC)


# --- The feed gives our meetings, exactly --------------------------------------------------


def test_a_monthly_series_with_a_cancelled_a_moved_and_an_extra_meeting_expands_to_ours(
    client: Client, cast: Cast
) -> None:
    series = make_series(cast.group, recurrence.monthly_by_weekday(1, 1))  # the 1st Tuesday
    planned = {m.starts_at.astimezone(PARIS).month: m for m in plan(series, YEAR_START, YEAR_END)}
    planned[4].status = Meeting.Status.CANCELLED
    planned[4].save()
    moved = planned[5]
    moved.starts_at, moved.ends_at = paris(2026, 5, 6, 19), paris(2026, 5, 6, 21)
    moved.save()
    extra = Meeting.objects.create(
        group=cast.group, starts_at=paris(2026, 6, 20, 14), ends_at=paris(2026, 6, 20, 16)
    )

    events = expand(read_feed(client, token_for(cast.bob, cast.group)), YEAR_START, YEAR_END)

    starts = starts_in_utc(events)
    assert starts == scheduled_in_utc(cast.group, YEAR_START, YEAR_END)
    assert len(starts) == 12  # twelve first Tuesdays, one cancelled, one extra
    assert paris(2026, 4, 7, 18, 30) not in starts
    assert paris(2026, 5, 5, 18, 30) not in starts
    assert starts.count(paris(2026, 5, 6, 19)) == 1
    assert paris(2026, 6, 20, 14) in starts
    # Across March's and October's changes, the wall clock stays at 18h30 and UTC moves.
    assert {
        paris(2026, 3, 3, 18, 30),
        paris(2026, 10, 6, 18, 30),
        paris(2026, 11, 3, 18, 30),
    } <= set(starts)
    assert {start.time() for start in starts} >= {dt.time(17, 30), dt.time(16, 30)}
    assert {event["DTSTART"].dt.astimezone(PARIS).time() for event in events} == {
        dt.time(18, 30),
        dt.time(19),
        dt.time(14),
    }
    by_start = {at(event): event for event in events}
    moved_event = by_start[paris(2026, 5, 6, 19)]
    assert str(moved_event["UID"]) == f"meeting-{moved.pk}@127.0.0.1"
    assert f"/mes-groupes/{cast.group.slug}/rencontres/{moved.pk}/" in moved_event["DESCRIPTION"]
    assert str(by_start[paris(2026, 6, 20, 14)]["UID"]) == f"meeting-{extra.pk}@127.0.0.1"


def test_the_feed_names_the_zone_and_writes_its_rules(client: Client, cast: Cast) -> None:
    make_series(cast.group, recurrence.monthly_by_weekday(1, 1))

    response = client.get(f"/agenda/{token_for(cast.bob).token}.ics")

    body = response.content.decode()
    assert "BEGIN:VTIMEZONE" in body and "TZID:Europe/Paris" in body
    assert "DTSTART;TZID=Europe/Paris:20260106T183000" in body
    assert "RRULE:FREQ=MONTHLY;BYDAY=1TU" in body
    calendar = Calendar.from_ical(response.content)
    assert (calendar["VERSION"], calendar["PRODID"]) == (
        "2.0",
        "-//Entraide//Rencontres des groupes//FR",
    )


def test_a_fifth_friday_series_skips_the_months_without_one(client: Client, cast: Cast) -> None:
    series = make_series(cast.group, recurrence.monthly_by_weekday(4, 5))
    plan(series, YEAR_START, YEAR_END)

    events = expand(read_feed(client, token_for(cast.bob, cast.group)), YEAR_START, YEAR_END)

    assert starts_in_utc(events) == scheduled_in_utc(cast.group, YEAR_START, YEAR_END)
    assert starts_in_utc(events) == [
        paris(2026, 1, 30, 18, 30),
        paris(2026, 5, 29, 18, 30),
        paris(2026, 7, 31, 18, 30),
        paris(2026, 10, 30, 18, 30),  # after October's change: 17h30 UTC again
    ]


@pytest.mark.parametrize(
    ("before", "after", "utc_hours"),
    [
        (paris(2026, 3, 24, 18, 30), paris(2026, 3, 31, 18, 30), (17, 16)),
        (paris(2026, 10, 20, 18, 30), paris(2026, 10, 27, 18, 30), (16, 17)),
    ],
)
def test_a_weekly_series_keeps_its_local_time_across_a_daylight_saving_change(
    client: Client, cast: Cast, before: dt.datetime, after: dt.datetime, utc_hours: tuple[int, int]
) -> None:
    series = make_series(cast.group, recurrence.weekly(1))
    window = (before - dt.timedelta(days=14), after + dt.timedelta(days=14))
    plan(series, *window)

    events = expand(read_feed(client, token_for(cast.bob, cast.group)), *window)

    starts = starts_in_utc(events)
    assert starts == scheduled_in_utc(cast.group, *window)
    assert len(starts) == 5
    assert before in starts and after in starts
    assert (before.astimezone(dt.UTC).hour, after.astimezone(dt.UTC).hour) == utc_hours
    assert {start.astimezone(PARIS).time() for start in starts} == {dt.time(18, 30)}


def test_a_fortnightly_series_with_a_cancelled_meeting_across_march(
    client: Client, cast: Cast
) -> None:
    series = make_series(
        cast.group, recurrence.weekly(3, interval=2), starts_on=dt.date(2026, 2, 1)
    )
    window = (paris(2026, 2, 1, 0), paris(2026, 6, 1, 0))
    planned = plan(series, *window)
    planned[3].status = Meeting.Status.CANCELLED
    planned[3].save()

    events = expand(read_feed(client, token_for(cast.alice, cast.group)), *window)

    assert starts_in_utc(events) == scheduled_in_utc(cast.group, *window)
    assert planned[3].starts_at not in starts_in_utc(events)
    assert len(events) == len(planned) - 1


def test_occurrences_before_and_beyond_the_planned_meetings_follow_the_rule(
    client: Client, cast: Cast
) -> None:
    series = make_series(cast.group, recurrence.monthly_by_date(15))
    plan(series, paris(2026, 4, 1, 0), paris(2026, 6, 1, 0))

    events = expand(read_feed(client, token_for(cast.bob, cast.group)), YEAR_START, YEAR_END)

    expected = recurrence.occurrences(
        series.rule, series.starts_on, series.start_time, PARIS, YEAR_START, YEAR_END
    )
    assert starts_in_utc(events) == sorted(start.astimezone(dt.UTC) for start in expected)
    assert len(events) == 12


def test_a_replaced_series_keeps_its_past_meetings_and_stops_repeating(
    client: Client, cast: Cast
) -> None:
    old = make_series(cast.group, recurrence.monthly_by_weekday(1, 1))
    plan(old, YEAR_START, paris(2026, 4, 1, 0))
    old.is_active = False
    old.save()
    new = make_series(
        cast.group, recurrence.monthly_by_weekday(3, 3), starts_on=dt.date(2026, 4, 1)
    )
    plan(new, paris(2026, 4, 1, 0), paris(2026, 7, 1, 0))

    events = expand(read_feed(client, token_for(cast.bob, cast.group)), YEAR_START, YEAR_END)

    third_thursdays = recurrence.occurrences(
        new.rule, new.starts_on, new.start_time, PARIS, YEAR_START, YEAR_END
    )
    assert starts_in_utc(events) == sorted(
        [paris(2026, 1, 6, 18, 30), paris(2026, 2, 3, 18, 30), paris(2026, 3, 3, 18, 30)]
        + [start.astimezone(dt.UTC) for start in third_thursdays]
    )


def test_a_meeting_at_another_place_keeps_its_time_and_says_where(
    client: Client, cast: Cast
) -> None:
    series = make_series(cast.group, recurrence.monthly_by_weekday(1, 1))
    planned = plan(series, YEAR_START, paris(2026, 4, 1, 0))
    planned[1].place = "Chez Bob, 3 rue des Lilas"
    planned[1].save()

    events = expand(read_feed(client, token_for(cast.alice)), YEAR_START, paris(2026, 4, 1, 0))

    places = {at(event): str(event["LOCATION"]) for event in events}
    assert places == {
        paris(2026, 1, 6, 18, 30): "Maison des associations, salle 3",
        paris(2026, 2, 3, 18, 30): "Chez Bob, 3 rue des Lilas",
        paris(2026, 3, 3, 18, 30): "Maison des associations, salle 3",
    }


# --- Who sees what -------------------------------------------------------------------------


def test_a_member_sees_the_place_and_the_online_link(client: Client, cast: Cast) -> None:
    series = make_series(cast.group, recurrence.weekly(1), online_link="https://visio.example/abc")
    plan(series, YEAR_START, paris(2026, 2, 1, 0))

    events = expand(read_feed(client, token_for(cast.bob)), YEAR_START, paris(2026, 3, 1, 0))

    assert len(events) == 8
    assert {str(event["LOCATION"]) for event in events} == {"Maison des associations, salle 3"}
    assert {str(event["URL"]) for event in events} == {"https://visio.example/abc"}
    assert all("https://visio.example/abc" in event["DESCRIPTION"] for event in events)
    assert all(str(event["SUMMARY"]) == "Deuil Nantes" for event in events)


def test_an_observer_sees_the_place_until_she_has_come_once(client: Client, cast: Cast) -> None:
    series = make_series(cast.group, recurrence.weekly(1), online_link="https://visio.example/abc")
    now = timezone.now()
    past = Meeting.objects.create(
        group=cast.group, starts_at=now - dt.timedelta(days=7), ends_at=now - dt.timedelta(days=7)
    )
    coming = plan(series, now, now + dt.timedelta(days=30))
    token = token_for(cast.chloe)
    window = (now, now + dt.timedelta(days=60))

    before = expand(read_feed(client, token), *window)
    Presence.objects.create(meeting=past, user=cast.chloe, present=True)
    after = expand(read_feed(client, token), *window)

    assert before and all("LOCATION" in event and "URL" in event for event in before)
    assert len(after) == len(before) >= len(coming)
    assert not any("LOCATION" in event or "URL" in event for event in after)
    assert not any("visio.example" in event["DESCRIPTION"] for event in after)
    client.force_login(cast.chloe)
    one = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{coming[0].pk}.ics")
    assert b"LOCATION" not in one.content and b"salle 3" not in one.content


def test_bob_who_left_the_group_no_longer_sees_its_meetings(
    client: Client, cast: Cast, make_group: Callable[..., SupportGroup]
) -> None:
    chess = make_group("Parents Rennes", "35000 Rennes")
    Membership.objects.create(
        user=cast.bob, group=chess, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE
    )
    plan(make_series(cast.group, recurrence.monthly_by_weekday(1, 1)), YEAR_START, YEAR_END)
    plan(make_series(chess, recurrence.monthly_by_weekday(3, 2)), YEAR_START, YEAR_END)
    everything, only_nantes = token_for(cast.bob), token_for(cast.bob, cast.group)

    def summaries(token: CalendarToken) -> set[str]:
        events = expand(read_feed(client, token), YEAR_START, YEAR_END)
        return {str(event["SUMMARY"]) for event in events}

    assert summaries(everything) == {"Deuil Nantes", "Parents Rennes"}

    client.force_login(cast.bob)
    client.post(f"/mes-groupes/{cast.group.slug}/quitter/")

    assert summaries(everything) == {"Parents Rennes"}
    assert summaries(only_nantes) == set()


def test_a_revoked_or_unknown_address_answers_404(client: Client, cast: Cast) -> None:
    token = token_for(cast.bob)
    assert client.get(f"/agenda/{token.token}.ics").status_code == 200

    token.revoked_at = timezone.now()
    token.save()

    assert client.get(f"/agenda/{token.token}.ics").status_code == 404
    assert client.get("/agenda/made-up.ics").status_code == 404


def test_the_feed_needs_no_login_and_is_kept_by_no_cache(client: Client, cast: Cast) -> None:
    response = client.get(f"/agenda/{token_for(cast.chloe).token}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert client.post(f"/agenda/{token_for(cast.bob).token}.ics").status_code == 405


# --- The calendar page ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "bob", "chloe"])
def test_everyone_in_the_group_finds_their_calendar_page(
    client: Client, cast: Cast, who: str
) -> None:
    client.force_login(getattr(cast, who))

    page = client.get(f"/mes-groupes/{cast.group.slug}/agenda/")

    assert page.status_code == 200
    assert "Créer mon adresse" in page.content.decode()
    assert (
        "Toute personne qui en connaît une voit les dates des rencontres" in page.content.decode()
    )


def test_a_stranger_or_someone_waiting_for_an_answer_gets_404(client: Client, cast: Cast) -> None:
    Membership.objects.create(user=cast.dan, group=cast.group)  # requested
    client.force_login(cast.dan)

    assert client.get(f"/mes-groupes/{cast.group.slug}/agenda/").status_code == 404
    assert (
        client.post(
            f"/mes-groupes/{cast.group.slug}/agenda/", {"scope": "all", "action": "create"}
        ).status_code
        == 404
    )
    assert not CalendarToken.objects.exists()


def test_a_visitor_is_asked_to_log_in(client: Client, cast: Cast) -> None:
    response = client.get(f"/mes-groupes/{cast.group.slug}/agenda/")

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_bob_creates_replaces_and_revokes_his_address(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)
    url = f"/mes-groupes/{cast.group.slug}/agenda/"

    client.post(url, {"scope": "group", "action": "create"})
    first = CalendarToken.objects.get(user=cast.bob)
    page = client.get(url).content.decode()
    client.post(url, {"scope": "group", "action": "create"})
    second = CalendarToken.objects.get(user=cast.bob, revoked_at__isnull=True)
    client.post(url, {"scope": "group", "action": "revoke"})

    assert first.group == cast.group and len(first.token) >= 43
    assert f"http://127.0.0.1:8000/agenda/{first.token}.ics" in page
    assert f"webcal://127.0.0.1:8000/agenda/{first.token}.ics" in page
    assert second.token != first.token
    assert client.get(f"/agenda/{first.token}.ics").status_code == 404
    assert client.get(f"/agenda/{second.token}.ics").status_code == 404
    assert "Créer mon adresse" in client.get(url).content.decode()


def test_an_address_for_all_my_groups_has_no_group(client: Client, cast: Cast) -> None:
    client.force_login(cast.chloe)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/agenda/", {"scope": "all", "action": "create"}
    )

    assert response.status_code == 302
    token = CalendarToken.objects.get(user=cast.chloe)
    assert token.group is None
    assert client.get(f"/agenda/{token.token}.ics").status_code == 200


def test_a_wrong_choice_is_refused_kindly(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/agenda/", {"scope": "everyone", "action": "create"}
    )

    assert response.status_code == 200
    assert "Choisissez une adresse." in response.content.decode()
    assert not CalendarToken.objects.exists()


def test_revoking_only_stops_my_own_address(client: Client, cast: Cast) -> None:
    alices = token_for(cast.alice, cast.group)
    client.force_login(cast.bob)

    client.post(f"/mes-groupes/{cast.group.slug}/agenda/", {"scope": "group", "action": "revoke"})

    assert client.get(f"/agenda/{alices.token}.ics").status_code == 200


# --- One meeting as a file -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "bob", "chloe"])
def test_everyone_in_the_group_downloads_one_meeting(client: Client, cast: Cast, who: str) -> None:
    meeting = Meeting.objects.create(
        group=cast.group,
        starts_at=paris(2026, 3, 31, 18, 30),
        ends_at=paris(2026, 3, 31, 20),
        place="Maison des associations, salle 3",
    )
    client.force_login(getattr(cast, who))

    response = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="deuil-nantes-2026-03-31.ics"'
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert len(events) == 1
    assert at(events[0]) == paris(2026, 3, 31, 18, 30)
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(events[0]["LOCATION"]) == "Maison des associations, salle 3"


def test_a_stranger_cannot_download_a_meeting(
    client: Client, cast: Cast, make_group: Callable[..., SupportGroup]
) -> None:
    meeting = Meeting.objects.create(
        group=cast.group, starts_at=paris(2026, 3, 31, 18, 30), ends_at=paris(2026, 3, 31, 20)
    )
    elsewhere = make_group("Parents Rennes", "35000 Rennes")
    Membership.objects.create(
        user=cast.dan, group=elsewhere, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE
    )
    client.force_login(cast.dan)

    assert (
        client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}.ics").status_code == 404
    )
    assert (
        client.get(f"/mes-groupes/{elsewhere.slug}/rencontres/{meeting.pk}.ics").status_code == 404
    )
    client.logout()
    assert (
        client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}.ics").status_code == 302
    )


def test_a_cancelled_meeting_downloads_as_cancelled(client: Client, cast: Cast) -> None:
    meeting = Meeting.objects.create(
        group=cast.group,
        starts_at=paris(2026, 3, 31, 18, 30),
        ends_at=paris(2026, 3, 31, 20),
        status=Meeting.Status.CANCELLED,
    )
    client.force_login(cast.bob)

    response = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}.ics")

    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["STATUS"]) == "CANCELLED"


# --- Read by ical.js (Thunderbird, Nextcloud) ----------------------------------------------


@pytest.mark.parametrize(
    ("postal_code", "zone"),
    [
        ("44000 Nantes", "Europe/Paris"),
        ("4000 Liège", "Europe/Brussels"),
        ("1003 Lausanne", "Europe/Zurich"),
        ("1009 Luxembourg", "Europe/Luxembourg"),
        ("98000 Monaco", "Europe/Monaco"),
    ],
)
def test_ical_js_reads_every_meeting_at_its_local_time_all_year(
    client: Client,
    cast: Cast,
    make_group: Callable[..., SupportGroup],
    postal_code: str,
    zone: str,
) -> None:
    group = make_group("Aidants", postal_code)
    assert str(group.time_zone) == zone
    Membership.objects.create(
        user=cast.bob, group=group, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE
    )
    series = make_series(group, recurrence.weekly(1), starts_on=dt.date(2025, 6, 1))
    local = ZoneInfo(zone)
    # Meetings planned from June 2026 on; the rule alone gives those before and after.
    plan(series, dt.datetime(2026, 6, 1, tzinfo=local), dt.datetime(2027, 1, 1, tzinfo=local))
    window = (dt.datetime(2025, 6, 1, tzinfo=local), dt.datetime(2029, 1, 1, tzinfo=local))

    response = client.get(f"/agenda/{token_for(cast.bob, group).token}.ics")
    seen = icaljs.expand(response.content, *window)

    expected = list(
        recurrence.occurrences(series.rule, series.starts_on, series.start_time, local, *window)
    )
    assert len(expected) > 180
    assert [each.start for each in seen] == [start.astimezone(dt.UTC) for start in expected]
    assert {each.start.astimezone(local).time() for each in seen} == {dt.time(18, 30)}
    assert {each.end.astimezone(local).time() for each in seen} == {dt.time(20)}
    autumn = [
        each for each in seen if dt.date(2026, 9, 1) <= each.start.date() < dt.date(2026, 11, 1)
    ]
    assert [each.start.astimezone(local).utcoffset() for each in autumn] == [
        dt.timedelta(hours=2)
    ] * 8 + [dt.timedelta(hours=1)]


def test_ical_js_reads_a_cancelled_a_moved_and_an_extra_meeting_as_ours(
    client: Client, cast: Cast
) -> None:
    series = make_series(cast.group, recurrence.monthly_by_weekday(1, 1))
    planned = {m.starts_at.astimezone(PARIS).month: m for m in plan(series, YEAR_START, YEAR_END)}
    planned[9].status = Meeting.Status.CANCELLED
    planned[9].save()
    moved = planned[10]
    moved.starts_at, moved.ends_at = paris(2026, 10, 28, 19), paris(2026, 10, 28, 21)
    moved.save()
    extra = Meeting.objects.create(
        group=cast.group, starts_at=paris(2026, 10, 24, 14), ends_at=paris(2026, 10, 24, 16)
    )

    seen = icaljs.expand(
        client.get(f"/agenda/{token_for(cast.bob, cast.group).token}.ics").content,
        YEAR_START,
        YEAR_END,
    )

    assert [each.start for each in seen] == scheduled_in_utc(cast.group, YEAR_START, YEAR_END)
    by_start = {each.start: each for each in seen}
    assert by_start[paris(2026, 10, 28, 19)].uid == f"meeting-{moved.pk}@127.0.0.1"
    assert by_start[paris(2026, 10, 24, 14)].uid == f"meeting-{extra.pk}@127.0.0.1"
    assert by_start[paris(2026, 10, 28, 19)].location == "Maison des associations, salle 3"


def test_a_meeting_has_one_uid_in_its_own_file_and_in_the_feeds(client: Client, cast: Cast) -> None:
    series = make_series(cast.group, recurrence.monthly_by_weekday(1, 1))
    planned = plan(series, YEAR_START, YEAR_END)
    moved = planned[4]
    moved.starts_at, moved.ends_at = paris(2026, 5, 6, 19), paris(2026, 5, 6, 21)
    moved.save()
    extra = Meeting.objects.create(
        group=cast.group, starts_at=paris(2026, 6, 20, 14), ends_at=paris(2026, 6, 20, 16)
    )
    client.force_login(cast.bob)

    def uid_in_file(meeting: Meeting) -> str:
        body = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}.ics").content
        (only,) = icaljs.expand(body, YEAR_START, YEAR_END)
        assert only.start == meeting.starts_at
        return only.uid

    for token in (token_for(cast.bob), token_for(cast.bob, cast.group)):
        in_feed = icaljs.expand(
            client.get(f"/agenda/{token.token}.ics").content, YEAR_START, YEAR_END
        )
        uids = {each.start: each.uid for each in in_feed}
        assert len(set(uids.values())) == len(uids) == 13
        for meeting in [planned[0], moved, planned[8], extra]:
            assert (
                uids[meeting.starts_at] == uid_in_file(meeting) == f"meeting-{meeting.pk}@127.0.0.1"
            )


def test_a_named_meeting_says_what_it_is_in_the_calendars(client: Client, cast: Cast) -> None:
    start = timezone.now() + dt.timedelta(days=5)
    meeting = Meeting.objects.create(
        group=cast.group,
        title="Séance d'information",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    client.force_login(cast.bob)

    own = Calendar.from_ical(
        client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}.ics").content
    )
    feed = read_feed(client, token_for(cast.bob))

    summaries = {str(event["SUMMARY"]) for event in own.walk("VEVENT")}
    assert summaries == {"Deuil Nantes — Séance d'information"}
    assert {str(event["SUMMARY"]) for event in feed.walk("VEVENT")} == summaries
