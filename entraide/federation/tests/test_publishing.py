"""A public group's meetings as Events, delivered to its followers by the worker: the contract
Mobilizon 5.1 ingests (reference §1.6), Mastodon's origin rules (§2.8), the 410 of a deleted
meeting (§2.5), retries, and what never leaves (§6)."""

import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client, TestCase
from django.utils import timezone

from conftest import Cast
from entraide.directory.models import SupportGroup
from entraide.federation import documents, signatures
from entraide.federation.keys import key_of
from entraide.federation.models import Follower, Published
from entraide.federation.tasks import publish_group
from entraide.federation.tests.conftest import (
    LINK,
    PLACE,
    SITE,
    get_ap,
    plan,
    queued,
    run_queued,
)
from entraide.federation.tests.remote import Remote
from entraide.meetings.models import Answer, Meeting
from entraide.meetings.series import actions
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CATEGORIES = {"MEETING", "HEALTH"}


def mobilizon_would_ingest(event: dict[str, Any], group_actor: str) -> list[str]:
    """Mobilizon 5.1.3's rules for an incoming Event (reference §1.6); what breaks them."""
    broken = []
    if not event.get("id"):
        broken.append("id")
    to = event.get("to")
    if not isinstance(to, (str, list)) or PUBLIC not in to:
        broken.append("to")
    attributed, actor = event.get("attributedTo"), event.get("actor")
    if not (isinstance(attributed, str) and isinstance(actor, str) and attributed != actor):
        broken.append("attributedTo and actor: two different single URLs (a group event)")
    if event["id"].split("/")[2] != str(attributed).split("/")[2]:
        broken.append("same host and port")
    if not 3 <= len(event.get("name", "")) <= 200:
        broken.append("name")
    offset = r".*T\d\d:\d\d:\d\d[+-]\d\d:\d\d$"
    if not (re.match(offset, event["startTime"]) and re.match(offset, event["endTime"])):
        broken.append("times with an offset")
    if dt.datetime.fromisoformat(event["endTime"]) < dt.datetime.fromisoformat(event["startTime"]):
        broken.append("endTime before startTime")
    if str(uuid.UUID(event["uuid"])) != event["uuid"]:
        broken.append("uuid")
    if "location" in event and not isinstance(event["location"], (str, dict)):
        broken.append("location: one object")
    if not isinstance(event.get("attachment"), list):
        broken.append("attachment: a list")
    if event.get("status") not in ("TENTATIVE", "CONFIRMED", "CANCELLED"):
        broken.append("status")
    if event.get("ical:status") != event.get("status"):
        broken.append("ical:status")
    if event.get("joinMode") not in ("free", "restricted", "invite", "external"):
        broken.append("joinMode")
    if event.get("repliesModerationOption") not in ("allow_all", "closed", "moderated"):
        broken.append("repliesModerationOption")
    if event.get("category") not in CATEGORIES:
        broken.append("category")
    if not isinstance(event.get("content"), str):
        broken.append("content")
    if "?" in event.get("externalParticipationUrl", ""):
        broken.append("externalParticipationUrl: Mobilizon adds ?uuid=")
    return broken


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner)
    elif isinstance(value, str):
        yield value


def assert_private_things_stay(cast: Cast, document: Any) -> None:
    """No member, address, video link, capacity or count in anything we publish."""
    text = json.dumps(document, ensure_ascii=False)
    for person in (cast.alice, cast.bob, cast.chloe, cast.dan):
        assert person.display_name not in text
        assert person.email not in text
    for secret in (PLACE, "rue des Lilas", LINK, "visio.example", "Maison des associations"):
        assert secret not in text
    keys = set(strings(document))
    forbidden = {
        "participantCount",
        "maximumAttendeeCapacity",
        "remainingAttendeeCapacity",
        "memberCount",
        "contacts",
        "streetAddress",
        "latitude",
        "longitude",
    }
    assert not forbidden & keys


