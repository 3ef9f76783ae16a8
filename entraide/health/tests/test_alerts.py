import datetime as dt
import html as html_text
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Cast
from entraide.accompaniment.models import Review
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.health.models import Sharing
from entraide.health.tests.helpers import closed_circle, meeting, roles
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

BOARD = reverse("accompaniment:board", args=["centre-nantes"])
QUIET = "Pas de rencontre depuis deux mois"
FALLING = "Moins de monde aux trois dernières rencontres"
ONE_VOICE = "une voix a pris la moitié du temps ou plus"
ONE_PERSON = "Une seule personne a tenu tous les rôles"
UNANSWERED = "Personne n'a encore répondu au bilan"


def board_text(client: Client, person: User, **query: str) -> str:
    client.force_login(person)
    return html_text.unescape(client.get(BOARD, query).content.decode())


@pytest.fixture
def shared(cast: Cast, organisation: Organisation) -> SupportGroup:
    """An autonomous group the organisation accompanies, which shares its health."""
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    Sharing.objects.create(group=cast.group, shared=True, during_founding=False)
    return cast.group


def troubled(group: SupportGroup, alice: User) -> None:
    """Six meetings, the last 70 days ago, attendance falling, one voice, one person."""
    for number, (days, present) in enumerate(
        [(130, 8), (120, 8), (110, 7), (90, 5), (80, 4), (70, 3)]
    ):
        held = meeting(group, days, present=present, absent=1)
        if number >= 3:
            roles(held, facilitation=alice, timekeeping=alice)
    closed_circle(held, [1200, 200, 200, 100], 0.45)
    Review.objects.create(
        group=group,
        due_on=timezone.localdate(),
        status="open",
        opened_at=timezone.now() - dt.timedelta(days=20),
    )


def test_a_group_that_shares_its_health_gets_gentle_alerts(
    client: Client, shared: SupportGroup, cast: Cast, coralie: User
) -> None:
    troubled(shared, cast.alice)

    text = board_text(client, coralie)

    for alert in (QUIET, FALLING, ONE_VOICE, ONE_PERSON, UNANSWERED):
        assert alert in text
    assert shared.name in board_text(client, coralie, attention="1")


def test_a_group_that_does_not_share_its_health_gets_none(
    client: Client, shared: SupportGroup, cast: Cast, coralie: User
) -> None:
    troubled(shared, cast.alice)
    Sharing.objects.filter(group=shared).update(shared=False)

    text = board_text(client, coralie)

    for alert in (QUIET, FALLING, ONE_VOICE, ONE_PERSON, UNANSWERED):
        assert alert not in text


def test_a_lively_group_gets_no_alert(
    client: Client, shared: SupportGroup, cast: Cast, coralie: User
) -> None:
    for days, present in [(60, 5), (45, 5), (30, 6), (20, 6), (10, 5), (3, 6)]:
        held = meeting(shared, days, present=present)
    roles(held, facilitation=cast.alice, timekeeping=cast.bob)
    closed_circle(held, [400, 350, 300, 300], 0.1)

    text = board_text(client, coralie)

    for alert in (QUIET, FALLING, ONE_VOICE, ONE_PERSON, UNANSWERED):
        assert alert not in text


def test_the_alerts_cost_the_same_few_queries_for_many_groups(
    client: Client,
    make_group: Any,
    organisation: Organisation,
    cast: Cast,
    coralie: User,
) -> None:
    def board_queries(count: int) -> int:
        for number in range(count):
            group = make_group(f"Groupe {number}", organisation=organisation)
            Sharing.objects.create(group=group, shared=True, during_founding=False)
            troubled(group, cast.alice)
        client.force_login(coralie)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(BOARD)
        assert html_text.unescape(response.content.decode()).count(QUIET) == Sharing.objects.count()
        return len(captured)

    assert board_queries(1) == board_queries(5)
