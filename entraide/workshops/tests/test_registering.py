"""Registering for a workshop: seats, the waiting list, who it is for."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accounts.actions import delete_person
from entraide.accounts.models import User
from entraide.lib.refusals import Refused
from entraide.membership.models import Membership
from entraide.workshops import actions
from entraide.workshops.models import Registration, Workshop

pytestmark = pytest.mark.django_db


def test_people_beyond_the_capacity_wait_in_the_order_they_registered(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(capacity=1)

    alice = actions.register(workshop, accompanied.alice)
    bob = actions.register(workshop, accompanied.bob)
    chloe = actions.register(workshop, accompanied.chloe)

    assert (alice.waiting, bob.waiting, chloe.waiting) == (False, True, True)
    assert [actions.waiting_position(r) for r in (alice, bob, chloe)] == [None, 1, 2]


def test_registering_twice_changes_nothing(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    first = actions.register(workshop, accompanied.bob)

    again = actions.register(workshop, accompanied.bob)

    assert again.pk == first.pk
    assert again.registered_at == first.registered_at
    assert Registration.objects.count() == 1


def test_when_someone_withdraws_the_first_person_waiting_gets_the_seat_and_an_email(
    accompanied: Cast,
    make_workshop: Callable[..., Workshop],
    django_capture_on_commit_callbacks: Any,
) -> None:
    workshop = make_workshop(capacity=1)
    alice = actions.register(workshop, accompanied.alice)
    actions.register(workshop, accompanied.bob)
    actions.register(workshop, accompanied.chloe)

    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(alice)

    assert Registration.objects.get(user=accompanied.bob).has_seat
    assert Registration.objects.get(user=accompanied.chloe).waiting
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "Une place s'est libérée" in mail.outbox[0].subject
    assert "12 rue des Lilas" in mail.outbox[0].body


def test_when_someone_deletes_their_account_the_first_person_waiting_gets_the_seat(
    accompanied: Cast,
    make_workshop: Callable[..., Workshop],
    django_capture_on_commit_callbacks: Any,
) -> None:
    workshop = make_workshop(capacity=1)
    actions.register(workshop, accompanied.alice)
    actions.register(workshop, accompanied.bob)
    past = make_workshop(capacity=1, starts_in=dt.timedelta(days=-3))
    Registration.objects.create(
        workshop=past, user=accompanied.alice, registered_at=past.created_at
    )

    with django_capture_on_commit_callbacks(execute=True):
        delete_person(accompanied.alice)

    assert Registration.objects.get(workshop=workshop, user=accompanied.bob).has_seat
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert not Registration.objects.filter(workshop=past).exists()


def test_someone_waiting_who_withdraws_frees_no_seat(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(capacity=1)
    actions.register(workshop, accompanied.alice)
    bob = actions.register(workshop, accompanied.bob)
    actions.register(workshop, accompanied.chloe)

    actions.withdraw(bob)

    assert Registration.objects.get(user=accompanied.chloe).waiting
    assert actions.waiting_position(Registration.objects.get(user=accompanied.chloe)) == 1


def test_coming_back_after_withdrawing_is_joining_the_line_at_its_end(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(capacity=1)
    actions.register(workshop, accompanied.alice)
    bob = actions.register(workshop, accompanied.bob)
    actions.register(workshop, accompanied.chloe)
    actions.withdraw(bob)

    back = actions.register(workshop, accompanied.bob)

    assert back.pk == bob.pk
    assert actions.waiting_position(back) == 2


def test_a_workshop_for_facilitators_refuses_a_member_and_takes_the_facilitator(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(audience=Workshop.Audience.FACILITATORS)

    with pytest.raises(Refused, match="est pour les personnes qui animent"):
        actions.register(workshop, accompanied.bob)
    actions.register(workshop, accompanied.alice)

    assert [r.user for r in Registration.objects.all()] == [accompanied.alice]


def test_a_workshop_for_the_groups_refuses_a_stranger_and_someone_of_another_organisation(
    accompanied: Cast, make_workshop: Callable[..., Workshop], make_group: Callable[..., Any]
) -> None:
    workshop = make_workshop(audience=Workshop.Audience.MEMBERS)
    other = make_group("Aidants Lyon", place="69001 Lyon")
    Membership.objects.create(
        user=accompanied.dan, group=other, role="member", status=Membership.Status.ACTIVE
    )

    with pytest.raises(Refused):
        actions.register(workshop, accompanied.dan)
    actions.register(workshop, accompanied.chloe)  # an observer is one of the group's people

    assert [r.user for r in Registration.objects.all()] == [accompanied.chloe]


def test_someone_who_asked_to_join_is_not_yet_one_of_the_groups_people(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    remi = User.objects.create_user("remi@example.org", PASSWORD, display_name="Rémi")
    Membership.objects.create(user=remi, group=accompanied.group)

    with pytest.raises(Refused):
        actions.register(workshop, remi)


def test_a_workshop_for_anyone_takes_anyone_with_an_account(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop(audience=Workshop.Audience.ANYONE)

    mine = actions.register(workshop, accompanied.dan)

    assert mine.has_seat


def test_a_cancelled_or_started_workshop_takes_nobody(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    cancelled = make_workshop(status=Workshop.Status.CANCELLED)
    started = make_workshop(starts_in=-dt.timedelta(minutes=5))

    for workshop in (cancelled, started):
        with pytest.raises(Refused):
            actions.register(workshop, accompanied.bob)
    assert not Registration.objects.exists()


def test_withdrawing_after_the_start_is_refused(
    accompanied: Cast, make_workshop: Callable[..., Workshop]
) -> None:
    workshop = make_workshop()
    bob = actions.register(workshop, accompanied.bob)
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=1)
    )

    with pytest.raises(Refused):
        actions.withdraw(bob)
    assert Registration.objects.get(pk=bob.pk).is_active
