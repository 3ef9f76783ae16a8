"""What another server posts to our inboxes, once its signature is checked.

- `Follow` of a public group (or of the instance actor): the follower's actor URL and inbox are
  kept, and an `Accept` is queued; `Undo` of that Follow removes them.
- `Accept` of a Follow our instance sent (`manage.py federation_follow`): marked accepted.
- `Create`, `Update`, `Delete` from a group our instance follows: kept in `Received`.
- Anything else (`Join`, `Invite`, replies, likes…) is ignored: joining happens on Entraide.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from entraide.directory.access import public_groups
from entraide.directory.models import SupportGroup
from entraide.federation import documents, net, signatures
from entraide.federation.keys import key_of
from entraide.federation.models import Follower, Following, Received, RemoteActor
from entraide.federation.tasks import welcome

# A remote actor's key is fetched again after two days (Mobilizon's own period).
STALE_AFTER = dt.timedelta(hours=48)


class Rejected(Exception):
    """An activity we refuse (a 4xx), with the reason for the logs."""


def _string(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


def remote_actor(url: str, *, refresh: bool = False) -> RemoteActor:
    """A remote actor's key and inboxes, fetched (by a signed GET) when unknown or stale."""
    known = RemoteActor.objects.filter(url=url).first()
    if known is not None and not refresh and known.fetched_at > timezone.now() - STALE_AFTER:
        return known
    key = key_of(None)
    document = net.get_json(
        url, key_id=f"{documents.instance_id()}#main-key", private_pem=key.private_pem
    )
    public_key = document.get("publicKey")
    if isinstance(public_key, list):
        public_key = public_key[0] if public_key else None
    if not isinstance(public_key, dict) or document.get("id") != url:
        raise net.Refused("not an actor with a key")
    inbox = _string(document.get("inbox"))
    endpoints = document.get("endpoints")
    shared = _string(endpoints.get("sharedInbox")) if isinstance(endpoints, dict) else ""
    pem = public_key.get("publicKeyPem")
    if not inbox or not isinstance(pem, str):
        raise net.Refused("an actor needs an inbox and a key")
    found, _ = RemoteActor.objects.update_or_create(
        url=url,
        defaults={
            "inbox": inbox,
            "shared_inbox": shared,
            "key_id": _string(public_key.get("id")),
            "public_pem": pem,
            "fetched_at": timezone.now(),
        },
    )
    return found


def public_key_of(key_id: str, refresh: bool) -> str:
    try:
        return remote_actor(signatures.key_owner(key_id), refresh=refresh).public_pem
    except net.Refused as error:
        raise signatures.SignatureError(f"no key for the signer: {error}") from error


def _our_group(url: str) -> SupportGroup | None:
    prefix = f"{documents.site()}/ap/g/"
    if not url.startswith(prefix):
        return None
    return public_groups().filter(slug=url.removeprefix(prefix)).first()


def receive(activity: dict[str, Any], signer: str) -> str:
    """Act on a verified activity; what was done, in a word (for the tests and logs)."""
    actor = _string(activity.get("actor"))
    if not actor or actor != signer:
        raise Rejected("the activity's actor is not who signed it")
    if not _string(activity.get("id")):
        raise Rejected("an activity needs an id")
    kind = activity.get("type")
    if kind == "Follow":
        return _follow(activity, actor)
    if kind == "Undo":
        inner = activity.get("object")
        if isinstance(inner, dict) and inner.get("type") == "Follow":
            target = _string(inner.get("object"))
            group = _our_group(target)
            if group is None and target != documents.instance_id():
                return "ignored"
            Follower.objects.filter(group=group, actor=actor).delete()
            return "unfollowed"
        return "ignored"
    if kind == "Accept":
        updated = Following.objects.filter(actor=actor, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        return "accepted" if updated else "ignored"
    if kind in ("Create", "Update", "Delete"):
        if not Following.objects.filter(actor=actor).exists():
            return "ignored"
        Received.objects.create(
            activity_id=_string(activity.get("id"))[:600],
            kind=kind,
            actor=actor,
            object_id=_string(activity.get("object"))[:600],
            payload=activity,
        )
        return "received"
    return "ignored"


def _follow(activity: dict[str, Any], actor: str) -> str:
    target = _string(activity.get("object"))
    group = _our_group(target)
    if group is None and target != documents.instance_id():
        raise Rejected("nothing to follow here")
    remote = remote_actor(actor)
    with transaction.atomic():
        follower, _ = Follower.objects.update_or_create(
            group=group, actor=actor, defaults={"inbox": remote.shared_inbox or remote.inbox}
        )
        welcome(follower, {key: value for key, value in activity.items() if key != "signature"})
    return "followed"
