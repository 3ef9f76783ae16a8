"""The pages of a group and of one's groups: they gather what several apps know.

The public page of a group shows whether I belong or asked to, and how a group being founded
is recruiting; "Mes groupes" lists my groups, projects and registrations of interest; the
group's private space shows its place, next meeting, members and requests, its project and
its review. Each of those belongs to an app below this one, so these pages live here.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from entraide.accompaniment.models import Respondent, Review
from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.directory import access
from entraide.directory.jsonld import as_script_content, group_json_ld
from entraide.directory.models import SupportGroup
from entraide.founding import actions as founding_actions
from entraide.founding.models import Initiative, Interest
from entraide.meetings.display import next_meeting, shown
from entraide.meetings.models import Meeting
from entraide.membership.access import membership_or_none, own_membership
from entraide.membership.models import Membership


@login_not_required
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.public_group(slug)
    person = request.user if isinstance(request.user, User) else None
    context: dict[str, object] = {
        "group": group,
        "membership": membership_or_none(person, group),
        "next_meeting": next_meeting(group),
        "json_ld": as_script_content(group_json_ld(request, group)),
    }
    if group.status == SupportGroup.Status.FOUNDING:
        context.update(founding_context(group, person))
    return render(request, "pages/group.html", context)


def founding_context(group: SupportGroup, person: User | None) -> dict[str, object]:
    """For a group being founded: how many people are in so far, and whether I am one."""
    initiative = Initiative.objects.filter(group=group).first()
    if initiative is None or not founding_actions.is_recruiting(initiative):
        return {}
    return {
        "initiative": initiative,
        "people_count": founding_actions.people_count(initiative),
        "interest": (
            Interest.objects.filter(initiative=initiative, user=person).first() if person else None
        ),
    }


@require_safe
def my_groups(request: HttpRequest) -> HttpResponse:
    """Mes groupes: where I belong, with my role, and the requests I am waiting on."""
    person = signed_in(request)
    memberships = (
        Membership.objects.filter(
            user=person,
            status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
            group__is_published=True,
        )
        # A group being founded is listed once, among the projects below.
        .exclude(
            status=Membership.Status.ACTIVE,
            group__status=SupportGroup.Status.FOUNDING,
            group__initiative__isnull=False,
        )
        .select_related("group")
        .order_by("status", "group__name")
    )
    # My projects of group in progress, unpublished ones too, and those I registered for.
    projects = (
        Initiative.objects.filter(
            group__memberships__user=person,
            group__memberships__status=Membership.Status.ACTIVE,
            group__status=SupportGroup.Status.FOUNDING,
        )
        .select_related("group")
        .order_by("group__name")
    )
    active = Membership.objects.filter(user=person, status=Membership.Status.ACTIVE)
    interests = (
        Interest.objects.filter(user=person, initiative__group__is_published=True)
        .exclude(initiative__group_id__in=active.values("group_id"))
        .select_related("initiative__group")
        .order_by("initiative__group__name")
    )
    # The newcomers' questionnaires not answered nor set aside: a gentle notice each.
    intake_waiting = set(
        Respondent.objects.filter(
            user=person, purpose="intake", state=Respondent.State.OFFERED
        ).values_list("group_id", flat=True)
    )
    return render(
        request,
        "pages/my_groups.html",
        {
            "intake_waiting": intake_waiting,
            # Each of my groups with its next meeting, for the groups I am in.
            "memberships": [
                (membership, next_meeting(membership.group) if membership.is_active else None)
                for membership in memberships
            ],
            "projects": projects,
            "interests": interests,
        },
    )


@require_safe
def group_space(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's private space: the place, the next meeting, and who is there."""
    mine = own_membership(request, slug)
    group = mine.group
    members = (
        group.memberships.filter(status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("user__display_name")
        if mine.sees_members
        else Membership.objects.none()
    )
    requests = (
        group.memberships.filter(status=Membership.Status.REQUESTED)
        .select_related("user")
        .order_by("requested_at")
        if mine.is_facilitator
        else Membership.objects.none()
    )
    # Observers who asked to become members, for the facilitators to answer.
    asking = (
        group.memberships.filter(
            status=Membership.Status.ACTIVE,
            role=Membership.Role.OBSERVER,
            becoming_member=Membership.BecomingMember.ASKED,
        )
        .select_related("user")
        .order_by("becoming_member_since", "pk")
        if mine.is_facilitator
        else Membership.objects.none()
    )
    next_planned = (
        group.meetings.filter(status=Meeting.Status.SCHEDULED, ends_at__gt=timezone.now())
        .select_related("series", "host")
        .first()
    )
    return render(
        request,
        "pages/group_space.html",
        {
            "mine": mine,
            "group": group,
            "next_meeting": next_meeting(group),
            # The next planned meeting, with its place as this person may see it.
            "next_planned": shown(next_planned, mine) if next_planned else None,
            "members": members,
            "requests": requests,
            "asking": asking,
            "initiative": Initiative.objects.filter(group=group).first(),
            "review_open": group.reviews.filter(status=Review.Status.OPEN).exists(),
            "has_rounds": group.reviews.exists(),
            # The questionnaire offered on joining, until answered or declined ("plus tard"
            # keeps it here, quietly).
            "intake": Respondent.objects.filter(user=mine.user, group=group, purpose="intake")
            .exclude(state__in=[Respondent.State.ANSWERED, Respondent.State.DECLINED])
            .first(),
        },
    )
