"""What the coordinators' proposal page needs to create the groups and follow the answers."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.db.models import Count, Q

from entraide.membership.models import Membership
from entraide.proposals.invitations import answer_counts
from entraide.proposals.models import Invitation, Proposal, ProposedGroup

register = template.Library()


@dataclass
class Choice:
    group: ProposedGroup
    size: int
    reachable: int  # people with an e-mail or an account: they will be invited
    checked: bool


@register.simple_tag
def creation_choices(proposal: Proposal) -> list[Choice]:
    """Each group of the proposal, its size, and whether it is ticked by default (big enough)."""
    groups = ProposedGroup.objects.filter(proposal=proposal).annotate(
        size=Count("volunteers"),
        reachable=Count(
            "volunteers",
            filter=~Q(volunteers__email="") | Q(volunteers__user__isnull=False),
        ),
    )
    return [
        Choice(
            group=group,
            size=group.size,
            reachable=group.reachable,
            checked=group.size >= proposal.min_size,
        )
        for group in groups.order_by("number")
    ]


@dataclass
class Answers:
    joined: int
    declined: int
    waiting: int
    host_found: bool  # someone facilitates the group: they offered to host or launch it


@register.simple_tag
def invitation_answers(group: ProposedGroup) -> Answers:
    """The invitations' answers as counts, never names: coordinators do not see members."""
    if hasattr(group, "host_found"):  # counted already (invitations.with_answers)
        counted: Any = group
        return Answers(
            joined=counted.joined,
            declined=counted.declined,
            waiting=counted.waiting,
            host_found=counted.host_found,
        )
    counts = answer_counts(group)
    host_found = (
        group.initiative is not None
        and Membership.objects.filter(
            group_id=group.initiative.group_id,
            role=Membership.Role.FACILITATOR,
            status=Membership.Status.ACTIVE,
        ).exists()
    )
    return Answers(
        joined=counts[Invitation.Answer.JOINED],
        declined=counts[Invitation.Answer.DECLINED],
        waiting=counts[Invitation.Answer.WAITING],
        host_found=host_found,
    )
