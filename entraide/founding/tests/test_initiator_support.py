"""Helpers for the initiator's path tests: turn the shared cast's group into a project of group.

Alice (facilitator) started the project, Bob (member) and Chloé (observer, English) follow it,
Dan is a stranger to it.
"""

import datetime as dt
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.founding.agendas import agenda_for
from entraide.founding.models import FoundingSession, Initiative, Interest
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db

INTERVIEW = {
    "need": "Parler du deuil avec d'autres parents.",
    "members_profile": "Des parents qui ont perdu un enfant.",
    "motivation": "Je me suis senti très seul.",
}


def make_project(cast: Cast, stage: str = Initiative.Stage.INTERVIEW, **fields: Any) -> Initiative:
    """The cast's group as a project at the given stage, published from recruitment on."""
    group = cast.group
    group.status = SupportGroup.Status.FOUNDING
    group.is_published = stage != Initiative.Stage.INTERVIEW
    group.save(update_fields=["status", "is_published"])
    values: dict[str, Any] = {**INTERVIEW, **fields}
    initiative = Initiative.objects.create(group=group, initiator=cast.alice, stage=stage, **values)
    if stage in (Initiative.Stage.FOUNDING, Initiative.Stage.CHARTER):
        for kind in FoundingSession.Kind.values:
            FoundingSession.objects.create(initiative=initiative, kind=kind)
    return initiative


def make_person(name: str, language: str = "fr") -> User:
    email = f"{name.lower()}@example.org"
    person = User.objects.create_user(
        email, PASSWORD, display_name=name, preferred_language=language
    )
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    return person


def interested(initiative: Initiative, *people: User, invited: bool = False) -> list[Interest]:
    return [
        Interest.objects.create(
            initiative=initiative,
            user=person,
            invited_at=timezone.now() if invited else None,
        )
        for person in people
    ]


def give_date(
    session: FoundingSession, starts_at: dt.datetime, place: str = "", minutes: int = 90
) -> Meeting:
    """A founding session's meeting, as `actions.schedule_session` makes it (without e-mails)."""
    session.meeting = Meeting.objects.create(
        group=session.initiative.group,
        title=str(session.get_kind_display()),
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=minutes),
        place=place,
        agenda=agenda_for(session.kind),
    )
    session.save(update_fields=["meeting"])
    return session.meeting


def date_the_sessions(initiative: Initiative, *, held: bool = False) -> None:
    """Date the three sessions two weeks apart: ahead, or all three over (`held`)."""
    start = timezone.now() + (dt.timedelta(days=-40) if held else dt.timedelta(days=10))
    for number, founding_session in enumerate(initiative.sessions.order_by("pk")):
        give_date(
            founding_session,
            start + dt.timedelta(days=14 * number),
            "Maison des associations, salle 3",
        )


def test_a_project_made_for_the_tests_is_private_until_it_recruits(cast: Cast) -> None:
    initiative = make_project(cast)

    assert initiative.interview_is_complete
    assert not initiative.group.is_published
