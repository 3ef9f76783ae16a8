"""Team invitations in the admin (read-only, never the token), and old ones deleted."""

import datetime as dt
from io import StringIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from entraide.accounts.models import User
from entraide.organisations import actions
from entraide.organisations.models import Organisation, TeamInvitation
from entraide.pages.management.commands.periodic_jobs import JOBS

pytestmark = pytest.mark.django_db

ADMIN_LIST = "/admin/organisations/teaminvitation/"


def invitation(
    organisation: Organisation,
    email: str,
    *,
    expires_in: dt.timedelta,
    accepted_ago: dt.timedelta | None = None,
) -> TeamInvitation:
    now = timezone.now()
    return TeamInvitation.objects.create(
        organisation=organisation,
        email=email,
        role="coordinator",
        token=f"token-of-{email}",
        expires_at=now + expires_in,
        accepted_at=now - accepted_ago if accepted_ago is not None else None,
    )


@pytest.fixture
def invitations(organisation: Organisation) -> dict[str, TeamInvitation]:
    day = dt.timedelta(days=1)
    return {
        "pending": invitation(organisation, "pending@example.org", expires_in=10 * day),
        "expired lately": invitation(organisation, "lately@example.org", expires_in=-29 * day),
        "expired long ago": invitation(organisation, "old@example.org", expires_in=-31 * day),
        "accepted lately": invitation(
            organisation, "welcome@example.org", expires_in=-20 * day, accepted_ago=29 * day
        ),
        "accepted long ago": invitation(
            organisation, "settled@example.org", expires_in=-20 * day, accepted_ago=31 * day
        ),
    }


def test_invitations_used_or_expired_a_month_ago_are_deleted(
    invitations: dict[str, TeamInvitation],
) -> None:
    assert actions.purge_invitations() == 2

    left = set(TeamInvitation.objects.values_list("email", flat=True))
    assert left == {"pending@example.org", "lately@example.org", "welcome@example.org"}
    # Safe to repeat.
    assert actions.purge_invitations() == 0


def test_the_daily_job_deletes_them(invitations: dict[str, TeamInvitation]) -> None:
    assert any(
        job.command == "purge_invitations" and job.every == dt.timedelta(days=1) for job in JOBS
    )
    out = StringIO()

    call_command("purge_invitations", stdout=out)

    assert "2 invitation(s) deleted." in out.getvalue()
    assert not TeamInvitation.objects.filter(email="old@example.org").exists()


def test_periodic_jobs_run_it_with_the_others(invitations: dict[str, TeamInvitation]) -> None:
    call_command("periodic_jobs", "--once", stdout=StringIO())

    assert TeamInvitation.objects.count() == 3


@pytest.fixture
def staff_client(client: Client) -> Client:
    admin = User.objects.create_superuser("sam@example.org", "x", display_name="Sam")
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    return client


def test_the_admin_lists_invitations_without_their_token(
    staff_client: Client, invitations: dict[str, TeamInvitation]
) -> None:
    listed = staff_client.get(ADMIN_LIST)
    assert listed.status_code == 200
    html = listed.content.decode()
    for sent in invitations.values():
        assert sent.email in html
        assert sent.token not in html
    assert "en attente" in html and "expirée" in html and "acceptée" in html

    pending = invitations["pending"]
    detail = staff_client.get(f"{ADMIN_LIST}{pending.pk}/change/")
    assert detail.status_code == 200
    assert pending.email in detail.content.decode()
    assert pending.token not in detail.content.decode()


def test_the_admin_cannot_add_change_or_delete_an_invitation(
    staff_client: Client, invitations: dict[str, TeamInvitation]
) -> None:
    pending = invitations["pending"]

    assert staff_client.get(f"{ADMIN_LIST}add/").status_code == 403
    assert staff_client.get(f"{ADMIN_LIST}{pending.pk}/delete/").status_code == 403
    staff_client.post(f"{ADMIN_LIST}{pending.pk}/change/", {"email": "thief@example.org"})

    pending.refresh_from_db()
    assert pending.email == "pending@example.org"


def test_people_without_staff_rights_do_not_reach_it(
    client: Client, oscar: User, invitations: dict[str, TeamInvitation]
) -> None:
    client.force_login(oscar)

    response = client.get(ADMIN_LIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
