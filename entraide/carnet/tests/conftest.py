"""The carnet's cast: Bob (a member of the cast's group) keeps a carnet; everyone else around
the group tries to read it. The group is accompanied by Coralie's organisation."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Cast, staff_person
from entraide.accounts.models import User
from entraide.carnet import actions
from entraide.carnet.models import Entry, Preparation
from entraide.meetings.models import Meeting
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation, OrganisationRole

# What Bob writes: none of these words may ever be found in the database.
FEELING = "Soulagé après la séance, enfin écouté sans jugement."
TAKEAWAY = "Marcher un peu quand le dimanche soir pèse."
NEXT_TIME = "Parler de ma sœur Maëlle et des fêtes."
PREPARED = "Je voudrais dire que le mois de mars me fait peur."


@pytest.fixture(autouse=True)
def pages_in_french(client: Client) -> None:
    """Chloé's account is in English; the tests read French pages."""
    client.cookies["entraide_language"] = "fr"


@pytest.fixture
def accompanied(cast: Cast, organisation: Organisation) -> Cast:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    return cast


@pytest.fixture
def make_meeting(cast: Cast) -> Callable[..., Meeting]:
    def make(starts_in: dt.timedelta, **fields: object) -> Meeting:
        starts = timezone.now().replace(microsecond=0) + starts_in
        return Meeting.objects.create(
            group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(minutes=90), **fields
        )

    return make


@pytest.fixture
def past_meeting(make_meeting: Callable[..., Meeting]) -> Meeting:
    return make_meeting(-dt.timedelta(days=7))


@pytest.fixture
def coming_meeting(make_meeting: Callable[..., Meeting]) -> Meeting:
    return make_meeting(dt.timedelta(days=7))


@pytest.fixture
def bobs_entry(cast: Cast, past_meeting: Meeting) -> Entry:
    return actions.write_entry(
        cast.bob,
        day=timezone.localdate(past_meeting.starts_at, cast.group.time_zone),
        words=actions.Words(4, FEELING, TAKEAWAY, NEXT_TIME),
        meeting=past_meeting,
    )


@pytest.fixture
def bobs_preparation(cast: Cast, coming_meeting: Meeting) -> Preparation:
    return actions.save_preparation(cast.bob, coming_meeting, PREPARED)


@pytest.fixture
def stan() -> User:
    """A superuser of the site's staff, with the second factor staff must have."""
    person = staff_person("stan@example.org", "Stan")
    person.is_staff = person.is_superuser = True
    person.save(update_fields=["is_staff", "is_superuser"])
    return person


@pytest.fixture
def others(
    accompanied: Cast,
    organisation: Organisation,
    coralie: User,
    olivia: User,
    oscar: User,
    stan: User,
) -> dict[str, User]:
    """Everyone around Bob's group who is not Bob, by role."""
    emma = User.objects.create_user("emma@example.org", PASSWORD, display_name="Emma")
    Membership.objects.create(
        user=emma,
        group=accompanied.group,
        role=Membership.Role.MEMBER,
        status=Membership.Status.ACTIVE,
    )
    sacha = staff_person("sacha@example.org", "Sacha")
    OrganisationRole.objects.create(
        user=sacha, organisation=organisation, role=OrganisationRole.Role.SAFEGUARDING_LEAD
    )
    return {
        "another member": emma,
        "facilitator": accompanied.alice,
        "observer": accompanied.chloe,
        "stranger": accompanied.dan,
        "coordinator": coralie,
        "coordinator elsewhere": olivia,
        "organisation admin": oscar,
        "safeguarding lead": sacha,
        "superuser staff": stan,
    }
