"""A listening line's rota (issue 17, part 6): the weekly shifts, a month's occurrences, the
volunteers' availability, the proposed rota (`core.rota.propose`), the team's adjustments, its
publication, swaps between volunteers, the shift log and the day-before reminders.

Every change to who is on a shift goes through the solver's own rules (`core.rota.place` and
`swap`); their refusals are said in words here, from `RotaError.code`."""

import calendar
import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.refusals import Refused
from entraide.notifications.actions import notify
from entraide.pairing.core import rota as solver
from entraide.pairing.models import (
    LineAvailability,
    LineCalendar,
    LineShift,
    PeerApplication,
    Programme,
    RotaMonth,
    ShiftAssignment,
    ShiftSwap,
    occurrence_key,
)

# When a volunteer said nothing about how many shifts they can take, nor in their application.
DEFAULT_SHIFTS = 2


def refusal(error: solver.RotaError) -> Refused:
    """The solver's refusal in words for the person."""
    words = {
        "not_trained": _("Cette personne n'a pas encore suivi toutes ses formations."),
        "not_available": _(
            "Cela mettrait une personne sur une permanence pour laquelle elle n'a pas dit "
            "être disponible ce mois-ci."
        ),
        "over_offer": _(
            "Cela donnerait à une personne plus de permanences qu'elle n'en a proposé ce mois-ci."
        ),
        "overlap": _("Cela mettrait une personne sur deux permanences à la même heure."),
        "over_wanted": _("Cette permanence a déjà toutes les personnes souhaitées."),
        "twice": _("Cette personne est déjà sur cette permanence."),
        "not_in_rota": _("Cette permanence n'est plus au planning de cette personne."),
        "same_volunteer": _("On ne peut pas échanger une permanence avec soi-même."),
        "same_shift": _("Vous êtes déjà toutes les deux sur cette permanence."),
        "no_recipient": _("Il faut quelqu'un pour reprendre la permanence."),
    }
    return Refused(words.get(error.code, _("Ce changement n'est pas possible.")), code=error.code)


# Months and occurrences ---------------------------------------------------------------------


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def previous_month(month: dt.date) -> dt.date:
    return (month - dt.timedelta(days=1)).replace(day=1)


@dataclass(frozen=True)
class Occurrence:
    """One day's occurrence of a weekly shift."""

    shift: LineShift
    day: dt.date
    start: dt.datetime
    end: dt.datetime

    @property
    def key(self) -> str:
        return occurrence_key(self.shift.pk, self.day)


def occurrences(programme: Programme, month: dt.date) -> list[Occurrence]:
    """The month's occurrences of the line's weekly shifts, in order, in the line's zone."""
    found = []
    days = calendar.monthrange(month.year, month.month)[1]
    for shift in LineShift.objects.filter(programme=programme):
        shift.programme = programme
        for number in range(1, days + 1):
            day = month.replace(day=number)
            if day.weekday() == shift.weekday:
                start, end = shift.bounds(day)
                found.append(Occurrence(shift, day, start, end))
    return sorted(found, key=lambda o: (o.start, o.end, o.shift.pk))


def volunteers(programme: Programme) -> list[PeerApplication]:
    """The line's accepted volunteers, with what they need to tell whether they are ready."""
    return list(
        PeerApplication.objects.filter(programme=programme, status=PeerApplication.Status.ACCEPTED)
        .select_related("user")
        .prefetch_related("trainings", "programme__modules")
        .order_by("user__display_name", "pk")
    )


def offer_of(application: PeerApplication, month: dt.date) -> LineAvailability | None:
    return (
        LineAvailability.objects.filter(application=application, month=month)
        .prefetch_related("shifts")
        .first()
    )


def default_max_shifts(application: PeerApplication) -> int:
    return application.shifts_per_month or DEFAULT_SHIFTS


def rota_month(programme: Programme, month: dt.date) -> RotaMonth:
    found, _created = RotaMonth.objects.get_or_create(programme=programme, month=month)
    found.programme = programme
    return found


def assignments(rota: RotaMonth) -> list[ShiftAssignment]:
    return list(
        ShiftAssignment.objects.filter(rota=rota).select_related(
            "shift", "application__user", "rota__programme__organisation"
        )
    )


@dataclass(frozen=True)
class Problem:
    """The month as the solver sees it."""

    shifts: list[solver.Shift]
    volunteers: list[solver.Volunteer]
    rota: solver.Rota


