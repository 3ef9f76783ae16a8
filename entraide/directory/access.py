"""How views fetch directory objects: the only way, so the rules live in one place."""

from django.db import models
from django.http import Http404

from entraide.directory.models import SupportGroup
from entraide.organisations.models import Organisation


def public_groups() -> models.QuerySet[SupportGroup]:
    """The groups anyone may see in the directory."""
    return SupportGroup.objects.filter(is_published=True)


def public_group(slug: str) -> SupportGroup:
    """A published group; 404 for an unknown or unpublished one alike, never a hint."""
    try:
        return (
            public_groups().select_related("organisation").prefetch_related("themes").get(slug=slug)
        )
    except SupportGroup.DoesNotExist:
        raise Http404 from None


def public_organisation(slug: str) -> Organisation:
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
