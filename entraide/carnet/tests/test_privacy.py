"""Nobody but the author reads a carnet: not another member, the facilitator, a coordinator,
an organisation admin, a safeguarding lead, nor a superuser of the site's staff; not through a
page, the admin, an export, the database or the logs."""

import html
import logging
from typing import Any

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from conftest import Cast
from entraide.accounts.models import User
from entraide.carnet.models import Entry, Preparation
from entraide.carnet.tests.conftest import FEELING, NEXT_TIME, PREPARED, TAKEAWAY
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db

WORDS = [FEELING, TAKEAWAY, NEXT_TIME, PREPARED]


def as_person(person: User) -> Client:
    client = Client()
    client.cookies["entraide_language"] = "fr"
    client.force_login(person)
    return client


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def entry_pages(entry: Entry) -> list[str]:
    return [
        reverse("carnet:edit", kwargs={"entry_id": entry.pk}),
        reverse("carnet:delete", kwargs={"entry_id": entry.pk}),
    ]


def test_a_visitor_is_asked_to_log_in_on_every_page(
    client: Client, bobs_entry: Entry, coming_meeting: Meeting, cast: Cast
) -> None:
    meeting = {"slug": cast.group.slug, "meeting_id": coming_meeting.pk}
    paths = [
        reverse("carnet:home"),
        reverse("carnet:write"),
        reverse("carnet:write_after", kwargs=meeting),
        reverse("carnet:prepare", kwargs=meeting),
        reverse("carnet:export"),
        reverse("carnet:erase"),
        *entry_pages(bobs_entry),
    ]
    for path in paths:
        for response in (client.get(path), client.post(path, {})):
            assert response.status_code == 302, path
            assert response["Location"].startswith("/compte/login/")


def test_the_author_reaches_every_page_of_their_carnet(
    cast: Cast, bobs_entry: Entry, bobs_preparation: Preparation
) -> None:
    bob = as_person(cast.bob)
    home = bob.get(reverse("carnet:home"))
    assert home.status_code == 200
    assert FEELING in text_of(home)
    edit = bob.get(entry_pages(bobs_entry)[0])
    assert edit.status_code == 200
    assert TAKEAWAY in text_of(edit)
    assert bob.get(entry_pages(bobs_entry)[1]).status_code == 200
    meeting = {"slug": cast.group.slug, "meeting_id": bobs_preparation.meeting_id}
    prepare = bob.get(reverse("carnet:prepare", kwargs=meeting))
    assert PREPARED in text_of(prepare)


def test_every_private_page_says_no_store(cast: Cast, bobs_entry: Entry) -> None:
    bob = as_person(cast.bob)
    for path in [reverse("carnet:home"), reverse("carnet:export"), *entry_pages(bobs_entry)]:
        assert "no-store" in bob.get(path)["Cache-Control"], path


def test_nobody_else_opens_changes_or_deletes_a_page_of_bob_s_carnet(
    others: dict[str, User], bobs_entry: Entry
) -> None:
    for role, person in others.items():
        client = as_person(person)
        for path in entry_pages(bobs_entry):
            assert client.get(path).status_code == 404, (role, path)
            answer = client.post(path, {"day": "2026-03-03", "mood": "1", "feeling": "volé"})
            assert answer.status_code == 404, (role, path)
    bobs_entry.refresh_from_db()
    assert (bobs_entry.feeling, bobs_entry.mood) == (FEELING, 4)


def test_another_person_s_carnet_home_and_export_hold_none_of_bob_s_words(
    others: dict[str, User], bobs_entry: Entry, bobs_preparation: Preparation
) -> None:
    for role, person in others.items():
        client = as_person(person)
        home = client.get(reverse("carnet:home"))
        assert home.status_code == 200
        download = client.post(reverse("carnet:export"), {"format": "json"})
        assert download.status_code == 200
        for words in WORDS:
            assert words not in text_of(home), role
            assert words not in download.content.decode(), role


def test_bob_s_preparation_shows_on_no_one_else_s_meeting_page(
    others: dict[str, User], cast: Cast, bobs_preparation: Preparation
) -> None:
    meeting = bobs_preparation.meeting
    path = reverse("meetings:detail", kwargs={"slug": cast.group.slug, "meeting_id": meeting.pk})
    for role in ("another member", "facilitator", "observer"):
        page = as_person(others[role]).get(path)
        assert page.status_code == 200
        assert PREPARED not in text_of(page)
        assert "Relire ma préparation" not in text_of(page)
        assert "Préparer cette rencontre" in text_of(page)


def test_only_people_of_the_group_write_after_or_prepare_its_meetings(
    others: dict[str, User], cast: Cast, past_meeting: Meeting, coming_meeting: Meeting
) -> None:
    paths = [
        reverse(
            "carnet:write_after", kwargs={"slug": cast.group.slug, "meeting_id": past_meeting.pk}
        ),
        reverse(
            "carnet:prepare", kwargs={"slug": cast.group.slug, "meeting_id": coming_meeting.pk}
        ),
    ]
    in_the_group = {"another member", "facilitator", "observer"}
    for role, person in others.items():
        client = as_person(person)
        for path in paths:
            expected = 200 if role in in_the_group else 404
            assert client.get(path).status_code == expected, (role, path)
            if role not in in_the_group:
                assert client.post(path, {"text": "x", "feeling": "x"}).status_code == 404
    assert not Entry.objects.exists()
    assert not Preparation.objects.exists()


