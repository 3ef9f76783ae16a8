"""The coordinators' board: every group the organisation accompanies, by stage, with what needs
attention, filters and counts; for its coordinators only."""

import datetime as dt
import html as html_text
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accompaniment.models import Review, SupportRequest
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.founding.models import FoundingSession, Initiative, Interest
from entraide.founding.tests.test_initiator_support import give_date
from entraide.meetings.models import Meeting
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

BOARD = "/organisations/centre-nantes/accompagnement/"


@pytest.fixture
def project(
    make_group: Callable[..., SupportGroup], organisation: Organisation, cast: Cast
) -> Callable[..., Initiative]:
    """A project of group that asked the organisation, at the given stage."""

    def make(name: str, stage: str = "interview", accompaniment: str = "requested") -> Initiative:
        group = make_group(name, status="founding", is_published=stage != "interview")
        if accompaniment == "accepted":
            group.organisation = organisation
            group.save(update_fields=["organisation"])
        Membership.objects.create(user=cast.alice, group=group, role="facilitator", status="active")
        return Initiative.objects.create(
            group=group,
            initiator=cast.alice,
            organisation=organisation,
            accompaniment=accompaniment,
            accompaniment_requested_at=timezone.now(),
            stage=stage,
        )

    return make


def board_of(client: Client, person: User, query: str = "") -> str:
    client.force_login(person)
    response = client.get(BOARD + query)
    assert response.status_code == 200
    return html_text.unescape(response.content.decode())


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_a_visitor_is_asked_to_log_in(client: Client, coralie: User) -> None:
    response = client.get(BOARD)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_coralie_sees_every_group_her_organisation_accompanies_or_was_asked_to(
    client: Client,
    coralie: User,
    cast: Cast,
    organisation: Organisation,
    project: Callable[..., Initiative],
    make_group: Callable[..., SupportGroup],
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    project("Aidants Rezé", stage="interview")
    project("Parents Saint-Nazaire", stage="charter", accompaniment="accepted")
    project("Projet retiré", accompaniment="none")
    make_group("Groupe sans organisation")

    html = board_of(client, coralie)

    assert "Deuil Nantes" in html and "Aidants Rezé" in html and "Parents Saint-Nazaire" in html
    assert "Projet retiré" not in html and "Groupe sans organisation" not in html
    assert "Entretien de motivation</a> : 1" in html
    assert "Rédaction de la charte</a> : 1" in html
    # A group of the organisation without a project counts as autonomous.
    assert "Groupe autonome</a> : 1" in html
    assert "no-store" in client.get(BOARD)["Cache-Control"]


def test_a_declined_request_stays_visible_to_the_asked_organisation(
    client: Client, coralie: User, project: Callable[..., Initiative]
) -> None:
    project("Aidants Rezé", accompaniment="declined")

    html = board_of(client, coralie)

    assert "Aidants Rezé" in html and "Demande non retenue" in html


@pytest.mark.parametrize("who", ["olivia", "oscar", "alice", "bob", "chloe", "dan"])
def test_nobody_but_the_organisation_s_coordinators_reaches_the_board(
    client: Client,
    coralie: User,
    olivia: User,
    oscar: User,
    cast: Cast,
    organisation: Organisation,
    who: str,
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    people = {"olivia": olivia, "oscar": oscar, "alice": cast.alice, "bob": cast.bob}
    people |= {"chloe": cast.chloe, "dan": cast.dan}
    client.force_login(people[who])

    assert client.get(BOARD).status_code == 404
    assert client.get("/organisations/nexiste-pas/accompagnement/").status_code == 404


def test_a_new_request_needs_attention(
    client: Client, coralie: User, project: Callable[..., Initiative]
) -> None:
    project("Aidants Rezé")
    project("Parents Saint-Nazaire", accompaniment="accepted")

    html = board_of(client, coralie, "?attention=on")

    assert "Nouvelle demande d'accompagnement" in html
    assert "Aidants Rezé" in html and "Parents Saint-Nazaire" not in html


def test_recruitment_stalls_after_thirty_days_without_anyone_new(
    client: Client, coralie: User, cast: Cast, project: Callable[..., Initiative]
) -> None:
    stalled = project("Aidants Rezé", stage="recruitment", accompaniment="accepted")
    lively = project("Parents Saint-Nazaire", stage="recruitment", accompaniment="accepted")
    young = project("Proches Nantes", stage="recruitment", accompaniment="accepted")
    Initiative.objects.filter(pk__in=[stalled.pk, lively.pk]).update(
        created_at=days_ago(60), stage_changed_at=days_ago(45)
    )
    Initiative.objects.filter(pk=young.pk).update(
        created_at=days_ago(29), stage_changed_at=days_ago(29)
    )
    old = Interest.objects.create(initiative=stalled, user=cast.bob)
    recent = Interest.objects.create(initiative=lively, user=cast.bob)
    Interest.objects.filter(pk=old.pk).update(created_at=days_ago(31))
    Interest.objects.filter(pk=recent.pk).update(created_at=days_ago(5))

    html = board_of(client, coralie, "?attention=on")

    assert "Recrutement à l'arrêt : personne de nouveau depuis 30 jours" in html
    assert "Aidants Rezé" in html
    assert "Parents Saint-Nazaire" not in html and "Proches Nantes" not in html


def test_a_project_nobody_runs_any_more_needs_attention(
    client: Client, coralie: User, project: Callable[..., Initiative]
) -> None:
    orphaned = project("Aidants Rezé", stage="recruitment", accompaniment="accepted")
    project("Parents Saint-Nazaire", stage="recruitment", accompaniment="accepted")
    done = project("Proches Nantes", stage="autonomous", accompaniment="accepted")
    # Alice deleted her account in the first; the last is autonomous and needs no initiator.
    orphaned.group.memberships.all().delete()
    orphaned.initiator = None
    orphaned.save()
    done.group.memberships.all().delete()

    html = board_of(client, coralie, "?attention=on")

    assert "Personne n'anime ce projet pour le moment" in html
    assert "Aidants Rezé" in html
    assert "Parents Saint-Nazaire" not in html and "Proches Nantes" not in html


def test_a_founding_session_without_a_date_needs_attention(
    client: Client, coralie: User, project: Callable[..., Initiative]
) -> None:
    undated = project("Aidants Rezé", stage="founding", accompaniment="accepted")
    dated = project("Parents Saint-Nazaire", stage="founding", accompaniment="accepted")
    cancelled = project("Proches Nantes", stage="founding", accompaniment="accepted")
    for kind in ("information", "first", "second"):
        give_date(FoundingSession.objects.create(initiative=dated, kind=kind), timezone.now())
        waiting = FoundingSession.objects.create(initiative=undated, kind=kind)
        if kind != "second":
            give_date(waiting, timezone.now())
        meeting = give_date(
            FoundingSession.objects.create(initiative=cancelled, kind=kind), timezone.now()
        )
        if kind == "first":
            meeting.status = Meeting.Status.CANCELLED
            meeting.save()

    html = board_of(client, coralie, "?attention=on")

    assert "Une première rencontre n'a pas de date" in html
    assert "Aidants Rezé" in html and "Proches Nantes" in html
    assert "Parents Saint-Nazaire" not in html


def test_a_review_due_within_two_weeks_or_overdue_needs_attention(
    client: Client, coralie: User, project: Callable[..., Initiative]
) -> None:
    today = timezone.localdate()
    due = project("Aidants Rezé", stage="autonomous", accompaniment="accepted").group
    overdue = project("Parents Saint-Nazaire", stage="autonomous", accompaniment="accepted").group
    later = project("Proches Nantes", stage="autonomous", accompaniment="accepted").group
    done = project("Deuil Rezé", stage="autonomous", accompaniment="accepted").group
    Review.objects.create(group=due, due_on=today + dt.timedelta(days=10))
    Review.objects.create(group=overdue, due_on=today - dt.timedelta(days=3), status="open")
    Review.objects.create(group=later, due_on=today + dt.timedelta(days=60))
    Review.objects.create(group=done, due_on=today - dt.timedelta(days=30), status="done")

    html = board_of(client, coralie, "?attention=on")

    assert "Bilan à faire : prévu le" in html and "Bilan en retard : prévu le" in html
    assert "Aidants Rezé" in html and "Parents Saint-Nazaire" in html
    assert "Proches Nantes" not in html and "Deuil Rezé" not in html


def test_an_open_support_request_needs_attention(
    client: Client, coralie: User, project: Callable[..., Initiative]
) -> None:
    waiting = project("Aidants Rezé", stage="autonomous", accompaniment="accepted").group
    answered = project("Parents Saint-Nazaire", stage="autonomous", accompaniment="accepted")
    SupportRequest.objects.create(group=waiting, kind="room", message="Une salle le mardi")
    SupportRequest.objects.create(group=waiting, kind="materials", message="Des marqueurs")
    SupportRequest.objects.create(
        group=answered.group, kind="question", message="?", status="answered"
    )

    html = board_of(client, coralie, "?attention=on")

    assert "2 demandes de soutien en attente" in html
    assert "Aidants Rezé" in html and "Parents Saint-Nazaire" not in html


def test_coralie_filters_by_stage_and_by_name(
    client: Client, coralie: User, project: Callable[..., Initiative]
) -> None:
    project("Aidants Rezé", stage="recruitment", accompaniment="accepted")
    project("Aidants Nantes", stage="charter", accompaniment="accepted")
    project("Parents Saint-Nazaire", stage="recruitment", accompaniment="accepted")

    by_stage = board_of(client, coralie, "?stage=recruitment")
    by_name = board_of(client, coralie, "?q=aidants")
    both = board_of(client, coralie, "?stage=recruitment&q=aidants")

    assert "Aidants Rezé" in by_stage and "Parents Saint-Nazaire" in by_stage
    assert "Aidants Nantes</a>" not in by_stage
    assert "Aidants Rezé" in by_name and "Aidants Nantes" in by_name
    assert "Parents Saint-Nazaire</a>" not in by_name
    assert "Aidants Rezé" in both and "Aidants Nantes</a>" not in both
    # The counts per stage stay those of every group.
    assert "Rédaction de la charte</a> : 1" in both


def test_a_wrong_filter_is_explained_and_shows_every_group(
    client: Client, coralie: User, project: Callable[..., Initiative]
) -> None:
    project("Aidants Rezé")

    html = board_of(client, coralie, "?stage=nimporte&q=" + "x" * 200)

    assert "Merci de corriger ce qui est indiqué ci-dessous." in html
    assert "trop long" in html
    assert "Aidants Rezé" in html


def test_a_board_of_forty_groups_costs_a_few_queries(
    client: Client,
    coralie: User,
    cast: Cast,
    project: Callable[..., Initiative],
    django_assert_max_num_queries: Any,
) -> None:
    today = timezone.localdate()
    stages = ["interview", "recruitment", "founding", "charter", "autonomous"]
    for number in range(40):
        initiative = project(f"Groupe {number}", stage=stages[number % 5])
        Interest.objects.create(initiative=initiative, user=cast.bob)
        FoundingSession.objects.create(initiative=initiative, kind="information")
        Review.objects.create(group=initiative.group, due_on=today)
        SupportRequest.objects.create(group=initiative.group, kind="room", message="Une salle")
    client.force_login(coralie)

    # One of them counts the themes waiting for an answer, whatever the number of groups; two
    # ask which groups share their health, for their alerts and for the links to their health
    # page (entraide/health/tests/test_alerts.py shows that these cost the same few queries for
    # one group or for many).
    with django_assert_max_num_queries(15):
        response = client.get(BOARD)

    html = html_text.unescape(response.content.decode())
    assert html.count("Nouvelle demande d'accompagnement") == 40
    assert html.count("1 demande de soutien en attente") == 40
