"""Who does what for an organisation: the only way views reach an organisation's private side.

A person without the right role gets the same 404 as for an organisation that does not exist,
so the site never reveals who works where. Name the roles a page needs, e.g.
`organisation_for(request, slug, OrganisationRole.Role.COORDINATOR)`.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import Http404, HttpRequest
from django.utils import timezone

from entraide.accounts.models import User
from entraide.organisations.models import Organisation, OrganisationRole, TeamInvitation

# Both middlewares ask whether the person holds a role; the answer is kept on the request.
_HOLDS_A_ROLE = "_entraide_is_org_staff"


def roles_of(user: User | AnonymousUser, organisation: Organisation) -> set[str]:
    """The roles the person holds in this organisation; empty for anyone else."""
    if not isinstance(user, User):
        return set()
    return set(
        OrganisationRole.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )


def is_organisation_staff(user: User | AnonymousUser) -> bool:
    """Whether the person holds a role in any organisation: they then see more than a member."""
    return isinstance(user, User) and OrganisationRole.objects.filter(user=user).exists()


def is_organisation_staff_on(request: HttpRequest) -> bool:
    """`is_organisation_staff` for the signed-in person, asked at most once per request."""
    known = getattr(request, _HOLDS_A_ROLE, None)
    if known is None:
        known = is_organisation_staff(request.user)
        setattr(request, _HOLDS_A_ROLE, known)
    return bool(known)


def organisations_of(user: User | AnonymousUser, *roles: str) -> models.QuerySet[Organisation]:
    """The organisations where the person holds one of `roles` (any role when none is named)."""
    if not isinstance(user, User):
        return Organisation.objects.none()
    held = OrganisationRole.objects.filter(user=user)
    if roles:
        held = held.filter(role__in=roles)
    # A subquery rather than a join: a person with two roles in one place gets it once.
    return Organisation.objects.filter(pk__in=held.values("organisation"))


def organisation_for(request: HttpRequest, slug: str, *roles: str) -> Organisation:
    """The organisation, if the signed-in person holds one of `roles` there; 404 otherwise."""
    try:
        return organisations_of(request.user, *roles).get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


# Concerns (safeguarding) are handled by the organisation's safeguarding leads, or by its admins
# when it has none: a question of roles, asked by the concerns' pages and the journal alike.
LEAD = OrganisationRole.Role.SAFEGUARDING_LEAD
ADMIN = OrganisationRole.Role.ADMIN


def has_safeguarding_leads(organisation: Organisation) -> bool:
    return OrganisationRole.objects.filter(organisation=organisation, role=LEAD).exists()


def concern_handlers(organisation: Organisation) -> list[User]:
    """Who receives the organisation's concerns: its safeguarding leads, or, when it has
    none, its organisation admins."""
    role = LEAD if has_safeguarding_leads(organisation) else ADMIN
    return [
        held.user
        for held in OrganisationRole.objects.filter(organisation=organisation, role=role)
        .select_related("user")
        .order_by("user__display_name", "user__pk")
    ]


def handles_concerns(user: User, organisation: Organisation) -> bool:
    roles = roles_of(user, organisation)
    if LEAD in roles:
        return True
    return ADMIN in roles and not has_safeguarding_leads(organisation)


def team_invitation_for(token: str) -> TeamInvitation:
    """An invitation whose link still works; 404 for a wrong, used or expired one alike."""
    try:
        return TeamInvitation.objects.select_related("organisation").get(
            token=token, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
    except TeamInvitation.DoesNotExist:
        raise Http404 from None
