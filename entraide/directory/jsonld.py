"""schema.org descriptions of groups and organisations, for search engines and the tools that
read them (checked in the tests against the whole vocabulary, through schema-dts).

A group is an `EventSeries`: its meetings repeat, and its usual rhythm is a `Schedule` in the
group's time zone. Its place is the town (a point rounded to 0.01°), never an address; online,
a `VirtualLocation` whose address is the group's public page, never the meeting link.
"""

import json
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from entraide.directory.models import SupportGroup, Theme
from entraide.organisations.models import Organisation

SCHEMA = "https://schema.org/"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ATTENDANCE = {
    SupportGroup.Format.IN_PERSON: "OfflineEventAttendanceMode",
    SupportGroup.Format.ONLINE: "OnlineEventAttendanceMode",
    SupportGroup.Format.HYBRID: "MixedEventAttendanceMode",
}
REPEAT = {"weekly": "P1W", "fortnightly": "P2W", "monthly_weekday": "P1M", "monthly_date": "P1M"}


def town_place(group: SupportGroup) -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "Place",
        "name": group.town,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": group.town,
            "postalCode": group.postal_code,
            "addressCountry": group.country,
        },
    }
    if group.has_place:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(group.latitude or 0, 2),
            "longitude": round(group.longitude or 0, 2),
        }
    features = [
        {"@type": "LocationFeatureSpecification", "name": str(label), "value": True}
        for label in group.accessibility_labels()
    ]
    if features:
        place["amenityFeature"] = features
    return place


def schedule(group: SupportGroup) -> dict[str, Any] | None:
    """The usual rhythm as a schema.org `Schedule`; None for a group that meets irregularly."""
    usual = group.usual_rhythm()
    if usual is None:
        return None
    rhythm, start, end = usual
    found: dict[str, Any] = {
        "@type": "Schedule",
        "repeatFrequency": REPEAT[rhythm.kind],
        "scheduleTimezone": group.time_zone.key,
    }
    if rhythm.weekday is not None and rhythm.kind != "monthly_date":
        found["byDay"] = SCHEMA + DAYS[rhythm.weekday]
    # schema.org counts the weeks of a month from 1 to 5; "the last" has no number there, and
    # the rhythm in words says it.
    if rhythm.kind == "monthly_weekday" and rhythm.nth and rhythm.nth > 0:
        found["byMonthWeek"] = rhythm.nth
    if rhythm.kind == "monthly_date" and rhythm.day:
        found["byMonthDay"] = rhythm.day
    if start:
        found["startTime"] = start.strftime("%H:%M")
    if end:
        found["endTime"] = end.strftime("%H:%M")
    if group.first_meeting_on:
        found["startDate"] = group.first_meeting_on.isoformat()
    return found


def organisation_ref(request: HttpRequest, organisation: Organisation) -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": organisation.name,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }


def group_json_ld(request: HttpRequest, group: SupportGroup) -> dict[str, Any]:
    url = request.build_absolute_uri(group.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EventSeries",
        "name": group.name,
        "description": f"{group.summary} {group.rhythm_label()}.".strip(),
        "url": url,
        "about": [{"@type": "Thing", "name": str(theme.name)} for theme in group.themes.all()],
        "inLanguage": group.language_codes,
        "audience": {"@type": "PeopleAudience", "audienceType": str(group.get_audience_display())},
        "isAccessibleForFree": group.cost != SupportGroup.Cost.FIXED,
        "eventAttendanceMode": SCHEMA + ATTENDANCE[SupportGroup.Format(group.format)],
        "organizer": (
            organisation_ref(request, group.organisation)
            if group.organisation
            else {"@type": "Organization", "name": group.name, "url": url}
        ),
    }
    locations: list[dict[str, Any]] = []
    if group.format != SupportGroup.Format.ONLINE and group.town:
        locations.append(town_place(group))
    if group.format != SupportGroup.Format.IN_PERSON:
        # The link is for members only: the address is the page that tells how to join.
        locations.append({"@type": "VirtualLocation", "url": url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    found = schedule(group)
    if found:
        data["eventSchedule"] = found
    return data


def organisation_json_ld(
    request: HttpRequest,
    organisation: Organisation,
    groups: list[SupportGroup],
    declared: list[Theme],
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }
    if organisation.description:
        data["description"] = organisation.description
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.public_email:
        data["email"] = organisation.public_email
    if organisation.public_phone:
        data["telephone"] = organisation.public_phone
    if organisation.town:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": organisation.town,
            "addressCountry": organisation.country,
        }
    if organisation.area_served:
        data["areaServed"] = organisation.area_served
    themes = sorted(
        {str(theme.name) for theme in declared}
        | {str(theme.name) for group in groups for theme in group.themes.all()}
    )
    if themes:
        data["knowsAbout"] = themes
    if groups:
        # The groups it accompanies, each an event series it organises.
        data["event"] = [
            {
                "@type": "EventSeries",
                "name": group.name,
                "url": request.build_absolute_uri(group.get_absolute_url()),
            }
            for group in groups
        ]
    return data


def as_script_content(data: dict[str, Any]) -> SafeString:
    """JSON that can sit inside a <script> element: no "</script>" can close it early."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every character that could end the element is escaped.
