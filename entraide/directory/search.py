"""Directory search: the criteria a visitor gives, turned into one database query.

Text search works on `SupportGroup.search_text`, already lower-case and accent-free, with
French gender and number folded (`lib.text.index_words`), so "reunion besancon" finds
"Réunion … Besançon" and "aidante" finds "aidants" on every database; the visitor's words go
through the same folding (`lib.text.query_terms`). PostgreSQL adds its French stemming and
ranking through its full-text search; SQLite matches word beginnings.
Distances are great-circle distances computed in SQL, after a bounding box that the
(latitude, longitude) index can serve.
"""

import datetime as dt
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from entraide.directory.access import group_cards, public_groups
from entraide.directory.models import ACCESSIBILITY_FLAGS, SupportGroup, Theme
from entraide.lib.places import Place, bounding_box
from entraide.lib.text import index_words, query_terms

EARTH_RADIUS_KM = 6371.0088

TIMES_OF_DAY = {
    "morning": (dt.time(0, 0), dt.time(12, 0)),
    "afternoon": (dt.time(12, 0), dt.time(18, 0)),
    "evening": (dt.time(18, 0), dt.time(23, 59, 59)),
}


@dataclass
class Criteria:
    text: str = ""
    theme: Theme | None = None
    place: Place | None = None
    radius_km: int = 20
    formats: list[str] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    language: str = ""
    audience: str = ""
    cost: str = ""
    accessibility: list[str] = field(default_factory=list)
    accepting: bool = False


def distance_km(lat: float, lon: float) -> models.Expression:
    """Haversine distance in km from a point to each group's point, as a SQL expression."""
    dlat = Radians(F("latitude") - Value(lat)) / 2
    dlon = Radians(F("longitude") - Value(lon)) / 2
    a = Power(Sin(dlat), 2) + Cos(Radians(Value(lat))) * Cos(Radians(F("latitude"))) * Power(
        Sin(dlon), 2
    )
    # Least() guards asin against rounding just above 1 for antipodal points.
    return ASin(Sqrt(Least(a, Value(1.0)))) * Value(2 * EARTH_RADIUS_KM)


def _text_filter(
    queryset: models.QuerySet[SupportGroup], terms: list[tuple[str, ...]]
) -> models.QuerySet[SupportGroup]:
    """Every term must begin a word of the text: its one word, or for a compound its joined
    form or else each of its parts."""
    if connection.vendor == "postgresql":
        # The words are plain [a-z0-9] after query_terms(), so they are safe in a raw tsquery.
        def tsquery(term: tuple[str, ...]) -> str:
            joined, *parts = term
            if not parts:
                return f"{joined}:*"
            return f"({joined}:* | ({' & '.join(f'{part}:*' for part in parts)}))"

        query = SearchQuery(
            " & ".join(tsquery(term) for term in terms), search_type="raw", config="french"
        )
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )

    def begins_a_word(word: str) -> Q:
        return Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")

    condition = Q()
    for joined, *parts in terms:
        found = begins_a_word(joined)
        if parts:
            every_part = Q()
            for part in parts:
                every_part &= begins_a_word(part)
            found |= every_part
        condition &= found
    return queryset.filter(condition)


def search(criteria: Criteria) -> models.QuerySet[SupportGroup]:
    """The published groups that meet every criterion, best first."""
    groups = group_cards()
    ordering: list[str | models.OrderBy] = []

    terms = query_terms(criteria.text)
    if terms:
        groups = _text_filter(groups, terms)
        if connection.vendor == "postgresql":
            ordering.append(F("rank").desc())

    if criteria.theme is not None:
        groups = groups.filter(themes=criteria.theme)
    if criteria.formats:
        groups = groups.filter(format__in=criteria.formats)
    if criteria.weekdays:
        groups = groups.filter(weekday__in=criteria.weekdays)
    if criteria.times:
        by_time = Q()
        for name in criteria.times:
            start, end = TIMES_OF_DAY[name]
            by_time |= Q(start_time__gte=start, start_time__lt=end)
        groups = groups.filter(by_time)
    if criteria.language:
        groups = groups.filter(languages__regex=rf"(^|,){criteria.language}(,|$)")
    if criteria.audience:
        groups = groups.filter(audience__in=[criteria.audience, SupportGroup.Audience.BOTH])
    if criteria.cost == "free":
        groups = groups.filter(cost=SupportGroup.Cost.FREE)
    elif criteria.cost == "free_or_contribution":
        groups = groups.filter(cost__in=[SupportGroup.Cost.FREE, SupportGroup.Cost.CONTRIBUTION])
    for flag in criteria.accessibility:
        if flag in ACCESSIBILITY_FLAGS:
            groups = groups.filter(**{flag: True})
    if criteria.accepting:
        groups = groups.filter(
            accepting_members=True,
            status__in=[SupportGroup.Status.OPEN, SupportGroup.Status.FOUNDING],
        )

    if criteria.place is not None:
        place = criteria.place
        min_lat, max_lat, min_lon, max_lon = bounding_box(place.lat, place.lon, criteria.radius_km)
        in_box = Q(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
        # Online groups are open to people anywhere, so they follow the nearby ones.
        online = Q(format=SupportGroup.Format.ONLINE)
        groups = groups.filter(in_box | online).annotate(distance=distance_km(place.lat, place.lon))
        groups = groups.filter(Q(distance__lte=criteria.radius_km) | online)
        ordering = [F("distance").asc(nulls_last=True), *ordering]

    ordering.append(F("name").asc())
    ordering.append(F("pk").asc())
    return groups.order_by(*ordering)


@dataclass
class Suggestions:
    """What to offer when a search finds nothing: themes close to the words typed, and how
    many groups the words alone find without the other criteria."""

    themes: list[Theme]
    words_alone: int = 0


# How alike a typed word and a theme's word must be to suggest the theme ("alzeimer" and
# "alzheimer": 0.94; "deuil" and "seul": 0.67).
CLOSE_ENOUGH = 0.8


def _close(typed: str, known: str) -> bool:
    if len(typed) >= 4 and len(known) >= 4 and (known.startswith(typed) or typed.startswith(known)):
        return True
    return SequenceMatcher(None, typed, known).ratio() >= CLOSE_ENOUGH


def suggest(criteria: Criteria, limit: int = 3) -> Suggestions:
    """Suggestions for a search that found nothing; themes only when they have groups."""
    typed = [term[0] for term in query_terms(criteria.text)]
    themes: list[Theme] = []
    if typed:
        with_groups = Theme.objects.offered().filter(groups__in=public_groups()).distinct()
        if criteria.theme is not None:
            with_groups = with_groups.exclude(pk=criteria.theme.pk)
        for theme in with_groups.order_by("name_fr"):
            known = index_words(" ".join([theme.name_fr, theme.name_en, theme.keywords])).split()
            if any(_close(word, other) for word in typed for other in known):
                themes.append(theme)
                if len(themes) >= limit:
                    break
    words_alone = 0
    if typed and criteria != Criteria(text=criteria.text, radius_km=criteria.radius_km):
        words_alone = search(Criteria(text=criteria.text)).count()
    return Suggestions(themes, words_alone)
