"""The public, read-only part of the API: themes, organisations, groups.

Everything here is what the directory's pages show anyone, through the directory's own code:
the search is the directory's (`SearchForm`, `criteria_of`, `search`), with the same
parameters under the same names, so a directory address's query string works here too; the
next dates are the group page's (`meetings.display.next_meeting`). The answers are the same
for everyone, signed in or not.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.params.functions import Query
from pydantic import Field

from entraide.api.errors import ApiError
from entraide.api.schemas import (
    Error,
    GroupDetail,
    GroupList,
    OrganisationDetail,
    OrganisationList,
    ThemeList,
)
from entraide.directory import access as directory_access
from entraide.directory import organisations as organisation_directory
from entraide.directory.forms import MAX_QUERY_LENGTH, MAX_RADIUS_KM, OrganisationSearchForm
from entraide.directory.forms import SearchForm as GroupSearchForm
from entraide.directory.models import ACCESSIBILITY_FLAGS, SupportGroup, Theme
from entraide.directory.search import search
from entraide.directory.views import criteria_of
from entraide.meetings.display import next_meeting
from entraide.organisations.models import Organisation

router = Router(tags=["public"])

MAX_LIMIT = 100
# Far enough for any real use of a directory; a bound, so an offset is never a costly scan.
MAX_OFFSET = 10_000
NEXT_DATES = 5

ERRORS: dict[int, type[Error]] = {400: Error, 429: Error}
NOT_FOUND: dict[int, type[Error]] = {404: Error, 429: Error}

Limit = Query(20, ge=1, le=MAX_LIMIT, description=f"How many results, {MAX_LIMIT} at most.")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="How many results to skip.")
Place = Query(
    "", max_length=100, description="A postal code or a town (France, Belgium, Switzerland…)."
)
ThemeSlug = Query("", max_length=60, description="A theme's slug (see /themes).")

Format = Literal["in_person", "online", "hybrid"]
TimeOfDay = Literal["morning", "afternoon", "evening"]
Language = Literal["fr", "en", "de", "nl", "it", "es", "pt", "ar"]
Audience = Literal["", "concerned", "relatives"]
Cost = Literal["", "free", "free_or_contribution"]
Access = Literal["step_free_access", "hearing_loop", "sign_language", "easy_read"]
Weekday = Annotated[int, Field(ge=0, le=6)]


def refused(form: GroupSearchForm | OrganisationSearchForm) -> ApiError:
    """The first thing to correct in a search, in the form's own words."""
    field, messages = next(iter(form.errors.items()))
    return ApiError(
        400,
        "invalid_parameter",
        _("« %(name)s » : %(message)s") % {"name": field, "message": messages[0]},
    )


def theme_data(theme: Theme) -> dict[str, Any]:
    return {
        "slug": theme.slug,
        "name": str(theme.name),
        "name_fr": theme.name_fr,
        "name_en": theme.name_en,
        "domain": theme.domain,
    }


def rhythm_data(group: SupportGroup) -> dict[str, Any]:
    usual = group.usual_rhythm()
    data: dict[str, Any] = {
        "label": group.rhythm_label(),
        "kind": "irregular",
        "time_zone": group.time_zone.key,
        "start_time": group.start_time.strftime("%H:%M") if group.start_time else None,
        "end_time": group.end_time.strftime("%H:%M") if group.end_time else None,
    }
    if usual is not None:
        rhythm, start, end = usual
        data.update(
            kind=rhythm.kind,
            weekday=rhythm.weekday,
            week_of_month=rhythm.nth if rhythm.kind == "monthly_weekday" else None,
            day_of_month=rhythm.day if rhythm.kind == "monthly_date" else None,
            start_time=start.strftime("%H:%M") if start else None,
            end_time=end.strftime("%H:%M") if end else None,
        )
    return data


def group_data(request: HttpRequest, group: SupportGroup) -> dict[str, Any]:
    """A group as the directory shows it to anyone: the town, never the place or the link."""
    organisation = group.organisation
    in_person = group.format != SupportGroup.Format.ONLINE
    distance = getattr(group, "distance", None)
    return {
        "slug": group.slug,
        "name": group.name,
        "summary": group.summary,
        "url": request.build_absolute_uri(group.get_absolute_url()),
        "calendar_url": request.build_absolute_uri(
            reverse("meetings:public_calendar", args=[group.slug])
        ),
        "themes": [theme_data(theme) for theme in group.themes.all()],
        "kind": group.kind,
        "audience": group.audience,
        "companions_welcome": group.companions_welcome,
        "format": group.format,
        "languages": group.language_codes,
        "country": group.country,
        "postal_code": group.postal_code,
        "town": group.town,
        "point": (
            {"latitude": round(group.latitude or 0, 2), "longitude": round(group.longitude or 0, 2)}
            if group.has_place and in_person
            else None
        ),
        "rhythm": rhythm_data(group),
        "cost": group.cost,
        "cost_label": group.cost_label(),
        "accessibility": [flag for flag in ACCESSIBILITY_FLAGS if getattr(group, flag)],
        "accessibility_note": group.accessibility_note,
        "status": group.status,
        "accepting_members": group.accepting_members,
        "organisation": (
            {
                "slug": organisation.slug,
                "name": organisation.name,
                "url": request.build_absolute_uri(organisation.get_absolute_url()),
            }
            if organisation is not None
            else None
        ),
        "distance_km": round(distance, 1) if distance is not None and in_person else None,
    }


