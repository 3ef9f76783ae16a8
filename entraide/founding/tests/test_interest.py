"""Ça m'intéresse: registering interest in a group being founded, and its public page."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.audit.models import AuditEvent
from entraide.founding.models import Initiative, Interest
from entraide.founding.tests.test_initiator_support import interested, make_person, make_project

pytestmark = pytest.mark.django_db

Stage = Initiative.Stage


def interest_url(initiative: Initiative) -> str:
    return f"/groupes/{initiative.group.slug}/ca-m-interesse/"


def test_the_public_page_of_a_group_being_founded_shows_its_progress(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    interested(initiative, make_person("Emma"), make_person("Fred"))

    page = client.get(initiative.group.get_absolute_url()).content.decode()

    assert "Groupe en création" in page
    assert "4 personnes sur les 6 nécessaires pour démarrer" in page
    assert '<progress max="6" value="4"' in page
    assert interest_url(initiative) in page
    assert "Demander à venir, d'abord pour écouter" not in page


def test_a_visitor_is_asked_to_log_in_before_saying_it_interests_them(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)

    response = client.get(interest_url(initiative))

    assert response["Location"].startswith("/compte/login/")


def test_dan_registers_and_the_facilitator_is_told_the_count(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    client.force_login(cast.dan)

    form = client.get(interest_url(initiative)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(interest_url(initiative), {"message": "Je suis à Rezé."})

    interest = Interest.objects.get(user=cast.dan)
    assert "Je m'inscris" in form
    assert response["Location"] == initiative.group.get_absolute_url()
    assert interest.message == "Je suis à Rezé."
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "3 personnes sur les 6 nécessaires pour démarrer" in mail.outbox[0].body
    assert "dan@example.org" not in mail.outbox[0].body
    page = client.get(initiative.group.get_absolute_url()).content.decode()
    assert "Vous êtes inscrit·e." in page


def test_registering_twice_updates_the_message_and_tells_nobody_again(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    interested(initiative, cast.dan)
    client.force_login(cast.dan)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(interest_url(initiative), {"message": "Plutôt le soir."})

    assert Interest.objects.get(user=cast.dan).message == "Plutôt le soir."
    assert mail.outbox == []


def test_dan_withdraws_his_interest(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    interested(initiative, cast.dan)
    client.force_login(cast.dan)

    page = client.get(interest_url(initiative)).content.decode()
    client.post(interest_url(initiative), {"withdraw": "1"})

    assert "Me désinscrire" in page
    assert not Interest.objects.exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.INTEREST_WITHDRAWN).count() == 1


@pytest.mark.parametrize("stage", [Stage.INTERVIEW, Stage.CHARTER, Stage.AUTONOMOUS])
def test_no_interest_form_when_the_group_is_not_recruiting(
    client: Client, cast: Cast, stage: str
) -> None:
    initiative = make_project(cast, stage=stage)
    client.force_login(cast.dan)

    assert client.get(interest_url(initiative)).status_code == 404
    assert client.post(interest_url(initiative), {"message": ""}).status_code == 404
    assert not Interest.objects.exists()


def test_an_ordinary_group_has_no_interest_form(client: Client, cast: Cast) -> None:
    client.force_login(cast.dan)

    assert client.get(f"/groupes/{cast.group.slug}/ca-m-interesse/").status_code == 404


def test_a_member_of_the_project_is_sent_to_its_overview(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    client.force_login(cast.bob)

    response = client.get(interest_url(initiative))

    assert response["Location"] == f"/creer-un-groupe/{initiative.group.slug}/"


def test_my_groups_lists_my_projects_even_unpublished_and_what_interests_me(
    client: Client, cast: Cast, make_group: Any
) -> None:
    initiative = make_project(cast)
    other = make_group("Aidants Rezé", status="founding")
    Interest.objects.create(
        initiative=Initiative.objects.create(group=other, stage=Stage.RECRUITMENT), user=cast.alice
    )
    client.force_login(cast.alice)

    page = client.get("/mes-groupes/").content.decode()

    assert "Mes projets de groupe" in page
    assert f"/creer-un-groupe/{initiative.group.slug}/" in page
    assert "Étape 1 sur 5 : Entretien de motivation" in page
    assert "pas encore visible dans l'annuaire" in page
    assert "Aidants Rezé" in page


def test_the_home_page_invites_to_create_a_group(client: Client) -> None:
    page = client.get("/").content.decode()

    assert 'href="/creer-un-groupe/"' in page
