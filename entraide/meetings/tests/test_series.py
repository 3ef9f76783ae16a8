"""A group's series: set by a facilitator, planned ahead once, edited, and its exceptions
(cancelled, moved, extra meetings); hosting at home in turn, fairly."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.meetings.display import next_meeting
from entraide.meetings.hosts import actions as hosts
from entraide.meetings.models import Answer, Meeting, MeetingSeries, RoleKind, RoleVolunteer
from entraide.meetings.series import actions
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

SATURDAY = 5


def membership(cast: Cast, person: Any) -> Membership:
    return Membership.objects.get(group=cast.group, user=person)


def weekly_fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "rhythm": "weekly",
        "weekday": SATURDAY,
        "nth": None,
        "day": None,
        "starts_on": timezone.localdate() + dt.timedelta(days=1),
        "start_time": dt.time(18, 30),
        "end_time": dt.time(20, 0),
        "venue": "fixed",
        "place": "Maison des associations, salle 3",
        "online_link": "",
        "capacity": None,
    }
    fields.update(changes)
    return fields


def series_form(**changes: Any) -> dict[str, Any]:
    form = {
        "rhythm": "monthly_weekday",
        "weekday": "1",
        "nth": "1",
        "day": "",
        "starts_on": timezone.localdate().isoformat(),
        "start_time": "18:30",
        "end_time": "20:00",
        "venue": "fixed",
        "place": "Maison des associations, salle 3",
        "online_link": "",
        "capacity": "",
    }
    form.update(changes)
    return form


def test_alice_sets_the_rhythm_and_the_coming_meetings_are_planned(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/rythme/",
        series_form(rhythm="weekly", weekday="5"),
    )

    assert response.status_code == 302
    series = MeetingSeries.objects.get(group=cast.group)
    assert series.rule == "FREQ=WEEKLY;BYDAY=SA"
    planned = list(Meeting.objects.filter(series=series))
    assert 9 <= len(planned) <= 11  # ten weeks ahead
    zone = cast.group.time_zone
    assert all(m.starts_at.astimezone(zone).weekday() == SATURDAY for m in planned)
    assert all(m.starts_at.astimezone(zone).time() == dt.time(18, 30) for m in planned)
    assert all(m.ends_at.astimezone(zone).time() == dt.time(20, 0) for m in planned)
    assert all(m.occurrence_start == m.starts_at for m in planned)
    cast.group.refresh_from_db()
    assert (cast.group.frequency, cast.group.weekday) == ("weekly", SATURDAY)
    assert cast.group.rhythm_label() == "chaque samedi, 18h30–20h"


def test_a_wrong_rhythm_gets_clear_errors_and_keeps_what_was_typed(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/rythme/",
        series_form(nth="", end_time="17:00", venue="online", place="Chez nous"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez la semaine du mois" in page
    assert "L&#x27;heure de fin vient après l&#x27;heure de début." in page
    assert "Indiquez le lien de visioconférence." in page
    assert "Chez nous" in page
    assert not MeetingSeries.objects.exists()


def test_planning_again_creates_nothing_twice(cast: Cast) -> None:
    actions.save_series(cast.group, weekly_fields(), by=membership(cast, cast.alice))
    count = Meeting.objects.count()

    created = actions.plan_meetings(cast.group)
    actions.plan_meetings(cast.group)

    assert created == []
    assert Meeting.objects.count() == count
    later = actions.plan_meetings(cast.group, until=timezone.now() + dt.timedelta(weeks=20))
    assert len(later) >= 9 and Meeting.objects.count() == count + len(later)


def test_editing_the_rule_removes_unanswered_meetings_and_cancels_answered_ones(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    alice = membership(cast, cast.alice)
    actions.save_series(cast.group, weekly_fields(), by=alice)
    answered, untouched = Meeting.objects.order_by("starts_at")[:2]
    Answer.objects.create(
        meeting=answered, user=cast.bob, response="coming", answered_at=timezone.now()
    )

    with django_capture_on_commit_callbacks(execute=True):
        actions.save_series(cast.group, weekly_fields(weekday=2), by=alice)

    answered.refresh_from_db()
    assert answered.is_cancelled
    assert not Meeting.objects.filter(pk=untouched.pk).exists()
    zone = cast.group.time_zone
    scheduled = Meeting.objects.filter(status="scheduled")
    assert scheduled.exists()
    assert all(m.starts_at.astimezone(zone).weekday() == 2 for m in scheduled)
    assert "bob@example.org" in [m.to[0] for m in mail.outbox]
    assert any("annulée" in m.subject for m in mail.outbox)


def test_changing_only_the_hour_keeps_the_meetings_and_their_answers(cast: Cast) -> None:
    alice = membership(cast, cast.alice)
    actions.save_series(cast.group, weekly_fields(), by=alice)
    first = Meeting.objects.order_by("starts_at").first()
    assert first is not None
    Answer.objects.create(
        meeting=first, user=cast.bob, response="coming", answered_at=timezone.now()
    )

    actions.save_series(
        cast.group, weekly_fields(start_time=dt.time(19), end_time=dt.time(21)), by=alice
    )

    first.refresh_from_db()
    local = first.starts_at.astimezone(cast.group.time_zone)
    assert (local.time(), first.status) == (dt.time(19), "scheduled")
    assert first.ends_at.astimezone(cast.group.time_zone).time() == dt.time(21)
    assert first.answers.count() == 1
    assert not Meeting.objects.filter(status="cancelled").exists()


def test_a_cancelled_meeting_stays_cancelled_and_the_members_are_told_in_their_language(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    actions.save_series(cast.group, weekly_fields(), by=membership(cast, cast.alice))
    first = Meeting.objects.order_by("starts_at").first()
    assert first is not None
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/modifier/", {"what": "cancel"}
        )

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.is_cancelled
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.org", "chloe@example.org"]
    assert "est annulée" in next(m.body for m in mail.outbox if m.to == ["bob@example.org"])
    actions.plan_meetings(cast.group)
    first.refresh_from_db()
    assert first.is_cancelled
    assert next_meeting(cast.group) != first.starts_at


def test_a_moved_meeting_keeps_its_occurrence_and_is_not_planned_again(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    actions.save_series(cast.group, weekly_fields(), by=membership(cast, cast.alice))
    first = Meeting.objects.order_by("starts_at").first()
    assert first is not None
    occurrence = first.occurrence_start
    zone = cast.group.time_zone
    new_day = first.starts_at.astimezone(zone).date() + dt.timedelta(days=1)
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/modifier/",
            {
                "what": "move",
                "when-date": new_day.isoformat(),
                "when-start_time": "10:00",
                "when-end_time": "12:00",
            },
        )

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.occurrence_start == occurrence
    assert first.starts_at == dt.datetime.combine(new_day, dt.time(10), tzinfo=zone)
    assert "est déplacée" in mail.outbox[0].body
    count = Meeting.objects.count()
    actions.plan_meetings(cast.group)
    assert Meeting.objects.count() == count
    assert next_meeting(cast.group) == first.starts_at


def test_moving_a_meeting_into_the_past_is_refused(client: Client, cast: Cast) -> None:
    actions.save_series(cast.group, weekly_fields(), by=membership(cast, cast.alice))
    first = Meeting.objects.order_by("starts_at").first()
    assert first is not None
    client.force_login(cast.alice)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/modifier/",
        {
            "what": "move",
            "when-date": "2020-01-01",
            "when-start_time": "10:00",
            "when-end_time": "12:00",
        },
    )

    assert response.status_code == 400
    assert "Choisissez une date à venir." in response.content.decode()


def test_alice_adds_an_extra_meeting_outside_the_series(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    day = timezone.localdate() + dt.timedelta(days=3)
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/mes-groupes/{cast.group.slug}/rencontres/ajouter/",
            {
                "date": day.isoformat(),
                "start_time": "14:00",
                "end_time": "16:00",
                "place": "Parc du Grand Blottereau",
                "online_link": "",
                "capacity": "12",
            },
        )

    extra = Meeting.objects.get()
    assert response.status_code == 302
    assert (extra.series, extra.occurrence_start, extra.capacity) == (None, None, 12)
    assert extra.starts_at == dt.datetime.combine(day, dt.time(14), tzinfo=cast.group.time_zone)
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.org", "chloe@example.org"]
    assert next_meeting(cast.group) == extra.starts_at


def rotation(cast: Cast) -> MeetingSeries:
    return actions.save_series(
        cast.group, weekly_fields(venue="rotation", place=""), by=membership(cast, cast.alice)
    )


def volunteer(cast: Cast, *people: Any) -> None:
    for person in people:
        RoleVolunteer.objects.create(group=cast.group, user=person, role=RoleKind.HOST)


def test_hosts_are_asked_in_turn_and_only_among_volunteers(cast: Cast) -> None:
    volunteer(cast, cast.bob, cast.alice)

    rotation(cast)

    hosts = [m.host for m in Meeting.objects.order_by("starts_at")[:4]]
    # Never hosted first, ties by name; then whoever hosted least recently.
    assert hosts == [cast.alice, cast.bob, cast.alice, cast.bob]
    assert not Meeting.objects.filter(host_confirmed=True).exists()


def test_the_one_who_hosted_least_recently_is_asked_first(cast: Cast) -> None:
    volunteer(cast, cast.alice, cast.bob)
    past = timezone.now() - dt.timedelta(days=30)
    Meeting.objects.create(
        group=cast.group,
        starts_at=past,
        ends_at=past + dt.timedelta(hours=2),
        host=cast.alice,
        host_confirmed=True,
    )
    Meeting.objects.create(
        group=cast.group,
        starts_at=past - dt.timedelta(days=30),
        ends_at=past - dt.timedelta(days=30, hours=-2),
        host=cast.bob,
        host_confirmed=True,
    )

    rotation(cast)

    first = Meeting.objects.filter(series__isnull=False).order_by("starts_at").first()
    assert first is not None and first.host == cast.bob


def test_an_observer_or_someone_who_did_not_offer_is_never_asked_to_host(cast: Cast) -> None:
    volunteer(cast, cast.chloe)  # an observer's offer does not count: she comes to listen

    rotation(cast)

    assert not Meeting.objects.filter(host__isnull=False).exists()


def test_bob_confirms_with_his_address_which_members_then_see(client: Client, cast: Cast) -> None:
    volunteer(cast, cast.bob)
    rotation(cast)
    first = Meeting.objects.order_by("starts_at").first()
    assert first is not None and first.host == cast.bob
    client.force_login(cast.bob)

    page = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/").content.decode()
    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/accueil/",
        {"what": "confirm", "address": "12 rue des Lilas, 2e étage"},
    )

    assert "et c'est votre tour" in page
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.host_confirmed, first.place) == (True, "12 rue des Lilas, 2e étage")
    client.force_login(cast.alice)
    seen = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/").content.decode()
    assert "12 rue des Lilas" in seen and "c'est confirmé" in seen


def test_a_confirmation_without_an_address_is_refused_kindly(client: Client, cast: Cast) -> None:
    volunteer(cast, cast.bob)
    rotation(cast)
    first = Meeting.objects.order_by("starts_at").first()
    assert first is not None
    client.force_login(cast.bob)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/accueil/",
        {"what": "confirm", "address": ""},
    )

    assert response.status_code == 400
    assert "Indiquez votre adresse" in response.content.decode()
    first.refresh_from_db()
    assert not first.host_confirmed


def test_when_bob_declines_the_next_volunteer_is_asked(client: Client, cast: Cast) -> None:
    volunteer(cast, cast.bob, cast.alice)
    rotation(cast)
    second = Meeting.objects.order_by("starts_at")[1]
    assert second.host == cast.bob
    client.force_login(cast.bob)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{second.pk}/accueil/", {"what": "decline"}
    )

    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.host, second.host_confirmed) == (cast.alice, False)


def test_only_the_person_asked_confirms_and_alice_may_ask_a_volunteer(
    client: Client, cast: Cast
) -> None:
    volunteer(cast, cast.bob, cast.alice)
    rotation(cast)
    first = Meeting.objects.order_by("starts_at").first()
    assert first is not None and first.host == cast.alice
    url = f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/accueil/"
    client.force_login(cast.bob)

    refused = client.post(url, {"what": "confirm", "address": "Chez Bob"})
    client.force_login(cast.alice)
    asked = client.post(url, {"what": "suggest", "person": str(cast.bob.pk)})
    not_a_volunteer = client.post(url, {"what": "suggest", "person": str(cast.chloe.pk)})

    assert refused.status_code == 404
    assert asked.status_code == 302
    assert not_a_volunteer.status_code == 400
    first.refresh_from_db()
    assert (first.host, first.host_confirmed) == (cast.bob, False)


def test_the_daily_planning_keeps_every_series_ten_weeks_ahead(cast: Cast) -> None:
    actions.save_series(cast.group, weekly_fields(), by=membership(cast, cast.alice))
    last = Meeting.objects.order_by("starts_at").last()
    assert last is not None
    Meeting.objects.filter(pk=last.pk).delete()

    assert actions.plan_all_groups() == 1
    assert actions.plan_all_groups() == 0
    assert Meeting.objects.filter(occurrence_start=last.occurrence_start).exists()


def test_someone_who_declined_is_not_asked_again_for_that_meeting(cast: Cast) -> None:
    volunteer(cast, cast.bob)
    rotation(cast)
    first = Meeting.objects.order_by("starts_at").first()
    assert first is not None and first.host == cast.bob

    assert hosts.decline_host(first, by=cast.bob) is None
    actions.plan_meetings(cast.group)

    first.refresh_from_db()
    assert first.host is None


def test_a_fixed_place_turned_into_a_rotation_asks_hosts_for_the_planned_meetings(
    cast: Cast,
) -> None:
    volunteer(cast, cast.bob)
    actions.save_series(cast.group, weekly_fields(), by=membership(cast, cast.alice))
    assert not Meeting.objects.filter(host__isnull=False).exists()

    rotation(cast)

    assert not Meeting.objects.filter(host__isnull=True).exists()


def test_the_daily_command_keeps_the_horizon_moving_and_changes_nothing_twice(
    cast: Cast,
) -> None:
    from django.core.management import call_command

    actions.save_series(cast.group, weekly_fields(), by=membership(cast, cast.alice))
    before = Meeting.objects.filter(group=cast.group).count()
    Meeting.objects.filter(group=cast.group).order_by("-starts_at")[0].delete()

    call_command("plan_meetings", verbosity=0)
    call_command("plan_meetings", verbosity=0)

    assert Meeting.objects.filter(group=cast.group).count() == before
