"""The circle's sockets over a real ASGI server (uvicorn on loopback), with the project's channel
layer: the in-process one by default, Redis when REDIS_URL is set (CI)."""

import asyncio
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import channel_layers, get_channel_layer
from django.test import Client
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin

from conftest import Cast
from entraide.accounts.models import User
from entraide.circles import actions, fanout
from entraide.circles.access import seat_for_person
from entraide.circles.models import Circle
from entraide.circles.tests.server import asgi_server, free_port
from entraide.meetings.models import Meeting, RoleAssignment, RoleKind

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 5.0


@pytest.fixture
def server() -> Iterator[str]:
    with asgi_server() as base:
        yield base


def session_of(person: User) -> str:
    client = Client()
    client.force_login(person)
    return client.cookies["sessionid"].value


def socket_url(base: str, meeting: Meeting) -> str:
    path = f"/ws/mes-groupes/{meeting.group.slug}/rencontres/{meeting.pk}/cercle/"
    return base.replace("http://", "ws://") + path


def join(
    base: str, meeting: Meeting, person: User | None, origin: str | None = None
) -> ClientConnection:
    headers = {"Cookie": f"sessionid={session_of(person)}"} if person else {}
    return connect(
        socket_url(base, meeting),
        origin=Origin(origin or base),
        additional_headers=headers,
        open_timeout=WAIT,
    )


