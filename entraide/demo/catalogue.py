"""Loading the public part of the demo: themes, organisations, groups and their meeting series.

Everything is invented for demonstrations and development, except the towns and postal codes,
which are real so that search by place and radius can be tried; a group gets its town's point,
never an address. Contact addresses use the reserved ``.example`` domain and are never shown.
Each loader updates what it loaded before, matched by slug, so loading twice changes nothing.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from entraide.demo.data import Catalogue, DemoDataError, DemoGroup
from entraide.directory import actions
from entraide.directory.models import SupportGroup, Theme
from entraide.meetings.models import Venue
from entraide.meetings.series import actions as meeting_actions
from entraide.organisations.models import Organisation

VENUES = {
    SupportGroup.Format.IN_PERSON: Venue.FIXED,
    SupportGroup.Format.ONLINE: Venue.ONLINE,
    SupportGroup.Format.HYBRID: Venue.HYBRID,
}


def load_themes(catalogue: Catalogue) -> dict[str, Theme]:
    """Create or update the demo themes; also used by the benchmark's seeding."""
    return {
        demo.slug: Theme.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name_fr": demo.name_fr,
                "name_en": demo.name_en,
                "domain": demo.domain,
                "keywords": demo.keywords,
            },
        )[0]
        for demo in catalogue.themes
    }


def load_organisations(catalogue: Catalogue) -> dict[str, Organisation]:
    """Create or update the demo organisations; also used by the benchmark's seeding."""
    return {
        demo.slug: Organisation.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "description": demo.description,
                "country": demo.country,
                "town": demo.town,
                "website": "",
                "contact_email": demo.contact_email,
                "public_email": demo.public_email,
                "public_phone": demo.public_phone,
                "area_served": demo.area_served,
                "offers": demo.offers,
            },
        )[0]
        for demo in catalogue.organisations
    }


def _group_fields(demo: DemoGroup, organisations: dict[str, Organisation]) -> dict[str, object]:
    rhythm = demo.rhythm
    return {
        "organisation": organisations[demo.organisation] if demo.organisation else None,
        "name": demo.name,
        "summary": demo.summary,
        "description": demo.description,
        "kind": demo.kind,
        "audience": demo.audience,
        "companions_welcome": demo.companions_welcome,
        "format": demo.format,
        "languages": demo.languages,
        "country": demo.country,
        "postal_code": demo.postal_code,
        "town": demo.town,
        "latitude": demo.latitude,
        "longitude": demo.longitude,
        "frequency": rhythm.frequency,
        "weekday": rhythm.weekday,
        "week_of_month": rhythm.week_of_month,
        "day_of_month": rhythm.day_of_month,
        "start_time": rhythm.start_time,
        "end_time": rhythm.end_time,
        "rhythm_note": demo.rhythm_note,
        "cost": demo.cost,
        "cost_amount": demo.cost_amount,
        "step_free_access": demo.step_free_access,
        "hearing_loop": demo.hearing_loop,
        "sign_language": demo.sign_language,
        "easy_read": demo.easy_read,
        "accessibility_note": demo.accessibility_note,
        "status": demo.status,
        "accepting_members": demo.accepting_members,
        "is_published": True,
    }


def load_directory(catalogue: Catalogue) -> dict[str, int]:
    """Create or update the demo themes, organisations and groups, matched by slug.

    Everything happens in one transaction, so a mistake in the data leaves the database as it
    was. Running it again changes nothing but what the data itself changed.
    """
    with transaction.atomic():
        themes = load_themes(catalogue)
        organisations = load_organisations(catalogue)
        for demo in catalogue.groups:
            fields = _group_fields(demo, organisations)
            # Check lengths and choices before writing, as a form would.
            try:
                SupportGroup(slug=demo.slug, **fields).clean_fields()
            except ValidationError as error:
                raise DemoDataError(f"groups.json, group {demo.name!r}: {error}") from error
            group, _ = SupportGroup.objects.update_or_create(slug=demo.slug, defaults=fields)
            group.themes.set([themes[slug] for slug in demo.themes])
            actions.refresh_search_text(group)
    return {
        "themes": len(catalogue.themes),
        "organisations": len(catalogue.organisations),
        "groups": len(catalogue.groups),
    }


def _series_fields(group: SupportGroup, catalogue: Catalogue) -> dict[str, Any] | None:
    """The series equivalent to the group's rhythm in the directory; None without a rhythm."""
    if group.start_time is None or group.end_time is None:
        return None
    kinds = {"weekly", "fortnightly", "monthly_weekday", "monthly_date"}
    if group.frequency not in kinds:
        return None
    return {
        "rhythm": group.frequency,
        "weekday": group.weekday,
        "nth": group.week_of_month,
        "day": group.day_of_month,
        "starts_on": group.first_meeting_on or catalogue.series_starts_on,
        "start_time": group.start_time,
        "end_time": group.end_time,
        "venue": VENUES.get(SupportGroup.Format(group.format), Venue.FIXED),
        "place": group.meeting_place,
        "online_link": "",
        "capacity": None,
    }


def load_series(catalogue: Catalogue) -> int:
    """Give each demo group with a rhythm (and not paused) the same rhythm as a meeting series,
    and plan its coming meetings; returns how many. Again, only the dates planned change."""
    count = 0
    with transaction.atomic():
        groups = SupportGroup.objects.filter(slug__in=catalogue.group_slugs).exclude(
            status=SupportGroup.Status.PAUSED
        )
        for group in groups:
            fields = _series_fields(group, catalogue)
            if fields is None:
                continue
            meeting_actions.save_series(group, fields, by=None)
            count += 1
    return count
