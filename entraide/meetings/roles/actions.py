"""Shared roles: who offers to take which role, a fair rotation, and the roles of a meeting.

The group decides; the site suggests a fair rotation and never assigns anyone a role they did
not offer to take. Observers came to listen (seed 003): members and facilitators take roles.
"""

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.lib.refusals import Refused
from entraide.meetings.access import TAKING_PART
from entraide.meetings.models import Meeting, RoleAssignment, RoleKind, RoleVolunteer
from entraide.membership.models import Membership

# Seed 004's functions, in the order we show them. Other kinds (a host for home rotation) are
# handled elsewhere.
ROTATING_ROLES: tuple[str, ...] = (
    RoleKind.FACILITATION,
    RoleKind.TIMEKEEPING,
    RoleKind.WELCOME,
    RoleKind.LOGISTICS,
    RoleKind.SPEAKERS,
    RoleKind.NEWCOMER_CONTACT,
)
# What a member may offer: the rotating roles, and hosting a meeting at home when the group
# meets at members' homes in turn (seed 000; the host is asked in meetings.hosts).
OFFERABLE_ROLES: tuple[str, ...] = (*ROTATING_ROLES, RoleKind.HOST)


def role_label(role: str) -> str:
    return str(RoleKind(role).label)


def volunteers_for(group: SupportGroup, role: str) -> list[User]:
    """Active members and facilitators of the group who offered to take this role."""
    return list(
        User.objects.filter(
            role_offers__group=group,
            role_offers__role=role,
            memberships__group=group,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role__in=TAKING_PART,
        )
        .distinct()
        .order_by("display_name", "pk")
    )


def offers_of(membership: Membership) -> set[str]:
    return set(
        RoleVolunteer.objects.filter(group=membership.group, user=membership.user).values_list(
            "role", flat=True
        )
    )


def set_offers(membership: Membership, roles: Iterable[str]) -> set[str]:
    """A member opts in to the roles they name and out of the others."""
    if not (membership.is_active and membership.role in TAKING_PART):
        raise PermissionError
    wanted = set(roles)
    unknown = wanted - set(OFFERABLE_ROLES)
    if unknown:
        raise ValueError(unknown)
    with transaction.atomic():
        offers = RoleVolunteer.objects.filter(group=membership.group, user=membership.user)
        offers.filter(role__in=OFFERABLE_ROLES).exclude(role__in=wanted).delete()
        held = set(offers.values_list("role", flat=True))
        RoleVolunteer.objects.bulk_create(
            [
                RoleVolunteer(group=membership.group, user=membership.user, role=role)
                for role in sorted(wanted - held)
            ]
        )
    return wanted


def suggest_rotation(meeting: Meeting) -> dict[str, User | None]:
    """For each role, the volunteer who served it least recently: never first, then the
    longest ago; ties by display name. Nobody who did not offer is ever suggested."""
    suggestion: dict[str, User | None] = {}
    for role in ROTATING_ROLES:
        candidates = volunteers_for(meeting.group, role)
        last_served = dict(
            RoleAssignment.objects.filter(meeting__group=meeting.group, role=role)
            .exclude(meeting=meeting)
            .exclude(meeting__status=Meeting.Status.CANCELLED)
            .values("user_id")
            .annotate(last=Max("meeting__starts_at"))
            .values_list("user_id", "last")
        )
        candidates.sort(
            key=lambda person: (
                person.pk in last_served,
                last_served.get(person.pk) or meeting.starts_at,
                person.display_name.casefold(),
                person.pk,
            )
        )
        suggestion[role] = candidates[0] if candidates else None
    return suggestion


def assign_roles(
    meeting: Meeting, assignments: Mapping[str, User | None], *, by: Membership
) -> None:
    """Give each role of a meeting to a volunteer, or to nobody; refuse anyone who did not offer."""
    if not by.is_facilitator or by.group_id != meeting.group_id:
        raise PermissionError
    with transaction.atomic():
        for role, person in assignments.items():
            if role not in ROTATING_ROLES:
                raise ValueError(role)
            if person is not None and person not in volunteers_for(meeting.group, role):
                # The form offers volunteers only; someone may have withdrawn meanwhile.
                raise Refused(_("On ne donne un rôle qu'à qui l'a choisi."))
            if person is None:
                RoleAssignment.objects.filter(meeting=meeting, role=role).delete()
            else:
                RoleAssignment.objects.update_or_create(
                    meeting=meeting, role=role, defaults={"user": person}
                )