def problem(rota: RotaMonth, *, since: dt.datetime | None = None) -> Problem:
    """The month's shifts (those starting after `since`, if given), volunteers and rota.

    A volunteer offers, for the shifts still ahead, what they offered for the month less the
    shifts of theirs already under way or done."""
    programme = rota.programme
    ahead = [o for o in occurrences(programme, rota.month) if since is None or o.start > since]
    shifts = [solver.Shift(o.key, o.start, o.end, o.shift.wanted) for o in ahead]
    keys = {s.id for s in shifts}
    current = assignments(rota)
    past: dict[int, int] = defaultdict(int)
    for held in current:
        if held.key not in keys:
            past[held.application_id] += 1
    offers = {
        offer.application_id: offer
        for offer in LineAvailability.objects.filter(
            application__programme=programme, month=rota.month
        ).prefetch_related("shifts")
    }
    people = []
    for application in volunteers(programme):
        offer = offers.get(application.pk)
        weekly = {s.pk for s in offer.shifts.all()} if offer else set()
        available = frozenset(o.key for o in ahead if o.shift.pk in weekly)
        max_shifts = offer.max_shifts if offer else 0
        people.append(
            solver.Volunteer(
                str(application.pk),
                application.is_ready,
                max(max_shifts - past[application.pk], 0),
                available,
            )
        )
    pairs = [(held.key, str(held.application_id)) for held in current if held.key in keys]
    return Problem(shifts, people, solver.rota_of(shifts, pairs))


# The weekly shifts --------------------------------------------------------------------------


def add_shift(
    programme: Programme, day: str, starts_at: dt.time, ends_at: dt.time, wanted: int
) -> LineShift:
    if not programme.is_line:
        raise Refused(_("Seule une ligne d'écoute a des permanences."))
    return LineShift.objects.create(
        programme=programme, day=day, starts_at=starts_at, ends_at=ends_at, wanted=wanted
    )


def remove_shift(shift: LineShift) -> None:
    """The weekly shift goes; shifts of it already published stay only in past logs' totals."""
    shift.delete()


# What a volunteer offers --------------------------------------------------------------------


def give_availability(
    application: PeerApplication, month: dt.date, shifts: Iterable[LineShift], max_shifts: int
) -> LineAvailability:
    """A volunteer says which weekly shifts they can take this month, and how many in all.

    Shifts already given to them stay: a change of availability does not undo a rota (the
    team adjusts it, or the volunteer offers a shift to swap)."""
    chosen = [s for s in shifts if s.programme_id == application.programme_id]
    with transaction.atomic():
        offer, _created = LineAvailability.objects.update_or_create(
            application=application, month=month, defaults={"max_shifts": max_shifts}
        )
        offer.shifts.set(chosen)
    return offer


# The team's rota ----------------------------------------------------------------------------


def propose(rota: RotaMonth) -> solver.Rota:
    """Propose the rest of the month's rota, keeping as many of the current assignments as the
    best rota allows; the shifts already begun are left as they are."""
    with transaction.atomic():
        RotaMonth.objects.select_for_update().get(pk=rota.pk)
        month = problem(rota, since=timezone.now())
        proposed = solver.propose(month.shifts, month.volunteers, keep=month.rota.assignments)
        _replace(rota, month.rota, proposed)
    return proposed


def _replace(rota: RotaMonth, before: solver.Rota, after: solver.Rota) -> None:
    """Write the difference between two rotas: rows that stay keep their logs and swaps."""
    old, new = set(before.assignments), set(after.assignments)
    for key, volunteer in old - new:
        shift_id, day = _parse(key)
        ShiftAssignment.objects.filter(
            rota=rota, shift_id=shift_id, day=day, application_id=int(volunteer)
        ).delete()
    ShiftAssignment.objects.bulk_create(
        ShiftAssignment(
            rota=rota, shift_id=_parse(key)[0], day=_parse(key)[1], application_id=int(volunteer)
        )
        for key, volunteer in sorted(new - old)
    )


def _parse(key: str) -> tuple[int, dt.date]:
    shift_id, _sep, day = key.partition(":")
    return int(shift_id), dt.date.fromisoformat(day)


