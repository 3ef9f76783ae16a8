"""Who reaches which page: the person who raised a concern and the organisation's handlers,
nobody else; everyone else gets the 404 of a page that does not exist, and no group page nor
the organisation's journal shows that a concern exists."""

import difflib
import re

import pytest
from django.test import Client

from conftest import PASSWORD, Cast
from entraide.accounts.models import User
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation
from entraide.safeguarding.models import Concern
from entraide.safeguarding.tests.conftest import BOARD, MINE, RAISE, raise_as, text_of

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "stranger",
    "requested",
    "observer",
    "member",
    "facilitator",
    "coordinator",
    "coordinator_elsewhere",
    "safeguarding_lead",
    "organisation_admin",
    "staff",
)


@pytest.fixture
def people(
    accompanied: Cast,
    sabine: User,
    coralie: User,
    olivia: User,
    oscar: User,
    stan: User,
) -> dict[str, User | None]:
    remi = User.objects.create_user("remi@example.org", PASSWORD, display_name="Rémi")
    Membership.objects.create(user=remi, group=accompanied.group, message="Bonjour")
    return {
        "anonymous": None,
        "stranger": accompanied.dan,
        "requested": remi,
        "observer": accompanied.chloe,
        "member": accompanied.bob,
        "facilitator": accompanied.alice,
        "coordinator": coralie,
        "coordinator_elsewhere": olivia,
        "safeguarding_lead": sabine,
        "organisation_admin": oscar,
        "staff": stan,
    }


@pytest.fixture
def concern(client: Client, accompanied: Cast, sabine: User) -> Concern:
    """Bob's concern, raised as a member of the group."""
    raise_as(client, accompanied.bob, kind="conflict", mediation="on", description="Le ton monte.")
    client.logout()
    return Concern.objects.get()


def pages(concern: Concern) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each page, with who may GET it and who may POST to it."""
    in_the_group = frozenset({"observer", "member", "facilitator"})
    signed_in = frozenset(ROLES) - {"anonymous"}
    raiser = frozenset({"member"})
    lead = frozenset({"safeguarding_lead"})
    nobody: frozenset[str] = frozenset()
    one = f"{BOARD}{concern.pk}/"
    return {
        RAISE: (in_the_group, in_the_group),
        MINE: (signed_in, nobody),
        f"{MINE}{concern.pk}/retirer/": (raiser, raiser),
        BOARD: (lead, nobody),
        one: (lead, nobody),
        f"{one}prendre-en-compte/": (nobody, lead),
        f"{one}noter/": (nobody, lead),
        f"{one}mediation/": (nobody, lead),
        f"{one}clore/": (nobody, lead),
    }


def client_for(people: dict[str, User | None], role: str) -> Client:
    client = Client()
    person = people[role]
    if person is not None:
        client.force_login(person)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_only_its_own_pages(
    role: str, people: dict[str, User | None], concern: Concern
) -> None:
    unexpected = []
    for url, (may_get, may_post) in pages(concern).items():
        for method, allowed in (("GET", may_get), ("POST", may_post)):
            client = client_for(people, role)
            response = client.get(url) if method == "GET" else client.post(url, {})
            if role in allowed:
                ok = response.status_code in (200, 302) and "/compte/login/" not in response.get(
                    "Location", ""
                )
            elif role == "anonymous":
                ok = response.status_code == 302 and "/compte/login/" in response["Location"]
            else:
                ok = response.status_code in (404, 405)
            if not ok:
                unexpected.append(f"{method} {url} as {role}: {response.status_code}")
    assert unexpected == []
    # Nobody's request changed the concern but the lead's and Bob's own.
    concern.refresh_from_db()
    if role not in ("safeguarding_lead", "member"):
        assert concern.status == "new" and not concern.steps.exists()


def test_an_admin_handles_only_while_the_organisation_has_no_lead(
    client: Client, accompanied: Cast, oscar: User, organisation: Organisation
) -> None:
    raise_as(client, accompanied.bob)
    concern = Concern.objects.get()
    client.force_login(oscar)
    assert client.get(f"{BOARD}{concern.pk}/").status_code == 200

    from conftest import staff_person
    from entraide.organisations.models import OrganisationRole

    lead = staff_person("sabine@example.org", "Sabine")
    OrganisationRole.objects.create(
        user=lead, organisation=organisation, role=OrganisationRole.Role.SAFEGUARDING_LEAD
    )

    assert client.get(BOARD).status_code == 404
    assert client.get(f"{BOARD}{concern.pk}/").status_code == 404


def test_another_member_s_concerns_are_a_404_even_to_withdraw(
    client: Client, concern: Concern, accompanied: Cast
) -> None:
    client.force_login(accompanied.alice)

    assert "Le ton monte." not in text_of(client.get(MINE))
    assert client.post(f"{MINE}{concern.pk}/retirer/").status_code == 404
    concern.refresh_from_db()
    assert concern.status == "new"


def without_tokens(html: str) -> str:
    """The page without what changes on every request: the CSRF token and the CSP nonce."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def test_no_group_page_changes_when_a_concern_is_raised(
    client: Client, accompanied: Cast, sabine: User, coralie: User
) -> None:
    group = accompanied.group
    urls = [
        (accompanied.alice, f"/mes-groupes/{group.slug}/"),
        (accompanied.alice, "/mes-groupes/"),
        (accompanied.chloe, f"/mes-groupes/{group.slug}/"),
        (accompanied.dan, group.get_absolute_url()),
        (coralie, "/organisations/centre-nantes/accompagnement/"),
    ]

    def snapshot() -> list[str]:
        seen = []
        for person, url in urls:
            client.force_login(person)
            response = client.get(url)
            assert response.status_code == 200, url
            seen.append(without_tokens(response.content.decode()))
        return seen

    before = snapshot()
    # Bob writes from his own browser: the flash message he reads is his alone.
    raise_as(Client(), accompanied.bob, kind="child_protection", description="Le ton monte.")
    assert Concern.objects.exists()

    after = snapshot()
    for url, old, new in zip(urls, before, after, strict=True):
        changed = [
            line for line in difflib.unified_diff(old.splitlines(), new.splitlines()) if line
        ]
        assert changed == [], f"{url}: " + "\n".join(changed)


