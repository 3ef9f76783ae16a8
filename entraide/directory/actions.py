"""The writes of the directory: one function for each change that touches more than a field."""

import time

from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup, Theme
from entraide.lib.refusals import Refused
from entraide.lib.text import index_words, normalize
from entraide.organisations.models import Organisation

VERSION_KEY = "directory:version"


def directory_version() -> int:
    """A number that changes whenever a group changes, to key cached search results.

    It starts from the clock, not from 1, so that a number is never given twice when the cache
    was emptied: what a process kept in its own memory under an older number (the search
    form's filters) is never taken for current."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def directory_changed() -> None:
    """Forget every cached search result: called after any change to a group."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)


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


# Themes -----------------------------------------------------------------------------------------


def _theme_slug(name: str) -> str:
    base = slugify(name)[:50] or "thematique"
    slug, suffix = base, 2
    while Theme.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def same_name(name: str) -> Theme | None:
    """A theme that already has this name, in French or English, whatever the accents."""
    wanted = normalize(name)
    for theme in Theme.objects.all():
        if wanted in (normalize(theme.name_fr), normalize(theme.name_en)):
            return theme
    return None


def propose_theme(group: SupportGroup, name: str) -> Theme:
    """An initiator's own theme for their group: the group shows it at once, and it waits for a
    coordinator (or the site team) before it is offered to everyone. A name that exists
    already is that theme."""
    name = " ".join(name.split())[:80]
    with transaction.atomic():
        theme = same_name(name)
        if theme is None:
            theme = Theme.objects.create(
                slug=_theme_slug(name),
                name_fr=name,
                name_en=name,
                is_accepted=False,
                proposed_for=group,
            )
        group.themes.add(theme)
        refresh_search_text(group)
    return theme


def add_theme(name_fr: str, name_en: str, domain: str, *, organisation: Organisation) -> Theme:
    """An organisation adds a theme for everyone (a name that exists already is that one)."""
    with transaction.atomic():
        theme = same_name(name_fr) or same_name(name_en)
        if theme is None:
            theme = Theme.objects.create(
                slug=_theme_slug(name_fr),
                name_fr=name_fr,
                name_en=name_en,
                domain=domain,
                added_by=organisation,
            )
        elif not theme.is_accepted:
            accept_theme(theme, name_en=name_en, domain=domain, organisation=organisation)
        directory_changed()
    return theme


def accept_theme(theme: Theme, *, name_en: str, domain: str, organisation: Organisation) -> Theme:
    """A proposed theme is offered to everyone from now on, with its English name and domain."""
    with transaction.atomic():
        theme = Theme.objects.select_for_update().get(pk=theme.pk)
        theme.name_en = name_en or theme.name_en
        theme.domain = domain
        theme.is_accepted = True
        theme.added_by = organisation
        theme.save()
        for group in theme.groups.all():
            refresh_search_text(group)
        directory_changed()
    return theme


def replace_theme(theme: Theme, by: Theme) -> None:
    """A proposed theme that an existing one already covers: its groups take that one."""
    with transaction.atomic():
        theme = Theme.objects.select_for_update().get(pk=theme.pk)
        if theme.is_accepted:
            raise Refused(_("Cette thématique est déjà proposée à tout le monde."))
        groups = list(theme.groups.all())
        for group in groups:
            group.themes.add(by)
        theme.delete()
        for group in groups:
            refresh_search_text(group)
        directory_changed()


def save_organisation_page(
    organisation: Organisation, themes: models.QuerySet[Theme] | list[Theme], *, by: User
) -> None:
    """An admin's changes to the organisation's public page and the themes it declares; the
    journal says that the page changed, never what it says."""
    with transaction.atomic():
        organisation.save()
        organisation.declared_themes.set(themes)
        record(AuditEvent.Action.ORGANISATION_PAGE_EDITED, by=by, organisation=organisation)
