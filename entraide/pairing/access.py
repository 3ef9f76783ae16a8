"""How views reach programmes, applications and requests: the only way, and one 404 for all.

A published programme is public (what it is, who it is for, how to apply or ask). Its team —
the organisation's coordinators and admins — runs it: they read the applications, interview
notes, debriefs and requests. A person reads their own application (never the interview notes)
and their own request. Anyone else, other organisations' staff included, gets the same 404 as
for something that does not exist.
"""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.organisations.access import organisation_for, roles_of
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.pairing.models import (
    Change,
    CheckIn,
    Debrief,
    LineCalendar,
    LineShift,
    Pair,
    PeerApplication,
    PeerRequest,
    Programme,
    ShiftAssignment,
    ShiftSwap,
)

TEAM = (OrganisationRole.Role.COORDINATOR, OrganisationRole.Role.ADMIN)


def published_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(is_published=True).select_related("organisation")


def public_programme(programme_id: int) -> Programme:
    """A published programme; 404 for one that is not, as for one that does not exist."""
    try:
        return published_programmes().get(pk=programme_id)
    except Programme.DoesNotExist:
        raise Http404 from None


def runs_programmes(user: User | object, organisation: Organisation) -> bool:
    """Whether the person is on the organisation's team that runs its programmes."""
    return isinstance(user, User) and bool(roles_of(user, organisation) & set(TEAM))