def test_the_next_meetings_are_events_mobilizon_ingests(client: Client, cast: Cast) -> None:
    plan(cast)
    group_actor = f"{SITE}/ap/g/{cast.group.slug}"

    events = get_ap(client, f"/ap/g/{cast.group.slug}/events").json()
    outbox = get_ap(client, f"/ap/g/{cast.group.slug}/outbox").json()

    assert events["type"] == outbox["type"] == "OrderedCollection"
    assert 1 <= len(events["orderedItems"]) <= 8
    for event in events["orderedItems"]:
        assert mobilizon_would_ingest(event, group_actor) == []
        assert event["type"] == "Event"
        assert event["attributedTo"] == group_actor
        assert event["actor"] == f"{SITE}/ap/instance"  # never a person
        assert event["joinMode"] == "external"
        assert event["externalParticipationUrl"] == SITE + cast.group.get_absolute_url()
        assert event["commentsEnabled"] is False
        assert event["timezone"] == "Europe/Paris"
        assert event["location"]["address"] == {
            "type": "PostalAddress",
            "addressLocality": "Nantes",
            "postalCode": "44000",
            "addressCountry": "FR",
        }
        assert event["isOnline"] is True  # hybrid: the link itself stays with the members
    for create in outbox["orderedItems"]:
        # Mastodon credits the signer: the group, on the object's host.
        assert create["type"] == "Create"
        assert create["actor"] == group_actor
        assert create["object"]["id"].startswith(SITE + "/")
    assert_private_things_stay(cast, [events, outbox])


def test_a_meeting_s_address_is_an_event_for_servers_and_the_page_for_people(
    client: Client, cast: Cast
) -> None:
    meeting = plan(cast)[0]

    event = get_ap(client, f"/ap/m/{meeting.pk}")
    page = client.get(f"/ap/m/{meeting.pk}", headers={"Accept": "text/html"})

    assert event.status_code == 200
    assert event["Content-Type"] == "application/activity+json"
    assert event.json()["id"] == f"{SITE}/ap/m/{meeting.pk}"
    assert page.status_code == 302
    assert page["Location"] == cast.group.get_absolute_url()
    assert_private_things_stay(cast, event.json())


def test_a_private_group_s_meetings_are_not_found(client: Client, cast: Cast) -> None:
    meeting = plan(cast)[0]
    SupportGroup.objects.filter(pk=cast.group.pk).update(is_published=False)

    assert get_ap(client, f"/ap/m/{meeting.pk}").status_code == 404


@pytest.fixture
def followed(cast: Cast, remote: Remote) -> Follower:
    return Follower.objects.create(group=cast.group, actor=remote.actor, inbox=remote.inbox)


