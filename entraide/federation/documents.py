"""The ActivityPub documents we publish: the instance and group actors, a meeting as an Event,
the activities around them and the collections.

Only what the group's public page shows leaves: its name, summary and page, its meetings'
dates and times, the town and postal code. Never a member, a facilitator, an address, a video
link, a number of places or of people coming; the followers collection has no items and no
count. Key names are Mobilizon's own (it reads compacted keys, no JSON-LD processing).
"""

import hashlib
import json
import uuid
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import override

from entraide.directory.models import SupportGroup
from entraide.lib.dates import moment_label
from entraide.meetings.display import venue_of
from entraide.meetings.models import Meeting, Venue

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT: list[Any] = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "@language": "und",
        "sc": "http://schema.org#",
        "ical": "http://www.w3.org/2002/12/cal/ical#",
        "pt": "https://joinpeertube.org/ns#",
        "toot": "http://joinmastodon.org/ns#",
        "mz": "https://joinmobilizon.org/ns#",
        "discoverable": "toot:discoverable",
        "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
        "category": "sc:category",
        "uuid": "sc:identifier",
        "inLanguage": "sc:inLanguage",
        "location": {"@id": "sc:location", "@type": "sc:Place"},
        "PostalAddress": "sc:PostalAddress",
        "address": {"@id": "sc:address", "@type": "sc:PostalAddress"},
        "addressCountry": "sc:addressCountry",
        "postalCode": "sc:postalCode",
        "addressLocality": "sc:addressLocality",
        "repliesModerationOptionType": {
            "@id": "mz:repliesModerationOptionType",
            "@type": "rdfs:Class",
        },
        "repliesModerationOption": {
            "@id": "mz:repliesModerationOption",
            "@type": "mz:repliesModerationOptionType",
        },
        "commentsEnabled": {"@id": "pt:commentsEnabled", "@type": "sc:Boolean"},
        "joinModeType": {"@id": "mz:joinModeType", "@type": "rdfs:Class"},
        "joinMode": {"@id": "mz:joinMode", "@type": "mz:joinModeType"},
        "anonymousParticipationEnabled": {
            "@id": "mz:anonymousParticipationEnabled",
            "@type": "sc:Boolean",
        },
        "isOnline": {"@id": "mz:isOnline", "@type": "sc:Boolean"},
        "externalParticipationUrl": {"@id": "mz:externalParticipationUrl", "@type": "sc:URL"},
        "timezone": {"@id": "mz:timezone", "@type": "sc:Text"},
        "openness": {"@id": "mz:openness", "@type": "@id"},
        "events": {"@id": "mz:events", "@type": "@id"},
        "members": {"@id": "mz:members", "@type": "@id"},
        "posts": {"@id": "mz:posts", "@type": "@id"},
        "resources": {"@id": "mz:resources", "@type": "@id"},
        "todos": {"@id": "mz:todos", "@type": "@id"},
        "discussions": {"@id": "mz:discussions", "@type": "@id"},
        "status": {"@id": "ical:status", "@type": "ical:status"},
    },
]
# The Mobilizon collections a group advertises; all but events are always empty here.
EMPTY_COLLECTIONS = ("members", "resources", "posts", "todos", "discussions")


def site() -> str:
    return settings.SITE_URL


def host() -> str:
    return site().split("://", 1)[1]


def username(group: SupportGroup) -> str:
    """The group's handle: its slug with `_` for `-` (Mastodon and Mobilizon want `\\w+`)."""
    return group.slug.replace("-", "_")


def instance_id() -> str:
    return f"{site()}/ap/instance"


def group_id(group: SupportGroup) -> str:
    return f"{site()}/ap/g/{group.slug}"


def event_id(meeting_id: int) -> str:
    return f"{site()}/ap/m/{meeting_id}"


def page_of(group: SupportGroup) -> str:
    return site() + group.get_absolute_url()


def _public_key(actor: str, public_pem: str) -> dict[str, str]:
    return {"id": f"{actor}#main-key", "owner": actor, "publicKeyPem": public_pem}


def instance_actor(public_pem: str) -> dict[str, Any]:
    actor = instance_id()
    return {
        "@context": CONTEXT,
        "id": actor,
        "type": "Application",
        "preferredUsername": "relay",
        "name": settings.SITE_NAME,
        "summary": "",
        "url": site() + "/",
        "inbox": f"{site()}/ap/inbox",
        "outbox": f"{actor}/outbox",
        "followers": f"{actor}/followers",
        "following": f"{actor}/following",
        "endpoints": {"sharedInbox": f"{site()}/ap/inbox"},
        "manuallyApprovesFollowers": False,
        "discoverable": False,
        "publicKey": _public_key(actor, public_pem),
    }


