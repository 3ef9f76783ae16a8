"""How views fetch directory objects: the only way, so the rules live in one place."""

from django.db import models
from django.http import Http404

from entraide.directory.models import SupportGroup
from entraide.organisations.models import Organisation


def public_groups() -> models.QuerySet[SupportGroup]:
    """The groups anyone may see in the directory."""
    return SupportGroup.objects.filter(is_published=True)


def group_cards() -> models.QuerySet[SupportGroup]:
    """Published groups with what their cards show (`directory/_group_card.html`), in a fixed
    number of queries whatever their number: their themes and meeting series come in one
    query each. What a card never shows stays in the database, above all the encrypted
    meeting place, which is then never decrypted to list groups."""
    series = SupportGroup._meta.get_field("series").related_model
    return (
        public_groups()
        .defer("description", "search_text", "search_vector", "meeting_place")
        .prefetch_related(
            "themes",
            models.Prefetch("series", queryset=series._default_manager.defer("place")),
        )
    )


def public_group(slug: str) -> SupportGroup:
    """A published group; 404 for an unknown or unpublished one alike, never a hint."""
    try:
        return (
            public_groups()
            .select_related("organisation")
            # Its rhythm, next meeting and calendar all read its meeting series: one query.
            .prefetch_related("themes", "series")
            .get(slug=slug)
        )
    except SupportGroup.DoesNotExist:
        raise Http404 from None


def public_organisation(slug: str) -> Organisation:
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
