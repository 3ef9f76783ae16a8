"""How views reach a group's charter: the only way, with one answer for "no" (404).

Who sees what:
- every active member of the group, observers included, reads the version in force (and its
  PDF): it is shown to observers and newcomers;
- active members and facilitators also read the version in preparation, its comments, the
  consents and objections, and the history of versions; they comment, consent, object, sign;
- facilitators write the text, take or set aside proposals, ask for consent and start a new
  version;
- everyone else, coordinators of the group's organisation included, gets a 404.
"""

from django.http import Http404, HttpRequest

from entraide.charters.models import PARTICIPANT_ROLES, Charter, Comment
from entraide.charters.questions import BY_KEY, Question
from entraide.membership.access import facilitation, own_membership
from entraide.membership.models import Membership


def reader(request: HttpRequest, slug: str) -> Membership:
    """My active membership, whatever my role: enough to read the version in force."""
    return own_membership(request, slug)


def participation(request: HttpRequest, slug: str) -> Membership:
    """My membership as an active member or facilitator (not an observer); 404 otherwise."""
    mine = own_membership(request, slug)
    if mine.role not in PARTICIPANT_ROLES:
        raise Http404
    return mine


def _version(mine: Membership, version: int) -> Charter:
    try:
        return Charter.objects.select_related("group").get(group=mine.group, version=version)
    except Charter.DoesNotExist:
        raise Http404 from None


def version_to_read(request: HttpRequest, slug: str, version: int) -> tuple[Membership, Charter]:
    """A version of the charter: observers read only the one in force; members any of them."""
    mine = own_membership(request, slug)
    charter = _version(mine, version)
    if mine.role not in PARTICIPANT_ROLES and charter.status != Charter.Status.ADOPTED:
        raise Http404
    return mine, charter


def adopted_version(request: HttpRequest, slug: str, version: int) -> tuple[Membership, Charter]:
    """A version that was adopted (in force or since replaced), for reading or printing."""
    mine, charter = version_to_read(request, slug, version)
    if not charter.was_adopted:
        raise Http404
    return mine, charter


def version_in_progress(
    request: HttpRequest, slug: str, version: int
) -> tuple[Membership, Charter]:
    """The version being prepared or consented to, for a member or facilitator."""
    mine = participation(request, slug)
    charter = _version(mine, version)
    if not charter.in_progress:
        raise Http404
    return mine, charter


def version_to_write(request: HttpRequest, slug: str, version: int) -> tuple[Membership, Charter]:
    """The version in progress, for one of the group's facilitators."""
    mine = facilitation(request, slug)
    charter = _version(mine, version)
    if not charter.in_progress:
        raise Http404
    return mine, charter


def question(key: str) -> Question:
    """One of the charter's questions; 404 for a key that is not one."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise Http404 from None


def comment_to_decide(
    request: HttpRequest, slug: str, comment_id: int
) -> tuple[Membership, Comment]:
    """An open comment on the version in progress of a group I facilitate; 404 otherwise."""
    mine = facilitation(request, slug)
    try:
        comment = Comment.objects.select_related("charter", "charter__group").get(
            pk=comment_id,
            charter__group=mine.group,
            charter__status__in=[Charter.Status.DRAFT, Charter.Status.CONSENT],
            status=Comment.Status.OPEN,
        )
    except Comment.DoesNotExist:
        raise Http404 from None
    return mine, comment


def version_to_sign(request: HttpRequest, slug: str, version: int) -> tuple[Membership, Charter]:
    """The version in force, for a member or facilitator to sign; 404 otherwise."""
    mine = participation(request, slug)
    charter = _version(mine, version)
    if charter.status != Charter.Status.ADOPTED:
        raise Http404
    return mine, charter
