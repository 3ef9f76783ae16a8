"""The demo projects that `make run` loads: a coordinator with a request, a project recruiting."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from entraide.demo.data import Stories
from entraide.founding.actions import people_count
from entraide.founding.models import Initiative

pytestmark = pytest.mark.django_db

COORDINATOR = "coralie@demo.entraide.localhost"
JEAN = "jean@demo.entraide.localhost"


@override_settings(DEBUG=True)
def test_the_demo_has_a_project_recruiting_and_a_request_waiting_once() -> None:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=io.StringIO())

    stages = sorted(Initiative.objects.values_list("stage", "accompaniment"))
    assert stages == [("interview", "requested"), ("recruitment", "accepted")]
    recruiting = Initiative.objects.get(stage="recruitment")
    assert recruiting.group.is_published and recruiting.group.status == "founding"
    assert people_count(recruiting) == 4
    assert COORDINATOR in out.getvalue() and JEAN in out.getvalue()


@override_settings(DEBUG=True, MFA_TOTP_INSECURE_BYPASS_CODE="000000")
def test_the_demo_coordinator_logs_in_with_the_demo_code_and_sees_the_request(
    stories: Stories,
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    client = Client()

    response = client.post("/compte/login/", {"login": COORDINATOR, "password": stories.password})
    assert response.status_code == 302
    client.post("/compte/2fa/authenticate/", {"code": "000000"})
    board = client.get("/organisations/centre-entraide-nantes/accompagnement/")

    assert board.status_code == 200
    assert "Pères séparés" in board.content.decode()


@override_settings(DEBUG=True, MFA_TOTP_INSECURE_BYPASS_CODE="000000")
def test_the_demo_organisation_admin_manages_the_team_and_its_public_page(
    stories: Stories,
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    client.post(
        "/compte/login/", {"login": "odile@demo.entraide.localhost", "password": stories.password}
    )
    client.post("/compte/2fa/authenticate/", {"code": "000000"})

    team = client.get("/organisations/centre-entraide-nantes/equipe/")
    public = Client().get("/organisations/centre-entraide-nantes/").content.decode()

    assert team.status_code == 200
    assert "coralie@demo.entraide.localhost" in team.content.decode()
    assert "bonjour@entraide-nantes.example" in public
    assert "Une salle pour douze personnes" in public
