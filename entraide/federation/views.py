"""Federation's addresses: discovery (WebFinger, NodeInfo), the actors, their collections, the
meetings as Events, and the inboxes.

An actor's or a meeting's address answers ActivityPub JSON to a server that asks for it
(`Accept: application/activity+json` or `application/ld+json`), and sends a browser to the
group's public page. Only published groups exist here: any other is a 404, like everywhere.
"""

import json
import logging
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from entraide.directory.access import public_group, public_groups
from entraide.directory.models import SupportGroup
from entraide.federation import documents, inbox, signatures
from entraide.federation.keys import key_of
from entraide.federation.models import Published
from entraide.lib import ratelimit
from entraide.meetings.models import Meeting

logger = logging.getLogger(__name__)

ACTIVITY_JSON = "application/activity+json"
MAX_BODY = 1_000_000
NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/"


def wants_activity(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "").lower()
    return ACTIVITY_JSON in accept or "application/ld+json" in accept


def _json(
    document: dict[str, Any], content_type: str = ACTIVITY_JSON, status: int = 200
) -> HttpResponse:
    response = JsonResponse(document, content_type=content_type, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _negotiated(request: HttpRequest, document: dict[str, Any], page: str) -> HttpResponse:
    response = _json(document) if wants_activity(request) else HttpResponseRedirect(page)
    patch_vary_headers(response, ["Accept"])
    return response


def _group(slug: str) -> SupportGroup:
    """A published group (a paused one too: it simply has no meeting to share); else 404."""
    return public_group(slug)


# --- Discovery ---------------------------------------------------------------------------


@login_not_required
@require_safe
def webfinger(request: HttpRequest) -> HttpResponse:
    """`acct:handle@host` of a public group (or `relay@host`, the instance) → its actor."""
    resource = unquote(request.GET.get("resource", "")).strip()
    if resource.startswith(documents.site() + "/ap/"):
        name = "relay" if resource == documents.instance_id() else resource.rsplit("/", 1)[-1]
        name = name.replace("-", "_")
    else:
        name, _, host = resource.removeprefix("acct:").lstrip("@").partition("@")
        if host.lower() != documents.host().lower():
            raise Http404
    if name == "relay":
        actor, page = documents.instance_id(), documents.site() + "/"
    else:
        group = (
            public_groups().filter(slug=name).first()
            or public_groups().filter(slug=name.replace("_", "-")).first()
        )
        if group is None or not name:
            raise Http404
        actor, page = documents.group_id(group), documents.page_of(group)
        name = documents.username(group)
    links = [
        {"rel": "self", "type": ACTIVITY_JSON, "href": actor},
        {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": page},
    ]
    return _json(
        {"subject": f"acct:{name}@{documents.host()}", "aliases": [actor], "links": links},
        content_type="application/jrd+json",
    )


@login_not_required
@require_safe
def nodeinfo_index(request: HttpRequest) -> HttpResponse:
    site = documents.site()
    return _json(
        {
            "links": [
                {"rel": f"{NODEINFO_SCHEMA}2.0", "href": f"{site}/nodeinfo/2.0"},
                {"rel": f"{NODEINFO_SCHEMA}2.1", "href": f"{site}/nodeinfo/2.1"},
                {
                    "rel": "https://www.w3.org/ns/activitystreams#Application",
                    "href": documents.instance_id(),
                },
            ]
        },
        content_type="application/json",
    )


@login_not_required
@require_safe
def nodeinfo(request: HttpRequest, version: str) -> HttpResponse:
    """The instance's software and protocols. Usage says nothing: how many people use a
    peer-support site is not ours to publish."""
    software: dict[str, str] = {"name": "entraide", "version": "0.1.0"}
    if version == "2.1":
        software["homepage"] = documents.site() + "/"
    return _json(
        {
            "version": version,
            "software": software,
            "protocols": ["activitypub"],
            "services": {"inbound": [], "outbound": []},
            "openRegistrations": True,
            "usage": {"users": {}},
            "metadata": {"nodeName": settings.SITE_NAME},
        },
        content_type=f'application/json; profile="{NODEINFO_SCHEMA}{version}#"',
    )


# --- The instance actor ------------------------------------------------------------------


@login_not_required
@require_safe
def instance(request: HttpRequest) -> HttpResponse:
    return _negotiated(request, documents.instance_actor(key_of(None).public_pem), "/")


@login_not_required
@require_safe
def instance_outbox(request: HttpRequest) -> HttpResponse:
    return _json(documents.collection(f"{documents.instance_id()}/outbox"))


@login_not_required
@require_safe
def instance_followers(request: HttpRequest) -> HttpResponse:
    return _json(documents.followers(f"{documents.instance_id()}/followers"))


@login_not_required
@require_safe
def instance_following(request: HttpRequest) -> HttpResponse:
    return _json(documents.collection(f"{documents.instance_id()}/following"))


# --- A group -----------------------------------------------------------------------------


@login_not_required
@require_safe
def group(request: HttpRequest, slug: str) -> HttpResponse:
    found = _group(slug)
    document = documents.group_actor(found, key_of(found).public_pem)
    return _negotiated(request, document, found.get_absolute_url())


@login_not_required
@require_safe
def group_outbox(request: HttpRequest, slug: str) -> HttpResponse:
    """The Create of each coming meeting, newest first (Mobilizon reads the first page)."""
    found = _group(slug)
    actor = documents.group_id(found)
    items = []
    for meeting in reversed(documents.window(found)):
        document = documents.event(meeting, found)
        tag = documents.fingerprint(document)
        items.append(documents.activity("Create", actor, document, tag))
    return _json(documents.collection(f"{actor}/outbox", items))


@login_not_required
@require_safe
def group_events(request: HttpRequest, slug: str) -> HttpResponse:
    found = _group(slug)
    items = []
    for meeting in reversed(documents.window(found)):
        document = documents.event(meeting, found)
        document.pop("@context")
        items.append(document)
    return _json(documents.collection(f"{documents.group_id(found)}/events", items))


@login_not_required
@require_safe
def group_followers(request: HttpRequest, slug: str) -> HttpResponse:
    found = _group(slug)
    return _json(documents.followers(f"{documents.group_id(found)}/followers"))


@login_not_required
@require_safe
def group_empty(request: HttpRequest, slug: str, collection: str) -> HttpResponse:
    """Following, members, resources, posts, todos, discussions: always empty, as Mobilizon
    shows its own to a non-member."""
    found = _group(slug)
    return _json(documents.collection(f"{documents.group_id(found)}/{collection}"))


@login_not_required
@require_safe
def event(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A meeting of a public group as an Event; 410 Gone once a published one is no more."""
    if Published.objects.filter(meeting_id=meeting_id, gone_at__isnull=False).exists():
        gone = _json(
            {
                "@context": documents.CONTEXT,
                "id": documents.event_id(meeting_id),
                "type": "Tombstone",
                "formerType": "Event",
            },
            status=410,
        )
        patch_vary_headers(gone, ["Accept"])
        return gone
    meeting = (
        Meeting.objects.filter(pk=meeting_id, group__in=public_groups())
        .select_related("group", "series")
        .first()
    )
    if meeting is None:
        raise Http404
    return _negotiated(
        request, documents.event(meeting, meeting.group), meeting.group.get_absolute_url()
    )


# --- Inboxes -----------------------------------------------------------------------------


def _receive(request: HttpRequest) -> HttpResponse:
    # Each post with an unknown key makes us fetch that key: a bound per address.
    client = request.META.get("REMOTE_ADDR", "")
    if not ratelimit.allow(f"federation-inbox:{client}", settings.FEDERATION_INBOX_PER_MINUTE, 60):
        limited = HttpResponse(status=429)
        limited["Retry-After"] = "60"
        return limited
    if request.content_type not in (ACTIVITY_JSON, "application/ld+json", "application/json"):
        return HttpResponse(status=415)
    length = request.headers.get("Content-Length") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        return HttpResponse(status=413)
    body = request.body
    try:
        verified = signatures.verify(
            request.method or "POST", request.path, request.headers, body, inbox.public_key_of
        )
    except signatures.SignatureError as error:
        logger.info("federation: signature refused: %s", error)
        return HttpResponse(status=401)
    try:
        activity = json.loads(body)
    except ValueError:
        return HttpResponseBadRequest()
    if not isinstance(activity, dict):
        return HttpResponseBadRequest()
    try:
        inbox.receive(activity, verified.actor)
    except inbox.Rejected as error:
        logger.info("federation: activity refused: %s", error)
        return HttpResponseBadRequest()
    return HttpResponse(status=202)


@login_not_required
@csrf_exempt
@require_POST
def shared_inbox(request: HttpRequest) -> HttpResponse:
    return _receive(request)


@login_not_required
@csrf_exempt
@require_POST
def group_inbox(request: HttpRequest, slug: str) -> HttpResponse:
    _group(slug)
    return _receive(request)
