"""How views reach proposals, wishes and invitations: the only way, with one answer for "no".

Who sees what:
- the coordinators of an organisation see its proposals: the lists they uploaded or the wishes
  people registered with it, the computed groups and each person's distance. Nobody else does,
  not an organisation admin who does not coordinate, not a coordinator elsewhere;
- a signed-in person sees and withdraws their own wish;
- whoever holds an invitation's link (it was e-mailed to one person) sees that invitation: the
  group being founded, how many people, their own distance to the meeting point; never anyone's
  address or name.

Anyone else gets the same 404 as for a page that does not exist.
"""

from django.http import Http404, HttpRequest

from entraide.accompaniment.access import coordination
from entraide.organisations.models import Organisation
from entraide.proposals.models import Invitation, Proposal, ProposedGroup, Volunteer

__all__ = [
    "coordination",
    "group_in",
    "invitation_for",
    "organisation_for_wish",
    "proposal_for",
    "volunteer_in",
]


def proposal_for(request: HttpRequest, slug: str, pk: int) -> Proposal:
    """A proposal of an organisation I coordinate; 404 otherwise."""
    organisation = coordination(request, slug)
    try:
        proposal = Proposal.objects.get(pk=pk, organisation=organisation)
    except Proposal.DoesNotExist:
        raise Http404 from None
    proposal.organisation = organisation
    return proposal


def volunteer_in(proposal: Proposal, volunteer_id: object) -> Volunteer:
    """A person of this proposal; 404 for anything else (another proposal's person included)."""
    try:
        return Volunteer.objects.get(pk=int(str(volunteer_id)), proposal=proposal)
    except (ValueError, Volunteer.DoesNotExist):
        raise Http404 from None


def group_in(proposal: Proposal, group_id: object) -> ProposedGroup:
    """A group of this proposal; 404 for anything else."""
    try:
        return ProposedGroup.objects.get(pk=int(str(group_id)), proposal=proposal)
    except (ValueError, ProposedGroup.DoesNotExist):
        raise Http404 from None


def organisation_for_wish(slug: str) -> Organisation:
    """Any organisation may be asked to group people; an unknown slug is a 404."""
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


def invitation_for(token: str) -> Invitation:
    """The invitation this secret link stands for; 404 for a wrong or revoked link."""
    try:
        return Invitation.objects.select_related(
            "group__proposal__organisation", "group__initiative__group", "volunteer"
        ).get(token=token)
    except Invitation.DoesNotExist:
        raise Http404 from None
