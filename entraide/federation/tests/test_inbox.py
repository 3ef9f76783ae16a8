"""The inboxes: a signed Follow from a Mastodon-shaped actor is stored and Accepted by the
worker, Undo removes it; unsigned, tampered, stale or misattributed posts are refused and
change nothing (reference §2.3, §2.4, §4's security checklist)."""

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client, TestCase

from conftest import Cast
from entraide.federation import signatures
from entraide.federation.keys import key_of
from entraide.federation.models import Follower, RemoteActor
from entraide.federation.tests.conftest import SITE, run_queued
from entraide.federation.tests.remote import PRIVATE, Remote

pytestmark = pytest.mark.django_db


def follow(remote: Remote, cast: Cast) -> dict[str, Any]:
    """Mastodon's Follow (fixture mastodon-follow-activity.json's shape: a fragment id)."""
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{remote.actor}#follows/2",
        "type": "Follow",
        "actor": remote.actor,
        "object": f"{SITE}/ap/g/{cast.group.slug}",
    }


def post(
    client: Client, remote: Remote, path: str, activity: dict[str, Any], **changes: Any
) -> Any:
    body = json.dumps(activity).encode()
    # The test client's requests reach "testserver": that is the host signed.
    headers = remote.sign(f"http://testserver{path}", body)
    headers.update(changes)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, body, content_type="application/activity+json", headers=headers)


def test_a_follow_is_kept_and_accepted_by_the_group(
    client: Client, cast: Cast, remote: Remote
) -> None:
    response = post(client, remote, f"/ap/g/{cast.group.slug}/inbox", follow(remote, cast))
    run_queued()

    assert response.status_code == 202
    follower = Follower.objects.get()
    assert (follower.group, follower.actor) == (cast.group, remote.actor)
    assert follower.inbox == f"{remote.base}/inbox"  # the shared inbox, as Mobilizon does
    accept = remote.posted[0].activity
    assert accept["type"] == "Accept"
    assert accept["actor"] == f"{SITE}/ap/g/{cast.group.slug}"
    assert accept["object"]["id"] == f"{remote.actor}#follows/2"
    public_pem = key_of(cast.group).public_pem
    posted = remote.posted[0]
    assert (
        signatures.verify(
            "POST", posted.path, posted.headers, posted.body, lambda key, refresh: public_pem
        ).actor
        == accept["actor"]
    )


def test_the_shared_inbox_routes_a_follow_by_its_object(
    client: Client, cast: Cast, remote: Remote
) -> None:
    """Mobilizon posts to the sharedInbox it finds in the actor."""
    assert post(client, remote, "/ap/inbox", follow(remote, cast)).status_code == 202
    assert Follower.objects.get().group == cast.group


def test_undo_removes_the_follower(client: Client, cast: Cast, remote: Remote) -> None:
    post(client, remote, "/ap/inbox", follow(remote, cast))
    undo = {
        "id": f"{remote.actor}#follows/2/undo",
        "type": "Undo",
        "actor": remote.actor,
        "object": follow(remote, cast),
    }

    assert post(client, remote, "/ap/inbox", undo).status_code == 202
    assert not Follower.objects.exists()


def test_an_unsigned_post_is_refused(client: Client, cast: Cast, remote: Remote) -> None:
    response = client.post(
        "/ap/inbox", json.dumps(follow(remote, cast)), content_type="application/activity+json"
    )

    assert response.status_code == 401
    assert not Follower.objects.exists()


def test_a_tampered_body_is_refused(client: Client, cast: Cast, remote: Remote) -> None:
    activity = follow(remote, cast)
    body = json.dumps(activity).encode()
    headers = remote.sign("http://testserver/ap/inbox", body)
    activity["object"] = f"{SITE}/ap/instance"

    response = client.post(
        "/ap/inbox", json.dumps(activity), content_type="application/activity+json", headers=headers
    )

    assert response.status_code == 401
    assert not Follower.objects.exists()


def test_a_stale_date_is_refused(client: Client, cast: Cast, remote: Remote) -> None:
    body = json.dumps(follow(remote, cast)).encode()
    headers = signatures.sign(
        "POST",
        "http://testserver/ap/inbox",
        key_id=f"{remote.actor}#main-key",
        private_pem=PRIVATE,
        body=body,
        now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2),
    )

    response = client.post(
        "/ap/inbox", body, content_type="application/activity+json", headers=headers
    )

    assert response.status_code == 401
    assert not Follower.objects.exists()


def test_a_key_from_another_actor_is_refused(client: Client, cast: Cast, remote: Remote) -> None:
    """Signed by one actor, on behalf of another: refused (Mobilizon's check too)."""
    activity = follow(remote, cast)
    activity["actor"] = f"{remote.base}/users/someone-else"

    assert post(client, remote, "/ap/inbox", activity).status_code == 400
    assert not Follower.objects.exists()


def test_a_follow_of_a_private_group_is_refused(client: Client, cast: Cast, remote: Remote) -> None:
    cast.group.is_published = False
    cast.group.save()

    assert post(client, remote, "/ap/inbox", follow(remote, cast)).status_code == 400
    assert (
        post(client, remote, f"/ap/g/{cast.group.slug}/inbox", follow(remote, cast)).status_code
        == 404
    )
    assert not Follower.objects.exists()


def test_the_signer_s_key_is_not_fetched_from_a_private_address_outside_tests(
    client: Client, cast: Cast, remote: Remote, settings: Any
) -> None:
    settings.FEDERATION_ALLOW_PRIVATE_ADDRESSES = False

    assert post(client, remote, "/ap/inbox", follow(remote, cast)).status_code == 401
    assert not RemoteActor.objects.exists()


def test_join_and_replies_are_ignored(client: Client, cast: Cast, remote: Remote) -> None:
    join = {
        "id": f"{remote.actor}#join/1",
        "type": "Join",
        "actor": remote.actor,
        "object": f"{SITE}/ap/m/1",
    }

    assert post(client, remote, "/ap/inbox", join).status_code == 202
    assert not Follower.objects.exists()


def test_an_address_posting_too_often_is_held_back(
    client: Client, cast: Cast, remote: Remote, settings: Any
) -> None:
    settings.FEDERATION_INBOX_PER_MINUTE = 2
    statuses = [
        post(client, remote, "/ap/inbox", follow(remote, cast)).status_code for _ in range(3)
    ]

    assert statuses == [202, 202, 429]


def test_only_activity_json_is_read(client: Client, cast: Cast) -> None:
    response = client.post("/ap/inbox", {"type": "Follow"})

    assert response.status_code == 415
