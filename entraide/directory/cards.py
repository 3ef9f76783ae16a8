"""Groups' cards, as the search results and an organisation's page list them, rendered once
per group and language rather than on every view.

A card (`directory/_group_card.html`) says only public things about its group: its name,
town, rhythm, themes and tags. Its HTML is kept in the cache per language, under the
directory's version (`actions.directory_version()`, increased by every change to a group, its
themes or its meeting series) and the group's `updated_at`, so that a change shows on the next
view. The one part that depends on the search, the distance from the place asked about, is
rendered on each view into a slot of the kept HTML. Listing twenty groups then costs one cache
lookup and a few string replacements instead of twenty template renderings.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from entraide.directory.actions import directory_version
from entraide.directory.models import SupportGroup

TEMPLATE = "directory/_group_card.html"
# Where a card's distance goes: an HTML comment, which no group's escaped text can contain.
DISTANCE_SLOT = mark_safe("<!--distance-->")
CACHE_SECONDS = 3600  # an old version's cards are never read again; let them go


def _key(group: SupportGroup, language: str, version: int) -> str:
    changed = group.updated_at.timestamp() if group.updated_at else 0
    return f"card:{language}:{version}:{group.pk}:{changed}"


def cards(groups: Iterable[SupportGroup]) -> list[SafeString]:
    """The cards of these groups (from `access.group_cards()`), in their order, as HTML."""
    groups = list(groups)
    if not groups:
        return []
    language = get_language() or ""
    version = directory_version()
    keys = [_key(group, language, version) for group in groups]
    kept = cache.get_many(keys)
    made: dict[str, str] = {}
    card_template = get_template(TEMPLATE)
    distance_template = get_template(f"{TEMPLATE}#distance")
    result = []
    for group, key in zip(groups, keys, strict=True):
        html = kept.get(key)
        if not isinstance(html, str):
            html = str(card_template.render({"group": group, "distance": DISTANCE_SLOT}))
            made[key] = html
        distance = ""
        if getattr(group, "distance", None) is not None:
            distance = str(distance_template.render({"group": group}))
        result.append(mark_safe(html.replace(DISTANCE_SLOT, distance, 1)))  # noqa: S308 - ours.
    if made:
        cache.set_many(made, CACHE_SECONDS)
    return result
