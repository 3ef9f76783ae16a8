"""Attendance after the meeting, the note of decisions only, and the gentle follow-up of seed 000:
"demandez à un volontaire de s'enquérir de sa situation, mais ne lui faites pas de reproches"."""

import datetime as dt
import html
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accounts.models import User
from entraide.meetings.attendance import actions as attendance
from entraide.meetings.models import Answer, FollowUp, Meeting, Presence, RoleKind, RoleVolunteer
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


def meeting(cast: Cast, days: float) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )


def attendance_url(cast: Cast, found: Meeting) -> str:
    return f"/mes-groupes/{cast.group.slug}/rencontres/{found.pk}/presences/"


def follow_ups_url(cast: Cast) -> str:
    return f"/mes-groupes/{cast.group.slug}/nouvelles/"


def emma(cast: Cast) -> User:
    person = User.objects.create_user(
        "emma@example.org", PASSWORD, display_name="Emma", preferred_language="fr"
    )
    Membership.objects.create(
        user=person, group=cast.group, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE
    )
    return person


def everyone(cast: Cast, absent: tuple[User, ...] = (), note: str = "") -> dict[str, str]:
    data = {"note": note}
    for membership in Membership.objects.filter(group=cast.group, status="active"):
        data[f"person_{membership.user_id}"] = "absent" if membership.user in absent else "present"
    return data


def take(client: Client, cast: Cast, found: Meeting, capture: Any, **kwargs: Any) -> Any:
    client.force_login(cast.alice)
    with capture(execute=True):
        return client.post(attendance_url(cast, found), everyone(cast, **kwargs))


