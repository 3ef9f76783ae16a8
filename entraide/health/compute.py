"""A group's health, from what is already recorded and never from any content.

Only counts and dates: who was present is counted, never named; the talking circle keeps,
after it closes, anonymous seconds per voice and a Gini index, and nothing else is read; roles
are counted by how many different people held them; review scores are averages, and only
from five answers on, as the organisation's own review page does.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from entraide.accompaniment.feedback import round_scores
from entraide.circles.models import Circle
from entraide.directory.models import SupportGroup
from entraide.meetings.models import Meeting, RoleAssignment, RoleKind
from entraide.membership.models import Membership

ATTENDANCE_MEETINGS = 12
CIRCLES = 10
ROLE_MEETINGS = 6
STAY_HORIZONS = (3, 6)  # months
MONTH = dt.timedelta(days=30)
# The Gini index of a closed circle, in words (0: everyone spoke as long; near 1: one voice).
SHARED_BELOW = 0.3
UNEVEN_BELOW = 0.5
ROLE_LABELS = dict(RoleKind.choices)


@dataclass(frozen=True)
class Attendance:
    day: dt.date
    present: int
    recorded: int


@dataclass(frozen=True)
class Staying:
    months: int
    welcomed: int  # newcomers welcomed at least that long ago
    stayed: int


@dataclass(frozen=True)
class CircleBalance:
    day: dt.date
    voices: int
    index: float
    largest_share: int  # percent of the time, of the voice that spoke most

    @property
    def level(self) -> str:
        if self.index < SHARED_BELOW:
            return "shared"
        if self.index < UNEVEN_BELOW:
            return "uneven"
        return "one_voice"


@dataclass(frozen=True)
class RoleRotation:
    role: str
    times: int
    people: int

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))


@dataclass(frozen=True)
class ReviewScores:
    day: dt.date
    answers: int
    satisfaction: float | None
    heard: float | None


@dataclass
class Health:
    group: SupportGroup
    attendance: list[Attendance] = field(default_factory=list)
    staying: list[Staying] = field(default_factory=list)
    circles: list[CircleBalance] = field(default_factory=list)
    roles: list[RoleRotation] = field(default_factory=list)
    role_meetings: int = 0
    role_people: int = 0
    last_held: dt.datetime | None = None
    days_since_last: int | None = None
    reviews: list[ReviewScores] = field(default_factory=list)


def held_meetings(group: SupportGroup, now: dt.datetime) -> "Q":
    return Q(group=group, starts_at__lte=now) & ~Q(status=Meeting.Status.CANCELLED)


def attendance(group: SupportGroup, limit: int = ATTENDANCE_MEETINGS) -> list[Attendance]:
    """How many were present at each of the last meetings where attendance was taken."""
    meetings = (
        Meeting.objects.filter(group=group, attendance_taken_at__isnull=False)
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(
            present=Count("presences", filter=Q(presences__present=True)),
            recorded=Count("presences"),
        )
        .order_by("-starts_at")[:limit]
    )
    return [
        Attendance(timezone.localdate(m.starts_at), m.present, m.recorded)
        for m in reversed(list(meetings))
    ]


def staying(group: SupportGroup, now: dt.datetime) -> list[Staying]:
    """Of the people welcomed at least 3 (6) months ago, how many were still there 3 (6)
    months after their welcome."""
    welcomed: list[tuple[dt.datetime, dt.datetime | None, str]] = [
        (decided, left, status)
        for decided, left, status in Membership.objects.filter(
            group=group,
            decided_at__isnull=False,
            status__in=[Membership.Status.ACTIVE, Membership.Status.LEFT],
        ).values_list("decided_at", "left_at", "status")
        if decided is not None
    ]
    found = []
    for months in STAY_HORIZONS:
        span = months * MONTH
        old_enough = [w for w in welcomed if w[0] <= now - span]
        stayed = [
            (decided, left)
            for decided, left, status in old_enough
            if (left is None and status == Membership.Status.ACTIVE)
            or (left is not None and left >= decided + span)
        ]
        found.append(Staying(months, len(old_enough), len(stayed)))
    return found


def balance_of(voices: list[dict[str, int]], index: float | None) -> tuple[int, float, int]:
    """(voices, Gini index, share in percent of the voice that spoke most) of a closed circle."""
    seconds = [int(voice.get("seconds", 0)) for voice in voices]
    total = sum(seconds)
    largest = round(100 * max(seconds) / total) if total else 0
    return len(seconds), float(index or 0.0), largest


def circles(group: SupportGroup, limit: int = CIRCLES) -> list[CircleBalance]:
    closed = (
        Circle.objects.filter(meeting__group=group, closed_at__isnull=False)
        .select_related("meeting")
        .order_by("-closed_at")[:limit]
    )
    found = []
    for circle in reversed(list(closed)):
        voices, index, largest = balance_of(list(circle.voices or []), circle.balance)
        if voices:
            found.append(
                CircleBalance(timezone.localdate(circle.meeting.starts_at), voices, index, largest)
            )
    return found


def roles(group: SupportGroup, now: dt.datetime) -> tuple[list[RoleRotation], int, int]:
    """Over the last meetings held with roles: how often each role was held, and by how many
    different people; then the number of those meetings and of different people in all."""
    last = list(
        Meeting.objects.filter(held_meetings(group, now), roles__isnull=False)
        .distinct()
        .order_by("-starts_at")
        .values_list("pk", flat=True)[:ROLE_MEETINGS]
    )
    held = list(RoleAssignment.objects.filter(meeting__in=last).values_list("role", "user"))
    by_role: dict[str, list[int]] = {}
    for role, user in held:
        by_role.setdefault(role, []).append(user)
    rotation = [
        RoleRotation(role, len(users), len(set(users))) for role, users in sorted(by_role.items())
    ]
    return rotation, len(last), len({user for _role, user in held})


def reviews(group: SupportGroup) -> list[ReviewScores]:
    """The review rounds that were opened: averages only from five answers on."""
    return [
        ReviewScores(found.day, found.answers, found.satisfaction, found.heard)
        for found in round_scores(group)
    ]


def health(group: SupportGroup, now: dt.datetime | None = None) -> Health:
    now = now or timezone.now()
    found = Health(group)
    found.attendance = attendance(group)
    found.staying = staying(group, now)
    found.circles = circles(group)
    found.roles, found.role_meetings, found.role_people = roles(group, now)
    last = (
        Meeting.objects.filter(held_meetings(group, now))
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    found.last_held = last
    found.days_since_last = (now - last).days if last is not None else None
    found.reviews = reviews(group)
    return found
