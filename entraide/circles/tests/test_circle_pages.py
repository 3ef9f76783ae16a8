"""The circle's pages without JavaScript: plain forms that post one action and come back."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.circles.models import Circle
from entraide.circles.tests.conftest import circle_url, client_for
from entraide.meetings.models import Meeting, Presence, RoleAssignment, RoleKind

pytestmark = pytest.mark.django_db


def text_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def circle_of(meeting: Meeting) -> Circle:
    return Circle.objects.get(meeting=meeting)


def test_the_meeting_page_leads_members_and_the_meeting_s_observers_to_the_circle(
    cast: Cast, meeting: Meeting
) -> None:
    page = f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/"
    for person in (cast.alice, cast.bob, cast.chloe):
        assert circle_url(meeting) in text_of(client_for(person), page)


def test_a_stranger_gets_the_same_404_as_for_a_meeting_that_does_not_exist(
    cast: Cast, meeting: Meeting
) -> None:
    dan = client_for(cast.dan)

    assert dan.get(circle_url(meeting)).status_code == 404
    assert dan.post(circle_url(meeting), {"action": "join"}).status_code == 404
    missing = f"/mes-groupes/{cast.group.slug}/rencontres/999999/cercle/"
    assert client_for(cast.bob).get(missing).status_code == 404


def test_an_observer_who_already_came_once_does_not_sit_in_a_later_circle(
    cast: Cast, meeting: Meeting
) -> None:
    earlier = Meeting.objects.create(
        group=cast.group,
        starts_at=meeting.starts_at - dt.timedelta(days=30),
        ends_at=meeting.ends_at - dt.timedelta(days=30),
    )
    Presence.objects.create(meeting=earlier, user=cast.chloe, present=True)

    assert client_for(cast.chloe).get(circle_url(meeting)).status_code == 404


def test_before_it_opens_members_are_told_and_only_a_facilitator_may_open_it(
    cast: Cast, meeting: Meeting
) -> None:
    bob = client_for(cast.bob)
    assert "pas encore ouvert" in text_of(bob, circle_url(meeting))
    assert "Ouvrir le cercle" not in text_of(bob, circle_url(meeting))

    bob.post(circle_url(meeting), {"action": "open"})
    assert not Circle.objects.filter(meeting=meeting).exists()

    alice = client_for(cast.alice)
    assert "Ouvrir le cercle" in text_of(alice, circle_url(meeting))
    response = alice.post(circle_url(meeting), {"action": "open", "minutes": "4"})
    assert response.status_code == 302
    assert circle_of(meeting).turn_minutes == 4


def test_a_new_circle_keeps_the_turn_length_the_group_chose_last_time(
    cast: Cast, started: Meeting
) -> None:
    alice = client_for(cast.alice)
    alice.post(circle_url(started), {"action": "turn_length", "minutes": "5"})
    later = Meeting.objects.create(
        group=cast.group,
        starts_at=timezone.now() + dt.timedelta(days=7),
        ends_at=timezone.now() + dt.timedelta(days=7, hours=2),
    )

    alice.post(circle_url(later), {"action": "open"})

    assert circle_of(later).turn_minutes == 5


def test_an_opening_round_where_bob_speaks_and_chloe_passes(cast: Cast, started: Meeting) -> None:
    alice, bob, chloe = (client_for(p) for p in (cast.alice, cast.bob, cast.chloe))
    alice.post(circle_url(started), {"action": "start_round"})
    assert "C'est au tour de <strong>Alice</strong>" in text_of(bob, circle_url(started))

    alice.post(circle_url(started), {"action": "pass"})
    page = text_of(bob, circle_url(started))
    assert "C'est au tour de <strong>Bob</strong>" in page
    assert "Je prends la parole" in page and "Je passe" in page

    bob.post(circle_url(started), {"action": "speak"})
    assert "<strong>Bob</strong> a la parole." in text_of(chloe, circle_url(started))
    bob.post(circle_url(started), {"action": "done"})
    chloe.post(circle_url(started), {"action": "pass"})

    page = text_of(chloe, circle_url(started))
    assert "Parole libre" in page
    # A pass is never shown apart: whoever had their turn is listed the same way.
    assert "a passé" not in page


def test_a_member_raises_a_hand_and_anyone_sees_it_in_the_queue(
    cast: Cast, started: Meeting
) -> None:
    bob = client_for(cast.bob)

    bob.post(circle_url(started), {"action": "raise"})

    page = text_of(client_for(cast.chloe), circle_url(started))
    assert "Mains levées" in page and "<li>Bob</li>" in page
    assert "Je baisse la main" in text_of(bob, circle_url(started))


def test_a_member_cannot_move_on_nor_lower_someone_else_s_hand(
    cast: Cast, started: Meeting
) -> None:
    bob, chloe = client_for(cast.bob), client_for(cast.chloe)
    chloe.post(circle_url(started), {"action": "raise"})
    version = circle_of(started).version

    response = bob.post(circle_url(started), {"action": "next"}, follow=True)
    bob.post(circle_url(started), {"action": "lower", "person": cast.chloe.pk})

    assert "pour la personne qui anime la rencontre" in response.content.decode()
    assert circle_of(started).version == version


def test_the_meeting_s_timekeeper_moves_on_but_does_not_close(cast: Cast, started: Meeting) -> None:
    RoleAssignment.objects.create(meeting=started, role=RoleKind.TIMEKEEPING, user=cast.bob)
    bob = client_for(cast.bob)
    client_for(cast.chloe).post(circle_url(started), {"action": "raise"})

    bob.post(circle_url(started), {"action": "next"})
    bob.post(circle_url(started), {"action": "close"})

    assert "<strong>Chloé</strong> a la parole." in text_of(bob, circle_url(started))
    assert not circle_of(started).is_closed


def test_a_page_that_showed_an_old_turn_does_not_move_the_floor_twice(
    cast: Cast, started: Meeting
) -> None:
    alice = client_for(cast.alice)
    alice.post(circle_url(started), {"action": "start_round"})
    seen = circle_of(started).state["turn"]

    alice.post(circle_url(started), {"action": "next", "turn": seen})
    response = alice.post(circle_url(started), {"action": "next", "turn": seen}, follow=True)

    assert "agi en même temps" in response.content.decode()
    assert "C'est au tour de <strong>Bob</strong>" in response.content.decode()


def test_the_shared_device_acts_for_each_person_and_is_for_those_who_lead(
    cast: Cast, started: Meeting
) -> None:
    assert client_for(cast.bob).get(circle_url(started, shared=True)).status_code == 404
    alice = client_for(cast.alice)
    page = text_of(alice, circle_url(started, shared=True))
    assert "un appareil pour toute la table" in page

    response = alice.post(
        circle_url(started), {"action": "raise", "person": cast.bob.pk, "shared": "1"}
    )

    assert response["Location"] == circle_url(started, shared=True)
    assert "(main levée)" in text_of(alice, circle_url(started, shared=True))


def test_the_shared_device_adds_someone_without_a_phone_but_never_a_stranger(
    cast: Cast, meeting: Meeting
) -> None:
    alice = client_for(cast.alice)
    alice.post(circle_url(meeting), {"action": "open"})
    page = text_of(alice, circle_url(meeting, shared=True))
    assert f'<option value="{cast.bob.pk}">Bob</option>' in page
    assert ">Dan<" not in page

    alice.post(circle_url(meeting), {"action": "join", "person": cast.bob.pk})
    alice.post(circle_url(meeting), {"action": "join", "person": cast.dan.pk})

    people = [v["person"] for v in circle_of(meeting).state["voices"]]
    assert people == [cast.alice.pk, cast.bob.pk]


def test_the_gentle_signal_shows_once_the_planned_time_is_over(
    cast: Cast, started: Meeting
) -> None:
    alice = client_for(cast.alice)
    alice.post(circle_url(started), {"action": "give", "person": cast.bob.pk})
    page = text_of(alice, circle_url(started))
    assert "circle-floor over" not in page

    circle = circle_of(started)
    circle.state["since"] -= 4 * 60
    circle.save(update_fields=["state"])

    page = text_of(alice, circle_url(started))
    assert "circle-floor over" in page
    assert "Prenez le temps de conclure" in page
    # Never a cut-off: Bob still has the floor.
    assert "<strong>Bob</strong> a la parole." in page


def test_closing_keeps_only_the_shares_of_time_without_names(cast: Cast, started: Meeting) -> None:
    alice = client_for(cast.alice)
    alice.post(circle_url(started), {"action": "give", "person": cast.bob.pk})
    circle = circle_of(started)
    circle.state["since"] -= 120
    circle.save(update_fields=["state"])

    alice.post(circle_url(started), {"action": "close"})

    circle = circle_of(started)
    assert circle.is_closed and circle.state == {}
    assert circle.voices[0] == {"turns": 1, "seconds": 120}
    assert [v["seconds"] for v in circle.voices[1:]] == [0, 0]
    assert circle.balance == pytest.approx(2 / 3, abs=0.01)
    page = text_of(client_for(cast.bob), circle_url(started))
    assert "Le cercle de cette rencontre est fermé" in page
    assert "Bob" not in page.split("<main")[1].split("</main>")[0]


def test_an_empty_or_unknown_action_is_refused_gently(cast: Cast, started: Meeting) -> None:
    response = client_for(cast.bob).post(circle_url(started), {"action": "take_over"})

    assert response.status_code == 400
    assert "est pas possible." in response.content.decode()


def test_the_live_part_alone_is_served_for_the_page_to_follow_changes(
    cast: Cast, started: Meeting
) -> None:
    response = client_for(cast.bob).get(circle_url(started) + "?fragment=1")

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="circle-live"')
    assert "<html" not in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_balance_is_written_out_person_by_person_and_names_one_s_own_share(
    cast: Cast, started: Meeting
) -> None:
    page = text_of(client_for(cast.bob), circle_url(started))

    assert '<figure class="circle-balance" role="figure" aria-labelledby="balance-caption">' in page
    assert '<figcaption id="balance-caption">' in page
    parts = page.split('<ol class="balance-parts small"', 1)[1].split("</ol>", 1)[0]
    assert parts.count("<li>") == 3  # Alice, Bob and Chloé are in the circle
    assert "<li>Bob (vous) : " in parts and parts.count("(vous)") == 1
    assert "Votre part est entourée d'un trait plein." in page