def test_a_meeting_of_another_group_cannot_be_reached_through_one_s_own_group(
    cast: Cast, make_group: Any, past_meeting: Meeting
) -> None:
    other = make_group("Aidants Lyon", place="69001 Lyon")
    elsewhere = Meeting.objects.create(
        group=other, starts_at=past_meeting.starts_at, ends_at=past_meeting.ends_at
    )
    path = reverse(
        "carnet:write_after", kwargs={"slug": cast.group.slug, "meeting_id": elsewhere.pk}
    )

    assert as_person(cast.bob).get(path).status_code == 404


def test_a_person_who_left_the_group_no_longer_writes_after_its_meetings(
    cast: Cast, past_meeting: Meeting
) -> None:
    cast.bob.memberships.update(status="left")
    path = reverse(
        "carnet:write_after", kwargs={"slug": cast.group.slug, "meeting_id": past_meeting.pk}
    )

    assert as_person(cast.bob).get(path).status_code == 404


def test_nothing_of_the_carnet_is_in_the_admin(stan: User, bobs_entry: Entry) -> None:
    assert Entry not in admin.site._registry
    assert Preparation not in admin.site._registry
    client = as_person(stan)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/carnet/entry/").status_code == 404
    assert client.get(f"/admin/carnet/entry/{bobs_entry.pk}/change/").status_code == 404
    assert "carnet" not in client.get("/admin/").content.decode().lower()


def all_stored_text() -> str:
    """Every value of every row of every table, read with raw SQL, as one text."""
    found: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            found.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(found)


def test_the_database_holds_none_of_the_words_in_any_column(
    cast: Cast, past_meeting: Meeting, coming_meeting: Meeting
) -> None:
    bob = as_person(cast.bob)
    written = bob.post(
        reverse(
            "carnet:write_after", kwargs={"slug": cast.group.slug, "meeting_id": past_meeting.pk}
        ),
        {
            "day": "2026-03-03",
            "mood": "2",
            "feeling": FEELING,
            "takeaway": TAKEAWAY,
            "next_time": NEXT_TIME,
        },
    )
    assert written.status_code == 302
    prepared = bob.post(
        reverse(
            "carnet:prepare", kwargs={"slug": cast.group.slug, "meeting_id": coming_meeting.pk}
        ),
        {"text": PREPARED},
    )
    assert prepared.status_code == 302

    stored = all_stored_text()
    for words in WORDS:
        assert words not in stored
        for piece in words.split():
            if len(piece) > 6:
                assert piece not in stored, piece
    with connection.cursor() as cursor:
        cursor.execute("SELECT mood, feeling, takeaway, next_time FROM carnet_entry")
        row = cursor.fetchone()
        cursor.execute("SELECT text FROM carnet_preparation")
        row += cursor.fetchone()
    # Fernet tokens, the mood included: nothing tells even which mood was chosen.
    assert all(value.startswith("gAAAAA") for value in row)


def test_an_entry_without_a_mood_does_not_say_so_in_the_database(cast: Cast) -> None:
    as_person(cast.bob).post(reverse("carnet:write"), {"day": "2026-03-03", "feeling": FEELING})

    with connection.cursor() as cursor:
        cursor.execute("SELECT mood FROM carnet_entry")
        (mood,) = cursor.fetchone()
    assert mood is not None and mood.startswith("gAAAAA")
    assert Entry.objects.get().mood is None


def test_no_query_and_no_log_line_carries_the_words(
    cast: Cast, past_meeting: Meeting, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bob = as_person(cast.bob)
    with CaptureQueriesContext(connection) as queries:
        bob.post(
            reverse(
                "carnet:write_after",
                kwargs={"slug": cast.group.slug, "meeting_id": past_meeting.pk},
            ),
            {"day": "2026-03-03", "mood": "7", "feeling": FEELING},
        )
        bob.post(reverse("carnet:write"), {"day": "2026-03-03", "mood": "3", "feeling": FEELING})
        bob.get(reverse("carnet:home"))
        bob.post(reverse("carnet:export"), {"format": "text"})

    assert Entry.objects.count() == 1
    sql = "\n".join(query["sql"] for query in queries.captured_queries)
    assert FEELING not in sql
    assert FEELING not in caplog.text
    assert "Soulagé" not in caplog.text


def test_an_error_report_would_hide_the_words(cast: Cast) -> None:
    response = as_person(cast.bob).post(
        reverse("carnet:write"), {"day": "2026-03-03", "mood": "9", "feeling": FEELING}
    )

    shown = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert shown["feeling"] != FEELING
    assert shown["day"] == "2026-03-03"


def test_a_page_s_representation_never_holds_its_words(bobs_entry: Entry) -> None:
    assert FEELING not in str(bobs_entry)
    assert FEELING not in repr(bobs_entry)
