"""The cast around a concern: the cast's group is accompanied by Coralie's organisation,
where Sabine is the safeguarding lead and Oscar an admin; Olivia coordinates elsewhere and
Stan is staff of the site."""

import html as html_text
from typing import Any

import pytest
from django.test import Client

from conftest import Cast, staff_person
from entraide.accounts.models import User
from entraide.organisations.models import Organisation, OrganisationRole

RAISE = "/mes-groupes/deuil-nantes/signaler/"
MINE = "/mes-inquietudes/"
BOARD = "/organisations/centre-nantes/vigilance/"


@pytest.fixture
def accompanied(cast: Cast, organisation: Organisation) -> Cast:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    return cast


@pytest.fixture
def sabine(organisation: Organisation) -> User:
    """The organisation's safeguarding lead."""
    person = staff_person("sabine@example.org", "Sabine")
    OrganisationRole.objects.create(
        user=person, organisation=organisation, role=OrganisationRole.Role.SAFEGUARDING_LEAD
    )
    return person


@pytest.fixture
def stan() -> User:
    """Staff of the site, with the second factor."""
    person = staff_person("stan@example.org", "Stan")
    person.is_staff = True
    person.save(update_fields=["is_staff"])
    return person


def text_of(response: Any) -> str:
    return html_text.unescape(response.content.decode())


def raise_as(client: Client, person: User, **fields: Any) -> Any:
    """Post a concern as `person`; a conflict unless told otherwise."""
    client.force_login(person)
    data = {"kind": "conflict", "description": "Deux membres se coupent la parole."}
    data.update(fields)
    return client.post(RAISE, data)
