"""Every change to a workshop and its registrations: one function each, in a transaction.

The seats follow the meetings' waiting list (`meetings.answers.actions`): beyond the capacity,
people wait in the order they registered; when someone with a seat withdraws, or the capacity
grows, the first people waiting take the free seats and are told by e-mail. Every change that
may take or free a seat locks the workshop's row first, so two people never take the last seat
at once. The meetings' functions are tied to `Meeting` and its `Answer` (coming / maybe / not
coming, group membership), so this is their small equivalent rather than a shared helper.
"""

from collections.abc import Mapping
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.refusals import Refused
from entraide.notifications.actions import notify
from entraide.organisations.models import Organisation
from entraide.workshops import tasks
from entraide.workshops.access import in_audience
from entraide.workshops.models import Registration, Workshop

# A change of any of these is a change people must hear about, and calendars must take.
WHEN_AND_WHERE = ("starts_at", "ends_at", "format", "place_name", "address", "town", "online_link")
FIELDS = ("title", "description", "audience", "capacity", *WHEN_AND_WHERE)


def publish(organisation: Organisation, data: Mapping[str, Any], *, by: User) -> Workshop:
    """Publish a new workshop of the organisation; it shows at once on its public page."""
    with transaction.atomic():
        workshop = Workshop(organisation=organisation, created_by=by)
        for name in FIELDS:
            setattr(workshop, name, data[name])
        workshop.save()
        record(
            AuditEvent.Action.WORKSHOP_PUBLISHED,
            by=by,
            organisation=organisation,
            detail=f"workshop {workshop.pk}",
        )
    return workshop


def change(workshop: Workshop, data: Mapping[str, Any], *, by: User) -> Workshop:
    """Change a workshop. A new date, time or place is told to everyone registered; more seats
    go to the people waiting. Fewer seats than people already seated is refused."""
    with transaction.atomic():
        locked = (
            Workshop.objects.select_for_update().select_related("organisation").get(pk=workshop.pk)
        )
        if locked.is_cancelled:
            raise Refused(_("Cet atelier est annulé : il ne peut plus être modifié."))
        seated = locked.registrations.seated().count()
        if data["capacity"] < seated:
            raise Refused(
                _("%(count)d personnes ont déjà une place : gardez au moins autant de places.")
                % {"count": seated}
            )
        moved = any(getattr(locked, name) != data[name] for name in WHEN_AND_WHERE)
        for name in FIELDS:
            setattr(locked, name, data[name])
        if moved:
            locked.sequence += 1
        locked.save()
        fill_free_seats(locked)
        if moved:
            people = [each.user for each in locked.registrations.active().select_related("user")]
            notify(
                people,
                "workshops/email/changed",
                time_zone=locked.time_zone,
                workshop=locked,
            )
            for each in locked.registrations.seated():
                tasks.schedule(locked, each)
    return locked


def cancel(workshop: Workshop, *, by: User) -> Workshop:
    """Cancel a workshop; everyone registered (seated or waiting) is told."""
    with transaction.atomic():
        locked = (
            Workshop.objects.select_for_update().select_related("organisation").get(pk=workshop.pk)
        )
        if locked.is_cancelled:
            return locked
        if locked.starts_at <= timezone.now():
            raise Refused(_("Cet atelier a déjà commencé : il ne peut plus être annulé."))
        locked.status = Workshop.Status.CANCELLED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "updated_at"])
        people = [each.user for each in locked.registrations.active().select_related("user")]
        notify(people, "workshops/email/cancelled", time_zone=locked.time_zone, workshop=locked)
        record(
            AuditEvent.Action.WORKSHOP_CANCELLED,
            by=by,
            organisation=locked.organisation,
            detail=f"workshop {locked.pk}",
        )
    return locked


def register(workshop: Workshop, person: User) -> Registration:
    """Register for a workshop: a seat while there is one, else a place on the waiting list.

    Raises Refused for a cancelled or started workshop, or a person it is not meant for.
    """
    with transaction.atomic():
        # Lock the workshop's row: two people may ask for the last seat at the same moment,
        # and the second must see the first one's registration before counting the seats.
        locked = (
            Workshop.objects.select_for_update().select_related("organisation").get(pk=workshop.pk)
        )
        if locked.is_cancelled:
            raise Refused(_("Cet atelier est annulé."))
        if locked.starts_at <= timezone.now():
            raise Refused(_("Cet atelier a déjà commencé ou est passé."))
        if not in_audience(person, locked):
            raise Refused(
                _("Cet atelier est pour %(audience)s.")
                % {"audience": locked.get_audience_display()}
            )
        mine = Registration.objects.filter(workshop=locked, user=person).first()
        if mine is not None and mine.is_active:
            return mine  # Nothing changes, and nobody loses their place in the line.
        if mine is None:
            mine = Registration(workshop=locked, user=person)
        mine.registered_at = timezone.now()
        mine.cancelled_at = None
        mine.attended = None
        mine.waiting = locked.registrations.seated().count() >= locked.capacity
        mine.save()
        if not mine.waiting:
            tasks.schedule(locked, mine)
    return mine


