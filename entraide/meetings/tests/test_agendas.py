"""The agenda, pre-filled from seed 000's four moments, edited by the facilitators."""

import datetime as dt
import html
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.charters.models import Charter
from entraide.directory.models import SupportGroup
from entraide.meetings.models import Meeting, Speaker, Topic

pytestmark = pytest.mark.django_db


def meeting(cast: Cast, days: int, **fields: object) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **fields
    )


def agenda_url(cast: Cast, found: Meeting) -> str:
    return f"/mes-groupes/{cast.group.slug}/rencontres/{found.pk}/deroule/"


def page(client: Client, cast: Cast, found: Meeting) -> str:
    return html.unescape(client.get(agenda_url(cast, found)).content.decode())


def test_an_empty_agenda_is_pre_filled_from_seed_000(client: Client, cast: Cast) -> None:
    coming = meeting(cast, 7)
    client.force_login(cast.bob)

    text = page(client, cast, coming)

    assert "chacun·e peut choisir de passer son tour" in text
    assert "Les suites des questions soulevées la dernière fois" in text
    assert "Un outil d'apprentissage, un·e intervenant·e ou une activité" in text
    assert "un rituel, une chanson ou une activité de clôture" in text


def test_the_group_s_own_ritual_comes_from_its_adopted_charter(client: Client, cast: Cast) -> None:
    Charter.objects.create(
        group=cast.group,
        version=1,
        status=Charter.Status.ADOPTED,
        answers={"rituals": "Nous nous tenons la main en silence."},
    )
    coming = meeting(cast, 7)
    client.force_login(cast.bob)

    text = page(client, cast, coming)

    assert "Pour clore, notre rituel : Nous nous tenons la main en silence." in text
    assert "une chanson ou une activité de clôture" not in text


def test_a_draft_charter_s_ritual_is_not_used_yet(client: Client, cast: Cast) -> None:
    Charter.objects.create(
        group=cast.group, version=1, answers={"rituals": "Une chanson à inventer."}
    )
    client.force_login(cast.bob)

    text = page(client, cast, meeting(cast, 7))

    assert "Une chanson à inventer." not in text
    assert "un rituel, une chanson ou une activité de clôture" in text


def test_last_time_s_decisions_speakers_and_planned_topics_are_listed(
    client: Client, cast: Cast
) -> None:
    meeting(cast, -30, note="Demander la salle 4 pour l'été\nMarie apporte le thé")
    meeting(cast, -10, status=Meeting.Status.CANCELLED, note="Rien")
    coming = meeting(cast, 7)
    Speaker.objects.create(
        group=cast.group,
        name="Dr Martin",
        expertise="psychologue",
        meeting=coming,
        status=Speaker.Status.CONFIRMED,
    )
    Speaker.objects.create(group=cast.group, name="Pas encore", meeting=coming)
    Topic.objects.create(
        group=cast.group, title="Les fêtes de fin d'année", meeting=coming, status="planned"
    )
    client.force_login(cast.chloe)

    text = page(client, cast, coming)

    assert "· Demander la salle 4 pour l'été" in text and "· Marie apporte le thé" in text
    assert "Rien" not in text
    assert "Intervenant·e : Dr Martin (psychologue)" in text
    assert "Pas encore" not in text
    assert "Sujet prévu : Les fêtes de fin d'année" in text


def test_alice_edits_the_agenda_and_members_read_it(client: Client, cast: Cast) -> None:
    coming = meeting(cast, 7)
    client.force_login(cast.alice)

    form_page = page(client, cast, coming)
    response = client.post(agenda_url(cast, coming), {"agenda": "– Accueil\n– Tour de parole"})
    client.force_login(cast.bob)
    text = page(client, cast, coming)

    assert "Adapter le déroulé" in form_page
    assert response.status_code == 302
    coming.refresh_from_db()
    assert coming.agenda == "– Accueil\n– Tour de parole"
    assert "Tour de parole" in text and "Adapter le déroulé" not in text


def test_a_too_long_agenda_is_refused_and_kept(client: Client, cast: Cast) -> None:
    coming = meeting(cast, 7)
    client.force_login(cast.alice)

    response = client.post(agenda_url(cast, coming), {"agenda": "x" * 5001})

    assert response.status_code == 200
    assert "5000 caractères au plus" in response.content.decode()
    coming.refresh_from_db()
    assert coming.agenda == ""


def test_members_and_observers_cannot_edit_the_agenda(client: Client, cast: Cast) -> None:
    coming = meeting(cast, 7)

    for person in (cast.bob, cast.chloe):
        client.force_login(person)
        assert client.get(agenda_url(cast, coming)).status_code == 200
        assert client.post(agenda_url(cast, coming), {"agenda": "à moi"}).status_code == 404
    coming.refresh_from_db()
    assert coming.agenda == ""


def test_strangers_get_404_and_visitors_log_in(
    client: Client, cast: Cast, make_group: Callable[..., SupportGroup]
) -> None:
    elsewhere = make_group("Autre groupe")
    other = Meeting.objects.create(
        group=elsewhere, starts_at=timezone.now(), ends_at=timezone.now() + dt.timedelta(hours=1)
    )
    coming = meeting(cast, 7)

    anonymous = client.get(agenda_url(cast, coming))
    client.force_login(cast.dan)
    stranger = client.get(agenda_url(cast, coming))
    client.force_login(cast.alice)
    wrong_group = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{other.pk}/deroule/")

    assert anonymous.status_code == 302
    assert stranger.status_code == 404
    assert wrong_group.status_code == 404