def test_alice_notes_who_came_and_the_decisions(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    held = meeting(cast, -1)
    client.force_login(cast.alice)

    form_page = html.unescape(client.get(attendance_url(cast, held)).content.decode())
    response = take(
        client, cast, held, django_capture_on_commit_callbacks, note="Sortie au parc le 12 mai"
    )

    assert "on n'écrit jamais les histoires personnelles" in form_page
    assert "Chloé" in form_page
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.note == "Sortie au parc le 12 mai"
    assert held.attendance_taken_at is not None
    assert Presence.objects.filter(meeting=held, present=True).count() == 3
    assert not FollowUp.objects.exists()


def test_a_missing_answer_is_refused_and_nothing_is_lost(client: Client, cast: Cast) -> None:
    held = meeting(cast, -1)
    client.force_login(cast.alice)
    data = everyone(cast, note="Prochaine fois : la salle 4")
    del data[f"person_{cast.bob.pk}"]

    response = client.post(attendance_url(cast, held), data)

    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Indiquez si cette personne était là." in text
    assert "Prochaine fois : la salle 4" in text
    assert not Presence.objects.exists()


def test_attendance_waits_for_the_meeting_to_start(client: Client, cast: Cast) -> None:
    coming = meeting(cast, 2)
    client.force_login(cast.alice)

    page = client.get(attendance_url(cast, coming)).content.decode()
    response = client.post(attendance_url(cast, coming), everyone(cast))

    assert "Les présences se notent une fois la rencontre commencée." in page
    assert response.status_code == 302
    assert not Presence.objects.exists()


def test_only_facilitators_take_attendance(client: Client, cast: Cast) -> None:
    held = meeting(cast, -1)

    for person in (cast.bob, cast.chloe, cast.dan):
        client.force_login(person)
        assert client.get(attendance_url(cast, held)).status_code == 404
        assert client.post(attendance_url(cast, held), everyone(cast)).status_code == 404
    assert not Presence.objects.exists()


def test_an_absent_member_gets_a_volunteer_who_checks_in_kindly(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    helper = emma(cast)
    RoleVolunteer.objects.create(group=cast.group, user=helper, role=RoleKind.WELCOME)
    held = meeting(cast, -1)

    take(client, cast, held, django_capture_on_commit_callbacks, absent=(cast.bob,))

    follow_up = FollowUp.objects.get()
    assert (follow_up.member, follow_up.volunteer) == (cast.bob, helper)
    assert [message.to for message in mail.outbox] == [["emma@example.org"]]
    assert "Prendre des nouvelles de Bob" in mail.outbox[0].subject
    assert "Ta présence nous a manqué" in mail.outbox[0].body


def test_without_a_volunteer_the_facilitators_are_asked(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    held = meeting(cast, -1)

    take(client, cast, held, django_capture_on_commit_callbacks, absent=(cast.bob,))

    assert FollowUp.objects.get().volunteer is None
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]


def test_nobody_is_asked_about_someone_who_said_they_would_be_away(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    held = meeting(cast, -1)
    Answer.objects.create(
        meeting=held,
        user=cast.bob,
        response=Answer.Response.NOT_COMING,
        answered_at=timezone.now() - dt.timedelta(days=3),
    )

    take(client, cast, held, django_capture_on_commit_callbacks, absent=(cast.bob,))

    assert Presence.objects.get(user=cast.bob).present is False
    assert not FollowUp.objects.exists()
    assert mail.outbox == []


def test_an_observer_who_did_not_come_is_not_followed_up(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    held = meeting(cast, -1)

    take(client, cast, held, django_capture_on_commit_callbacks, absent=(cast.chloe,))

    assert not FollowUp.objects.exists()


def test_saving_again_never_asks_twice_and_a_correction_withdraws_the_request(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    held = meeting(cast, -1)

    take(client, cast, held, django_capture_on_commit_callbacks, absent=(cast.bob,))
    take(client, cast, held, django_capture_on_commit_callbacks, absent=(cast.bob,))
    asked = len(mail.outbox)
    take(client, cast, held, django_capture_on_commit_callbacks)

    assert asked == 1
    assert not FollowUp.objects.exists()


def test_the_suggested_message_says_they_were_missed_and_never_reproaches(cast: Cast) -> None:
    held = meeting(cast, -1)
    meeting(cast, 27)
    follow_up = FollowUp.objects.create(meeting=held, member=cast.bob)

    message = attendance.suggested_message(follow_up).lower()

    assert "ta présence nous a manqué" in message
    assert "la prochaine rencontre a lieu le" in message
    for reproach in ("pourquoi", "reproche", "excuse", "prévenu", "dommage", "absence", "oubl"):
        assert reproach not in message


def test_two_missed_meetings_in_a_row_alert_the_facilitators_once(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    first, second, third = meeting(cast, -60), meeting(cast, -30), meeting(cast, -1)

    take(client, cast, first, django_capture_on_commit_callbacks, absent=(cast.bob,))
    after_first = [m.subject for m in mail.outbox]
    take(client, cast, second, django_capture_on_commit_callbacks, absent=(cast.bob,))
    take(client, cast, second, django_capture_on_commit_callbacks, absent=(cast.bob,))
    take(client, cast, third, django_capture_on_commit_callbacks, absent=(cast.bob,))

    alerts = [m for m in mail.outbox if "deux fois de suite" in m.subject]
    assert not any("deux fois de suite" in subject for subject in after_first)
    assert len(alerts) == 1
    assert alerts[0].to == ["alice@example.org"]
    assert "sans avoir prévenu" in alerts[0].body


def test_an_announced_absence_breaks_the_run(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    first, second = meeting(cast, -30), meeting(cast, -1)
    Answer.objects.create(
        meeting=first, user=cast.bob, response="not_coming", answered_at=timezone.now()
    )

    take(client, cast, first, django_capture_on_commit_callbacks, absent=(cast.bob,))
    take(client, cast, second, django_capture_on_commit_callbacks, absent=(cast.bob,))

    assert not [m for m in mail.outbox if "deux fois de suite" in m.subject]


def test_the_absent_person_never_sees_their_own_follow_up(client: Client, cast: Cast) -> None:
    helper = emma(cast)
    held = meeting(cast, -1)
    about_bob = FollowUp.objects.create(meeting=held, member=cast.bob, volunteer=helper)

    client.force_login(cast.bob)
    bob_sees = client.get(follow_ups_url(cast)).content.decode()
    bob_closes = client.post(f"{follow_ups_url(cast)}{about_bob.pk}/")
    client.force_login(helper)
    emma_sees = html.unescape(client.get(follow_ups_url(cast)).content.decode())

    assert "Ta présence nous a manqué" not in html.unescape(bob_sees)
    assert "Aucune prise de nouvelles en attente." in html.unescape(bob_sees)
    assert bob_closes.status_code == 404
    assert "Bonjour Bob," in emma_sees and "J'ai pris de ses nouvelles" in emma_sees


def test_a_facilitator_who_was_absent_does_not_see_their_own_follow_up(
    client: Client, cast: Cast
) -> None:
    about_alice = FollowUp.objects.create(meeting=meeting(cast, -1), member=cast.alice)
    client.force_login(cast.alice)

    page = html.unescape(client.get(follow_ups_url(cast)).content.decode())
    closes = client.post(f"{follow_ups_url(cast)}{about_alice.pk}/")

    assert "Bonjour Alice," not in page
    assert closes.status_code == 404


def test_the_volunteer_or_a_facilitator_marks_it_done_and_others_cannot(
    client: Client, cast: Cast
) -> None:
    helper = emma(cast)
    held = meeting(cast, -1)
    about_bob = FollowUp.objects.create(meeting=held, member=cast.bob, volunteer=helper)
    chloe_follow_up = FollowUp.objects.create(meeting=held, member=cast.chloe, volunteer=helper)
    url = f"{follow_ups_url(cast)}{about_bob.pk}/"

    for person in (cast.chloe, cast.dan):
        client.force_login(person)
        assert client.post(url).status_code == 404
    client.force_login(helper)
    done = client.post(url)
    client.force_login(cast.alice)
    by_alice = client.post(f"{follow_ups_url(cast)}{chloe_follow_up.pk}/")

    assert done.status_code == 302
    about_bob.refresh_from_db()
    chloe_follow_up.refresh_from_db()
    assert about_bob.status == "done" and about_bob.done_at is not None
    assert by_alice.status_code == 302 and chloe_follow_up.status == "done"


def test_a_member_who_is_not_the_volunteer_reads_but_cannot_mark_done(
    client: Client, cast: Cast
) -> None:
    helper = emma(cast)
    about_helper = FollowUp.objects.create(meeting=meeting(cast, -1), member=helper)
    client.force_login(cast.bob)

    page = html.unescape(client.get(follow_ups_url(cast)).content.decode())
    response = client.post(f"{follow_ups_url(cast)}{about_helper.pk}/")

    assert "Bonjour Emma," in page and "J'ai pris de ses nouvelles" not in page
    assert response.status_code == 404


def test_observers_and_strangers_do_not_see_the_follow_ups(client: Client, cast: Cast) -> None:
    FollowUp.objects.create(meeting=meeting(cast, -1), member=cast.bob)

    anonymous = client.get(follow_ups_url(cast))
    for person in (cast.chloe, cast.dan):
        client.force_login(person)
        assert client.get(follow_ups_url(cast)).status_code == 404

    assert anonymous.status_code == 302