def withdraw(registration: Registration) -> Registration:
    """Withdraw from a workshop; a seat freed before the start goes to the first person waiting."""
    with transaction.atomic():
        locked = Workshop.objects.select_for_update().get(pk=registration.workshop_id)
        mine = Registration.objects.get(pk=registration.pk)
        if not mine.is_active:
            return mine
        if locked.starts_at <= timezone.now():
            raise Refused(
                _("Cet atelier a déjà commencé : il n'y a plus besoin de se désinscrire.")
            )
        had_a_seat = mine.has_seat
        mine.cancelled_at = timezone.now()
        mine.save(update_fields=["cancelled_at"])
        if had_a_seat and not locked.is_cancelled:
            fill_free_seats(locked)
    return mine


def withdraw_from_workshops(person: User) -> None:
    """The person deletes their account: their seats at workshops still to come go to the first
    people waiting (`accounts.when_deleting`)."""
    coming = Registration.objects.filter(
        user=person, cancelled_at__isnull=True, workshop__starts_at__gt=timezone.now()
    )
    for registration in coming:
        withdraw(registration)


def fill_free_seats(workshop: Workshop) -> list[Registration]:
    """Give the free seats to the first people waiting, who are told by e-mail after commit.

    The caller holds the workshop's row lock (`Workshop.objects.select_for_update()`).
    """
    free = workshop.capacity - workshop.registrations.seated().count()
    if free <= 0:
        return []
    promoted = list(workshop.registrations.waiting().select_related("user")[:free])
    Registration.objects.filter(pk__in=[each.pk for each in promoted]).update(waiting=False)
    for each in promoted:
        each.waiting = False
        tasks.schedule(workshop, each)
        transaction.on_commit(partial(tell_promoted, workshop.pk, each.pk))
    return promoted


def tell_promoted(workshop_id: int, registration_id: int) -> None:
    """Tell someone who was waiting that a seat is theirs, if it still is."""
    mine = (
        Registration.objects.seated()
        .select_related("user", "workshop__organisation")
        .filter(pk=registration_id, workshop_id=workshop_id)
        .first()
    )
    if mine is None or mine.workshop.is_cancelled:
        return
    notify(
        mine.user,
        "workshops/email/promoted",
        time_zone=mine.workshop.time_zone,
        workshop=mine.workshop,
    )


def note_attendance(workshop: Workshop, marks: Mapping[int, bool | None], *, by: User) -> int:
    """Note who came, by registration id (True, False, or None: not noted); how many changed.

    Only once the workshop has begun, and only for the people who had a seat.
    """
    with transaction.atomic():
        locked = (
            Workshop.objects.select_for_update().select_related("organisation").get(pk=workshop.pk)
        )
        if locked.starts_at > timezone.now():
            raise Refused(_("Les présences se notent une fois l'atelier commencé."))
        if locked.is_cancelled:
            raise Refused(_("Cet atelier est annulé."))
        changed = 0
        for registration in locked.registrations.seated():
            if registration.pk not in marks:
                continue
            came = marks[registration.pk]
            if registration.attended != came:
                registration.attended = came
                registration.save(update_fields=["attended"])
                changed += 1
        if changed:
            record(
                AuditEvent.Action.WORKSHOP_ATTENDANCE,
                by=by,
                organisation=locked.organisation,
                detail=f"workshop {locked.pk}",
            )
    return changed


def workshop_context(context: Mapping[str, Any], to: User | None) -> dict[str, Any]:
    """The worker's part of a workshop e-mail, for its reader: the address for registered
    people, the link for those with a seat, their place in the waiting list (registered in
    `WorkshopsConfig.ready`)."""
    workshop = context.get("workshop")
    if workshop is None or to is None:
        return {}
    mine = Registration.objects.filter(workshop=workshop, user=to).first()
    active = mine is not None and mine.is_active
    seated = mine is not None and mine.has_seat
    return {
        "starts_at": workshop.starts_at,
        "ends_at": workshop.ends_at,
        "zone": str(workshop.time_zone),
        "registration": mine,
        "address": workshop.address if active and not workshop.is_online else "",
        "online_link": workshop.online_link if seated and workshop.is_online else "",
        "position": waiting_position(mine) if mine is not None and active else None,
    }


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person waiting, and so on; None for someone with a seat."""
    if not registration.waiting or not registration.is_active:
        return None
    line = list(
        Registration.objects.filter(workshop_id=registration.workshop_id)
        .waiting()
        .values_list("pk", flat=True)
    )
    return line.index(registration.pk) + 1 if registration.pk in line else None
