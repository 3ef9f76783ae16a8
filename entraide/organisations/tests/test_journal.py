"""The journal of sensitive actions: written by the actions, read by organisation admins only."""

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.organisations.models import Organisation, OrganisationRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def accompanied(cast: Cast, organisation: Organisation) -> Cast:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    return cast


def admin_of(organisation: Organisation, email: str = "oscar@example.org") -> User:
    oscar = User.objects.create_user(email, "x", display_name="Oscar")
    OrganisationRole.objects.create(user=oscar, organisation=organisation, role="admin")
    TOTP.activate(oscar, generate_totp_secret())
    return oscar


def test_joining_deciding_and_leaving_are_written_without_any_message(
    client: Client, accompanied: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast = accompanied
    client.force_login(cast.dan)
    client.post(f"/groupes/{cast.group.slug}/rejoindre/", {"message": "Mon histoire à moi"})
    request = cast.dan.memberships.get()
    client.force_login(cast.alice)
    client.post(f"/mes-groupes/{cast.group.slug}/demandes/{request.pk}/", {"decision": "member"})
    client.force_login(cast.bob)
    client.post(f"/mes-groupes/{cast.group.slug}/quitter/")

    events = list(AuditEvent.objects.order_by("pk").values_list("action", "actor", "subject"))
    assert events == [
        ("join.requested", cast.dan.pk, cast.dan.pk),
        ("join.accepted", cast.alice.pk, cast.dan.pk),
        ("group.left", cast.bob.pk, cast.bob.pk),
    ]
    assert not AuditEvent.objects.filter(detail__icontains="histoire").exists()
    assert set(AuditEvent.objects.values_list("organisation__slug", flat=True)) == {"centre-nantes"}


def test_an_organisation_admin_reads_the_journal_of_their_groups(
    client: Client, accompanied: Cast, organisation: Organisation
) -> None:
    client.force_login(accompanied.bob)
    client.post(f"/mes-groupes/{accompanied.group.slug}/quitter/")
    client.force_login(admin_of(organisation))

    response = client.get("/organisations/centre-nantes/journal/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Personne partie d&#x27;un groupe" in html or "Personne partie d'un groupe" in html
    assert "Bob" in html
    assert "no-store" in response["Cache-Control"]


def test_nobody_else_reads_the_journal(
    client: Client, accompanied: Cast, organisation: Organisation
) -> None:
    elsewhere = Organisation.objects.create(name="Centre de Lyon", slug="centre-lyon")
    coordinator = User.objects.create_user("coralie@example.org", "x", display_name="Coralie")
    OrganisationRole.objects.create(user=coordinator, organisation=organisation, role="coordinator")
    TOTP.activate(coordinator, generate_totp_secret())

    for person in (accompanied.alice, accompanied.dan, coordinator, admin_of(elsewhere)):
        client.force_login(person)
        assert client.get("/organisations/centre-nantes/journal/").status_code == 404


def test_downloading_one_s_data_is_written_down(client: Client, accompanied: Cast) -> None:
    client.force_login(accompanied.bob)

    client.post("/compte/donnees/")

    assert AuditEvent.objects.filter(action="data.exported", actor=accompanied.bob).exists()


def test_a_deleted_account_leaves_a_line_that_names_nobody(
    client: Client, accompanied: Cast
) -> None:
    client.force_login(accompanied.bob)
    client.post(f"/mes-groupes/{accompanied.group.slug}/quitter/")

    client.post("/compte/supprimer/", {"password": "une phrase de passe tranquille"})

    left = AuditEvent.objects.get(action="group.left")
    assert (left.actor, left.subject, left.group) == (None, None, accompanied.group)
    assert AuditEvent.objects.filter(action="account.deleted", actor=None).exists()


def test_giving_a_role_in_the_admin_is_written_down(
    client: Client, organisation: Organisation
) -> None:
    staff = User.objects.create_superuser("stan@example.org", "x", display_name="Stan")
    TOTP.activate(staff, generate_totp_secret())
    coralie = User.objects.create_user("coralie@example.org", "x", display_name="Coralie")
    client.force_login(staff)

    client.post(
        "/admin/organisations/organisationrole/add/",
        {"user": coralie.pk, "organisation": organisation.pk, "role": "coordinator"},
    )

    event = AuditEvent.objects.get(action="role.changed")
    assert (event.actor, event.subject, event.organisation) == (staff, coralie, organisation)
    assert event.detail == "coordinator given"


def test_the_journal_says_its_details_in_words_and_its_dates_in_full(
    client: Client, accompanied: Cast, organisation: Organisation
) -> None:
    for detail in ("facilitator", "interview>recruitment", "v2", "7/12"):
        AuditEvent.objects.create(
            action=AuditEvent.Action.JOIN_ACCEPTED,
            organisation=organisation,
            group=accompanied.group,
            detail=detail,
        )
    client.force_login(admin_of(organisation))

    html = client.get("/organisations/centre-nantes/journal/").content.decode()

    assert "(animation)" in html and "(facilitator)" not in html
    assert "(entretien de motivation → recherche de membres)" in html
    assert "(version 2)" in html and "(7/12)" in html
    month = date_format(timezone.localtime(), "F")
    assert f" {month} " in html and month == month.lower()