def group_actor(group: SupportGroup, public_pem: str) -> dict[str, Any]:
    actor = group_id(group)
    collections = {name: f"{actor}/{name}" for name in EMPTY_COLLECTIONS}
    collections["events"] = f"{actor}/events"
    return {
        "@context": CONTEXT,
        "id": actor,
        "type": "Group",
        "preferredUsername": username(group),
        "name": group.name,
        "summary": f"<p>{escape(group.summary)}</p>",
        "url": page_of(group),
        "inbox": f"{actor}/inbox",
        "outbox": f"{actor}/outbox",
        "followers": f"{actor}/followers",
        "following": f"{actor}/following",
        "endpoints": {"sharedInbox": f"{site()}/ap/inbox", **collections},
        **collections,
        # Anyone may follow; joining the group itself happens on Entraide.
        "discoverable": True,
        "manuallyApprovesFollowers": False,
        "openness": "invite_only",
        "publicKey": _public_key(actor, public_pem),
    }


def window(group: SupportGroup) -> list[Meeting]:
    """The group's next meetings that federate (cancelled ones too, shown cancelled)."""
    if not group.is_published or group.status == SupportGroup.Status.PAUSED:
        return []
    return list(
        group.meetings.filter(starts_at__gt=timezone.now())
        .select_related("series")
        .order_by("starts_at", "pk")[: settings.FEDERATION_EVENTS]
    )


def _location(group: SupportGroup) -> dict[str, Any] | None:
    if group.format == SupportGroup.Format.ONLINE or not group.town:
        return None
    place = f"{group.postal_code} {group.town}".strip()
    return {
        "type": "Place",
        "name": place,
        "address": {
            "type": "PostalAddress",
            "addressLocality": group.town,
            "postalCode": group.postal_code,
            "addressCountry": group.country,
        },
    }


def event(meeting: Meeting, group: SupportGroup) -> dict[str, Any]:
    """One meeting as an Event: its date, times and the town, nothing else of it."""
    object_id = event_id(meeting.pk)
    zone = group.time_zone
    starts, ends = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    status = "CANCELLED" if meeting.is_cancelled else "CONFIRMED"
    location = _location(group)
    languages = group.language_codes
    with override(languages[0] if languages else settings.LANGUAGE_CODE):
        when = moment_label(starts, zone)
    name = f"{group.name} — {meeting.title}" if meeting.title else group.name
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "id": object_id,
        "type": "Event",
        "url": object_id,
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, object_id)),
        "name": name[:200],
        "content": f"<p>{escape(group.summary)}</p>",
        "mediaType": "text/html",
        "summary": f"{when} — {location['name']}" if location else when,
        "attributedTo": group_id(group),
        "actor": instance_id(),
        "to": [PUBLIC],
        "cc": [f"{group_id(group)}/followers"],
        "startTime": starts.isoformat(),
        "endTime": ends.isoformat(),
        "timezone": zone.key,
        "published": meeting.created_at.astimezone(zone).isoformat(),
        "status": status,
        "ical:status": status,
        "category": "MEETING",
        "joinMode": "external",
        "externalParticipationUrl": page_of(group),
        "repliesModerationOption": "closed",
        "commentsEnabled": False,
        "anonymousParticipationEnabled": False,
        "isOnline": venue_of(meeting) in (Venue.ONLINE, Venue.HYBRID),
        "draft": False,
        "tag": [],
        "attachment": [],
    }
    if languages:
        document["inLanguage"] = languages[0]
    if location is not None:
        document["location"] = location
    return document


def fingerprint(document: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode("utf-8")).hexdigest()


def activity(kind: str, actor: str, document: dict[str, Any], tag: str) -> dict[str, Any]:
    """A Create or Update of an Event by its group (the signer, as Mastodon and Mobilizon
    check), addressed to the public and the group's followers."""
    inner = {key: value for key, value in document.items() if key != "@context"}
    return {
        "@context": CONTEXT,
        "id": f"{document['id']}#{kind.lower()}-{tag[:16]}",
        "type": kind,
        "actor": actor,
        "to": [PUBLIC],
        "cc": [f"{actor}/followers"],
        "published": timezone.now().isoformat(),
        "object": inner,
    }


def delete(actor: str, meeting_id: int) -> dict[str, Any]:
    object_id = event_id(meeting_id)
    return {
        "@context": CONTEXT,
        "id": f"{object_id}#delete",
        "type": "Delete",
        "actor": actor,
        "to": [PUBLIC],
        "cc": [f"{actor}/followers"],
        "object": {"id": object_id, "type": "Tombstone", "formerType": "Event"},
    }


def accept(actor: str, follow: dict[str, Any]) -> dict[str, Any]:
    follow_id = str(follow.get("id", ""))
    tag = hashlib.sha256(follow_id.encode("utf-8")).hexdigest()[:16]
    return {
        "@context": CONTEXT,
        "id": f"{actor}#accept-{tag}",
        "type": "Accept",
        "actor": actor,
        "to": [follow.get("actor")],
        "object": {key: value for key, value in follow.items() if key != "@context"},
    }


def collection(collection_id: str, items: list[Any] | None = None) -> dict[str, Any]:
    """An OrderedCollection with its items inline (Mobilizon reads no further page)."""
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "OrderedCollection",
        "totalItems": len(items or []),
        "orderedItems": items or [],
    }


def followers(collection_id: str) -> dict[str, Any]:
    """Who follows a group is never shown, not even how many."""
    return {"@context": CONTEXT, "id": collection_id, "type": "OrderedCollection"}
