"""Who reads an organisation's programme reports: its coordinators and its admins. Anyone else
gets the same 404 as for an organisation that does not exist."""

from django.http import HttpRequest

from entraide.organisations.access import organisation_for
from entraide.organisations.models import Organisation, OrganisationRole


def report_organisation(request: HttpRequest, slug: str) -> Organisation:
    return organisation_for(
        request, slug, OrganisationRole.Role.COORDINATOR, OrganisationRole.Role.ADMIN
    )
