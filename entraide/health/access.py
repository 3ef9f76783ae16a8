"""Who sees a group's health page: the only way, with one answer for "no".

- The group's active members and facilitators: it is their group. Observers come to listen
  first and do not: figures on who stays and who comes are for those who committed.
- The coordinators of the organisation that accompanies the group (the group names it, or it
  accepted to accompany the project), only while the group shares its health with it (see
  `sharing`).

Anyone else gets the same 404 as for a page that does not exist.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404, HttpRequest

from entraide.directory.models import SupportGroup
from entraide.founding.models import Initiative
from entraide.health.sharing import shared_with_organisation
from entraide.membership.models import Membership
from entraide.organisations.access import organisations_of
from entraide.organisations.models import Organisation, OrganisationRole


@dataclass
class Seen:
    group: SupportGroup
    membership: Membership | None = None
    organisation: Organisation | None = None

    @property
    def may_change_sharing(self) -> bool:
        return self.membership is not None and self.membership.is_facilitator


def accompanying(organisations: object) -> Q:
    """The groups these organisations accompany (not those that only asked)."""
    return Q(organisation__in=organisations) | Q(
        initiative__organisation__in=organisations,
        initiative__accompaniment=Initiative.Accompaniment.ACCEPTED,
    )


def health_for(request: HttpRequest, slug: str) -> Seen:
    """The group's health, if I am one of its members or facilitators, or if I coordinate the
    organisation that accompanies it and the group shares its health with it; 404 otherwise."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    mine = (
        Membership.objects.select_related("group")
        .filter(
            user=user,
            group__slug=slug,
            group__is_published=True,
            status=Membership.Status.ACTIVE,
            role__in=[Membership.Role.MEMBER, Membership.Role.FACILITATOR],
        )
        .first()
    )
    if mine is not None:
        return Seen(mine.group, membership=mine)
    organisations = organisations_of(user, OrganisationRole.Role.COORDINATOR)
    group = SupportGroup.objects.filter(accompanying(organisations), slug=slug).first()
    if group is None or not shared_with_organisation(group):
        raise Http404
    organisation = organisations.filter(
        Q(pk=group.organisation_id) | Q(initiatives__group=group)
    ).first()
    return Seen(group, organisation=organisation)


def facilitation_of_health(request: HttpRequest, slug: str) -> Seen:
    """The group's health, to change its sharing: facilitators only; 404 otherwise."""
    seen = health_for(request, slug)
    if not seen.may_change_sharing:
        raise Http404
    return seen
