"""The writes of the directory: one function for each change that touches more than a field."""

from django.db import transaction
from django.utils.text import slugify

from entraide.directory.models import SupportGroup
from entraide.lib.text import normalize


def search_text_for(group: SupportGroup) -> str:
    """Everything a visitor may type to find this group, lower-case and without accents."""
    parts = [
        group.name,
        group.summary,
        group.description,
        group.town,
        group.postal_code,
        str(group.get_kind_display()),
        str(group.get_audience_display()),
        group.organisation.name if group.organisation else "",
    ]
    for theme in group.themes.all():
        parts.extend([theme.name_fr, theme.name_en])
    return normalize(" ".join(parts))


def refresh_search_text(group: SupportGroup) -> None:
    """Recompute the searchable words after the group or its themes changed."""
    group.search_text = search_text_for(group)
    group.save(update_fields=["search_text"])


def unique_slug(name: str, town: str = "") -> str:
    base = slugify(f"{name} {town}".strip())[:100] or "groupe"
    slug = base
    suffix = 2
    while SupportGroup.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


@transaction.atomic
def publish_group(group: SupportGroup, theme_ids: list[int]) -> SupportGroup:
    """Save a new or edited group with its themes, and make it findable at once."""
    if not group.slug:
        group.slug = unique_slug(group.name, group.town)
    group.save()
    group.themes.set(theme_ids)
    refresh_search_text(group)
    return group
