"""The stage machine through the overview's buttons: one stage at a time, nothing skipped,
never back without a reason, never past the charter by hand."""

import datetime as dt

import pytest
from django.test import Client

from conftest import Cast
from entraide.audit.models import AuditEvent
from entraide.founding.models import FoundingSession, Initiative, StageChange
from entraide.founding.tests.test_initiator_support import (
    date_the_sessions,
    interested,
    make_person,
    make_project,
)
from entraide.meetings.models import Meeting

pytestmark = pytest.mark.django_db

Stage = Initiative.Stage


def stage_url(initiative: Initiative) -> str:
    return f"/creer-un-groupe/{initiative.group.slug}/etape/"


def advance(client: Client, initiative: Initiative) -> str:
    """Press "Passer à l'étape suivante" and return the overview shown after."""
    response = client.post(stage_url(initiative), {"direction": "advance"}, follow=True)
    initiative.refresh_from_db()
    return response.content.decode()


def test_an_incomplete_interview_keeps_the_project_at_the_first_stage(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, motivation="")
    client.force_login(cast.alice)

    page = advance(client, initiative)

    assert initiative.stage == Stage.INTERVIEW
    assert "Répondez d&#x27;abord aux trois premières questions" in page
    assert not StageChange.objects.exists()


def test_moving_to_recruitment_publishes_the_group_as_being_founded(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast)
    client.force_login(cast.alice)

    page = advance(client, initiative)

    assert initiative.stage == Stage.RECRUITMENT
    assert "Étape 2 sur 5" in page
    assert initiative.group.is_published and initiative.group.status == "founding"
    client.logout()
    public = client.get(initiative.group.get_absolute_url()).content.decode()
    assert "Groupe en création" in public
    assert "Ça m'intéresse" in public


def test_recruitment_waits_for_the_quorum(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT, quorum=4)
    client.force_login(cast.alice)

    page = advance(client, initiative)
    stuck = initiative.stage
    interested(initiative, make_person("Emma"), make_person("Farid"))  # with Alice and Bob: 4
    advance(client, initiative)

    assert stuck == Stage.RECRUITMENT
    assert "Il faut 4 personnes pour démarrer ; vous êtes 2 pour l&#x27;instant." in page
    assert initiative.stage == Stage.FOUNDING


def test_entering_the_founding_stage_prepares_three_sessions_with_their_agendas(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT, quorum=3)
    interested(initiative, make_person("Emma"))
    client.force_login(cast.alice)

    advance(client, initiative)

    sessions = list(initiative.sessions.order_by("pk"))
    assert [s.kind for s in sessions] == FoundingSession.Kind.values
    assert all(s.meeting is None for s in sessions)
    forms = [
        client.get(f"/creer-un-groupe/{initiative.group.slug}/rencontres/{kind}/").content.decode()
        for kind in FoundingSession.Kind.values
    ]
    assert "comment fonctionne un groupe autogéré" in forms[0]
    assert "co-animation" in forms[1]
    assert "règles de communication" in forms[2]


def test_the_charter_waits_for_the_three_sessions_to_be_held(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    client.force_login(cast.alice)

    undated = advance(client, initiative)
    date_the_sessions(initiative)
    coming = advance(client, initiative)
    stage_while_coming = initiative.stage
    for session in initiative.sessions.select_related("meeting"):
        assert session.meeting is not None
        session.meeting.starts_at -= dt.timedelta(days=60)
        session.meeting.ends_at -= dt.timedelta(days=60)
        session.meeting.save()
    advance(client, initiative)

    assert "Donnez une date aux trois premières rencontres" in undated
    assert stage_while_coming == Stage.FOUNDING
    assert "une fois les trois rencontres tenues" in coming
    assert "Séance d&#x27;information" in coming
    assert initiative.stage == Stage.CHARTER
    assert initiative.group.charters.count() == 1


def test_a_cancelled_session_holds_the_charter_back_until_it_has_a_new_date(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    date_the_sessions(initiative, held=True)
    second = initiative.sessions.get(kind="second").meeting
    assert second is not None
    second.status = Meeting.Status.CANCELLED
    second.save()
    client.force_login(cast.alice)

    page = advance(client, initiative)

    assert initiative.stage == Stage.FOUNDING
    assert "Une rencontre annulée attend une nouvelle date : Deuxième séance" in page


def test_nobody_moves_past_the_charter_by_hand(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.CHARTER)
    client.force_login(cast.alice)

    before = client.get(f"/creer-un-groupe/{initiative.group.slug}/").content.decode()
    page = advance(client, initiative)

    assert "Passer à l'étape suivante" not in before
    assert initiative.stage == Stage.CHARTER
    assert "Le groupe devient autonome quand sa charte est adoptée" in page


def test_going_back_needs_a_reason(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    client.force_login(cast.alice)

    page = client.post(
        stage_url(initiative), {"direction": "back", "reason": "  "}
    ).content.decode()

    initiative.refresh_from_db()
    assert initiative.stage == Stage.RECRUITMENT
    assert "Dites en quelques mots pourquoi vous revenez en arrière." in page


def test_the_first_stage_has_nothing_to_go_back_to(client: Client, cast: Cast) -> None:
    initiative = make_project(cast)
    client.force_login(cast.alice)

    response = client.post(
        stage_url(initiative), {"direction": "back", "reason": "Je me suis trompée."}, follow=True
    )

    initiative.refresh_from_db()
    assert response.redirect_chain[-1][0] == f"/creer-un-groupe/{initiative.group.slug}/"
    assert "Il n&#x27;y a pas d&#x27;étape précédente où revenir." in response.content.decode()
    assert initiative.stage == Stage.INTERVIEW
    assert not StageChange.objects.exists()


def test_going_back_is_recorded_with_its_reason_and_hides_the_group_again(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    client.force_login(cast.alice)

    client.post(stage_url(initiative), {"direction": "back", "reason": "Nous changeons de ville."})

    initiative.refresh_from_db()
    change = StageChange.objects.get()
    assert initiative.stage == Stage.INTERVIEW
    assert (change.from_stage, change.to_stage, change.by) == (
        "recruitment",
        "interview",
        cast.alice,
    )
    assert change.reason == "Nous changeons de ville."
    assert not initiative.group.is_published
    assert AuditEvent.objects.filter(action=AuditEvent.Action.STAGE_CHANGED).count() == 1
    page = client.get(f"/creer-un-groupe/{initiative.group.slug}/").content.decode()
    assert "Nous changeons de ville." in page


@pytest.mark.parametrize(("who", "status"), [("bob", 404), ("chloe", 404), ("dan", 404)])
def test_only_facilitators_change_the_stage(
    client: Client, cast: Cast, who: str, status: int
) -> None:
    initiative = make_project(cast)
    client.force_login(getattr(cast, who))

    response = client.post(stage_url(initiative), {"direction": "advance"})

    initiative.refresh_from_db()
    assert response.status_code == status
    assert initiative.stage == Stage.INTERVIEW


def test_a_visitor_is_asked_to_log_in_before_changing_the_stage(client: Client, cast: Cast) -> None:
    initiative = make_project(cast)

    response = client.post(stage_url(initiative), {"direction": "advance"})

    assert response["Location"].startswith("/compte/login/")


def test_the_stage_page_only_answers_posts(client: Client, cast: Cast) -> None:
    initiative = make_project(cast)
    client.force_login(cast.alice)

    assert client.get(stage_url(initiative)).status_code == 405
