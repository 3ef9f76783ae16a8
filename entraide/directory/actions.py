"""The writes of the directory: one function for each change that touches more than a field."""

from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection, models, transaction
from django.utils.text import slugify

from entraide.directory.models import SupportGroup
from entraide.lib.text import index_words

VERSION_KEY = "directory:version"


def directory_version() -> int:
    """A number that changes whenever a group changes, to key cached search results."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def directory_changed() -> None:
    """Forget every cached search result: called after any change to a group."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 1, timeout=None)


def search_text_for(group: SupportGroup) -> str:
    """Everything a visitor may type to find this group, in the searchable form of
    `lib.text.index_words` (lower-case, without accents, French gender and number folded);
    its themes bring their names in both languages and their other words."""
    parts = [
        group.name,
        group.summary,
        group.description,
        group.town,
        group.postal_code,
        str(group.get_kind_display()),
        group.organisation.name if group.organisation else "",
    ]
    for theme in group.themes.all():
        parts.extend([theme.name_fr, theme.name_en, theme.keywords.replace(",", " ")])
    return index_words(" ".join(parts))


def refresh_search_text(group: SupportGroup) -> None:
    """Recompute the searchable words after the group or its themes changed."""
    group.search_text = search_text_for(group)
    group.save(update_fields=["search_text"])
    refresh_search_vectors(SupportGroup.objects.filter(pk=group.pk))
    transaction.on_commit(directory_changed)


def refresh_search_vectors(groups: models.QuerySet[SupportGroup]) -> None:
    """On PostgreSQL, turn the groups' searchable words into stored French search vectors."""
    if connection.vendor == "postgresql":
        groups.update(search_vector=SearchVector("search_text", config="french"))


def unique_slug(name: str, town: str = "") -> str:
    """The name's slug, with the town unless the name already says it ("deuil-nantes")."""
    words = slugify(name)
    if slugify(town) and slugify(town) not in words:
        words = f"{words}-{slugify(town)}".strip("-")
    base = words[:100] or "groupe"
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
