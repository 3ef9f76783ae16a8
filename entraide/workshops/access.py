"""How views reach workshops and registrations, and who a workshop is for.

A workshop is public (its title, date, town and audience are on the organisation's page); its
street address is for registered people, its link for people with a seat. The organisation's
coordinators and admins run its workshops; anyone else gets the same 404 as for a workshop that
does not exist.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.membership.models import Membership
from entraide.organisations.access import organisation_for, roles_of
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.workshops.models import Registration, Workshop

TEAM = (OrganisationRole.Role.COORDINATOR, OrganisationRole.Role.ADMIN)


def upcoming() -> QuerySet[Workshop]:
    """Published workshops that have not ended, soonest first."""
    return Workshop.objects.filter(
        status=Workshop.Status.PUBLISHED, ends_at__gt=timezone.now()
    ).select_related("organisation")


def public_workshop(workshop_id: int) -> Workshop:
    """Any workshop, published or cancelled: what it says is public."""
    try:
        return Workshop.objects.select_related("organisation").get(pk=workshop_id)
    except Workshop.DoesNotExist:
        raise Http404 from None


def team_organisation(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if I coordinate or administer it; 404 otherwise."""
    return organisation_for(request, slug, *TEAM)


def team_workshop(request: HttpRequest, slug: str, workshop_id: int) -> Workshop:
    """One of the organisation's workshops, for its team; 404 otherwise."""
    organisation = team_organisation(request, slug)
    try:
        workshop = Workshop.objects.get(pk=workshop_id, organisation=organisation)
    except Workshop.DoesNotExist:
        raise Http404 from None
    workshop.organisation = organisation
    return workshop


def runs_workshops(user: User | object, organisation: Organisation) -> bool:
    """Whether the person is on the organisation's team that runs its workshops."""
    return isinstance(user, User) and bool(roles_of(user, organisation) & set(TEAM))


def registration_of(user: User | object, workshop: Workshop) -> Registration | None:
    """The person's current registration (a seat or waiting), None when not registered."""
    if not isinstance(user, User):
        return None
    return Registration.objects.active().filter(workshop=workshop, user=user).first()


def own_registration(request: HttpRequest, workshop_id: int) -> Registration:
    """My current registration for this workshop; 404 when I have none."""
    person = signed_in(request)
    # The workshop first, by its key: a number no row can hold is a 404 there.
    workshop = public_workshop(workshop_id)
    try:
        mine = (
            Registration.objects.active().select_related("user").get(workshop=workshop, user=person)
        )
    except Registration.DoesNotExist:
        raise Http404 from None
    mine.workshop = workshop
    return mine


def own_registrations(request: HttpRequest) -> QuerySet[Registration]:
    """Every workshop I registered for and did not withdraw from, soonest first."""
    return (
        Registration.objects.active()
        .filter(user=signed_in(request))
        .select_related("workshop__organisation")
        .order_by("workshop__starts_at", "pk")
    )


def in_audience(person: User, workshop: Workshop) -> bool:
    """Whether the workshop is for this person: anyone with an account, the people of the
    organisation's groups (any role, observers included), or those who facilitate one."""
    if workshop.audience == Workshop.Audience.ANYONE:
        return True
    held = Membership.objects.filter(
        user=person,
        status=Membership.Status.ACTIVE,
        group__organisation_id=workshop.organisation_id,
    )
    if workshop.audience == Workshop.Audience.FACILITATORS:
        held = held.filter(role=Membership.Role.FACILITATOR)
    return held.exists()
