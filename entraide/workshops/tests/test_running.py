"""The organisation runs its workshops: publish, change, cancel, note who came."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.lib.refusals import Refused
from entraide.organisations.models import Organisation
from entraide.workshops import actions
from entraide.workshops.models import Registration, Workshop

pytestmark = pytest.mark.django_db


def data_of(workshop: Workshop, **changes: Any) -> dict[str, Any]:
    return {name: getattr(workshop, name) for name in actions.FIELDS} | changes


def test_publishing_is_written_in_the_journal(
    organisation: Organisation, coralie: User, make_workshop: Callable[..., Workshop]
) -> None:
    model = make_workshop()

    workshop = actions.publish(organisation, data_of(model, title="Écouter"), by=coralie)

    assert workshop.created_by == coralie
    event = AuditEvent.objects.get(action="workshop.published")
    assert (event.actor, event.organisation_id) == (coralie, organisation.pk)


def test_cancelling_tells_everyone_registered_seated_or_waiting(
    accompanied: Cast,
    coralie: User,
    make_workshop: Callable[..., Workshop],
    django_capture_on_commit_callbacks: Any,
) -> None:
    workshop = make_workshop(capacity=1)
    actions.register(workshop, accompanied.alice)
    actions.register(workshop, accompanied.bob)
    gone = actions.register(workshop, accompanied.chloe)
    actions.withdraw(gone)

    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel(workshop, by=coralie)

    workshop.refresh_from_db()
    assert workshop.is_cancelled and workshop.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    assert all("annulé" in m.subject for m in mail.outbox)
    assert AuditEvent.objects.filter(action="workshop.cancelled", actor=coralie).exists()


def test_a_new_date_is_told_to_everyone_registered_and_raises_the_sequence(
    accompanied: Cast,
    coralie: User,
    make_workshop: Callable[..., Workshop],
    django_capture_on_commit_callbacks: Any,
) -> None:
    workshop = make_workshop()
    actions.register(workshop, accompanied.bob)
    later = workshop.starts_at + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        actions.change(
            workshop,
            data_of(workshop, starts_at=later, ends_at=later + dt.timedelta(hours=2)),
            by=coralie,
        )

    workshop.refresh_from_db()
    assert workshop.sequence == 1
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "12 rue des Lilas" in mail.outbox[0].body


def test_a_new_title_alone_sends_nothing(
    accompanied: Cast,
    coralie: User,
    make_workshop: Callable[..., Workshop],
    django_capture_on_commit_callbacks: Any,
) -> None:
    workshop = make_workshop()
    actions.register(workshop, accompanied.bob)

    with django_capture_on_commit_callbacks(execute=True):
        actions.change(workshop, data_of(workshop, title="Un autre titre"), by=coralie)

    workshop.refresh_from_db()
    assert (workshop.title, workshop.sequence) == ("Un autre titre", 0)
    assert mail.outbox == []


def test_more_seats_go_to_the_people_waiting_and_fewer_than_taken_is_refused(
    accompanied: Cast, coralie: User, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(capacity=1)
    for person in (accompanied.alice, accompanied.bob, accompanied.chloe):
        actions.register(workshop, person)

    actions.change(workshop, data_of(workshop, capacity=2), by=coralie)
    workshop.refresh_from_db()
    with pytest.raises(Refused):
        actions.change(workshop, data_of(workshop, capacity=1), by=coralie)

    assert Registration.objects.get(user=accompanied.bob).has_seat
    assert Registration.objects.get(user=accompanied.chloe).waiting


def test_attendance_is_noted_only_once_the_workshop_has_begun(
    accompanied: Cast, coralie: User, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    bob = actions.register(workshop, accompanied.bob)
    alice = actions.register(workshop, accompanied.alice)

    with pytest.raises(Refused):
        actions.note_attendance(workshop, {bob.pk: True}, by=coralie)
    Workshop.objects.filter(pk=workshop.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    changed = actions.note_attendance(workshop, {bob.pk: True, alice.pk: False}, by=coralie)

    assert changed == 2
    bob.refresh_from_db()
    alice.refresh_from_db()
    assert (bob.attended, alice.attended) == (True, False)
    assert AuditEvent.objects.filter(action="workshop.attendance", actor=coralie).count() == 1


def test_people_waiting_are_not_on_the_attendance_sheet(
    accompanied: Cast, coralie: User, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(capacity=1)
    actions.register(workshop, accompanied.alice)
    bob = actions.register(workshop, accompanied.bob)
    Workshop.objects.filter(pk=workshop.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))

    changed = actions.note_attendance(workshop, {bob.pk: True}, by=coralie)

    assert changed == 0
    bob.refresh_from_db()
    assert bob.attended is None
