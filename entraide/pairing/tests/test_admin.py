"""The site's staff read the programmes in the admin, never what a person wrote of their life,
the interview notes, the decision's message nor a debrief's word."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.organisations.models import Organisation
from entraide.pairing.models import Debrief, PeerApplication, PeerRequest, Programme

pytestmark = pytest.mark.django_db

SECRETS = (
    "Mon père est mort",
    "Aider les autres",
    "Semble fragile",
    "Bienvenue parmi nous",
    "Un appel dur",
    "Retrouver le sommeil",
)


@pytest.fixture
def staff_client(client: Client) -> Client:
    admin = User.objects.create_superuser("stan@example.org", "x", display_name="Stan")
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def test_the_admin_shows_applications_and_requests_without_their_words(
    staff_client: Client, organisation: Organisation, cast: Cast
) -> None:
    programme = Programme.objects.create(
        organisation=organisation, kind="pairing", name="Jumelage", description="D."
    )
    application = PeerApplication.objects.create(
        programme=programme,
        user=cast.bob,
        experience=SECRETS[0],
        motivation=SECRETS[1],
        interview_notes=SECRETS[2],
        decision_message=SECRETS[3],
        status="accepted",
    )
    debrief = Debrief.objects.create(application=application, word=SECRETS[4])
    peer_request = PeerRequest.objects.create(
        programme=programme,
        user=cast.chloe,
        hopes=SECRETS[5],
        mode="phone",
        intake_answers=[{"question": "Q ?", "answer": SECRETS[5]}],
        consent_at=timezone.now(),
    )

    pages = [
        "/admin/pairing/programme/",
        f"/admin/pairing/programme/{programme.pk}/change/",
        "/admin/pairing/peerapplication/",
        f"/admin/pairing/peerapplication/{application.pk}/change/",
        "/admin/pairing/debrief/",
        f"/admin/pairing/debrief/{debrief.pk}/change/",
        "/admin/pairing/peerrequest/",
        f"/admin/pairing/peerrequest/{peer_request.pk}/change/",
    ]
    for path in pages:
        response = staff_client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert not [secret for secret in SECRETS if secret in text], path
    assert "Bob" in staff_client.get("/admin/pairing/peerapplication/").content.decode()
    assert staff_client.get("/admin/pairing/programme/add/").status_code == 403
