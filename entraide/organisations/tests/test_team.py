"""An organisation's admins manage its team from the product: invitations by e-mail, a role
taken only by the invited address, the last admin kept, every change in the journal."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.organisations.models import Organisation, OrganisationRole, TeamInvitation

pytestmark = pytest.mark.django_db

TEAM = "/organisations/centre-nantes/equipe/"


def invite(client: Client, email: str = "carla@example.org", role: str = "coordinator") -> str:
    """Invite through the team page; the link of the e-mail sent."""
    response = client.post(TEAM, {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()
    link = re.search(r"https?://[^/\s]+(/equipe/invitation/\S+/)", str(mail.outbox[-1].body))
    assert link is not None
    return link.group(1)


def test_an_admin_invites_by_email_and_the_person_accepts_then_sets_up_a_second_factor(
    client: Client, oscar: User
) -> None:
    client.force_login(oscar)
    link = invite(client)
    assert mail.outbox[-1].to == ["carla@example.org"]
    assert "Centre d'entraide de Nantes" in mail.outbox[-1].subject
    carla = User.objects.create_user("carla@example.org", PASSWORD, display_name="Carla")

    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200
    assert "Créer un compte" in page.content.decode()
    visitor.force_login(carla)
    accepted = visitor.post(link)

    assert accepted.status_code == 302
    assert accepted["Location"] == "/compte/2fa/totp/activate/"
    assert OrganisationRole.objects.filter(user=carla, role="coordinator").exists()
    assert visitor.get("/compte/")["Location"] == "/compte/2fa/totp/activate/"
    events = list(
        AuditEvent.objects.order_by("pk").values_list("action", "actor", "subject", "detail")
    )
    assert events == [
        ("team.invited", oscar.pk, None, "coordinator"),
        ("team.joined", carla.pk, carla.pk, "coordinator"),
    ]


def test_another_account_cannot_take_the_role(client: Client, oscar: User) -> None:
    client.force_login(oscar)
    link = invite(client)
    mallory = User.objects.create_user("mallory@example.org", PASSWORD, display_name="Mallory")
    other = Client()
    other.force_login(mallory)

    page = other.get(link)
    other.post(link)

    assert "une autre adresse" in page.content.decode()
    assert not OrganisationRole.objects.filter(user=mallory).exists()
    assert TeamInvitation.objects.get().accepted_at is None


def test_a_used_expired_or_wrong_link_is_a_404(client: Client, oscar: User) -> None:
    client.force_login(oscar)
    link = invite(client)
    carla = User.objects.create_user("Carla@Example.org", PASSWORD, display_name="Carla")
    client.force_login(carla)
    client.post(link)

    assert Client().get(link).status_code == 404
    assert Client().post(link).status_code == 404
    assert Client().get("/equipe/invitation/not-a-token/").status_code == 404
    client.force_login(oscar)
    second = invite(client, "sam@example.org", "safeguarding_lead")
    TeamInvitation.objects.filter(email="sam@example.org").update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert Client().get(second).status_code == 404


def test_the_last_admin_cannot_be_removed_nor_leave(client: Client, oscar: User) -> None:
    mine = OrganisationRole.objects.get(user=oscar)
    client.force_login(oscar)

    response = client.post(f"{TEAM}roles/{mine.pk}/retirer/", follow=True)

    assert OrganisationRole.objects.filter(pk=mine.pk).exists()
    assert "au moins un·e administrateur·rice" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_an_admin_removes_a_role_and_a_coordinator_leaves_her_own(
    client: Client, oscar: User, coralie: User, organisation: Organisation
) -> None:
    second = OrganisationRole.objects.create(user=coralie, organisation=organisation, role="admin")
    coordinating = OrganisationRole.objects.get(user=coralie, role="coordinator")
    client.force_login(oscar)
    client.post(f"{TEAM}roles/{second.pk}/retirer/")
    client.force_login(coralie)

    response = client.post(f"{TEAM}roles/{coordinating.pk}/retirer/")

    assert response["Location"] == "/compte/"
    assert not OrganisationRole.objects.filter(user=coralie).exists()
    events = list(
        AuditEvent.objects.order_by("pk").values_list("action", "actor", "subject", "detail")
    )
    assert events == [
        ("team.removed", oscar.pk, coralie.pk, "admin"),
        ("team.left", coralie.pk, coralie.pk, "coordinator"),
    ]


def test_a_coordinator_cannot_remove_someone_else_s_role(
    client: Client, oscar: User, coralie: User
) -> None:
    admin = OrganisationRole.objects.get(user=oscar)
    client.force_login(coralie)

    assert client.post(f"{TEAM}roles/{admin.pk}/retirer/").status_code == 404
    assert client.get(TEAM).status_code == 404
    assert OrganisationRole.objects.filter(pk=admin.pk).exists()


def test_a_wrong_invitation_gets_a_message_not_an_error(client: Client, oscar: User) -> None:
    client.force_login(oscar)

    bad = client.post(TEAM, {"email": "pas une adresse", "role": "king"})
    again = client.post(TEAM, {"email": "oscar@example.org", "role": "admin"})

    assert bad.status_code == 200
    assert "Cette adresse e-mail n&#x27;est pas valide." in bad.content.decode()
    assert "Ce rôle n&#x27;existe pas." in bad.content.decode()
    assert "a déjà ce rôle" in again.content.decode()
    assert not TeamInvitation.objects.exists()


def test_withdrawing_an_invitation_ends_its_link(client: Client, oscar: User) -> None:
    client.force_login(oscar)
    link = invite(client)
    invitation = TeamInvitation.objects.get()

    client.post(f"{TEAM}invitations/{invitation.pk}/retirer/")

    assert Client().get(link).status_code == 404
    assert AuditEvent.objects.order_by("-pk").values_list("action", flat=True)[0] == (
        "team.withdrawn"
    )


def test_the_journal_names_the_roles_in_words(client: Client, oscar: User) -> None:
    client.force_login(oscar)
    invite(client, role="safeguarding_lead")

    page = client.get("/organisations/centre-nantes/journal/").content.decode()

    assert "Invitation dans l&#x27;équipe envoyée (référent·e protection)" in page


def test_the_account_page_links_the_admin_to_the_team(client: Client, oscar: User) -> None:
    client.force_login(oscar)

    page = client.get("/compte/").content.decode()

    assert f'href="{TEAM}"' in page