def changed(action: Callable[[], Any]) -> Any:
    """Do a change of the meetings, commit it as production would, and run the worker."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = action()
    run_queued()
    return result


def test_planned_meetings_reach_the_followers_signed_by_the_group(
    cast: Cast, remote: Remote, followed: Follower
) -> None:
    meetings = changed(lambda: plan(cast))

    creates = [posted.activity for posted in remote.posted]
    assert [activity["type"] for activity in creates] == ["Create"] * len(creates)
    assert len(creates) == min(len(meetings), 8)
    assert {activity["object"]["id"] for activity in creates} == {
        f"{SITE}/ap/m/{meeting.pk}" for meeting in meetings[:8]
    }
    group_actor = f"{SITE}/ap/g/{cast.group.slug}"
    public_pem = key_of(cast.group).public_pem
    for posted in remote.posted:
        assert posted.path == "/users/tcit/inbox"
        assert posted.headers["Content-Type"] == "application/activity+json"
        verified = signatures.verify(
            "POST", posted.path, posted.headers, posted.body, lambda key, refresh: public_pem
        )
        assert verified.actor == group_actor == posted.activity["actor"]
    assert_private_things_stay(cast, creates)


def test_moved_cancelled_and_removed_meetings_are_updated_and_deleted(
    client: Client, cast: Cast, remote: Remote, followed: Follower
) -> None:
    meetings = changed(lambda: plan(cast))
    first, second = meetings[0], meetings[1]
    alice = Membership.objects.get(group=cast.group, user=cast.alice)
    remote.posted.clear()

    changed(
        lambda: actions.move_meeting(
            first,
            starts_at=first.starts_at + dt.timedelta(hours=1),
            ends_at=first.ends_at + dt.timedelta(hours=1),
            by=alice,
        )
    )
    changed(lambda: actions.cancel_meeting(second, by=alice))

    moved, cancelled = (posted.activity for posted in remote.posted)
    assert moved["type"] == "Update"
    assert moved["object"]["id"] == f"{SITE}/ap/m/{first.pk}"
    assert moved["object"]["startTime"].startswith(
        first.starts_at.astimezone(cast.group.time_zone).strftime("%Y-%m-%dT")
    )
    assert cancelled["type"] == "Update"
    assert cancelled["object"]["status"] == cancelled["object"]["ical:status"] == "CANCELLED"

    # The rhythm changes to the third Thursday: the planned Tuesdays nobody answered go.
    Answer.objects.create(
        meeting=meetings[2], user=cast.bob, response="coming", answered_at=timezone.now()
    )
    remote.posted.clear()
    changed(lambda: plan(cast, weekday=3))

    kinds = [posted.activity["type"] for posted in remote.posted]
    deleted = [
        a["object"]["id"] for a in (p.activity for p in remote.posted) if a["type"] == "Delete"
    ]
    assert "Delete" in kinds
    assert f"{SITE}/ap/m/{meetings[3].pk}" in deleted
    gone = get_ap(client, f"/ap/m/{meetings[3].pk}")
    assert gone.status_code == 410  # Mobilizon deletes only after a 410
    assert gone.json()["type"] == "Tombstone"
    assert client.get(f"/ap/m/{meetings[3].pk}", headers={"Accept": "text/html"}).status_code == 410
    # Someone answered that one: it is cancelled, not deleted.
    updates = {
        a["object"]["id"]: a["object"]["status"]
        for a in (p.activity for p in remote.posted)
        if a["type"] == "Update"
    }
    assert updates.get(f"{SITE}/ap/m/{meetings[2].pk}") == "CANCELLED"


def test_nothing_is_sent_again_when_nothing_changed(
    cast: Cast, remote: Remote, followed: Follower
) -> None:
    changed(lambda: plan(cast))
    remote.posted.clear()

    changed(lambda: publish_group.enqueue(cast.group.pk))

    assert remote.posted == []


def test_a_group_nobody_follows_queues_nothing(cast: Cast) -> None:
    changed(lambda: plan(cast))

    assert queued("entraide.federation.tasks.publish_group") == []
    assert not Published.objects.exists()


def test_a_failed_delivery_is_tried_again_later_signed_anew(
    cast: Cast, remote: Remote, followed: Follower
) -> None:
    remote.answers = [503] * 20
    changed(lambda: plan(cast))

    retries = [job for job in queued() if job.status == "READY"]
    assert retries  # each failed delivery waits for its next try
    for job in retries:
        assert job.args_kwargs["args"][3] == 1
        assert job.run_after > timezone.now() + dt.timedelta(seconds=50)


def test_a_refused_delivery_is_not_tried_again(
    cast: Cast, remote: Remote, followed: Follower
) -> None:
    remote.answers = [400] * 20
    changed(lambda: plan(cast))

    assert remote.posted
    assert [job for job in queued() if job.status == "READY"] == []


def test_private_addresses_are_refused_outside_tests(
    cast: Cast, remote: Remote, followed: Follower, settings: Any
) -> None:
    settings.FEDERATION_ALLOW_PRIVATE_ADDRESSES = False

    changed(lambda: plan(cast))

    assert remote.posted == []


def test_the_event_is_what_the_reference_proposes(cast: Cast) -> None:
    meeting = plan(cast)[0]
    event = documents.event(Meeting.objects.get(pk=meeting.pk), cast.group)

    assert event["@context"][:2] == [
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
    ]
    context = event["@context"][2]
    # Every Mobilizon term we emit is defined in our context, spelled as Mobilizon spells it.
    for term in (
        "joinMode",
        "externalParticipationUrl",
        "repliesModerationOption",
        "commentsEnabled",
        "anonymousParticipationEnabled",
        "isOnline",
        "timezone",
        "uuid",
        "category",
        "location",
        "address",
        "postalCode",
        "addressLocality",
        "addressCountry",
        "inLanguage",
    ):
        assert term in context, term
    assert event["name"] == cast.group.name
    assert "Nantes" in event["summary"]


def test_a_gone_follower_is_forgotten(cast: Cast, remote: Remote, followed: Follower) -> None:
    remote.answers = [410] * 20
    changed(lambda: plan(cast))

    assert remote.posted
    assert not Follower.objects.exists()


def test_a_deleted_event_s_id_is_never_created_again(
    client: Client, cast: Cast, remote: Remote, followed: Follower
) -> None:
    """Unpublished, the group's Events are deleted (410); published again, those meetings are
    not sent anew under ids Mobilizon keeps as Tombstones."""
    meetings = changed(lambda: plan(cast))
    SupportGroup.objects.filter(pk=cast.group.pk).update(is_published=False)
    changed(lambda: publish_group.enqueue(cast.group.pk))
    assert get_ap(client, f"/ap/m/{meetings[0].pk}").status_code == 410
    SupportGroup.objects.filter(pk=cast.group.pk).update(is_published=True)
    remote.posted.clear()

    changed(lambda: publish_group.enqueue(cast.group.pk))

    assert remote.posted == []
    assert get_ap(client, f"/ap/m/{meetings[0].pk}").status_code == 410
