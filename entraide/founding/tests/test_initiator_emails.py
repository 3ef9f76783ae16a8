"""The e-mails of the founding journey that the organisation's answers send to the initiator:
in the recipient's language, with the group's time, and never anyone else's contact."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import Cast
from entraide.founding import actions
from entraide.founding.models import Initiative
from entraide.founding.tests.test_initiator_support import make_person, make_project
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def accompanied(cast: Cast, organisation: Organisation) -> Initiative:
    return make_project(
        cast, organisation=organisation, accompaniment=Initiative.Accompaniment.REQUESTED
    )


def test_the_proposed_slot_reaches_the_initiator_at_the_group_time(
    cast: Cast, organisation: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = accompanied(cast, organisation)
    coralie = make_person("Coralie")

    with django_capture_on_commit_callbacks(execute=True):
        actions.propose_interview_slot(
            initiative,
            dt.datetime(2031, 1, 14, 9, 0, tzinfo=dt.UTC),
            "Au centre, salle 2",
            by=coralie,
        )

    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert "Centre d'entraide de Nantes vous propose un rendez-vous" in message.subject
    assert "mardi 14 janvier 2031 à 10:00" in message.body  # Paris, winter
    assert "Au centre, salle 2" in message.body
    assert "coralie@example.org" not in message.body


def test_acceptance_and_refusal_tell_the_initiator(
    cast: Cast, organisation: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = accompanied(cast, organisation)
    coralie = make_person("Coralie")

    with django_capture_on_commit_callbacks(execute=True):
        actions.accept_accompaniment(initiative, by=coralie)
    # A request is answered once: the refusal is told about a request asked again.
    Initiative.objects.filter(pk=initiative.pk).update(accompaniment="requested")
    with django_capture_on_commit_callbacks(execute=True):
        actions.decline_accompaniment(initiative, "Nous sommes complets ce trimestre.", by=coralie)

    accepted, declined = mail.outbox
    assert "accepte d'accompagner la création du groupe « Deuil Nantes »" in accepted.body
    assert f"/creer-un-groupe/{initiative.group.slug}/" in accepted.body
    assert "Nous sommes complets ce trimestre." in declined.body
    assert "créer le groupe sans organisation" in declined.body
    assert all("coralie@example.org" not in m.body for m in mail.outbox)


def test_at_the_charter_stage_the_overview_links_to_the_charter(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Initiative.Stage.CHARTER)
    client.force_login(cast.bob)

    page = client.get(f"/creer-un-groupe/{initiative.group.slug}/").content.decode()

    assert reverse("charters:charter", args=[initiative.group.slug]) in page