def test_an_admin_who_does_not_handle_concerns_does_not_see_them_in_the_journal(
    client: Client, concern: Concern, oscar: User, accompanied: Cast
) -> None:
    # Sabine is the lead: Oscar, an admin who may sit in a group himself, is not told.
    client.force_login(accompanied.bob)
    client.post(f"{MINE}{concern.pk}/retirer/")
    client.force_login(oscar)

    journal = text_of(client.get("/organisations/centre-nantes/journal/"))

    assert "Journal" in journal or "journal" in journal
    assert "Inquiétude" not in journal and "inquiétude" not in journal


def test_the_journal_of_an_admin_who_handles_concerns_never_names_the_person(
    client: Client, oscar: User, accompanied: Cast
) -> None:
    # No lead: Oscar handles the concerns and reads their lines, never who raised them.
    raise_as(client, accompanied.bob, kind="conflict", description="Le ton monte.")
    concern = Concern.objects.get()
    client.post(f"{MINE}{concern.pk}/retirer/")
    client.force_login(oscar)

    journal = text_of(client.get("/organisations/centre-nantes/journal/"))

    assert "Inquiétude signalée" in journal and "Inquiétude retirée" in journal
    assert "Bob" not in journal
    assert "Le ton monte." not in journal


def test_the_space_offers_the_discreet_link_to_every_member(
    client: Client, accompanied: Cast
) -> None:
    for person in (accompanied.alice, accompanied.bob, accompanied.chloe):
        client.force_login(person)
        page = client.get(f"/mes-groupes/{accompanied.group.slug}/").content.decode()
        assert f'href="{RAISE}"' in page


def test_only_handlers_find_the_concerns_board_from_the_coordinators_board(
    client: Client, accompanied: Cast, coralie: User, organisation: Organisation
) -> None:
    from entraide.organisations.models import OrganisationRole

    client.force_login(coralie)
    assert 'href="/organisations/centre-nantes/vigilance/"' not in text_of(
        client.get("/organisations/centre-nantes/accompagnement/")
    )
    OrganisationRole.objects.create(
        user=coralie, organisation=organisation, role=OrganisationRole.Role.SAFEGUARDING_LEAD
    )

    assert 'href="/organisations/centre-nantes/vigilance/"' in text_of(
        client.get("/organisations/centre-nantes/accompagnement/")
    )
