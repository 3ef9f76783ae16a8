"""Fifty people ask for the last seat at the same moment: exactly one gets it, the others wait."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.meetings.answers import actions as answers
from entraide.meetings.models import Answer, Meeting
from entraide.membership.models import Membership

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "SQLite writes one transaction at a time, so it cannot show two answers racing for "
            "a seat; the row lock (SELECT ... FOR UPDATE) is tested on PostgreSQL, as in CI."
        ),
    ),
]

PEOPLE = 50


def test_fifty_people_answering_at_once_for_the_last_seat_get_it_once(cast: Cast) -> None:
    starts = timezone.now() + dt.timedelta(days=7)
    meeting = Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), capacity=2
    )
    answers.answer(meeting, cast.alice, "coming")
    people = User.objects.bulk_create(
        User(email=f"personne{n}@example.org", display_name=f"Personne {n}", password="!")
        for n in range(PEOPLE)
    )
    Membership.objects.bulk_create(
        Membership(
            user=person,
            group=cast.group,
            role=Membership.Role.MEMBER,
            status=Membership.Status.ACTIVE,
        )
        for person in people
    )
    start_together = threading.Barrier(PEOPLE)
    failures: list[BaseException] = []

    def answer_coming(person: User) -> None:
        # Each thread has its own database connection, closed at the end.
        try:
            start_together.wait(timeout=30)
            answers.answer(meeting, person, "coming")
        except BaseException as failure:  # Reported by the test below.
            failures.append(failure)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer_coming, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    newcomers = list(
        Answer.objects.filter(meeting=meeting, user__in=people).order_by("answered_at", "pk")
    )
    assert len(newcomers) == PEOPLE
    seated = [a for a in newcomers if not a.waiting]
    waiting = [a for a in newcomers if a.waiting]
    assert len(seated) == 1 and len(waiting) == PEOPLE - 1
    # The seat went to the first answer recorded, and the line follows the same order.
    assert newcomers[0] == seated[0]
    assert [answers.waiting_position(a) for a in waiting] == list(range(1, PEOPLE))
    assert [a.pk for a in newcomers] == sorted(a.pk for a in newcomers)