def team_organisation(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if I coordinate or administer it; 404 otherwise."""
    return organisation_for(request, slug, *TEAM)


def team_programme(request: HttpRequest, slug: str, programme_id: int) -> Programme:
    """One of the organisation's programmes, published or not, for its team; 404 otherwise."""
    organisation = team_organisation(request, slug)
    try:
        programme = Programme.objects.get(pk=programme_id, organisation=organisation)
    except Programme.DoesNotExist:
        raise Http404 from None
    programme.organisation = organisation
    return programme


def team_application(
    request: HttpRequest, slug: str, programme_id: int, application_id: int
) -> PeerApplication:
    """An application to one of the organisation's programmes, for its team; 404 otherwise."""
    programme = team_programme(request, slug, programme_id)
    try:
        application = PeerApplication.objects.select_related("user").get(
            pk=application_id, programme=programme
        )
    except PeerApplication.DoesNotExist:
        raise Http404 from None
    application.programme = programme
    return application


def team_debrief(
    request: HttpRequest, slug: str, programme_id: int, application_id: int, debrief_id: int
) -> Debrief:
    application = team_application(request, slug, programme_id, application_id)
    try:
        debrief = Debrief.objects.get(pk=debrief_id, application=application)
    except Debrief.DoesNotExist:
        raise Http404 from None
    debrief.application = application
    return debrief


def team_request(
    request: HttpRequest, slug: str, programme_id: int, peer_request_id: int
) -> PeerRequest:
    """A request for a peer in one of the organisation's programmes, for its team."""
    programme = team_programme(request, slug, programme_id)
    try:
        found = PeerRequest.objects.select_related("user", "theme").get(
            pk=peer_request_id, programme=programme
        )
    except PeerRequest.DoesNotExist:
        raise Http404 from None
    found.programme = programme
    return found


def own_application(request: HttpRequest, application_id: int) -> PeerApplication:
    """My application; 404 for anyone else's."""
    try:
        return PeerApplication.objects.select_related("programme__organisation").get(
            pk=application_id, user=signed_in(request)
        )
    except PeerApplication.DoesNotExist:
        raise Http404 from None


def own_request(request: HttpRequest, peer_request_id: int) -> PeerRequest:
    """My request for a peer; 404 for anyone else's."""
    try:
        return PeerRequest.objects.select_related("programme__organisation", "theme").get(
            pk=peer_request_id, user=signed_in(request)
        )
    except PeerRequest.DoesNotExist:
        raise Http404 from None


def own_applications(person: User) -> QuerySet[PeerApplication]:
    return PeerApplication.objects.filter(user=person).select_related("programme__organisation")


def own_requests(person: User) -> QuerySet[PeerRequest]:
    return PeerRequest.objects.filter(user=person).select_related("programme__organisation")


def active_application_of(person: User | object, programme: Programme) -> PeerApplication | None:
    if not isinstance(person, User):
        return None
    return PeerApplication.objects.filter(
        programme=programme, user=person, status__in=PeerApplication.ACTIVE
    ).first()


def active_request_of(person: User | object, programme: Programme) -> PeerRequest | None:
    if not isinstance(person, User):
        return None
    return PeerRequest.objects.filter(
        programme=programme,
        user=person,
        status__in=[PeerRequest.Status.WAITING, PeerRequest.Status.MATCHED],
    ).first()


def team_of(programme: Programme) -> list[User]:
    """Who hears about a programme's applications and debriefs: its organisation's team."""
    return [
        held.user
        for held in OrganisationRole.objects.filter(
            organisation_id=programme.organisation_id, role__in=TEAM
        ).select_related("user")
    ]


# Pairs (parts 4 and 5) ---------------------------------------------------------------------------
# Each person of a pair reads the pair, its messages and their own check-ins; the programme's
# team reads the pair and the check-in answers, never the messages (the pages do not show them).


def _pairs() -> QuerySet[Pair]:
    return Pair.objects.select_related(
        "request__user",
        "request__theme",
        "request__programme__organisation",
        "volunteer__user",
    )


def own_pairs(person: User) -> QuerySet[Pair]:
    return _pairs().filter(Q(request__user=person) | Q(volunteer__user=person))


def own_pair(request: HttpRequest, pair_id: int) -> Pair:
    """A pair I am one of the two people of; 404 for anyone else, the team included."""
    try:
        return own_pairs(signed_in(request)).get(pk=pair_id)
    except Pair.DoesNotExist:
        raise Http404 from None


def own_checkin(request: HttpRequest, pair_id: int, checkin_id: int) -> CheckIn:
    """A check-in sent to me; 404 for the other person's, as for anyone else's."""
    pair = own_pair(request, pair_id)
    try:
        checkin = CheckIn.objects.get(pk=checkin_id, pair=pair, side=pair.side_of(request.user))
    except CheckIn.DoesNotExist:
        raise Http404 from None
    checkin.pair = pair
    return checkin


def team_pair(request: HttpRequest, slug: str, programme_id: int, pair_id: int) -> Pair:
    """A pair of one of the organisation's programmes, for its team; 404 otherwise."""
    programme = team_programme(request, slug, programme_id)
    try:
        return _pairs().get(pk=pair_id, request__programme=programme)
    except Pair.DoesNotExist:
        raise Http404 from None


def programme_pairs(programme: Programme) -> QuerySet[Pair]:
    """The pairs of a programme the caller already reached through `team_programme`."""
    return _pairs().filter(request__programme=programme)


# A listening line's rota (part 6) -----------------------------------------------------------


def team_line(request: HttpRequest, slug: str, programme_id: int) -> Programme:
    """One of the organisation's listening lines, for its team; 404 otherwise."""
    programme = team_programme(request, slug, programme_id)
    if not programme.is_line:
        raise Http404
    return programme


def team_line_shift(request: HttpRequest, slug: str, programme_id: int, shift_id: int) -> LineShift:
    programme = team_line(request, slug, programme_id)
    try:
        shift = LineShift.objects.get(pk=shift_id, programme=programme)
    except LineShift.DoesNotExist:
        raise Http404 from None
    shift.programme = programme
    return shift


def team_assignment(
    request: HttpRequest, slug: str, programme_id: int, assignment_id: int
) -> ShiftAssignment:
    programme = team_line(request, slug, programme_id)
    try:
        return ShiftAssignment.objects.select_related("rota", "shift").get(
            pk=assignment_id, rota__programme=programme
        )
    except ShiftAssignment.DoesNotExist:
        raise Http404 from None


def own_line_volunteer(request: HttpRequest, application_id: int) -> PeerApplication:
    """My accepted application to a listening line: I am one of its volunteers; 404 otherwise."""
    application = own_application(request, application_id)
    if not (application.is_accepted and application.programme.is_line):
        raise Http404
    return application


def own_assignment(
    request: HttpRequest, application_id: int, assignment_id: int
) -> ShiftAssignment:
    """One of my shifts, on a published rota; 404 otherwise."""
    application = own_line_volunteer(request, application_id)
    try:
        found = ShiftAssignment.objects.select_related("rota", "shift").get(
            pk=assignment_id, application=application, rota__published_at__isnull=False
        )
    except ShiftAssignment.DoesNotExist:
        raise Http404 from None
    found.application = application
    found.shift.programme = application.programme
    return found


def line_swap(request: HttpRequest, application_id: int, swap_id: int) -> ShiftSwap:
    """A swap offered on my line: open to its volunteers; 404 for anyone else."""
    application = own_line_volunteer(request, application_id)
    try:
        return ShiftSwap.objects.select_related("assignment__rota").get(
            pk=swap_id, assignment__rota__programme=application.programme
        )
    except ShiftSwap.DoesNotExist:
        raise Http404 from None


def line_calendar(token: str) -> PeerApplication:
    """The volunteer whose calendar address this is, while they are on the line; 404 otherwise."""
    try:
        found = LineCalendar.objects.select_related(
            "application__user", "application__programme__organisation"
        ).get(
            token=token,
            application__status=PeerApplication.Status.ACCEPTED,
            application__user__is_active=True,
        )
    except LineCalendar.DoesNotExist:
        raise Http404 from None
    return found.application


# Shared leadership (part 7) ----------------------------------------------------------------------
# The programme's volunteers — accepted, whether or not their training is done — read its figures
# and its proposed changes, and answer them; its team reads the changes and puts the adopted ones
# into practice. A person whose application is not accepted, or anyone else, gets the 404.


def volunteers_of(programme: Programme) -> QuerySet[PeerApplication]:
    """The programme's volunteers today: the people whose consent a change needs."""
    return PeerApplication.objects.filter(
        programme=programme, status=PeerApplication.Status.ACCEPTED
    )


def volunteering(request: HttpRequest, programme_id: int) -> PeerApplication:
    """My accepted application in this programme, the key to its shared space; 404 otherwise."""
    try:
        # The programme's own key, whose lookup skips numbers no row can hold.
        return PeerApplication.objects.select_related("programme__organisation").get(
            programme__pk=programme_id,
            user=signed_in(request),
            status=PeerApplication.Status.ACCEPTED,
        )
    except PeerApplication.DoesNotExist:
        raise Http404 from None


def volunteer_change(request: HttpRequest, programme_id: int, change_id: int) -> Change:
    """A change proposed in the programme I volunteer in; 404 otherwise."""
    application = volunteering(request, programme_id)
    try:
        change = Change.objects.select_related("author").get(
            pk=change_id, programme_id=application.programme_id
        )
    except Change.DoesNotExist:
        raise Http404 from None
    change.programme = application.programme
    return change


def team_change(request: HttpRequest, slug: str, programme_id: int, change_id: int) -> Change:
    """A change proposed in one of the organisation's programmes, for its team; 404 otherwise."""
    programme = team_programme(request, slug, programme_id)
    try:
        change = Change.objects.select_related("author").get(pk=change_id, programme=programme)
    except Change.DoesNotExist:
        raise Http404 from None
    change.programme = programme
    return change
