"""Shared roles: who offers to take which role, a fair rotation, and the roles of a meeting.

The group decides; the site suggests a fair rotation (one role a person in a meeting as far as
the volunteers allow, then in turn from one meeting to the next) and never assigns anyone a role
they did not offer to take. Observers came to listen (seed 003): members and facilitators take
roles.
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


def _fair_order(meeting: Meeting, role: str) -> list[User]:
    """The role's volunteers, whoever served it least recently first: never first, then the
    longest ago; ties by display name."""
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
    return candidates


def suggest_rotation(meeting: Meeting) -> dict[str, User | None]:
    """Who could take each role of this meeting: nobody who did not offer, ever.

    First the roles go to different people, as many as the volunteers allow (a role already
    given at this meeting keeps its person, who then takes no other); then, among the ways of
    doing so, each role goes as near as possible to whoever served it least recently. Only a
    role nobody else can take goes to someone who already has one.
    """
    holders = {
        assignment.role: assignment.user
        for assignment in RoleAssignment.objects.filter(
            meeting=meeting, role__in=ROTATING_ROLES
        ).select_related("user")
    }
    orders = {role: _fair_order(meeting, role) for role in ROTATING_ROLES if role not in holders}
    spread = _spread(orders, taken={person.pk for person in holders.values()})
    suggestion: dict[str, User | None] = {}
    for role in ROTATING_ROLES:
        fairest = orders.get(role, [])
        suggestion[role] = (
            holders.get(role) or spread.get(role) or (fairest[0] if fairest else None)
        )
    return suggestion


def _spread(orders: Mapping[str, list[User]], taken: set[int]) -> dict[str, User]:
    """Roles to distinct people, not among `taken`: as many roles as possible, then the
    smallest sum of places in each role's fair order. Six roles at most, and only the first
    six volunteers of a role can matter (the five other roles take five at most), so an
    exhaustive search stays small."""
    roles = [role for role, order in orders.items() if order]
    best: tuple[int, int] = (-1, 0)
    best_choice: dict[str, User] = {}

    def search(index: int, used: set[int], choice: dict[str, User], cost: int) -> None:
        nonlocal best, best_choice
        if index == len(roles):
            score = (len(choice), -cost)
            if score > best:
                best, best_choice = score, dict(choice)
            return
        # Even filling every role left, this branch cannot beat the best found.
        if (len(choice) + len(roles) - index, -cost) <= best:
            return
        role = roles[index]
        for rank, person in enumerate(orders[role][: len(ROTATING_ROLES)]):
            if person.pk in used:
                continue
            choice[role] = person
            search(index + 1, used | {person.pk}, choice, cost + rank)
            del choice[role]
        search(index + 1, used, choice, cost)  # this role to nobody new

    search(0, set(taken), {}, 0)
    return best_choice


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
