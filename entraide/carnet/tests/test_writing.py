"""Writing in one's carnet, after a meeting or any day; changing and deleting a page; a page
that is refused keeps every word."""

import datetime as dt
import html
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Cast
from entraide.carnet.models import Entry, Preparation
from entraide.carnet.tests.conftest import FEELING, NEXT_TIME, PREPARED, TAKEAWAY
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def bob(client: Client, cast: Cast) -> Client:
    client.force_login(cast.bob)
    return client


def after(cast: Cast, meeting: Meeting) -> str:
    return reverse("carnet:write_after", kwargs={"slug": cast.group.slug, "meeting_id": meeting.pk})


def test_bob_writes_a_page_after_a_meeting_with_the_prompts_of_seed_003(
    bob: Client, cast: Cast, past_meeting: Meeting
) -> None:
    form = text_of(bob.get(after(cast, past_meeting)))
    assert "Après la rencontre du" in form
    assert "Deuil Nantes" in form
    assert "Comment vous sentiez-vous en arrivant ? Et en repartant ?" in form
    assert "Rien n'oblige à tout remplir" in form
    day = timezone.localdate(past_meeting.starts_at, cast.group.time_zone)
    assert f'value="{day.isoformat()}"' in form  # the meeting's day, in the group's zone

    response = bob.post(
        after(cast, past_meeting),
        {
            "day": day.isoformat(),
            "mood": "4",
            "feeling": FEELING,
            "takeaway": TAKEAWAY,
            "next_time": NEXT_TIME,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("carnet:home")
    entry = Entry.objects.get()
    assert (entry.author, entry.meeting, entry.day, entry.mood) == (cast.bob, past_meeting, day, 4)
    assert (entry.feeling, entry.takeaway, entry.next_time) == (FEELING, TAKEAWAY, NEXT_TIME)
    home = text_of(bob.get(reverse("carnet:home")))
    assert "C'est noté dans votre carnet." in home
    assert FEELING in home
    assert "4 sur 5, plutôt bien" in home


def test_a_page_about_any_day_needs_no_meeting(bob: Client, cast: Cast) -> None:
    today = timezone.localdate()
    assert f'value="{today.isoformat()}"' in text_of(bob.get(reverse("carnet:write")))

    bob.post(reverse("carnet:write"), {"day": today.isoformat(), "takeaway": TAKEAWAY})

    entry = Entry.objects.get()
    assert (entry.meeting, entry.mood, entry.feeling, entry.takeaway) == (None, None, "", TAKEAWAY)


def test_the_page_after_a_meeting_recalls_what_bob_had_prepared(
    bob: Client, cast: Cast, past_meeting: Meeting
) -> None:
    Preparation.objects.create(author=cast.bob, meeting=past_meeting, text=PREPARED)

    page = text_of(bob.get(after(cast, past_meeting)))

    assert "Ce que vous aviez préparé" in page
    assert PREPARED in page


def test_writing_after_a_meeting_still_to_come_leads_to_preparing_it(
    bob: Client, cast: Cast, coming_meeting: Meeting
) -> None:
    response = bob.get(after(cast, coming_meeting))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "carnet:prepare", kwargs={"slug": cast.group.slug, "meeting_id": coming_meeting.pk}
    )


def test_a_mood_of_7_is_refused_in_plain_french_and_nothing_is_lost(
    bob: Client, cast: Cast, past_meeting: Meeting
) -> None:
    response = bob.post(
        after(cast, past_meeting),
        {"day": "2026-03-03", "mood": "7", "feeling": FEELING, "next_time": NEXT_TIME},
    )

    assert response.status_code == 400
    page = text_of(response)
    assert "Choisissez une humeur entre 1 et 5." in page
    assert "Rien de ce que vous avez écrit n'est perdu." in page
    assert FEELING in page
    assert NEXT_TIME in page
    assert 'value="2026-03-03"' in page
    assert "Cette page est vide" not in page
    assert not Entry.objects.exists()


def test_an_empty_page_is_refused(bob: Client) -> None:
    response = bob.post(reverse("carnet:write"), {"day": "2026-03-03", "feeling": "   "})

    assert response.status_code == 400
    assert "Cette page est vide : choisissez une humeur ou écrivez quelques mots." in text_of(
        response
    )
    assert 'value="2026-03-03"' in text_of(response)
    assert not Entry.objects.exists()


def test_a_mood_alone_is_a_page(bob: Client) -> None:
    bob.post(reverse("carnet:write"), {"day": "2026-03-03", "mood": "2"})

    assert Entry.objects.get().mood == 2


def test_a_day_still_to_come_and_a_text_too_long_are_refused_keeping_the_words(
    bob: Client,
) -> None:
    later = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    too_long = "é" * 5001

    response = bob.post(
        reverse("carnet:write"), {"day": later, "feeling": FEELING, "takeaway": too_long}
    )

    page = text_of(response)
    assert response.status_code == 400
    assert "Ce jour n'est pas encore arrivé." in page
    assert "Ce texte est trop long : 5000 caractères au plus (il en a 5001)." in page
    assert FEELING in page
    assert too_long in page
    assert not Entry.objects.exists()


def test_bob_changes_a_page(bob: Client, bobs_entry: Entry) -> None:
    path = reverse("carnet:edit", kwargs={"entry_id": bobs_entry.pk})
    form = text_of(bob.get(path))
    assert FEELING in form
    assert 'value="4" id="id_mood_4" checked' in form

    bob.post(path, {"day": bobs_entry.day.isoformat(), "mood": "", "feeling": "Apaisé."})

    bobs_entry.refresh_from_db()
    assert (bobs_entry.mood, bobs_entry.feeling, bobs_entry.takeaway) == (None, "Apaisé.", "")
    assert bobs_entry.meeting is not None  # still the page after that meeting


def test_changing_a_page_into_an_empty_one_is_refused(bob: Client, bobs_entry: Entry) -> None:
    path = reverse("carnet:edit", kwargs={"entry_id": bobs_entry.pk})

    response = bob.post(path, {"day": bobs_entry.day.isoformat()})

    assert response.status_code == 400
    bobs_entry.refresh_from_db()
    assert bobs_entry.feeling == FEELING


def test_bob_deletes_a_page_after_confirming(bob: Client, bobs_entry: Entry) -> None:
    path = reverse("carnet:delete", kwargs={"entry_id": bobs_entry.pk})
    confirm = text_of(bob.get(path))
    assert "sera supprimée pour de bon" in confirm
    assert Entry.objects.exists()

    response = bob.post(path)

    assert response.status_code == 302
    assert not Entry.objects.exists()
    assert "La page est supprimée." in text_of(bob.get(reverse("carnet:home")))


def test_a_page_stays_when_its_meeting_is_removed(bobs_entry: Entry, past_meeting: Meeting) -> None:
    past_meeting.delete()

    bobs_entry.refresh_from_db()
    assert bobs_entry.meeting is None
    assert bobs_entry.feeling == FEELING


def test_the_home_page_suggests_writing_about_a_recent_meeting_once(
    bob: Client, cast: Cast, make_meeting: Any
) -> None:
    recent = make_meeting(-dt.timedelta(days=3))
    old = make_meeting(-dt.timedelta(days=40))
    suggestions = text_of(bob.get(reverse("carnet:home")))
    assert after(cast, recent) in suggestions
    assert after(cast, old) not in suggestions

    bob.post(after(cast, recent), {"day": "2026-03-03", "mood": "3"})

    assert after(cast, recent) not in text_of(bob.get(reverse("carnet:home")))


def test_the_list_of_pages_is_newest_first_and_paginated(bob: Client, cast: Cast) -> None:
    start = dt.date(2026, 1, 1)
    Entry.objects.bulk_create(
        Entry(author=cast.bob, day=start + dt.timedelta(days=i), takeaway=f"page {i:02d}")
        for i in range(25)
    )

    first = text_of(bob.get(reverse("carnet:home")))
    second = text_of(bob.get(reverse("carnet:home") + "?page=2"))

    assert first.index("page 24") < first.index("page 23")
    assert "page 05" in first and "page 04" not in first
    assert "page 04" in second and "page 00" in second
    assert "Pages plus anciennes" in first


def test_the_home_page_costs_the_same_queries_for_few_or_many_pages(
    bob: Client, cast: Cast, past_meeting: Meeting
) -> None:
    def queries_for_home() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert bob.get(reverse("carnet:home")).status_code == 200
        return len(queries.captured_queries)

    def write(count: int) -> None:
        for i in range(count):
            Entry.objects.create(
                author=cast.bob, meeting=past_meeting, day=dt.date(2026, 1, 1 + i), mood=3
            )

    write(2)
    few = queries_for_home()
    write(15)

    assert queries_for_home() == few
