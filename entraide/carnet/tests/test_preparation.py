"""Préparer la prochaine séance: a note for myself for one meeting, shown to me on its day on
my carnet, on the meeting's page and on "Mes groupes"; not before, not after."""

import datetime as dt
import html
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Cast
from entraide.carnet import access, actions
from entraide.carnet.models import Preparation
from entraide.carnet.tests.conftest import PREPARED
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def bob(client: Client, cast: Cast) -> Client:
    client.force_login(cast.bob)
    return client


def prepare_url(cast: Cast, meeting: Meeting) -> str:
    return reverse("carnet:prepare", kwargs={"slug": cast.group.slug, "meeting_id": meeting.pk})


def meeting_url(cast: Cast, meeting: Meeting) -> str:
    return reverse("meetings:detail", kwargs={"slug": cast.group.slug, "meeting_id": meeting.pk})


def test_bob_prepares_a_coming_meeting_and_can_rewrite_his_note(
    bob: Client, cast: Cast, coming_meeting: Meeting
) -> None:
    page = text_of(bob.get(prepare_url(cast, coming_meeting)))
    assert "Préparer cette rencontre" in page
    assert "Une question que vous voudriez poser au groupe." in page
    assert "votre présence compte déjà" in page

    bob.post(prepare_url(cast, coming_meeting), {"text": "Premier jet."})
    bob.post(prepare_url(cast, coming_meeting), {"text": PREPARED})

    preparation = Preparation.objects.get()  # one note per meeting, rewritten
    assert (preparation.author, preparation.meeting, preparation.text) == (
        cast.bob,
        coming_meeting,
        PREPARED,
    )
    assert PREPARED in text_of(bob.get(prepare_url(cast, coming_meeting)))


def test_an_empty_note_is_refused_and_a_note_can_be_removed(
    bob: Client, cast: Cast, bobs_preparation: Preparation
) -> None:
    meeting = bobs_preparation.meeting
    refused = bob.post(prepare_url(cast, meeting), {"text": " "})
    assert refused.status_code == 400
    assert "Écrivez quelques mots, ou retirez la note." in text_of(refused)

    bob.post(prepare_url(cast, meeting), {"what": "remove"})

    assert not Preparation.objects.exists()


def test_preparing_a_meeting_that_is_over_leads_to_writing_about_it(
    bob: Client, cast: Cast, past_meeting: Meeting
) -> None:
    response = bob.get(prepare_url(cast, past_meeting))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "carnet:write_after", kwargs={"slug": cast.group.slug, "meeting_id": past_meeting.pk}
    )


def test_the_day_is_the_meeting_s_day_in_the_group_s_own_time_zone(
    cast: Cast, make_meeting: Callable[..., Meeting]
) -> None:
    meeting = make_meeting(dt.timedelta(days=3))
    # 3 March, half past midnight in Paris: still 2 March in UTC.
    meeting.starts_at = dt.datetime(2026, 3, 3, 0, 30, tzinfo=PARIS)
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=2)
    meeting.save(update_fields=["starts_at", "ends_at"])
    actions.save_preparation(cast.bob, meeting, PREPARED)

    def shown_at(day: int, hour: int, minute: int) -> list[Preparation]:
        now = dt.datetime(2026, 3, day, hour, minute, tzinfo=PARIS)
        return access.todays_preparations(cast.bob, now)

    assert shown_at(2, 23, 59) == []
    assert [p.text for p in shown_at(3, 0, 1)] == [PREPARED]  # 2 March 23:01 UTC
    assert [p.text for p in shown_at(3, 23, 59)] == [PREPARED]
    assert shown_at(4, 0, 0) == []


def test_the_note_shows_on_the_meeting_s_day_on_the_three_pages(
    bob: Client, cast: Cast, make_meeting: Callable[..., Meeting]
) -> None:
    today = make_meeting(dt.timedelta(0))
    actions.save_preparation(cast.bob, today, PREPARED)

    carnet = text_of(bob.get(reverse("carnet:home")))
    meeting_page = text_of(bob.get(meeting_url(cast, today)))
    my_groups = text_of(bob.get(reverse("pages:my_groups")))

    for page in (carnet, meeting_page, my_groups):
        assert "ce que vous avez préparé" in page.lower()
        assert PREPARED in page
    assert meeting_url(cast, today) in my_groups


@pytest.mark.parametrize("days", [-1, 1, 6])
def test_the_note_does_not_show_on_another_day(
    bob: Client, cast: Cast, make_meeting: Callable[..., Meeting], days: int
) -> None:
    other_day = make_meeting(dt.timedelta(days=days))
    actions.save_preparation(cast.bob, other_day, PREPARED)

    for path in (
        reverse("carnet:home"),
        meeting_url(cast, other_day),
        reverse("pages:my_groups"),
    ):
        assert PREPARED not in text_of(bob.get(path)), path


def test_the_meeting_page_links_to_preparing_before_and_to_writing_after(
    bob: Client, cast: Cast, past_meeting: Meeting, coming_meeting: Meeting
) -> None:
    before = text_of(bob.get(meeting_url(cast, coming_meeting)))
    assert "Préparer cette rencontre" in before
    assert prepare_url(cast, coming_meeting) in before
    assert "Écrire dans mon carnet" not in before

    after = text_of(bob.get(meeting_url(cast, past_meeting)))
    assert "Écrire dans mon carnet" in after
    assert (
        reverse(
            "carnet:write_after", kwargs={"slug": cast.group.slug, "meeting_id": past_meeting.pk}
        )
        in after
    )
    assert "Préparer cette rencontre" not in after


def test_before_the_day_the_meeting_page_only_says_a_note_is_waiting(
    bob: Client, cast: Cast, bobs_preparation: Preparation
) -> None:
    page = text_of(bob.get(meeting_url(cast, bobs_preparation.meeting)))

    assert "Vous avez préparé cette rencontre." in page
    assert "Relire ma préparation" in page
    assert PREPARED not in page


def test_a_cancelled_meeting_offers_nothing_to_prepare(
    bob: Client, cast: Cast, make_meeting: Callable[..., Meeting]
) -> None:
    cancelled = make_meeting(dt.timedelta(days=2), status=Meeting.Status.CANCELLED)

    page = text_of(bob.get(meeting_url(cast, cancelled)))

    assert "Préparer cette rencontre" not in page


def test_the_carnet_home_lists_the_next_meeting_of_each_group_to_prepare(
    bob: Client, cast: Cast, make_meeting: Callable[..., Meeting]
) -> None:
    first = make_meeting(dt.timedelta(days=3))
    second = make_meeting(dt.timedelta(days=10))

    home = text_of(bob.get(reverse("carnet:home")))

    assert "Préparer la prochaine séance" in home
    assert prepare_url(cast, first) in home
    assert prepare_url(cast, second) not in home


def test_a_note_for_a_group_bob_left_no_longer_shows(
    bob: Client, cast: Cast, make_meeting: Callable[..., Meeting]
) -> None:
    today = make_meeting(dt.timedelta(0))
    actions.save_preparation(cast.bob, today, PREPARED)
    cast.bob.memberships.update(status="left")

    assert PREPARED not in text_of(bob.get(reverse("pages:my_groups")))
    assert access.todays_preparations(cast.bob) == []
