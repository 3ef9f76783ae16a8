"""How views reach a group's private side: the only way, with one answer for "no".

A person without the right gets the same 404 as for a group that does not exist: the site
never reveals whether someone belongs to a group, nor whether a private page exists.
"""

from django.http import Http404, HttpRequest

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.membership.models import Membership


def own_membership(request: HttpRequest, slug: str) -> Membership:
    """My active membership of the group, whatever my role; 404 otherwise."""
    try:
        return Membership.objects.select_related("group", "group__organisation").get(
            user=signed_in(request),
            group__slug=slug,
            group__is_published=True,
            status=Membership.Status.ACTIVE,
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def facilitation(request: HttpRequest, slug: str) -> Membership:
    """My membership as an active facilitator of the group; 404 otherwise."""
    membership = own_membership(request, slug)
    if not membership.is_facilitator:
        raise Http404
    return membership


def as_observer(request: HttpRequest, slug: str) -> Membership:
    """My membership of the group while I come to listen (observer); 404 otherwise."""
    membership = own_membership(request, slug)
    if not membership.is_observer:
        raise Http404
    return membership


def as_member(request: HttpRequest, slug: str) -> Membership:
    """My membership of the group as a member (not a facilitator); 404 otherwise."""
    membership = own_membership(request, slug)
    if membership.role != Membership.Role.MEMBER:
        raise Http404
    return membership


def observer_to_decide(request: HttpRequest, slug: str, observer_id: int) -> Membership:
    """An observer of a group I facilitate, whom I may welcome as a member; 404 otherwise."""
    mine = facilitation(request, slug)
    try:
        return Membership.objects.select_related("user", "group").get(
            pk=observer_id,
            group=mine.group,
            status=Membership.Status.ACTIVE,
            role=Membership.Role.OBSERVER,
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def request_to_decide(request: HttpRequest, slug: str, membership_id: int) -> Membership:
    """A pending request to join a group I facilitate; 404 otherwise."""
    mine = facilitation(request, slug)
    try:
        return Membership.objects.select_related("user", "group").get(
            pk=membership_id, group=mine.group, status=Membership.Status.REQUESTED
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def membership_or_none(user: User | None, group: SupportGroup) -> Membership | None:
    """The person's own membership of a group, to adapt the public page; never someone else's."""
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, group=group).first()
