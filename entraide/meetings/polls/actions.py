"""Choosing a date together (Framadate-style): propose dates, answer, turn the best into a meeting.

The best date is the one with the most "oui", then the most "oui" and "si besoin" together, then
the earliest: the page says which of these made the difference. Only the answers of the group's
current members count; a person who left no longer weighs on the choice.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.meetings.display import usual_place
from entraide.meetings.models import DatePoll, Meeting, PollOption, PollVote
from entraide.meetings.reminders import actions as reminders
from entraide.meetings.series.actions import when_meetings_changed
from entraide.membership.models import Membership
from entraide.notifications.actions import notify

ANSWERING_ROLES = (Membership.Role.MEMBER, Membership.Role.FACILITATOR)


@dataclass
class OptionTally:
    """One date of the poll with who said what."""

    option: PollOption
    yes: list[str] = field(default_factory=list)
    if_needed: list[str] = field(default_factory=list)
    no: list[str] = field(default_factory=list)
    is_best: bool = False

    @property
    def acceptable(self) -> int:
        return len(self.yes) + len(self.if_needed)

    @property
    def is_past(self) -> bool:
        return self.option.starts_at <= timezone.now()


@dataclass
class Results:
    tallies: list[OptionTally]
    best: OptionTally | None
    reason: str
    # The members who have not answered yet, by display name.
    waiting: list[str]


def answering_members(poll: DatePoll) -> list[User]:
    """The people whose answers count: the group's active members and facilitators."""
    return [
        membership.user
        for membership in poll.group.memberships.filter(
            status=Membership.Status.ACTIVE, role__in=ANSWERING_ROLES
        )
        .select_related("user")
        .order_by("user__display_name", "pk")
    ]


def my_answers(poll: DatePoll, user: User) -> dict[int, str]:
    """My choice per option id."""
    return dict(
        PollVote.objects.filter(option__poll=poll, user=user).values_list("option_id", "choice")
    )


def results(poll: DatePoll) -> Results:
    """Count the answers of the current members, and find the best date."""
    members = answering_members(poll)
    names = {person.pk: person.display_name for person in members}
    tallies = {option.pk: OptionTally(option) for option in poll.options.all()}
    answered: set[int] = set()
    votes = PollVote.objects.filter(option__poll=poll, user_id__in=names).order_by(
        "user__display_name", "pk"
    )
    for option_id, user_id, choice in votes.values_list("option_id", "user_id", "choice"):
        tally = tallies[option_id]
        answered.add(user_id)
        if choice == PollVote.Choice.YES:
            tally.yes.append(names[user_id])
        elif choice == PollVote.Choice.IF_NEEDED:
            tally.if_needed.append(names[user_id])
        else:
            tally.no.append(names[user_id])
    ordered = list(tallies.values())
    best, reason = best_of(ordered)
    if best is not None:
        best.is_best = True
    waiting = [person.display_name for person in members if person.pk not in answered]
    return Results(ordered, best, reason, waiting)


def best_of(tallies: list[OptionTally]) -> tuple[OptionTally | None, str]:
    """The best date still to come that someone can attend, and why it is the best.

    Most "oui" first; between equals, most "oui" and "si besoin" together; then the earliest.
    """
    candidates = sorted(
        (tally for tally in tallies if not tally.is_past and tally.acceptable > 0),
        key=lambda tally: (-len(tally.yes), -tally.acceptable, tally.option.starts_at),
    )
    if not candidates:
        return None, ""
    top = candidates[0]
    runner = candidates[1] if len(candidates) > 1 else None
    counts = {"yes": len(top.yes), "total": top.acceptable}
    if runner is None or len(top.yes) > len(runner.yes):
        if top.yes:
            return top, _("C'est la date qui a le plus de « oui » (%(yes)d).") % counts
        return top, _(
            "Personne n'a encore répondu « oui » ; c'est la date qui a le plus de "
            "« si besoin » (%(total)d)."
        ) % counts
    if top.acceptable > runner.acceptable:
        return top, _(
            "Autant de « oui » qu'une autre date (%(yes)d), mais le plus de « oui » et "
            "« si besoin » ensemble (%(total)d)."
        ) % counts
    return top, _(
        "À égalité de « oui » (%(yes)d) et de « oui » et « si besoin » (%(total)d) avec une "
        "autre date : c'est la plus proche qui est retenue."
    ) % counts


def start_poll(
    mine: Membership, *, title: str, duration_minutes: int, starts: list[dt.datetime]
) -> DatePoll:
    """Open a poll with its dates; the caller has checked they are distinct and to come."""
    with transaction.atomic():
        poll = DatePoll.objects.create(
            group=mine.group,
            title=title,
            duration_minutes=duration_minutes,
            created_by=mine.user,
        )
        PollOption.objects.bulk_create(
            PollOption(poll=poll, starts_at=start) for start in sorted(set(starts))
        )
    return poll


def answer(poll: DatePoll, user: User, choices: dict[PollOption, str]) -> bool:
    """Record or change my answers; False if the poll closed in the meantime."""
    with transaction.atomic():
        # Lock the poll: a facilitator may close it while I answer.
        locked = DatePoll.objects.select_for_update().get(pk=poll.pk)
        if locked.status != DatePoll.Status.OPEN:
            return False
        for option, choice in choices.items():
            if option.poll_id != poll.pk:
                raise ValueError(option)
            PollVote.objects.update_or_create(option=option, user=user, defaults={"choice": choice})
    return True


def choose(poll: DatePoll, option: PollOption, *, by: Membership) -> Meeting | None:
    """Turn a date into an extra meeting of the group at its usual place, close the poll, tell
    the members.

    Returns None when the poll was already closed: choosing twice creates nothing more.
    """
    if option.poll_id != poll.pk:
        raise ValueError(option)
    with transaction.atomic():
        # Lock the poll: two facilitators may choose at once; only the first one counts.
        locked = DatePoll.objects.select_for_update().get(pk=poll.pk)
        if locked.status != DatePoll.Status.OPEN:
            return None
        place, link = usual_place(poll.group)
        meeting = Meeting.objects.create(
            group=poll.group,
            series=None,
            starts_at=option.starts_at,
            ends_at=option.starts_at + dt.timedelta(minutes=locked.duration_minutes),
            status=Meeting.Status.SCHEDULED,
            place=place,
            online_link=link,
        )
        locked.status = DatePoll.Status.CLOSED
        locked.meeting = meeting
        locked.save(update_fields=["status", "meeting"])
    poll.status, poll.meeting = locked.status, meeting
    transaction.on_commit(lambda: tell_members(locked, meeting, chosen_by=by.user))
    transaction.on_commit(lambda: reminders.schedule(meeting))
    transaction.on_commit(lambda: when_meetings_changed(meeting.group))
    return meeting


def tell_members(poll: DatePoll, meeting: Meeting, *, chosen_by: User) -> None:
    """Every active person of the group hears of the new date, in their language and zone."""
    group = poll.group
    people = (
        group.memberships.filter(status=Membership.Status.ACTIVE)
        .exclude(user=chosen_by)
        .select_related("user")
    )
    notify(
        [membership.user for membership in people],
        "meetings/email/poll_chosen",
        time_zone=group.time_zone,
        group=group,
        poll=poll,
        meeting=meeting,
    )