def until(ws: ClientConnection, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The first message that is wanted; earlier news is skipped, as a page would."""
    while True:
        message: dict[str, Any] = json.loads(ws.recv(timeout=WAIT))
        if wanted(message):
            return message


def heard_after(ws: ClientConnection, version: int) -> list[dict[str, Any]]:
    """The refusals and the news newer than `version` that a socket hears: until it has the
    news and a refusal, or the news and a second of silence."""
    heard: list[dict[str, Any]] = []
    while True:
        has_news = any(m["type"] == "state" for m in heard)
        if has_news and any(m["type"] == "refused" for m in heard):
            return heard
        try:
            message: dict[str, Any] = json.loads(ws.recv(timeout=1 if has_news else WAIT))
        except TimeoutError:
            if has_news:
                return heard
            raise
        if message["type"] == "refused" or message.get("version", 0) > version:
            heard.append(message)


def opened(meeting: Meeting, by: User) -> Circle:
    seat = seat_for_person(by, meeting.group.slug, meeting.pk)
    assert seat is not None
    return actions.open_circle(seat)


def names(people: list[dict[str, Any]]) -> list[str]:
    return [person["name"] for person in people]


def test_the_sockets_use_redis_when_redis_url_is_set() -> None:
    layer = type(get_channel_layer()).__name__
    expected = "RedisChannelLayer" if os.environ.get("REDIS_URL") else "InMemoryChannelLayer"

    assert layer == expected


@pytest.mark.parametrize("who", ["anonymous", "stranger", "wrong_origin"])
def test_a_socket_from_outside_the_circle_is_closed_before_it_opens(
    cast: Cast, meeting: Meeting, server: str, who: str
) -> None:
    opened(meeting, cast.alice)
    person = {"anonymous": None, "stranger": cast.dan, "wrong_origin": cast.bob}[who]
    origin = "http://elsewhere.example" if who == "wrong_origin" else None

    with pytest.raises(InvalidStatus):
        join(server, meeting, person, origin)


def test_every_device_gets_the_whole_state_on_connecting_and_every_change_after(
    cast: Cast, meeting: Meeting, server: str
) -> None:
    opened(meeting, cast.alice)
    with (
        join(server, meeting, cast.alice) as alice,
        join(server, meeting, cast.bob) as bob,
        join(server, meeting, cast.chloe) as chloe,
    ):
        for ws in (alice, bob, chloe):
            first = until(ws, lambda m: m["type"] == "state")
            assert first["open"] and names(first["present"]) == ["Alice"]

        bob.send(json.dumps({"action": "join"}))
        # Two sockets race: Bob's seat is taken before Chloé asks for hers, so that the
        # seating order below is known.
        until(chloe, lambda m: names(m.get("present", [])) == ["Alice", "Bob"])
        chloe.send(json.dumps({"action": "join"}))
        chloe.send(json.dumps({"action": "raise"}))

        for ws in (alice, bob, chloe):
            seen = until(ws, lambda m: names(m.get("queue", [])) == ["Chloé"])
            assert names(seen["present"]) == ["Alice", "Bob", "Chloé"]


def test_a_plain_form_posted_to_the_server_reaches_every_socket(
    cast: Cast, meeting: Meeting, server: str
) -> None:
    opened(meeting, cast.alice)
    page = f"{server}/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/cercle/"
    with join(server, meeting, cast.alice) as alice, httpx.Client() as bob_browser:
        until(alice, lambda m: m["type"] == "state")
        session = session_of(cast.bob)
        # The cookies are sent by hand: outside DEBUG they are marked secure, and this is http.
        shown = bob_browser.get(page, headers={"Cookie": f"sessionid={session}"})
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', shown.text)
        assert token is not None
        cookies = f"sessionid={session}; csrftoken={shown.cookies['csrftoken']}"

        response = bob_browser.post(
            page,
            data={"action": "join", "csrfmiddlewaretoken": token.group(1)},
            headers={"Cookie": cookies},
        )

        assert response.status_code == 302
        until(alice, lambda m: names(m.get("present", [])) == ["Alice", "Bob"])


def test_a_refused_action_is_told_only_to_the_device_that_asked(
    cast: Cast, meeting: Meeting, server: str
) -> None:
    opened(meeting, cast.alice)
    with join(server, meeting, cast.alice) as alice, join(server, meeting, cast.bob) as bob:
        until(alice, lambda m: m["type"] == "state")
        until(bob, lambda m: m["type"] == "state")

        bob.send(json.dumps({"action": "next"}))
        refused = until(bob, lambda m: True)
        alice.send(json.dumps({"action": "raise"}))
        alice_next = until(alice, lambda m: True)

        assert refused["type"] == "refused" and refused["reason"] == "not_allowed"
        # Alice's next message is her own raised hand, not Bob's refusal.
        assert alice_next["type"] == "state" and names(alice_next["queue"]) == ["Alice"]


def test_two_facilitators_moving_on_at_the_same_moment_move_the_floor_once(
    cast: Cast, meeting: Meeting, server: str
) -> None:
    RoleAssignment.objects.create(meeting=meeting, role=RoleKind.TIMEKEEPING, user=cast.bob)
    opened(meeting, cast.alice)
    with join(server, meeting, cast.alice) as alice, join(server, meeting, cast.bob) as bob:
        until(alice, lambda m: m["type"] == "state")
        until(bob, lambda m: m["type"] == "state")
        for person in (cast.bob, cast.chloe):
            alice.send(json.dumps({"action": "join", "person": person.pk}))
        alice.send(json.dumps({"action": "start_round"}))
        state = until(alice, lambda m: m.get("mode") == "round")
        assert state["floor"]["name"] == "Alice"

        go = threading.Barrier(2)

        def move_on(ws: ClientConnection) -> None:
            go.wait()
            ws.send(json.dumps({"action": "next", "turn": state["turn"]}))

        threads = [threading.Thread(target=move_on, args=(ws,)) for ws in (alice, bob)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # Each socket hears the move that won; the one that lost also hears its refusal,
        # before or after that news (two sockets race: either order is right).
        heard = [heard_after(ws, state["version"]) for ws in (alice, bob)]

    assert all(any(m["type"] == "state" for m in each) for each in heard)
    refusals = [m["reason"] for each in heard for m in each if m["type"] == "refused"]
    assert refusals == ["stale"]
    newer = {m["version"] for each in heard for m in each if m["type"] == "state"}
    assert newer == {state["version"] + 1}  # the floor moved once
    circle = Circle.objects.get(meeting=meeting)
    assert circle.state["floor"] == cast.bob.pk
    assert circle.version == state["version"] + 1


def test_a_device_that_reconnects_after_a_server_restart_finds_the_circle_as_it_was(
    cast: Cast, meeting: Meeting
) -> None:
    opened(meeting, cast.alice)
    port = free_port()
    with asgi_server(port) as base, join(base, meeting, cast.bob) as bob:
        until(bob, lambda m: m["type"] == "state")
        bob.send(json.dumps({"action": "join"}))
        bob.send(json.dumps({"action": "raise"}))
        before = until(bob, lambda m: names(m.get("queue", [])) == ["Bob"])

    # A new server process takes over: nothing was kept in the old one's memory.
    with asgi_server(port) as base, join(base, meeting, cast.bob) as bob:
        after = until(bob, lambda m: m["type"] == "state")

    assert after["version"] == before["version"]
    assert names(after["queue"]) == ["Bob"]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the Redis channel layer")
def test_with_redis_a_change_made_in_another_process_reaches_the_sockets(
    cast: Cast, meeting: Meeting, server: str
) -> None:
    """Another server process is played by this test's thread with its own Redis layer: the
    news goes through Redis, not through the serving process's memory."""
    opened(meeting, cast.alice)
    with join(server, meeting, cast.bob) as bob:
        until(bob, lambda m: m["type"] == "state")
        seat = seat_for_person(cast.alice, meeting.group.slug, meeting.pk)
        assert seat is not None
        news = actions.news(actions.perform(seat, "raise"), meeting)
        elsewhere = channel_layers.make_backend(DEFAULT_CHANNEL_LAYER)

        # In a thread of its own, as another process would: this test's thread may already
        # run an event loop (Playwright's, when browser tests share the session).
        sender = threading.Thread(
            target=asyncio.run,
            args=(elsewhere.group_send(fanout.group_name(meeting.pk), fanout.event(news)),),
        )
        sender.start()
        sender.join()

        until(bob, lambda m: names(m.get("queue", [])) == ["Alice"])