def next_dates(group: SupportGroup) -> list[dt.datetime]:
    """The group's next meetings, as its public page says the next one."""
    found: list[dt.datetime] = []
    after: dt.datetime | None = None
    while len(found) < NEXT_DATES:
        when = next_meeting(group, after)
        if when is None:
            break
        found.append(when)
        after = when
    return found


def organisation_data(
    request: HttpRequest, organisation: Organisation, distance_km: float | None = None
) -> dict[str, Any]:
    """An organisation's public page: its public contact, never the address that receives
    the messages to its groups."""
    themes = Theme.objects.filter(is_accepted=True).filter(
        pk__in=[
            *organisation.declared_themes.values_list("pk", flat=True),
            *directory_access.public_groups()
            .filter(organisation=organisation)
            .values_list("themes", flat=True),
        ]
    )
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
        "description": organisation.description,
        "town": organisation.town,
        "country": organisation.country,
        "website": organisation.website,
        "public_email": organisation.public_email,
        "public_phone": organisation.public_phone,
        "area_served": organisation.area_served,
        "offers": organisation.offers,
        "themes": [theme_data(theme) for theme in themes.order_by("name_fr")],
        "distance_km": round(distance_km, 1) if distance_km is not None else None,
    }


@router.get("/themes", response={200: ThemeList, 429: Error}, url_name="themes")
def themes(request: HttpRequest) -> dict[str, Any]:
    """The themes groups are listed under."""
    found = [theme_data(theme) for theme in Theme.objects.offered().order_by("name_fr")]
    return {"count": len(found), "results": found}


@router.get("/organisations", response={200: OrganisationList, **ERRORS}, url_name="organisations")
def organisations(
    request: HttpRequest,
    place: str = Place,
    radius: int = Query(30, ge=1, le=MAX_RADIUS_KM, description="Kilometres around the place."),
    theme: str = ThemeSlug,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """The organisations that accompany groups: near a place (nearest first), on a theme."""
    form = OrganisationSearchForm({"place": place, "radius": radius, "theme": theme})
    if not form.is_valid():
        raise refused(form)
    data = form.cleaned_data
    found = organisation_directory.find(data["place"], data["radius"] or 30, data["theme"])
    return {
        "count": len(found),
        "limit": limit,
        "offset": offset,
        "results": [
            organisation_data(request, one.organisation, one.distance_km)
            for one in found[offset : offset + limit]
        ],
    }


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationDetail, **NOT_FOUND},
    url_name="organisation",
)
def organisation(request: HttpRequest, slug: str) -> dict[str, Any]:
    """One organisation's public page, with the published groups it accompanies."""
    found = directory_access.public_organisation(slug)
    groups = directory_access.public_groups().filter(organisation=found).order_by("name")
    return {
        **organisation_data(request, found),
        "groups": [
            {
                "slug": group.slug,
                "name": group.name,
                "url": request.build_absolute_uri(group.get_absolute_url()),
            }
            for group in groups
        ],
    }


@router.get("/groups", response={200: GroupList, **ERRORS}, url_name="groups")
def groups(
    request: HttpRequest,
    q: str = Query("", max_length=MAX_QUERY_LENGTH, description="Words, accents optional."),
    place: str = Place,
    radius: int = Query(
        20,
        ge=1,
        le=MAX_RADIUS_KM,
        description="Kilometres around the place; online groups "
        "are always included, after the nearby ones.",
    ),
    theme: str = ThemeSlug,
    format: list[Format] = Query([], description="One or more."),
    day: list[Weekday] = Query([], description="0 = Monday … 6 = Sunday; one or more."),
    time: list[TimeOfDay] = Query([], description="One or more."),
    language: Language | Literal[""] = Query(""),
    audience: Audience = Query("", description="Groups for them, or for both."),
    cost: Cost = Query(""),
    access: list[Access] = Query([], description="Each one required."),
    accepting: bool = Query(False, description="Only groups welcoming new members."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Search the directory's published groups, with the directory's own filters and order:
    nearest first when a place is given, best match first on PostgreSQL, then by name."""
    data = QueryDict(mutable=True)
    data.update({"q": q, "place": place, "radius": str(radius), "theme": theme})
    data.update({"language": language, "audience": audience, "cost": cost})
    data.setlist("format", list(format))
    data.setlist("day", [str(one) for one in day])
    data.setlist("time", list(time))
    data.setlist("access", list(access))
    if accepting:
        data["accepting"] = "on"
    form = GroupSearchForm(data)
    if not form.is_valid():
        raise refused(form)
    criteria, _near_me = criteria_of(request, form)
    found = search(criteria).select_related("organisation")
    return {
        "count": found.count(),
        "limit": limit,
        "offset": offset,
        "results": [group_data(request, group) for group in found[offset : offset + limit]],
    }


@router.get("/groups/{slug}", response={200: GroupDetail, **NOT_FOUND}, url_name="group")
def group(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A published group's public page: what it is, its rhythm and its next dates."""
    found = directory_access.public_group(slug)
    return {
        **group_data(request, found),
        "description": found.description,
        "next_dates": next_dates(found),
    }
