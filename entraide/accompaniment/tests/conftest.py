"""The organisation's people around the cast: Coralie coordinates, Olivia coordinates elsewhere,
Oscar administers the organisation without coordinating. Each has the second factor that
organisation staff must have."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from conftest import PASSWORD
from entraide.accounts.models import User
from entraide.organisations.models import Organisation, OrganisationRole


def staff_person(email: str, name: str) -> User:
    """Someone with a role in an organisation, with the second factor they must have."""
    person = User.objects.create_user(email, PASSWORD, display_name=name)
    TOTP.activate(person, generate_totp_secret())
    return person


@pytest.fixture
def coralie(organisation: Organisation) -> User:
    person = staff_person("coralie@example.org", "Coralie")
    OrganisationRole.objects.create(user=person, organisation=organisation, role="coordinator")
    return person


@pytest.fixture
def elsewhere() -> Organisation:
    return Organisation.objects.create(name="Centre de Lyon", slug="centre-lyon")


@pytest.fixture
def olivia(elsewhere: Organisation) -> User:
    """A coordinator of another organisation."""
    person = staff_person("olivia@example.org", "Olivia")
    OrganisationRole.objects.create(user=person, organisation=elsewhere, role="coordinator")
    return person


@pytest.fixture
def oscar(organisation: Organisation) -> User:
    """An organisation admin who does not coordinate."""
    person = staff_person("oscar@example.org", "Oscar")
    OrganisationRole.objects.create(user=person, organisation=organisation, role="admin")
    return person
