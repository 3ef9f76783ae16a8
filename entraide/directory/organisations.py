"""The public directory of organisations: near a place, on a theme.

Organisations are few (tens, not thousands): the place is matched in Python, honestly and
simply. An organisation is near a place when its own town lies within the radius, or when the
area it says it serves names the place's postal code or town.
"""

from dataclasses import dataclass

from django.db import models

from entraide.directory.access import public_groups
from entraide.directory.models import Theme
from entraide.lib import places
from entraide.lib.text import normalize
from entraide.organisations.models import Organisation


@dataclass(frozen=True)
class Found:
    organisation: Organisation
    distance_km: float | None
    # Whether the place was found in the area it serves rather than by its town's distance.
    in_area: bool = False


def with_theme(theme: Theme | None) -> models.QuerySet[Organisation]:
    """Every organisation, or those whose published groups have the theme or that declare it."""
    found = Organisation.objects.all()
    if theme is not None:
        groups = public_groups().filter(themes=theme).values("organisation")
        found = found.filter(models.Q(pk__in=groups) | models.Q(declared_themes=theme))
    return found.distinct().order_by("name")


def _serves(organisation: Organisation, place: places.Place) -> bool:
    area = f" {normalize(organisation.area_served)} "
    code = normalize(place.postal_code)
    town = normalize(place.name)
    return (bool(code) and f" {code} " in area) or (bool(town) and f" {town} " in area)


def find(place: places.Place | None, radius_km: int, theme: Theme | None) -> list[Found]:
    """The organisations near `place` (nearest first) on `theme`; all of them, by name, when
    no place is given."""
    organisations = list(with_theme(theme))
    if place is None:
        return [Found(organisation, None) for organisation in organisations]
    found = []
    for organisation in organisations:
        home = (
            places.resolve(organisation.town, organisation.country) if organisation.town else None
        )
        distance = places.haversine_km(place.lat, place.lon, home.lat, home.lon) if home else None
        if distance is not None and distance <= radius_km:
            found.append(Found(organisation, distance))
        elif _serves(organisation, place):
            found.append(Found(organisation, distance, in_area=True))
    return sorted(found, key=lambda f: (f.distance_km is None, f.distance_km or 0.0))