def add_to_shift(rota: RotaMonth, key: str, application: PeerApplication) -> ShiftAssignment:
    """The team puts a volunteer on a shift by hand, within the rules."""
    with transaction.atomic():
        RotaMonth.objects.select_for_update().get(pk=rota.pk)
        month = problem(rota, since=timezone.now())
        if key not in {s.id for s in month.shifts}:
            raise Refused(_("Cette permanence n'est pas à venir dans ce mois."))
        try:
            solver.place(month.rota, month.shifts, month.volunteers, (key, str(application.pk)))
        except solver.RotaError as error:
            raise refusal(error) from None
        shift_id, day = _parse(key)
        return ShiftAssignment.objects.create(
            rota=rota, shift_id=shift_id, day=day, application=application
        )


def remove_from_shift(assignment: ShiftAssignment) -> None:
    """The team takes a volunteer off a shift (never a rule broken: a gap may open)."""
    assignment.delete()


def publish(rota: RotaMonth, *, by: User) -> RotaMonth:
    """Publish the month: each volunteer on it is told where to find their shifts."""
    with transaction.atomic():
        locked = RotaMonth.objects.select_for_update().get(pk=rota.pk)
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        record(
            AuditEvent.Action.ROTA_PUBLISHED,
            by=by,
            organisation=rota.programme.organisation,
            detail=f"rota {locked.pk} {locked.month:%Y-%m}",
        )
        locked.programme = rota.programme
        people = {held.application.user.pk: held.application.user for held in assignments(locked)}
        notify(
            [people[pk] for pk in sorted(people)],
            "pairing/line/email/published",
            time_zone=rota.programme.time_zone,
            rota=locked,
        )
    locked.programme = rota.programme
    return locked


@dataclass(frozen=True)
class Totals:
    shifts_logged: int
    calls: int
    minutes: int


def totals(rota: RotaMonth) -> Totals:
    """The month's shift log in totals: never more than counts and durations."""
    logged = ShiftAssignment.objects.filter(rota=rota, calls__isnull=False).aggregate(
        shifts=Count("pk"), calls=Sum("calls"), minutes=Sum("minutes")
    )
    return Totals(logged["shifts"] or 0, logged["calls"] or 0, logged["minutes"] or 0)


def gap_words(missing: int) -> str:
    return ngettext("il manque %(count)s personne", "il manque %(count)s personnes", missing) % {
        "count": missing
    }


# Swaps between volunteers -------------------------------------------------------------------


def offer_swap(assignment: ShiftAssignment) -> ShiftSwap:
    """A volunteer offers one of their shifts still ahead, to swap or to give away."""
    if not assignment.rota.published_at:
        raise Refused(_("Ce planning n'est pas encore publié."))
    if assignment.bounds()[0] <= timezone.now():
        raise Refused(_("Cette permanence a déjà commencé."))
    existing = ShiftSwap.objects.filter(assignment=assignment, status=ShiftSwap.Status.OPEN)
    if existing.exists():
        return existing.get()
    return ShiftSwap.objects.create(assignment=assignment, offered_by=assignment.application)


def withdraw_swap(swap: ShiftSwap) -> None:
    ShiftSwap.objects.filter(pk=swap.pk, status=ShiftSwap.Status.OPEN).update(
        status=ShiftSwap.Status.WITHDRAWN
    )


def open_swaps(programme: Programme, *, besides: PeerApplication) -> list[ShiftSwap]:
    """The shifts other volunteers of the line offer, still ahead."""
    now = timezone.now()
    return [
        swap
        for swap in ShiftSwap.objects.filter(
            assignment__rota__programme=programme, status=ShiftSwap.Status.OPEN
        )
        .exclude(offered_by=besides)
        .select_related("assignment__shift__programme__organisation", "offered_by__user")
        if swap.assignment.bounds()[0] > now
    ]


