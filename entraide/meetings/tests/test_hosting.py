"""Members' homes in turn: the member asked to host is asked by e-mail, answers from the
meeting's page, and is written to as "vous"."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.meetings.models import Meeting, RoleKind, RoleVolunteer
from entraide.meetings.series import actions
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


def alices(cast: Cast) -> Membership:
    return Membership.objects.get(user=cast.alice, group=cast.group)


def homes_in_turn(cast: Cast, *volunteers: Any) -> list[Meeting]:
    for person in volunteers:
        RoleVolunteer.objects.create(group=cast.group, user=person, role=RoleKind.HOST)
    actions.save_series(
        cast.group,
        {
            "rhythm": "monthly_weekday",
            "weekday": 1,
            "nth": 1,
            "starts_on": timezone.localdate() + dt.timedelta(days=1),
            "start_time": dt.time(18, 30),
            "end_time": dt.time(20),
            "venue": "rotation",
            "place": "",
            "online_link": "",
            "capacity": None,
        },
        by=alices(cast),
    )
    return list(Meeting.objects.order_by("starts_at"))


def page(client: Client, cast: Cast, meeting: Meeting) -> str:
    return client.get(f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/").content.decode()


def test_the_member_asked_to_host_is_asked_by_email_with_the_way_to_answer(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first, *_ = homes_in_turn(cast, cast.bob)

    (asked,) = [m for m in mail.outbox if f"/rencontres/{first.pk}/" in m.body]
    assert first.host == cast.bob
    assert "accueillir" in asked.subject
    assert "Bonjour Bob," in asked.body
    assert "Vous vous êtes proposé·e pour recevoir le groupe chez vous" in asked.body
    assert f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/" in asked.body
    assert "Vous pouvez dire non sans vous justifier" in asked.body
    bobs = Meeting.objects.filter(host=cast.bob).count()
    assert [m.to for m in mail.outbox if "accueillir" in m.subject] == [["bob@example.org"]] * bobs


def test_when_bob_declines_the_next_volunteer_is_asked_by_email(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    first, *_ = homes_in_turn(cast, cast.bob, cast.alice)
    first = Meeting.objects.get(pk=first.pk)
    assert first.host == cast.alice
    second = Meeting.objects.filter(host=cast.bob).order_by("starts_at").first()
    assert second is not None
    mail.outbox.clear()
    client.force_login(cast.bob)

    client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{second.pk}/accueil/", {"what": "decline"}
    )

    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "accueillir" in mail.outbox[0].subject


def test_bob_reads_that_he_is_the_one_asked_and_others_read_his_name(
    client: Client, cast: Cast
) -> None:
    first, *_ = homes_in_turn(cast, cast.bob)

    client.force_login(cast.bob)
    for_bob = page(client, cast, first)
    listed = client.get(f"/mes-groupes/{cast.group.slug}/rencontres/").content.decode()
    client.force_login(cast.alice)
    for_alice = page(client, cast, first)

    assert "Bob est sollicité·e" not in for_bob and "Bob est sollicité·e" not in listed
    assert "Chez vous, si vous le voulez bien" in for_bob
    assert "Vous — votre réponse est attendue" in for_bob
    assert "Oui, j'accueille" in for_bob and "Pas cette fois" in for_bob
    assert "Bob est sollicité·e" in for_alice
    assert "Bob — confirmation attendue" in for_alice


def test_once_bob_said_yes_he_reads_that_he_hosts(client: Client, cast: Cast) -> None:
    first, *_ = homes_in_turn(cast, cast.bob)
    client.force_login(cast.bob)

    client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/accueil/",
        {"what": "confirm", "address": "12 rue des Lilas"},
    )

    seen = page(client, cast, first)
    assert "Vous — c'est confirmé" in seen
    assert "12 rue des Lilas" in seen


def test_alice_asking_herself_is_told_as_vous(client: Client, cast: Cast) -> None:
    first, *_ = homes_in_turn(cast, cast.bob, cast.alice)
    first = Meeting.objects.get(pk=first.pk)
    client.force_login(cast.alice)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{first.pk}/accueil/",
        {"what": "suggest", "person": str(cast.alice.pk)},
        follow=True,
    )

    assert "Alice est sollicité·e" not in response.content.decode()
    assert "à vous d&#x27;accueillir" in response.content.decode()
    assert "et c'est votre tour" in response.content.decode()
