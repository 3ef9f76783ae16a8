"""What the accompanying organisation's coordinators see of a group being founded.

Seed 001: the organisation runs the first three meetings with the group. Until the group is
autonomous, its coordinators therefore follow the founding sessions (date, place, agenda, who
said they come, who came), the recruitment (registrations against the quorum, the relays) and
where the charter stands. Never the carnet, the members' contact details, the interested
people's messages or the charter's discussion: display names and counts only.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from entraide.charters.actions import participants
from entraide.charters.models import Charter, Consent
from entraide.founding.actions import people_count
from entraide.founding.models import FoundingSession, Initiative, Relay
from entraide.meetings.models import Answer


@dataclass
class SessionSeen:
    session: FoundingSession
    coming: list[str]  # display names, the order they answered
    maybe: int
    not_coming: int
    came: int | None  # None until the attendance is noted


@dataclass
class CharterSeen:
    charter: Charter
    participants: int
    consents: int
    objections: int


@dataclass
class FoundingProgress:
    people: int
    quorum: int
    interested: int
    invited: int
    relays: list[Relay]
    sessions: list[SessionSeen]
    charter: CharterSeen | None


def follows_the_founding(initiative: Initiative, organisation_id: int) -> bool:
    """Whether this organisation accompanies this project and the group is not yet autonomous."""
    return (
        initiative.is_accompanied
        and initiative.organisation_id == organisation_id
        and initiative.stage != Initiative.Stage.AUTONOMOUS
    )


def founding_progress(initiative: Initiative) -> FoundingProgress:
    interests = initiative.interests.aggregate(
        total=Count("pk"), invited=Count("pk", filter=Q(invited_at__isnull=False))
    )
    sessions = []
    for session in initiative.sessions.select_related("meeting").order_by("pk"):
        meeting = session.meeting
        if meeting is None:
            sessions.append(SessionSeen(session, [], 0, 0, None))
            continue
        answers = list(meeting.answers.select_related("user"))
        sessions.append(
            SessionSeen(
                session,
                coming=[
                    a.user.display_name for a in answers if a.response == Answer.Response.COMING
                ],
                maybe=sum(1 for a in answers if a.response == Answer.Response.MAYBE),
                not_coming=sum(1 for a in answers if a.response == Answer.Response.NOT_COMING),
                came=(
                    meeting.presences.filter(present=True).count()
                    if meeting.attendance_taken_at is not None
                    else None
                ),
            )
        )
    charter = (
        initiative.group.charters.exclude(status=Charter.Status.SUPERSEDED)
        .order_by("-version")
        .first()
    )
    charter_seen = None
    if charter is not None:
        decisions = charter.consents.aggregate(
            consents=Count("pk", filter=Q(decision=Consent.Decision.CONSENT)),
            objections=Count("pk", filter=Q(decision=Consent.Decision.OBJECT)),
        )
        charter_seen = CharterSeen(
            charter,
            participants=participants(initiative.group).count(),
            consents=decisions["consents"],
            objections=decisions["objections"],
        )
    return FoundingProgress(
        people=people_count(initiative),
        quorum=initiative.quorum,
        interested=interests["total"],
        invited=interests["invited"],
        relays=list(initiative.relays.order_by("name", "pk")),
        sessions=sessions,
        charter=charter_seen,
    )
