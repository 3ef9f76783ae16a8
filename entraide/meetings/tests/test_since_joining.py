"""A person is asked about the meetings of the time they belonged to the group: attendance of
a past meeting lists nobody who joined after it, and the carnet offers to write only about the
meetings one was in the group for."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accounts.models import User
from entraide.meetings.attendance import actions as attendance
from entraide.meetings.models import Meeting, Presence
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


def meeting(cast: Cast, days: float) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )


def newcomer(cast: Cast, joined_days_ago: float, name: str = "Emma") -> User:
    person = User.objects.create_user(
        f"{name.lower()}@example.org", PASSWORD, display_name=name, preferred_language="fr"
    )
    Membership.objects.create(
        user=person,
        group=cast.group,
        role=Membership.Role.MEMBER,
        status=Membership.Status.ACTIVE,
        decided_at=timezone.now() - dt.timedelta(days=joined_days_ago),
    )
    return person


def test_attendance_of_a_past_meeting_does_not_list_who_joined_after_it(
    client: Client, cast: Cast
) -> None:
    last_month = meeting(cast, -30)
    emma = newcomer(cast, joined_days_ago=10)
    client.force_login(cast.alice)

    page = client.get(
        f"/mes-groupes/{cast.group.slug}/rencontres/{last_month.pk}/presences/"
    ).content.decode()
    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{last_month.pk}/presences/",
        {
            "note": "",
            f"person_{cast.alice.pk}": "present",
            f"person_{cast.bob.pk}": "present",
            f"person_{cast.chloe.pk}": "absent",
        },
    )

    assert "Emma" not in page and "Bob" in page
    assert response.status_code == 302
    assert set(Presence.objects.values_list("user_id", flat=True)) == {
        cast.alice.pk,
        cast.bob.pk,
        cast.chloe.pk,
    }
    assert emma.pk not in {m.user_id for m in attendance.attendees(last_month)}


def test_someone_who_joined_before_a_meeting_is_listed_for_it(cast: Cast) -> None:
    last_week = meeting(cast, -7)
    emma = newcomer(cast, joined_days_ago=10)

    assert emma.pk in {m.user_id for m in attendance.attendees(last_week)}


def test_the_carnet_offers_only_the_meetings_one_was_in_the_group_for(
    client: Client, cast: Cast
) -> None:
    before, after = meeting(cast, -12), meeting(cast, -3)
    emma = newcomer(cast, joined_days_ago=7)
    client.force_login(emma)

    home = client.get("/mon-carnet/").content.decode()
    meeting_page = client.get(
        f"/mes-groupes/{cast.group.slug}/rencontres/{before.pk}/"
    ).content.decode()
    write_before = client.get(f"/mon-carnet/ecrire/{cast.group.slug}/{before.pk}/")
    write_after = client.get(f"/mon-carnet/ecrire/{cast.group.slug}/{after.pk}/")

    assert f"/mon-carnet/ecrire/{cast.group.slug}/{after.pk}/" in home
    assert f"/mon-carnet/ecrire/{cast.group.slug}/{before.pk}/" not in home
    assert f"/mon-carnet/ecrire/{cast.group.slug}/{before.pk}/" not in meeting_page
    assert write_before.status_code == 404
    assert write_after.status_code == 200
