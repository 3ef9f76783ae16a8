"""A request to accompany a project that nobody reads does not vanish: the site team sees it."""

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accompaniment.models import SupportRequest
from entraide.accounts.models import User
from entraide.founding.models import Initiative
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def requested(cast: Cast, organisation: Organisation, days_ago: int) -> Initiative:
    return Initiative.objects.create(
        group=cast.group,
        initiator=cast.alice,
        organisation=organisation,
        accompaniment=Initiative.Accompaniment.REQUESTED,
        accompaniment_requested_at=timezone.now() - dt.timedelta(days=days_ago),
        need="Parler.",
        members_profile="Des parents.",
        motivation="Ne plus être seule.",
    )


def test_opening_the_request_marks_it_read_for_the_coordinator_of_the_asked_organisation(
    client: Client, cast: Cast, organisation: Organisation, coralie: User, olivia: User
) -> None:
    initiative = requested(cast, organisation, days_ago=1)
    url = f"/organisations/centre-nantes/accompagnement/{cast.group.slug}/"
    client.force_login(olivia)
    assert client.get(url).status_code == 404
    initiative.refresh_from_db()
    unread_after_stranger = initiative.accompaniment_read_at

    client.force_login(coralie)
    client.get(url)

    initiative.refresh_from_db()
    assert unread_after_stranger is None
    assert initiative.accompaniment_read_at is not None


def test_the_site_team_lists_the_requests_nobody_read_for_a_week(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    old_unread = requested(cast, organisation, days_ago=8)
    admin = User.objects.create_superuser("sam@example.org", "x", display_name="Sam")
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)

    listed = client.get("/admin/founding/initiative/?attention=unread").content.decode()
    old_unread.accompaniment_read_at = timezone.now()
    old_unread.save()
    after_reading = client.get("/admin/founding/initiative/?attention=unread").content.decode()
    old_unread.accompaniment_read_at = None
    old_unread.accompaniment_requested_at = timezone.now() - dt.timedelta(days=3)
    old_unread.save()
    recent = client.get("/admin/founding/initiative/?attention=unread").content.decode()

    assert "Demande d&#x27;accompagnement non lue depuis 7 jours" in listed
    assert "Deuil Nantes" in listed
    assert "Deuil Nantes" not in after_reading
    assert "Deuil Nantes" not in recent
    assert "Parler." not in listed  # the interview stays with the coordinators


def test_the_site_team_lists_support_requests_nobody_answered_for_a_week(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    old = SupportRequest.objects.create(group=cast.group, kind="room", message="Une salle")
    SupportRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=9)
    )
    SupportRequest.objects.create(group=cast.group, kind="materials", message="Des marqueurs")
    admin = User.objects.create_superuser("sam@example.org", "x", display_name="Sam")
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)

    listed = client.get("/admin/accompaniment/supportrequest/?attention=waiting").content.decode()

    assert "Sans réponse depuis 7 jours" in listed
    assert '<td class="field-kind">une salle</td>' in listed
    assert '<td class="field-kind">du matériel' not in listed
