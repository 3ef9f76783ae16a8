"""How many published groups the directory holds, in all and per theme, for the home page.

Counting runs over the whole directory, so it is done once per change of the directory, not
once per view: the figures are cached under `actions.directory_version()`, which every write to
a group increases, and are right again on the next view after a change.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count

from entraide.directory.access import public_groups
from entraide.directory.actions import directory_version
from entraide.directory.models import Theme

CACHE_SECONDS = 24 * 3600  # an old version's figures are never read again; let them go


@dataclass(frozen=True)
class DirectoryCounts:
    groups: int
    by_theme: dict[int, int]


def directory_counts() -> DirectoryCounts:
    key = f"directory-counts:{directory_version()}"
    counts = cache.get(key)
    if isinstance(counts, DirectoryCounts):
        return counts
    by_theme = dict(
        public_groups()
        .filter(themes__isnull=False)
        .values_list("themes")
        .annotate(n=Count("pk", distinct=True))
        .values_list("themes", "n")
    )
    counts = DirectoryCounts(groups=public_groups().count(), by_theme=by_theme)
    cache.set(key, counts, CACHE_SECONDS)
    return counts


def themes_in_use() -> list[tuple[Theme, int]]:
    """The offered themes that published groups have, by name, each with its number of groups.

    Kept like the counts, under the directory's version: adding, accepting or replacing a
    theme changes it too."""
    key = f"directory-themes:{directory_version()}"
    themes = cache.get(key)
    if isinstance(themes, list):
        return themes
    counts = directory_counts()
    offered = Theme.objects.offered().filter(pk__in=counts.by_theme).order_by("name_fr")
    themes = [(theme, counts.by_theme[theme.pk]) for theme in offered]
    cache.set(key, themes, CACHE_SECONDS)
    return themes
