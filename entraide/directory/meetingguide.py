"""The Meeting Guide feed (code4recovery's specification, read by TSML UI, the Meeting Guide app
and many directories): the directory's published groups as a JSON array of meetings, for all
of them at `/meeting-guide.json`, for one organisation at
`/organisations/<slug>/meeting-guide.json`.

It says what the directory says, nothing more (DESIGN.md, confidentiality first): the town and
its postal code with `approximate: "yes"`, never a meeting place, a video link or a member; the
public page as `url`.

The specification is for weekly meetings only: a group that meets every week has its `day`
(0 = Sunday) and `time` in its own time zone; any other rhythm ("le 2e mardi du mois", "un mardi
sur deux") has neither, as the specification says of meetings without a weekly time, and its
rhythm in words in `notes`, like every group.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from entraide.directory.access import public_groups
from entraide.directory.actions import directory_version
from entraide.directory.models import SupportGroup
from entraide.organisations.models import Organisation

CACHE_SECONDS = 24 * 3600  # an old version's feed is never read again; let it go
SLUG_LENGTH = 64  # the specification's limit

# The specification's codes for the languages groups meet in (lib.languages.GROUP_LANGUAGES).
LANGUAGE_TYPES = {
    "fr": "FR",
    "en": "EN",
    "de": "DE",
    "nl": "NL",
    "it": "ITA",
    "es": "S",
    "pt": "POR",
    "ar": "AR",
}
# Not in the specification's list, which tells an online meeting by its conference link; TSML
# adds it to such meetings and the specification allows custom types. Our link is for members
# only, so the type is the only way to say a group meets online.
ONLINE = "ONL"
CUSTOM_TYPES = (ONLINE,)


def meeting_slug(group: SupportGroup) -> str:
    """The group's short address, or, beyond the specification's 64 characters, its beginning
    followed by the group's number, which keeps it unique."""
    if len(group.slug) <= SLUG_LENGTH:
        return group.slug
    end = f"-{group.pk}"
    return group.slug[: SLUG_LENGTH - len(end)].rstrip("-") + end


def types_of(group: SupportGroup) -> list[str]:
    """The group's meeting types, each one only when it really applies."""
    found: list[str] = []
    if group.kind == SupportGroup.Kind.TALK:
        found.append("D")  # a "groupe de parole": a discussion meeting
    if group.audience == SupportGroup.Audience.BOTH or group.companions_welcome:
        found.append("O")  # open to people who come with or for someone
    elif group.audience == SupportGroup.Audience.CONCERNED:
        found.append("C")  # for the people concerned only
    if group.format != SupportGroup.Format.IN_PERSON:
        found.append(ONLINE)
    if group.step_free_access and group.format != SupportGroup.Format.ONLINE:
        found.append("X")
    if group.status == SupportGroup.Status.PAUSED:
        found.append("TC")
    found += [LANGUAGE_TYPES[code] for code in group.language_codes if code in LANGUAGE_TYPES]
    return found


def notes_of(group: SupportGroup) -> str:
    lines = [group.summary, group.rhythm_label()]
    if group.status != SupportGroup.Status.OPEN:
        lines.append(str(group.get_status_display()).capitalize())
    return "\n".join(line for line in lines if line)


def changed_at(group: SupportGroup) -> dt.datetime:
    """When the group or its rhythm last changed, as far as rows say: the group's own change,
    or its meeting series' start."""
    series = group.active_series()
    return max(group.updated_at, series.created_at) if series else group.updated_at


def meeting(request: HttpRequest, group: SupportGroup) -> dict[str, Any]:
    """One group as a Meeting Guide meeting."""
    data: dict[str, Any] = {"name": group.name, "slug": meeting_slug(group)}
    usual = group.usual_rhythm()
    if usual is not None:
        rhythm, start, end = usual
        if rhythm.kind == "weekly" and rhythm.weekday is not None and start is not None:
            data["day"] = (rhythm.weekday + 1) % 7  # ours start on Monday, theirs on Sunday
            data["time"] = start.strftime("%H:%M")
            if end is not None and end > start:
                data["end_time"] = end.strftime("%H:%M")
    data["timezone"] = group.time_zone.key
    country = str(group.get_country_display())
    where = f"{group.postal_code} {group.town}".strip()
    data["formatted_address"] = f"{where}, {country}" if where else country
    if group.town:
        data["city"] = group.town
    if group.postal_code:
        data["postal_code"] = group.postal_code
    data["country"] = country
    data["approximate"] = "yes"  # the town, never the meeting place
    data["types"] = types_of(group)
    data["notes"] = notes_of(group)
    data["url"] = request.build_absolute_uri(group.get_absolute_url())
    data["updated"] = changed_at(group).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if group.organisation is not None:
        data["entity"] = group.organisation.name
        data["entity_website_url"] = request.build_absolute_uri(
            group.organisation.get_absolute_url()
        )
        if group.organisation.town:
            data["entity_location"] = group.organisation.town
    return data


def groups_of(organisation: Organisation | None) -> models.QuerySet[SupportGroup]:
    """The published groups of the feed, in two queries whatever their number (the groups with
    their organisation, and their meeting series for their usual rhythm)."""
    found = public_groups().select_related("organisation").prefetch_related("series")
    if organisation is not None:
        found = found.filter(organisation=organisation)
    return found.order_by("name", "pk")


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str
    last_modified: dt.datetime


def feed(request: HttpRequest, organisation: Organisation | None = None) -> Feed:
    """The feed as JSON, made once per change of the directory (`directory_version()`), per
    language (the rhythm in words) and per host (the addresses)."""
    owner = organisation.pk if organisation is not None else "all"
    host = hashlib.sha256(request.build_absolute_uri("/").encode()).hexdigest()[:16]
    key = f"meeting-guide:{owner}:{get_language()}:{directory_version()}:{host}"
    found = cache.get(key)
    if isinstance(found, Feed):
        return found
    meetings = [meeting(request, group) for group in groups_of(organisation)]
    body = json.dumps(meetings, ensure_ascii=False, indent=1).encode()
    # A series' rule changes in place, without a date: the feed changed, at the latest, when it
    # was made again for the directory's new version.
    last_modified = timezone.now()
    found = Feed(body, f'"{hashlib.sha256(body).hexdigest()[:32]}"', last_modified)
    cache.set(key, found, CACHE_SECONDS)
    return found
