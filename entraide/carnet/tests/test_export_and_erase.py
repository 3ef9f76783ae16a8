"""Downloading my carnet (mine only, written in the audit journal without any word) and
erasing it whole."""

import html
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import Cast
from entraide.audit.models import AuditEvent
from entraide.carnet import actions
from entraide.carnet.models import Entry, Preparation
from entraide.carnet.tests.conftest import FEELING, NEXT_TIME, PREPARED, TAKEAWAY
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db

ALICES_WORDS = "Alice a trouvé la séance trop longue."


@pytest.fixture
def alices_entry(cast: Cast, past_meeting: Meeting) -> Entry:
    return actions.write_entry(
        cast.alice,
        day=timezone.localdate(),
        words=actions.Words(2, ALICES_WORDS, "", ""),
        meeting=past_meeting,
    )


@pytest.fixture
def bob(client: Client, cast: Cast) -> Client:
    client.force_login(cast.bob)
    return client


def test_the_export_page_says_what_the_file_holds(bob: Client) -> None:
    page = html.unescape(bob.get(reverse("carnet:export")).content.decode())

    assert "toutes les pages de votre carnet et vos notes de préparation" in page
    assert not AuditEvent.objects.exists()  # reading the page downloads nothing


def test_bob_downloads_his_carnet_as_json_and_only_his(
    bob: Client,
    cast: Cast,
    bobs_entry: Entry,
    bobs_preparation: Preparation,
    alices_entry: Entry,
) -> None:
    response = bob.post(reverse("carnet:export"), {"format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mon-carnet.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert len(data["entries"]) == 1
    (entry,) = data["entries"]
    assert entry["mood"] == 4
    assert entry["mood_words"] == "plutôt bien"
    assert (entry["feeling"], entry["takeaway"], entry["next_time"]) == (
        FEELING,
        TAKEAWAY,
        NEXT_TIME,
    )
    assert entry["group"] == "Deuil Nantes"
    assert entry["day"] == bobs_entry.day.isoformat()
    assert [p["text"] for p in data["preparations"]] == [PREPARED]
    assert ALICES_WORDS not in response.content.decode()


def test_bob_downloads_his_carnet_as_a_text_to_read(
    bob: Client, bobs_entry: Entry, bobs_preparation: Preparation, alices_entry: Entry
) -> None:
    response = bob.post(reverse("carnet:export"), {"format": "text"})

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mon-carnet.txt"'
    text = response.content.decode()
    assert text.startswith("Mon carnet\n")
    assert "Humeur : 4 sur 5, plutôt bien" in text
    assert f"Comment je me sens :\n{FEELING}" in text
    assert f"Ce que je retiens :\n{TAKEAWAY}" in text
    assert "Après la rencontre du" in text and "Deuil Nantes" in text
    assert "Mes préparations" in text and PREPARED in text
    assert ALICES_WORDS not in text


def test_an_empty_carnet_downloads_as_an_empty_carnet(bob: Client) -> None:
    text = bob.post(reverse("carnet:export"), {"format": "text"}).content.decode()

    assert "Votre carnet est vide." in text


def test_a_download_is_written_in_the_audit_journal_without_any_word(
    bob: Client, cast: Cast, bobs_entry: Entry
) -> None:
    bob.post(reverse("carnet:export"), {"format": "json"})

    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.CARNET_EXPORTED
    assert (event.actor, event.subject, event.group, event.organisation) == (
        cast.bob,
        cast.bob,
        None,
        None,
    )
    assert event.detail == ""


def test_an_unknown_format_is_refused_with_a_message(bob: Client) -> None:
    response = bob.post(reverse("carnet:export"), {"format": "pdf"})

    assert response.status_code == 400
    assert "Choisissez une des deux formes." in html.unescape(response.content.decode())
    assert not AuditEvent.objects.exists()


def test_bob_erases_his_whole_carnet_after_confirming(
    bob: Client,
    cast: Cast,
    bobs_entry: Entry,
    bobs_preparation: Preparation,
    alices_entry: Entry,
) -> None:
    confirm = html.unescape(bob.get(reverse("carnet:erase")).content.decode())
    assert "Votre carnet a 1 page." in confirm
    assert "Vous avez 1 note de préparation." in confirm
    assert Entry.objects.filter(author=cast.bob).exists()

    response = bob.post(reverse("carnet:erase"))

    assert response.status_code == 302
    assert not Entry.objects.filter(author=cast.bob).exists()
    assert not Preparation.objects.filter(author=cast.bob).exists()
    assert Entry.objects.get() == alices_entry  # Alice's carnet is hers, untouched
    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.CARNET_ERASED
    assert (event.actor, event.subject, event.detail) == (cast.bob, cast.bob, "")
    home = html.unescape(bob.get(reverse("carnet:home")).content.decode())
    assert "Votre carnet est effacé." in home
    assert "Votre carnet est encore vide." in home


def test_erasing_an_empty_carnet_says_there_is_nothing_to_erase(bob: Client) -> None:
    page = html.unescape(bob.get(reverse("carnet:erase")).content.decode())

    assert "il n'y a rien à effacer" in page
