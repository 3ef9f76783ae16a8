"""`manage.py federation_follow name@host` (or an actor's URL): this instance's actor follows a
remote group; its Create, Update and Delete are then kept in `Received`. What the two-instance
test uses; also a way for a site team to check federation with another server by hand."""

import json
from hashlib import sha256
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from entraide.federation import documents, net
from entraide.federation.inbox import remote_actor
from entraide.federation.keys import key_of
from entraide.federation.models import Following
from entraide.federation.tasks import send_later


def actor_of(handle: str) -> str:
    """The actor URL a `name@host` handle names, by WebFinger."""
    name, _, host = handle.removeprefix("@").partition("@")
    if not name or not host:
        raise CommandError("Give name@host or an actor's URL.")
    scheme = "http" if settings.FEDERATION_ALLOW_HTTP else "https"
    url = f"{scheme}://{host}/.well-known/webfinger?resource={quote(f'acct:{name}@{host}')}"
    key = key_of(None)
    answer = net.request(
        "GET", url, key_id=f"{documents.instance_id()}#main-key", private_pem=key.private_pem
    )
    if answer.status != 200:
        raise CommandError(f"WebFinger answered {answer.status}.")
    for link in json.loads(answer.body).get("links", []):
        if link.get("rel") == "self" and link.get("type") == net.ACTIVITY_JSON:
            return str(link["href"])
    raise CommandError("No ActivityPub actor for this handle.")


class Command(BaseCommand):
    help = "Follow a remote group with this instance's actor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("handle", help="name@host, or the actor's URL")

    def handle(self, *args: Any, **options: Any) -> None:
        handle: str = options["handle"]
        try:
            actor = handle if "://" in handle else actor_of(handle)
            remote = remote_actor(actor, refresh=True)
        except net.Refused as error:
            raise CommandError(str(error)) from error
        follow_id = f"{documents.instance_id()}#follow-{sha256(actor.encode()).hexdigest()[:16]}"
        follow = {
            "@context": documents.CONTEXT,
            "id": follow_id,
            "type": "Follow",
            "actor": documents.instance_id(),
            "object": actor,
            "to": [actor],
        }
        with transaction.atomic():
            Following.objects.update_or_create(
                actor=actor, defaults={"follow_id": follow_id, "accepted_at": None}
            )
            send_later(follow, remote.shared_inbox or remote.inbox, None)
        self.stdout.write(f"Follow of {actor} queued.")
