"""Where a meeting takes place: a meeting added by hand or chosen by a date poll takes the
series' place unless the facilitator gives another; a change of the usual place leaves the
past as it was."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from conftest import Cast
from entraide.meetings.display import place_of
from entraide.meetings.models import Meeting, MeetingSeries
from entraide.meetings.polls import actions as polls
from entraide.meetings.series import actions
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

SALLE_3 = "Maison des associations, salle 3"


def series_fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "rhythm": "weekly",
        "weekday": 5,
        "starts_on": timezone.localdate(),
        "start_time": dt.time(18, 30),
        "end_time": dt.time(20),
        "venue": "fixed",
        "place": SALLE_3,
        "online_link": "",
        "capacity": None,
    }
    return fields | changes


def alices(cast: Cast) -> Membership:
    return Membership.objects.get(user=cast.alice, group=cast.group)


def usual_series(cast: Cast, **changes: Any) -> MeetingSeries:
    return actions.save_series(cast.group, series_fields(**changes), by=alices(cast))


def in_three_days(cast: Cast, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=3)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=cast.group.time_zone)


def location_in_file(client: Client, cast: Cast, meeting: Meeting) -> str | None:
    body = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}.ics").content
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    return str(event["LOCATION"]) if "LOCATION" in event else None


def test_the_form_to_add_a_meeting_offers_the_series_place_and_link(
    client: Client, cast: Cast
) -> None:
    usual_series(cast, venue="hybrid", online_link="https://visio.example/abc")
    client.force_login(cast.alice)

    page = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/ajouter/").content.decode()

    assert f">\n{SALLE_3}</textarea>" in page
    assert 'value="https://visio.example/abc"' in page


def test_a_meeting_added_by_hand_takes_the_series_place_into_the_calendar(
    client: Client, cast: Cast
) -> None:
    usual_series(cast)
    client.force_login(cast.alice)
    url = f"/mes-groupes/{cast.group.slug}/rencontres/ajouter/"
    fields = {
        "date": in_three_days(cast).date().isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "online_link": "",
        "capacity": "",
    }
    # The form as offered: the series' place, which the facilitator keeps.
    offered = client.get(url).context["form"]["place"].value()

    client.post(url, fields | {"place": offered})

    extra = Meeting.objects.get(series=None)
    client.force_login(cast.bob)
    page = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{extra.pk}/").content.decode()
    assert SALLE_3 in page
    assert "Le lieu sera précisé" not in page
    assert location_in_file(client, cast, extra) == SALLE_3


def test_alice_may_give_an_added_meeting_another_place(client: Client, cast: Cast) -> None:
    usual_series(cast)
    client.force_login(cast.alice)

    client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/ajouter/",
        {
            "date": in_three_days(cast).date().isoformat(),
            "start_time": "14:00",
            "end_time": "16:00",
            "place": "Parc du Grand Blottereau",
            "online_link": "",
            "capacity": "",
        },
    )

    extra = Meeting.objects.get(series=None)
    assert location_in_file(client, cast, extra) == "Parc du Grand Blottereau"


def test_a_meeting_chosen_by_a_date_poll_takes_the_series_place_and_link(
    client: Client, cast: Cast
) -> None:
    usual_series(cast, venue="hybrid", online_link="https://visio.example/abc")
    poll = polls.start_poll(
        alices(cast),
        title="Rencontre de rentrée",
        duration_minutes=90,
        starts=[in_three_days(cast)],
    )

    chosen = polls.choose(poll, poll.options.get(), by=alices(cast))

    assert chosen is not None
    client.force_login(cast.bob)
    page = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{chosen.pk}/").content.decode()
    assert SALLE_3 in page and "https://visio.example/abc" in page
    assert location_in_file(client, cast, chosen) == SALLE_3


def test_without_a_series_an_added_meeting_is_offered_the_group_s_address(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)

    page = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/ajouter/").content.decode()

    assert cast.group.meeting_place == SALLE_3
    assert f">\n{SALLE_3}</textarea>" in page


# --- History is kept -----------------------------------------------------------------------


def test_changing_the_usual_place_leaves_past_meetings_where_they_were(
    client: Client, cast: Cast
) -> None:
    series = usual_series(cast)
    now = timezone.now()
    past = Meeting.objects.create(
        group=cast.group,
        series=series,
        occurrence_start=now - dt.timedelta(days=7),
        starts_at=now - dt.timedelta(days=7),
        ends_at=now - dt.timedelta(days=7) + dt.timedelta(hours=2),
    )
    coming = Meeting.objects.filter(series=series, starts_at__gt=now).first()
    assert coming is not None
    client.force_login(cast.alice)

    client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/rythme/",
        {
            "rhythm": "weekly",
            "weekday": "5",
            "nth": "",
            "day": "",
            "starts_on": timezone.localdate().isoformat(),
            "start_time": "18:30",
            "end_time": "20:00",
            "venue": "fixed",
            "place": "Centre social, 12 rue Noire",
            "online_link": "",
            "capacity": "",
        },
    )

    def page(meeting: Meeting) -> str:
        return client.get(
            f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/"
        ).content.decode()

    assert SALLE_3 in page(past) and "Centre social" not in page(past)
    assert "Centre social, 12 rue Noire" in page(coming)
    assert location_in_file(client, cast, past) == SALLE_3
    assert location_in_file(client, cast, coming) == "Centre social, 12 rue Noire"


def test_turning_to_homes_in_turn_keeps_the_place_of_past_meetings(cast: Cast) -> None:
    series = usual_series(cast)
    now = timezone.now()
    past = Meeting.objects.create(
        group=cast.group,
        series=series,
        occurrence_start=now - dt.timedelta(days=7),
        starts_at=now - dt.timedelta(days=7),
        ends_at=now - dt.timedelta(days=7) + dt.timedelta(hours=2),
    )

    usual_series(cast, venue="rotation", place="")

    past.refresh_from_db()
    assert place_of(past) == SALLE_3


def test_a_coming_added_meeting_at_the_usual_place_follows_it(cast: Cast) -> None:
    usual_series(cast)
    extra = actions.add_meeting(
        cast.group,
        starts_at=in_three_days(cast),
        ends_at=in_three_days(cast, 16),
        place=SALLE_3,
        by=alices(cast),
    )
    elsewhere = actions.add_meeting(
        cast.group,
        starts_at=in_three_days(cast, 10),
        ends_at=in_three_days(cast, 12),
        place="Parc du Grand Blottereau",
        by=alices(cast),
    )

    usual_series(cast, place="Centre social, 12 rue Noire")

    extra.refresh_from_db()
    elsewhere.refresh_from_db()
    assert place_of(extra) == "Centre social, 12 rue Noire"
    assert place_of(elsewhere) == "Parc du Grand Blottereau"
