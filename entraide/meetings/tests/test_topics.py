"""Topics proposed for coming meetings (seed 003, step 7) with a simple vote, and outside speakers
(seed 000: e.g. a health professional) followed by the speakers role."""

import datetime as dt
import html
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.directory.models import SupportGroup
from entraide.meetings.models import Meeting, RoleKind, RoleVolunteer, Speaker, Topic, TopicVote

pytestmark = pytest.mark.django_db


def meeting(cast: Cast, days: int) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )


def topics_url(cast: Cast) -> str:
    return f"/mes-groupes/{cast.group.slug}/sujets/"


def vote_url(cast: Cast, topic: Topic) -> str:
    return f"{topics_url(cast)}{topic.pk}/vote/"


def speakers_url(cast: Cast) -> str:
    return f"/mes-groupes/{cast.group.slug}/intervenants/"


def text(client: Client, url: str) -> str:
    return html.unescape(client.get(url).content.decode())


def test_bob_proposes_a_topic(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    response = client.post(topics_url(cast), {"title": "Les dimanches", "detail": ""})

    assert response.status_code == 302
    topic = Topic.objects.get()
    assert (topic.title, topic.proposed_by, topic.status) == ("Les dimanches", cast.bob, "proposed")


def test_an_observer_may_propose_a_topic_but_not_vote(client: Client, cast: Cast) -> None:
    topic = Topic.objects.create(group=cast.group, title="Le sommeil", proposed_by=cast.bob)
    client.force_login(cast.chloe)

    page = text(client, topics_url(cast))
    proposed = client.post(topics_url(cast), {"title": "Les souvenirs"})
    voted = client.post(vote_url(cast, topic))

    assert "Le sommeil" in page and "Voter pour ce sujet" not in page
    assert "proposé par Bob" not in page
    assert proposed.status_code == 302 and Topic.objects.filter(title="Les souvenirs").exists()
    assert voted.status_code == 404 and not TopicVote.objects.exists()


def test_an_empty_topic_is_refused_with_a_message(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    response = client.post(topics_url(cast), {"title": "", "detail": "quelques mots"})

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Écrivez le sujet en quelques mots." in page and "quelques mots" in page
    assert not Topic.objects.exists()


def test_each_person_votes_once_and_may_withdraw(client: Client, cast: Cast) -> None:
    topic = Topic.objects.create(group=cast.group, title="Le sommeil")
    client.force_login(cast.bob)

    client.post(vote_url(cast, topic), {"vote": "vote"})
    client.post(vote_url(cast, topic), {"vote": "vote"})
    twice = TopicVote.objects.filter(topic=topic).count()
    page = text(client, topics_url(cast))
    client.post(vote_url(cast, topic), {"vote": "withdraw"})

    assert twice == 1
    assert "1 voix" in page and "Retirer ma voix" in page
    assert not TopicVote.objects.exists()


def test_topics_are_sorted_by_votes(client: Client, cast: Cast) -> None:
    quiet = Topic.objects.create(group=cast.group, title="Sujet calme")
    wanted = Topic.objects.create(group=cast.group, title="Sujet attendu")
    for person in (cast.alice, cast.bob):
        TopicVote.objects.create(topic=wanted, user=person)
    TopicVote.objects.create(topic=quiet, user=cast.bob)
    client.force_login(cast.bob)

    page = text(client, topics_url(cast))

    assert page.index("Sujet attendu") < page.index("Sujet calme")


def test_alice_plans_a_topic_for_a_meeting_then_marks_it_done(client: Client, cast: Cast) -> None:
    topic = Topic.objects.create(group=cast.group, title="Le sommeil")
    coming = meeting(cast, 10)
    client.force_login(cast.alice)

    client.post(
        topics_url(cast), {"action": "plan", "topic": topic.pk, f"t{topic.pk}-meeting": coming.pk}
    )
    topic.refresh_from_db()
    planned = (topic.status, topic.meeting)
    client.post(topics_url(cast), {"action": "done", "topic": topic.pk})
    topic.refresh_from_db()

    assert planned == ("planned", coming)
    assert topic.status == "done"


def test_a_topic_cannot_be_planned_for_another_group_s_meeting(
    client: Client, cast: Cast, make_group: Callable[..., SupportGroup]
) -> None:
    topic = Topic.objects.create(group=cast.group, title="Le sommeil")
    elsewhere = make_group("Autre groupe")
    starts = timezone.now() + dt.timedelta(days=3)
    other = Meeting.objects.create(
        group=elsewhere, starts_at=starts, ends_at=starts + dt.timedelta(hours=1)
    )
    client.force_login(cast.alice)

    client.post(
        topics_url(cast), {"action": "plan", "topic": topic.pk, f"t{topic.pk}-meeting": other.pk}
    )

    topic.refresh_from_db()
    assert (topic.status, topic.meeting) == ("proposed", None)


def test_members_cannot_plan_topics(client: Client, cast: Cast) -> None:
    topic = Topic.objects.create(group=cast.group, title="Le sommeil")
    client.force_login(cast.bob)

    response = client.post(topics_url(cast), {"action": "done", "topic": topic.pk})

    topic.refresh_from_db()
    assert response.status_code == 404 and topic.status == "proposed"


def test_strangers_see_no_topics(client: Client, cast: Cast) -> None:
    topic = Topic.objects.create(group=cast.group, title="Le sommeil")

    anonymous = client.get(topics_url(cast))
    client.force_login(cast.dan)

    assert anonymous.status_code == 302
    assert client.get(topics_url(cast)).status_code == 404
    assert client.post(vote_url(cast, topic)).status_code == 404


def test_bob_with_the_speakers_role_adds_and_follows_a_speaker(client: Client, cast: Cast) -> None:
    RoleVolunteer.objects.create(group=cast.group, user=cast.bob, role=RoleKind.SPEAKERS)
    coming = meeting(cast, 20)
    client.force_login(cast.bob)

    added = client.post(
        speakers_url(cast),
        {"name": "Dr Martin", "expertise": "psychologue", "contact": "", "status": "to_ask"},
    )
    speaker = Speaker.objects.get()
    steps = []
    for status in ("asked", "confirmed", "came"):
        client.post(
            f"{speakers_url(cast)}{speaker.pk}/",
            {"name": "Dr Martin", "status": status, "meeting": coming.pk},
        )
        speaker.refresh_from_db()
        steps.append(speaker.status)

    assert added.status_code == 302
    assert steps == ["asked", "confirmed", "came"]
    assert (speaker.meeting, speaker.handled_by) == (coming, cast.bob)


def test_members_without_the_role_read_the_speakers_but_do_not_edit(
    client: Client, cast: Cast
) -> None:
    speaker = Speaker.objects.create(group=cast.group, name="Dr Martin")
    client.force_login(cast.bob)

    page = text(client, speakers_url(cast))
    added = client.post(speakers_url(cast), {"name": "Quelqu'un", "status": "to_ask"})
    edit = client.get(f"{speakers_url(cast)}{speaker.pk}/")

    assert "Dr Martin" in page and "Ajouter un·e intervenant·e" not in page
    assert added.status_code == 404 and edit.status_code == 404
    assert Speaker.objects.count() == 1


def test_alice_as_facilitator_manages_speakers(client: Client, cast: Cast) -> None:
    speaker = Speaker.objects.create(group=cast.group, name="Dr Martin")
    client.force_login(cast.alice)

    page = text(client, speakers_url(cast))
    edit = client.get(f"{speakers_url(cast)}{speaker.pk}/")
    bad = client.post(f"{speakers_url(cast)}{speaker.pk}/", {"name": "", "status": "asked"})

    assert "Ajouter un·e intervenant·e" in page
    assert edit.status_code == 200
    assert bad.status_code == 200 and "Indiquez un nom ou une structure." in bad.content.decode()
    speaker.refresh_from_db()
    assert speaker.status == "to_ask"


def test_observers_and_strangers_do_not_see_the_speakers(client: Client, cast: Cast) -> None:
    speaker = Speaker.objects.create(group=cast.group, name="Dr Martin")
    RoleVolunteer.objects.create(group=cast.group, user=cast.chloe, role=RoleKind.SPEAKERS)

    for person in (cast.chloe, cast.dan):
        client.force_login(person)
        assert client.get(speakers_url(cast)).status_code == 404
        assert client.get(f"{speakers_url(cast)}{speaker.pk}/").status_code == 404
