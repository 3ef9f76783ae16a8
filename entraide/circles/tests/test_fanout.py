"""The news of a circle leaves from synchronous code, whatever runs around it."""

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any

from channels.layers import get_channel_layer

from entraide.circles.fanout import group_name, send_now

NEWS = {"type": "circle.news", "text": '{"turn": 3}'}


def test_news_sent_from_a_view_reach_a_listening_socket() -> None:
    layer = get_channel_layer()
    assert layer is not None
    channel = in_a_thread_of_its_own(join(layer, 41))

    send_now(41, {"turn": 3})

    assert in_a_thread_of_its_own(layer.receive(channel)) == NEWS


def test_news_also_leave_from_a_thread_where_an_event_loop_runs() -> None:
    # Called inside a running loop, as a view is when a test drives Playwright's sync API.
    assert in_a_thread_of_its_own(listen_and_send_inside_the_loop()) == NEWS


def in_a_thread_of_its_own(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to its end in a new thread: this test's own thread may already hold
    Playwright's loop when browser tests ran before it in the same process."""
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(coroutine)))
    thread.start()
    thread.join()
    return result[0]


async def join(layer: Any, meeting_id: int) -> str:
    channel: str = await layer.new_channel()
    await layer.group_add(group_name(meeting_id), channel)
    return channel


async def listen_and_send_inside_the_loop() -> dict[str, Any]:
    layer = get_channel_layer()
    assert layer is not None
    channel = await join(layer, 42)
    send_now(42, {"turn": 3})
    news: dict[str, Any] = await layer.receive(channel)
    return news
