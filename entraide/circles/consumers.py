"""The circle's socket: one per device, in the circle's channel group.

On connecting, a device gets the whole current state (a phone that slept and reconnects is up
to date at once); then every change made anywhere, by socket or by plain form, on this server
process or another (with the Redis layer). Someone who may not sit in the circle has the
socket closed before it opens, exactly as for a meeting that does not exist.
"""

import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db import OperationalError
from django.utils import translation

from entraide.circles import access, actions, fanout
from entraide.circles.access import Seat
from entraide.circles.forms import ActionForm
from entraide.circles.texts import refusal
from entraide.lib.refusals import Refused


def _current_news(seat: Seat) -> dict[str, Any]:
    return actions.news(access.circle_at(seat), seat.meeting)


# SQLite (`make run`, the tests) may find a table locked by another writer for a moment, and its
# shared-cache test database does not wait by itself; PostgreSQL waits for the row lock. An
# action that met a lock changed nothing (it runs in one transaction): it is tried again.
LOCK_RETRIES = 5


def _perform(seat: Seat, data: dict[str, Any]) -> dict[str, Any]:
    for attempt in range(LOCK_RETRIES):
        try:
            changed = actions.perform(
                seat,
                data["action"],
                person=data["person"],
                turn=data["turn"],
                minutes=data["minutes"],
            )
        except OperationalError as error:
            if "locked" not in str(error) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
        else:
            return actions.news(changed, seat.meeting)
    raise AssertionError("unreachable")


class CircleConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    seat: Seat | None = None
    group: str = ""

    async def connect(self) -> None:
        kwargs = self.scope["url_route"]["kwargs"]
        self.seat = await database_sync_to_async(access.seat_for_person)(
            self.scope.get("user"), kwargs["slug"], kwargs["meeting_id"]
        )
        if self.seat is None:
            await self.close()
            return
        self.group = fanout.group_name(self.seat.meeting.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(await database_sync_to_async(_current_news)(self.seat))

    async def disconnect(self, code: int) -> None:
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if self.seat is None:
            return
        form = ActionForm(content if isinstance(content, dict) else {})
        if not form.is_valid():
            await self._refuse("invalid")
            return
        try:
            news = await database_sync_to_async(_perform)(self.seat, form.cleaned_data)
        except Refused as refused:
            await self._refuse(refused.code)
            return
        await fanout.send(self.seat.meeting.pk, news)

    async def _refuse(self, reason: str) -> None:
        """Only the device that asked hears about it, in its person's language."""
        with translation.override(self._language()):
            message = refusal(reason)
        await self.send_json({"type": "refused", "reason": reason, "message": message})

    def _language(self) -> str:
        chosen = self.scope.get("cookies", {}).get("entraide_language")
        if chosen in ("fr", "en"):
            return str(chosen)
        user = self.scope.get("user")
        return str(getattr(user, "preferred_language", "") or "fr")

    async def dispatch(self, message: dict[str, Any]) -> None:
        # Channels closes old database connections before every handler, in the one thread
        # that runs database code: for news, which touch no database, that was a hop per
        # socket per change, the main cost under load (benchmarks/circle.py).
        if message.get("type") == "circle.news":
            await self.circle_news(message)
            return
        await super().dispatch(message)

    async def circle_news(self, event: dict[str, Any]) -> None:
        await self.send(text_data=event["text"])
