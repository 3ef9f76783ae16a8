"""A directory search as a table, to download as CSV or ODS (a town hall's list of groups, a
partner's leaflet): what the results page shows of each group, nothing more — never a meeting
place, a link to a meeting or a person."""

from collections.abc import Iterator

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from entraide.directory.models import SupportGroup
from entraide.directory.search import Criteria
from entraide.directory.search import search as search_groups

# Enough for any town or theme; a whole directory is what the Meeting Guide feed is for.
EXPORT_LIMIT = 1000


def header() -> list[str]:
    return [
        _("Nom"),
        _("Thématiques"),
        _("Ville"),
        _("Code postal"),
        _("Rythme"),
        _("Format"),
        _("Langues"),
        _("Accessibilité"),
        _("Organisation"),
        _("Page du groupe"),
    ]


def found(criteria: Criteria) -> models.QuerySet[SupportGroup]:
    """The groups of the search, in its order, at most EXPORT_LIMIT of them, in three queries
    (the groups with their organisation, their themes, their meeting series)."""
    return (
        search_groups(criteria)
        .select_related("organisation")
        .prefetch_related("themes", "series")[:EXPORT_LIMIT]
    )


def rows(request: HttpRequest, criteria: Criteria) -> Iterator[list[str]]:
    for group in found(criteria):
        yield [
            group.name,
            ", ".join(str(theme.name) for theme in group.themes.all()),
            group.town,
            group.postal_code,
            group.rhythm_label(),
            str(group.get_format_display()),
            ", ".join(group.language_labels()),
            ", ".join(group.accessibility_labels()),
            group.organisation.name if group.organisation else "",
            request.build_absolute_uri(group.get_absolute_url()),
        ]
