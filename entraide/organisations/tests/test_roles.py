"""Organisation roles: who coordinates, who handles safeguarding, who runs an organisation.

Anyone with a role sees more than a member, so they log in with a second factor, like staff,
and their session ends after the staff's idle time.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404, HttpRequest
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, Cast
from entraide.accounts.models import User
from entraide.accounts.personal_data import (
    erase_person,
    export_person,
    unregistered_user_references,
)
from entraide.organisations.access import (
    is_organisation_staff,
    organisation_for,
    organisations_of,
    roles_of,
)
from entraide.organisations.models import Organisation, OrganisationRole

pytestmark = pytest.mark.django_db

Role = OrganisationRole.Role


@pytest.fixture
def coralie(organisation: Organisation) -> User:
    """Coralie coordinates the groups of the Centre d'entraide de Nantes."""
    person = User.objects.create_user("coralie@example.org", PASSWORD, display_name="Coralie")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    OrganisationRole.objects.create(user=person, organisation=organisation, role=Role.COORDINATOR)
    return person


@pytest.fixture
def elsewhere() -> Organisation:
    return Organisation.objects.create(name="Maison des pairs de Rennes", slug="pairs-rennes")


def request_by(person: User | AnonymousUser) -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = person
    return request


def role_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "organisationrole" in q["sql"]]


@pytest.mark.parametrize("path", ["/compte/", "/mes-groupes/"])
def test_a_coordinator_without_an_authenticator_is_sent_to_set_one_up(
    client: Client, coralie: User, path: str
) -> None:
    client.force_login(coralie)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == "/compte/2fa/totp/activate/"


def test_a_coordinator_may_still_reach_the_two_factor_setup(client: Client, coralie: User) -> None:
    client.force_login(coralie)

    response = client.get("/compte/2fa/totp/activate/")

    assert response["Location"].startswith("/compte/reauthenticate/")


@pytest.mark.parametrize("path", ["/compte/", "/mes-groupes/"])
def test_a_coordinator_with_an_authenticator_gets_through(
    client: Client, coralie: User, path: str
) -> None:
    TOTP.activate(coralie, generate_totp_secret())
    client.force_login(coralie)

    assert client.get(path).status_code == 200


def test_every_organisation_role_needs_a_second_factor(
    client: Client, organisation: Organisation
) -> None:
    for role in Role:
        person = User.objects.create_user(f"{role}@example.org", PASSWORD, display_name="X")
        OrganisationRole.objects.create(user=person, organisation=organisation, role=role)
        client.force_login(person)

        assert client.get("/compte/")["Location"] == "/compte/2fa/totp/activate/", role


def test_a_coordinator_is_logged_out_after_the_staff_idle_time(
    client: Client, coralie: User
) -> None:
    TOTP.activate(coralie, generate_totp_secret())
    client.force_login(coralie)

    client.get("/compte/")

    assert client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS


def test_a_member_is_never_sent_to_set_up_a_second_factor(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    assert client.get("/compte/").status_code == 200
    assert client.get("/mes-groupes/").status_code == 200
    assert client.get(f"/mes-groupes/{cast.group.slug}/").status_code == 200
    assert client.session.get_expiry_age() != settings.STAFF_SESSION_IDLE_SECONDS


def test_a_member_costs_at_most_one_role_query_per_request(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    with CaptureQueriesContext(connection) as queries:
        client.get("/compte/")

    assert len(role_queries(queries)) == 1
    assert not [q for q in queries.captured_queries if "mfa_authenticator" in q["sql"]]


def test_a_visitor_costs_no_role_query(client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        client.get("/groupes/")

    assert role_queries(queries) == []


def test_organisation_for_gives_a_coordinator_her_own_organisation(
    coralie: User, organisation: Organisation
) -> None:
    request = request_by(coralie)

    assert organisation_for(request, "centre-nantes", Role.COORDINATOR) == organisation
    assert organisation_for(request, "centre-nantes") == organisation


def test_organisation_for_answers_the_same_404_for_another_organisation_and_a_missing_one(
    coralie: User, elsewhere: Organisation
) -> None:
    OrganisationRole.objects.create(user=coralie, organisation=elsewhere, role=Role.ADMIN)
    dan = User.objects.create_user("dan@example.org", PASSWORD, display_name="Dan")
    OrganisationRole.objects.create(user=dan, organisation=elsewhere, role=Role.COORDINATOR)

    for person, slug, roles in [
        (dan, "centre-nantes", (Role.COORDINATOR,)),  # coordinator of another organisation
        (coralie, "nexiste-pas", (Role.COORDINATOR,)),  # no such organisation
        (coralie, "centre-nantes", (Role.SAFEGUARDING_LEAD,)),  # a role she does not hold
        (coralie, "pairs-rennes", (Role.COORDINATOR,)),  # admin there, not coordinator
    ]:
        with pytest.raises(Http404) as refused:
            organisation_for(request_by(person), slug, *roles)
        assert str(refused.value) == "", (person, slug)


def test_a_visitor_has_no_organisation(organisation: Organisation) -> None:
    with pytest.raises(Http404):
        organisation_for(request_by(AnonymousUser()), "centre-nantes")
    assert list(organisations_of(AnonymousUser())) == []
    assert roles_of(AnonymousUser(), organisation) == set()
    assert not is_organisation_staff(AnonymousUser())


def test_roles_of_lists_what_a_person_does_for_one_organisation(
    coralie: User, organisation: Organisation, elsewhere: Organisation, cast: Cast
) -> None:
    OrganisationRole.objects.create(
        user=coralie, organisation=organisation, role=Role.SAFEGUARDING_LEAD
    )
    OrganisationRole.objects.create(user=coralie, organisation=elsewhere, role=Role.ADMIN)

    assert roles_of(coralie, organisation) == {"coordinator", "safeguarding_lead"}
    assert roles_of(coralie, elsewhere) == {"admin"}
    assert roles_of(cast.bob, organisation) == set()


def test_organisations_of_lists_each_organisation_once(
    coralie: User, organisation: Organisation, elsewhere: Organisation, cast: Cast
) -> None:
    OrganisationRole.objects.create(
        user=coralie, organisation=organisation, role=Role.SAFEGUARDING_LEAD
    )
    OrganisationRole.objects.create(user=coralie, organisation=elsewhere, role=Role.ADMIN)

    assert list(organisations_of(coralie)) == [organisation, elsewhere]
    assert list(organisations_of(coralie, Role.COORDINATOR)) == [organisation]
    assert list(organisations_of(coralie, Role.ADMIN, Role.SAFEGUARDING_LEAD)) == [
        organisation,
        elsewhere,
    ]
    assert list(organisations_of(cast.bob)) == []


def test_only_people_with_a_role_are_organisation_staff(coralie: User, cast: Cast) -> None:
    assert is_organisation_staff(coralie)
    assert not is_organisation_staff(cast.alice)  # a facilitator is a member, not staff


def test_coralie_s_roles_are_in_her_data_and_go_with_her_account(
    coralie: User, organisation: Organisation
) -> None:
    [role] = export_person(coralie)["organisation_roles"]

    assert role["organisation_name"] == "Centre d'entraide de Nantes"
    assert role["role"] == "coordinator"
    assert role["created_at"]

    erase_person(coralie)

    assert not OrganisationRole.objects.exists()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_every_field_that_points_at_a_person_still_says_what_becomes_of_it() -> None:
    assert unregistered_user_references() == []
