"""Telling every device of a circle what changed, through the channel layer.

The layer is the in-process one in the embedded setup and Redis in production (settings'
CHANNEL_LAYERS): with Redis, a change made by one server process reaches the sockets held by
every other. It carries news only; the state itself is in the database.
"""

import asyncio
import json
import threading
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def group_name(meeting_id: int) -> str:
    return f"circle-{meeting_id}"


def event(news: dict[str, Any]) -> dict[str, Any]:
    """The layer's message: serialised once here, not once per socket."""
    return {"type": "circle.news", "text": json.dumps(news)}


async def send(meeting_id: int, news: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is not None:
        await layer.group_send(group_name(meeting_id), event(news))


def send_now(meeting_id: int, news: dict[str, Any]) -> None:
    """The same, from synchronous code (a view)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(send)(meeting_id, news)
        return
    # An event loop already runs in this thread: that of a caller driving a browser through
    # Playwright's synchronous API (the test suite), where async_to_sync refuses to run.
    # The news then leaves from a thread of its own.
    sender = threading.Thread(target=asyncio.run, args=(send(meeting_id, news),))
    sender.start()
    sender.join()
