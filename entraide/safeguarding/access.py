"""Who may reach a concern: the only way views fetch one, with one answer for "no".

- The organisation's safeguarding leads handle its concerns. When it has none, its
  organisation admins do, and the pages say so. Coordinators alone, staff, and the group's
  other members and facilitators never see a concern, nor that one exists.
- The person who raised a concern sees it, its status and the messages written to them, on
  their own page, and may withdraw it.

Anyone else gets the same 404 as for a page that does not exist.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from entraide.accounts.access import signed_in
from entraide.organisations.access import handles_concerns, organisation_for
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.safeguarding.models import Concern


def handling(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if I handle its concerns; 404 otherwise."""
    # Only leads and admins may handle; among admins, only where there is no lead.
    organisation = organisation_for(
        request, slug, OrganisationRole.Role.SAFEGUARDING_LEAD, OrganisationRole.Role.ADMIN
    )
    if not handles_concerns(signed_in(request), organisation):
        raise Http404
    return organisation


def concern_to_handle(request: HttpRequest, slug: str, concern_id: int) -> Concern:
    """A concern my organisation received, if I handle its concerns; 404 otherwise."""
    organisation = handling(request, slug)
    try:
        concern = Concern.objects.select_related("group", "raised_by").get(
            pk=concern_id, organisation=organisation
        )
    except Concern.DoesNotExist:
        raise Http404 from None
    concern.organisation = organisation
    return concern


def own_concerns(request: HttpRequest) -> QuerySet[Concern]:
    """The concerns I raised, whatever became of them and of my place in the group."""
    return Concern.objects.filter(raised_by=signed_in(request)).select_related(
        "group", "organisation"
    )


def own_concern(request: HttpRequest, concern_id: int) -> Concern:
    """A concern I raised; 404 for anyone else's."""
    try:
        return own_concerns(request).get(pk=concern_id)
    except Concern.DoesNotExist:
        raise Http404 from None
