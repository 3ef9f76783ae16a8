"""The person who raised a concern follows it on "Mes signalements" and may withdraw it while
it is open; the handlers are told, and the journal does not say who withdrew it."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.safeguarding import actions
from entraide.safeguarding.models import Concern
from entraide.safeguarding.tests.conftest import BOARD, MINE, raise_as, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern(client: Client, accompanied: Cast, sabine: User) -> Concern:
    raise_as(client, accompanied.bob, kind="crisis", description="Jeanne ne va pas bien.")
    mail.outbox.clear()
    return Concern.objects.get()


def test_bob_withdraws_his_concern_and_the_lead_is_told_without_his_name(
    client: Client,
    concern: Concern,
    accompanied: Cast,
    sabine: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    url = f"{MINE}{concern.pk}/retirer/"
    confirm = text_of(client.get(url))
    assert "Vous avez signalé une personne en crise dans le groupe « Deuil Nantes »" in confirm

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302 and response["Location"] == MINE
    concern.refresh_from_db()
    assert concern.status == "withdrawn" and concern.withdrawn_at is not None
    step = concern.steps.get()
    assert (step.kind, step.author) == ("withdrawn", None)
    event = AuditEvent.objects.get(action=AuditEvent.Action.CONCERN_WITHDRAWN)
    assert event.actor is None and event.subject is None and event.group == accompanied.group
    assert [m.to for m in mail.outbox] == [["sabine@example.org"]]
    assert "Bob" not in mail.outbox[0].body and "Jeanne" not in mail.outbox[0].body
    assert "/organisations/centre-nantes/vigilance/" in mail.outbox[0].body
    page = text_of(client.get(MINE))
    assert "Retirée" in page
    assert "Retirer ce signalement" not in page


def test_the_lead_sees_it_withdrawn_and_can_do_nothing_more(
    client: Client, concern: Concern, accompanied: Cast, sabine: User
) -> None:
    actions.withdraw(concern)
    client.force_login(sabine)

    page = text_of(client.get(f"{BOARD}{concern.pk}/"))
    client.post(f"{BOARD}{concern.pk}/prendre-en-compte/", {})

    assert "La personne a retiré ce signalement." in page
    assert "Retirée par la personne" in page
    concern.refresh_from_db()
    assert concern.status == "withdrawn"


def test_a_closed_concern_cannot_be_withdrawn(
    client: Client, concern: Concern, accompanied: Cast, sabine: User
) -> None:
    actions.acknowledge(concern, by=sabine)
    actions.close(concern, by=sabine, note="Appel fait.")

    response = client.post(f"{MINE}{concern.pk}/retirer/", follow=True)

    assert "Ce signalement est déjà clos ou retiré." in text_of(response)
    concern.refresh_from_db()
    assert concern.status == "closed"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CONCERN_WITHDRAWN).exists()


def test_an_acknowledged_concern_may_still_be_withdrawn(
    client: Client, concern: Concern, sabine: User
) -> None:
    actions.acknowledge(concern, by=sabine)

    client.post(f"{MINE}{concern.pk}/retirer/")

    concern.refresh_from_db()
    assert concern.status == "withdrawn"


def test_after_leaving_the_group_bob_still_follows_his_concern(
    client: Client, concern: Concern, accompanied: Cast
) -> None:
    from entraide.membership.actions import leave
    from entraide.membership.models import Membership

    leave(Membership.objects.get(user=accompanied.bob, group=accompanied.group))

    page = text_of(client.get(MINE))

    assert "Une personne en crise · Deuil Nantes" in page
    assert client.get(f"/mes-groupes/{accompanied.group.slug}/signaler/").status_code == 404


def test_someone_who_raised_nothing_is_told_where_the_link_is(
    client: Client, accompanied: Cast
) -> None:
    client.force_login(accompanied.dan)

    page = text_of(client.get(MINE))

    assert "Vous n'avez rien signalé." in page
