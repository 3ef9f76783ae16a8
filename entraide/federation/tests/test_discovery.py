"""WebFinger, NodeInfo and the actors, as Mobilizon 5.1 and Mastodon read them
(shared/reference/activitypub-mobilizon.md §1.2, §2.1, §2.2, §2.7)."""

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from conftest import Cast
from entraide.directory.models import SupportGroup
from entraide.federation.tests.conftest import AP, LD, SITE, get_ap

pytestmark = pytest.mark.django_db


def finger(client: Client, resource: str) -> Any:
    return client.get("/.well-known/webfinger", {"resource": resource})


def test_webfinger_finds_a_public_group_by_its_handle(client: Client, cast: Cast) -> None:
    handle = cast.group.slug.replace("-", "_")

    response = client.get(f"/.well-known/webfinger?resource=acct:{handle}@a.entraide.test")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/jrd+json"
    found = response.json()
    assert found["subject"] == f"acct:{handle}@a.entraide.test"
    selves = [link for link in found["links"] if link["rel"] == "self"]
    # Mobilizon takes the actor only from a self link typed exactly so.
    assert selves == [{"rel": "self", "type": AP, "href": f"{SITE}/ap/g/{cast.group.slug}"}]


def test_webfinger_takes_the_resource_encoded_or_not_and_the_slug_too(
    client: Client, cast: Cast
) -> None:
    handle = cast.group.slug.replace("-", "_")
    for resource in (
        quote(f"acct:{handle}@a.entraide.test"),
        f"acct:{cast.group.slug}@a.entraide.test",
        f"{SITE}/ap/g/{cast.group.slug}",
    ):
        response = client.get(f"/.well-known/webfinger?resource={resource}")
        assert response.status_code == 200, resource
        assert response.json()["subject"] == f"acct:{handle}@a.entraide.test"


def test_the_handle_loops_back_to_the_actor_s_preferred_username(
    client: Client, cast: Cast
) -> None:
    """Mastodon fingers preferredUsername@host again and wants the same actor."""
    actor = get_ap(client, f"/ap/g/{cast.group.slug}").json()
    found = finger(client, f"acct:{actor['preferredUsername']}@a.entraide.test").json()

    assert re.fullmatch(r"[a-z0-9_]{1,100}", actor["preferredUsername"])
    assert found["links"][0]["href"] == actor["id"]


def test_webfinger_knows_no_private_or_unknown_group_nor_another_host(
    client: Client, cast: Cast, make_group: Callable[..., SupportGroup]
) -> None:
    hidden = make_group("Groupe caché")
    hidden.is_published = False
    hidden.save()

    for resource in (
        f"acct:{hidden.slug}@a.entraide.test",
        "acct:personne@a.entraide.test",
        f"acct:{cast.group.slug}@b.entraide.test",
        "",
    ):
        assert finger(client, resource).status_code == 404, resource


def test_webfinger_answers_relay_with_the_instance_actor(client: Client) -> None:
    found = finger(client, "acct:relay@a.entraide.test").json()

    assert found["links"][0] == {"rel": "self", "type": AP, "href": f"{SITE}/ap/instance"}


def test_nodeinfo_advertises_the_application_actor_and_says_nothing_of_usage(
    client: Client, cast: Cast
) -> None:
    index = client.get("/.well-known/nodeinfo")

    assert index["Content-Type"] == "application/json"
    links = index.json()["links"]
    assert all(set(link) == {"rel", "href"} for link in links)
    assert {
        "rel": "https://www.w3.org/ns/activitystreams#Application",
        "href": f"{SITE}/ap/instance",
    } in links
    for version in ("2.0", "2.1"):
        document = client.get(f"/nodeinfo/{version}").json()
        assert document["version"] == version
        assert document["protocols"] == ["activitypub"]
        # How many people use a peer-support site is not published.
        assert document["usage"] == {"users": {}}


@pytest.mark.parametrize("accept", [AP, LD])
def test_a_group_is_a_group_actor_mobilizon_can_store(
    client: Client, cast: Cast, accept: str
) -> None:
    response = get_ap(client, f"/ap/g/{cast.group.slug}", accept)

    assert response.status_code == 200
    assert response["Content-Type"] == AP
    assert "Accept" in response["Vary"]
    actor = response.json()
    actor_id = f"{SITE}/ap/g/{cast.group.slug}"
    assert actor["id"] == actor_id
    assert actor["type"] == "Group"
    assert actor["name"] == cast.group.name
    assert actor["url"] == f"{SITE}{cast.group.get_absolute_url()}"
    assert len(actor["summary"]) <= 5000
    assert actor["discoverable"] is True
    assert actor["manuallyApprovesFollowers"] is False  # Mastodon would wait for an Accept
    assert actor["publicKey"]["id"] == f"{actor_id}#main-key"
    assert actor["publicKey"]["owner"] == actor_id
    assert actor["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    # Mobilizon refreshes a group through seven collections and stops at the first missing.
    for name in ("members", "resources", "posts", "todos", "discussions", "events"):
        assert actor["endpoints"][name] == f"{actor_id}/{name}"
    for name in ("inbox", "outbox", "followers", "following"):
        assert actor[name] == f"{actor_id}/{name}"
    assert actor["endpoints"]["sharedInbox"] == f"{SITE}/ap/inbox"
    assert "memberCount" not in actor


def test_a_group_keeps_its_key(client: Client, cast: Cast) -> None:
    first = get_ap(client, f"/ap/g/{cast.group.slug}").json()["publicKey"]["publicKeyPem"]
    again = get_ap(client, f"/ap/g/{cast.group.slug}").json()["publicKey"]["publicKeyPem"]
    instance = get_ap(client, "/ap/instance").json()["publicKey"]["publicKeyPem"]

    assert first == again != instance


def test_a_browser_is_sent_to_the_group_s_page(client: Client, cast: Cast) -> None:
    response = client.get(f"/ap/g/{cast.group.slug}", headers={"Accept": "text/html"})

    assert response.status_code == 302
    assert response["Location"] == cast.group.get_absolute_url()
    assert "Accept" in response["Vary"]


def test_a_private_group_has_no_actor(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    hidden = make_group("Groupe caché")
    hidden.is_published = False
    hidden.save()

    for path in ("", "/outbox", "/events", "/followers", "/members"):
        assert get_ap(client, f"/ap/g/{hidden.slug}{path}").status_code == 404


def test_the_instance_is_an_application_actor(client: Client) -> None:
    actor = get_ap(client, "/ap/instance").json()

    assert actor["type"] == "Application"
    assert actor["id"] == f"{SITE}/ap/instance"
    assert actor["preferredUsername"] == "relay"
    assert actor["publicKey"]["id"] == f"{SITE}/ap/instance#main-key"


def test_followers_are_never_shown_not_even_their_number(client: Client, cast: Cast) -> None:
    for path in (f"/ap/g/{cast.group.slug}/followers", "/ap/instance/followers"):
        followers = get_ap(client, path).json()
        assert followers["type"] == "OrderedCollection"
        assert not {"totalItems", "orderedItems", "items", "first"} & set(followers)


def test_mobilizon_s_group_collections_are_empty_ordered_collections(
    client: Client, cast: Cast
) -> None:
    for name in ("following", "members", "resources", "posts", "todos", "discussions"):
        collection = get_ap(client, f"/ap/g/{cast.group.slug}/{name}").json()
        assert collection["type"] == "OrderedCollection"  # a plain Collection is refused
        assert collection["orderedItems"] == []
