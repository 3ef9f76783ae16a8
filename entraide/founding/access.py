"""How views reach a project of group: the only way, with one answer for "no" (404).

Who sees what:
- the group's active facilitators (the initiator first) run the project: they edit it;
- its active members and observers follow it: they see where it stands and the sessions;
- a person who registered interest sees the project's public side and, once invited, the
  sessions' dates and places;
- the coordinators of the organisation asked to accompany it read the interview (accompaniment
  pages, in the accompaniment app); they never edit the group's own choices.
"""

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from entraide.accounts.access import signed_in
from entraide.founding.models import EmailInterest, FoundingSession, Initiative, Interest, Relay
from entraide.membership.models import Membership


@dataclass
class Participation:
    """A person's place in a project: their membership, their interest, or both."""

    initiative: Initiative
    membership: Membership | None
    interest: Interest | None

    @property
    def runs_it(self) -> bool:
        return self.membership is not None and self.membership.is_facilitator

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.is_active

    @property
    def sees_sessions(self) -> bool:
        """Dates and places of the founding sessions: members, and invited people."""
        invited = self.interest is not None and self.interest.invited_at is not None
        return self.is_member or invited


def _initiative(slug: str) -> Initiative:
    try:
        return Initiative.objects.select_related("group", "organisation", "initiator").get(
            group__slug=slug
        )
    except Initiative.DoesNotExist:
        raise Http404 from None


def participation(request: HttpRequest, slug: str) -> Participation:
    """My place in the project: an active membership of its group, or a registered interest."""
    person = signed_in(request)
    initiative = _initiative(slug)
    membership = Membership.objects.filter(
        user=person, group=initiative.group, status=Membership.Status.ACTIVE
    ).first()
    interest = Interest.objects.filter(initiative=initiative, user=person).first()
    if membership is None and interest is None:
        raise Http404
    return Participation(initiative, membership, interest)


def running(request: HttpRequest, slug: str) -> Initiative:
    """The project, if I am an active facilitator of its group; 404 otherwise."""
    found = participation(request, slug)
    if not found.runs_it:
        raise Http404
    return found.initiative


def recruiting(slug: str) -> Initiative:
    """A project whose group is published and looking for members; 404 otherwise."""
    initiative = _initiative(slug)
    if not initiative.group.is_published or initiative.stage not in (
        Initiative.Stage.RECRUITMENT,
        Initiative.Stage.FOUNDING,
    ):
        raise Http404
    return initiative


def session_to_edit(
    request: HttpRequest, slug: str, kind: str
) -> tuple[FoundingSession, Membership]:
    """A founding session of a project I run, with my (facilitator's) membership; 404 otherwise."""
    found = participation(request, slug)
    if not found.runs_it or found.membership is None:
        raise Http404
    try:
        session = found.initiative.sessions.select_related("meeting").get(kind=kind)
    except FoundingSession.DoesNotExist:
        raise Http404 from None
    return session, found.membership


def relay_to_edit(request: HttpRequest, slug: str, relay_id: int) -> Relay:
    initiative = running(request, slug)
    try:
        return initiative.relays.get(pk=relay_id)
    except Relay.DoesNotExist:
        raise Http404 from None


def email_interest(token: str) -> EmailInterest:
    """The address left for a group being founded, by the secret of its link; 404 otherwise."""
    try:
        return EmailInterest.objects.select_related("initiative__group").get(token=token)
    except EmailInterest.DoesNotExist:
        raise Http404 from None
