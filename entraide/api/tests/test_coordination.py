"""The coordinators' API through HTTP, with a token: their organisation's board and its
programme report, the pages' own figures with the rule of five, for them only."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accompaniment.board import board as build_board
from entraide.accounts.models import User
from entraide.api.tests.tokens import get, secret_for
from entraide.directory.models import SupportGroup, Theme
from entraide.founding.models import Initiative
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.reports.figures import report as build_report
from entraide.reports.periods import periods

pytestmark = pytest.mark.django_db

BOARD = "/api/v1/organisations/centre-nantes/board"
REPORT = "/api/v1/organisations/centre-nantes/report"


@pytest.fixture
def followed(
    cast: Cast,
    organisation: Organisation,
    make_group: Callable[..., SupportGroup],
    theme: Callable[..., Theme],
) -> Organisation:
    """The cast's group (three people) and a group of six, both the organisation's; a project
    that asked it and waits for its answer."""
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    six = make_group(
        "Aidants Nantes", organisation=organisation, themes=[theme("aidants", "Aidants", "Carers")]
    )
    welcomed = timezone.now() - dt.timedelta(days=20)
    for number in range(6):
        person = User.objects.create(email=f"p{number}@example.org", display_name=f"P{number}")
        Membership.objects.create(
            user=person, group=six, role="member", status="active", decided_at=welcomed
        )
    asking = make_group("Projet Rezé", status="founding", is_published=False)
    Initiative.objects.create(
        group=asking,
        initiator=cast.dan,
        organisation=organisation,
        accompaniment="requested",
        accompaniment_requested_at=timezone.now(),
        stage="interview",
    )
    return organisation


def test_a_coordinator_reads_the_board_as_the_page_builds_it(
    client: Client, followed: Organisation, coralie: User
) -> None:
    found = get(client, BOARD, secret_for(coralie, "read")).json()
    expected = build_board(followed)

    assert [group["name"] for group in found["results"]] == [r.group.name for r in expected.rows]
    assert found["total"] == expected.total == 3
    assert found["attention_total"] == expected.attention_total
    assert {stage["stage"]: stage["count"] for stage in found["stages"]}["interview"] == 1
    asking = next(group for group in found["results"] if group["name"] == "Projet Rezé")
    assert asking["stage"] == "interview" and asking["accompaniment"] == "requested"
    assert "new_request" in [attention["kind"] for attention in asking["attention"]]
    # The board names groups and stages, never a member.
    assert "Bob" not in str(found) and "p1@example.org" not in str(found)


def test_the_board_s_filters_are_the_page_s(
    client: Client, followed: Organisation, coralie: User
) -> None:
    secret = secret_for(coralie, "read")

    interview = get(client, BOARD, secret, stage="interview").json()
    attention = get(client, BOARD, secret, attention="true").json()
    by_name = get(client, BOARD, secret, q="aidants").json()
    paged = get(client, BOARD, secret, limit=1, offset=1).json()
    wrong = get(client, BOARD, secret, stage="pigeon")

    assert [group["name"] for group in interview["results"]] == ["Projet Rezé"]
    assert "Projet Rezé" in [group["name"] for group in attention["results"]]
    assert [group["name"] for group in by_name["results"]] == ["Aidants Nantes"]
    assert (paged["count"], len(paged["results"]), interview["total"]) == (3, 1, 3)
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid_parameter"


def test_the_report_gives_the_page_s_figures_with_small_counts_hidden(
    client: Client, followed: Organisation, coralie: User
) -> None:
    answer = get(client, REPORT, secret_for(coralie, "read"), periode="12-mois")
    found = answer.json()
    period = next(p for p in periods(timezone.localdate()) if p.key == "12-mois")
    expected = build_report(followed, period, "theme")

    assert answer.status_code == 200
    assert found["period"]["key"] == "12-mois" and found["breakdown"] == "theme"
    assert [figure["key"] for figure in found["figures"]] == [f.key for f in expected.figures]
    for figure, page in zip(found["figures"], expected.figures, strict=True):
        assert [[c["text"] for c in row["cells"]] for row in figure["rows"]] == [
            [cell.text for cell in row.cells] for row in page.rows
        ]
    members = next(figure for figure in found["figures"] if figure["key"] == "members")
    cells = {row["label"]: row["cells"][0] for row in members["rows"]}
    # Three people in Deuil: hidden, and so Aidants, or the total would give them back.
    assert cells["Deuil"] == {"value": None, "hidden": True, "text": "—"}
    assert cells["Aidants"]["hidden"] and cells["Aidants"]["value"] is None
    assert members["about_people"] is True


def test_a_period_the_page_does_not_offer_is_a_400_in_its_words(
    client: Client, followed: Organisation, coralie: User
) -> None:
    wrong = get(client, REPORT, secret_for(coralie, "read"), periode="1999")

    assert wrong.status_code == 400
    assert wrong.json()["error"]["code"] == "invalid_parameter"
    assert "Choisissez une des périodes proposées." in wrong.json()["error"]["message"]


def test_an_organisation_admin_reads_the_report_but_not_the_board(
    client: Client, followed: Organisation, oscar: User
) -> None:
    secret = secret_for(oscar, "read")

    assert get(client, REPORT, secret).status_code == 200
    assert get(client, BOARD, secret).status_code == 404


@pytest.mark.parametrize("who", ["olivia", "bob", "alice"])
def test_a_coordinator_elsewhere_or_a_member_gets_the_same_404(
    client: Client, followed: Organisation, cast: Cast, who: str, request: Any
) -> None:
    person = request.getfixturevalue("olivia") if who == "olivia" else getattr(cast, who)
    secret = secret_for(person)

    for url in (BOARD, REPORT):
        answer = get(client, url, secret)
        assert answer.status_code == 404
        assert answer.json() == get(client, "/api/v1/organisations/nulle-part/board", secret).json()


def test_a_coordinator_who_lost_the_role_gets_a_404_with_the_same_token(
    client: Client, followed: Organisation, coralie: User
) -> None:
    secret = secret_for(coralie, "read")
    assert get(client, BOARD, secret).status_code == 200

    OrganisationRole.objects.filter(user=coralie).delete()

    assert get(client, BOARD, secret).status_code == 404
    assert get(client, REPORT, secret).status_code == 404


def test_without_a_token_the_board_is_a_401(client: Client, followed: Organisation) -> None:
    answer = client.get(BOARD)

    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"