def accept_swap(
    swap: ShiftSwap, taker: PeerApplication, exchanged: ShiftAssignment | None
) -> ShiftSwap:
    """Another volunteer takes the offered shift, giving one of theirs in exchange or not,
    if the rota's rules allow it; both are told."""
    with transaction.atomic():
        locked = ShiftSwap.objects.select_for_update().get(pk=swap.pk)
        if locked.status != ShiftSwap.Status.OPEN:
            raise Refused(_("Cette permanence a déjà été reprise, ou n'est plus proposée."))
        given = ShiftAssignment.objects.select_related("rota__programme__organisation").get(
            pk=locked.assignment_id
        )
        if exchanged is not None and exchanged.application_id != taker.pk:
            raise Refused(_("Vous ne pouvez échanger qu'une de vos permanences."))
        now = timezone.now()
        if given.bounds()[0] <= now or (exchanged is not None and exchanged.bounds()[0] <= now):
            raise Refused(_("Une permanence déjà commencée ne s'échange plus."))
        if exchanged is not None and exchanged.rota_id != given.rota_id:
            raise Refused(_("On échange des permanences du même mois."))
        rota = given.rota
        RotaMonth.objects.select_for_update().get(pk=rota.pk)
        month = problem(rota, since=now)
        try:
            solver.swap(
                month.rota,
                month.shifts,
                month.volunteers,
                give=(given.key, str(given.application_id)),
                take=(exchanged.key, str(taker.pk)) if exchanged is not None else None,
                to=str(taker.pk),
            )
        except solver.RotaError as error:
            raise refusal(error) from None
        giver = given.application_id
        given.application = taker
        given.save(update_fields=["application"])
        if exchanged is not None:
            exchanged.application_id = giver
            exchanged.save(update_fields=["application"])
        locked.status = ShiftSwap.Status.DONE
        locked.taken_by = taker
        locked.exchanged = exchanged
        locked.done_at = now
        locked.save(update_fields=["status", "taken_by", "exchanged", "done_at"])
        ShiftSwap.objects.filter(
            Q(assignment=given) | Q(assignment=exchanged) if exchanged else Q(assignment=given),
            status=ShiftSwap.Status.OPEN,
        ).update(status=ShiftSwap.Status.WITHDRAWN)
        giver_user = PeerApplication.objects.select_related("user").get(pk=giver).user
        record(
            AuditEvent.Action.SHIFT_SWAPPED,
            by=taker.user,
            subject=giver_user,
            organisation=rota.programme.organisation,
            detail=f"swap {locked.pk}",
        )
        notify(
            [giver_user, taker.user],
            "pairing/line/email/swapped",
            time_zone=rota.programme.time_zone,
            swap=locked,
        )
    return locked


# After a shift, and the day before ------------------------------------------------------------


def log_shift(assignment: ShiftAssignment, calls: int, minutes: int) -> ShiftAssignment:
    """A volunteer notes, after their shift, how many calls and how long in all: nothing more."""
    if assignment.bounds()[0] > timezone.now():
        raise Refused(_("Une permanence se note une fois commencée."))
    if calls == 0 and minutes:
        raise Refused(_("Sans appel, la durée totale est de 0 minute."))
    assignment.calls = calls
    assignment.minutes = minutes
    assignment.save(update_fields=["calls", "minutes"])
    return assignment


REMIND_AHEAD = dt.timedelta(days=1)


def send_shift_reminders(now: dt.datetime | None = None) -> int:
    """Remind each volunteer of a published shift starting within a day, once; how many."""
    now = now or timezone.now()
    candidates = ShiftAssignment.objects.filter(
        rota__published_at__isnull=False,
        reminded_at__isnull=True,
        day__gte=(now - dt.timedelta(days=1)).date(),
        day__lte=(now + REMIND_AHEAD + dt.timedelta(days=1)).date(),
    ).select_related("shift__programme__organisation", "application__user")
    sent = 0
    for held in candidates:
        start = held.bounds()[0]
        if not now < start <= now + REMIND_AHEAD:
            continue
        with transaction.atomic():
            claimed = ShiftAssignment.objects.filter(pk=held.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                notify(
                    held.application.user,
                    "pairing/line/email/reminder",
                    time_zone=held.shift.programme.time_zone,
                    assignment=held,
                )
                sent += 1
    return sent


def calendar_of(application: PeerApplication) -> LineCalendar:
    """The volunteer's calendar address, made the first time it is asked for."""
    found, _created = LineCalendar.objects.get_or_create(
        application=application, defaults={"token": secrets.token_urlsafe(32)}
    )
    return found


def renew_calendar(application: PeerApplication) -> LineCalendar:
    """A new calendar address: the old one stops working at once (shared by mistake, a lost
    phone). Calendars subscribed to the old one must subscribe again."""
    with transaction.atomic():
        fresh, _made = LineCalendar.objects.update_or_create(
            application=application, defaults={"token": secrets.token_urlsafe(32)}
        )
        record(
            AuditEvent.Action.LINE_CALENDAR_RENEWED,
            by=application.user,
            subject=application.user,
            organisation=application.programme.organisation,
            detail=f"application {application.pk}",
        )
    return fresh
