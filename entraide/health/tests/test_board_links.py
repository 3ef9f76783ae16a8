"""The coordinators find a group's health page from the board and from the group's page, only
while the group shares it with their organisation (the link comes through
`accompaniment.board.more_links`)."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Cast
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup
from entraide.health.models import Sharing
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

BOARD = reverse("accompaniment:board", args=["centre-nantes"])


def group_page(group: SupportGroup) -> str:
    return reverse("accompaniment:group", args=["centre-nantes", group.slug])


def health_page(group: SupportGroup) -> str:
    return reverse("health:page", args=[group.slug])


@pytest.fixture
def accompanied(cast: Cast, organisation: Organisation) -> SupportGroup:
    """An autonomous group the organisation accompanies; it shares nothing by default."""
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    return cast.group


def test_a_shared_health_page_is_linked_from_the_board_and_the_group_page(
    client: Client, accompanied: SupportGroup, coralie: User
) -> None:
    Sharing.objects.create(group=accompanied, shared=True, during_founding=False)
    client.force_login(coralie)

    for page in (BOARD, group_page(accompanied)):
        response = client.get(page)
        assert response.status_code == 200
        assert f'href="{health_page(accompanied)}"' in response.content.decode()
    # The link leads somewhere she may go.
    assert client.get(health_page(accompanied)).status_code == 200


@pytest.mark.parametrize("sharing", [None, False], ids=["default-after-founding", "withdrawn"])
def test_a_health_page_not_shared_is_not_linked(
    client: Client, accompanied: SupportGroup, coralie: User, sharing: bool | None
) -> None:
    if sharing is not None:
        Sharing.objects.create(group=accompanied, shared=sharing, during_founding=False)
    client.force_login(coralie)

    for page in (BOARD, group_page(accompanied)):
        response = client.get(page)
        assert response.status_code == 200
        assert accompanied.name in response.content.decode()
        assert health_page(accompanied) not in response.content.decode()
    assert client.get(health_page(accompanied)).status_code == 404


def test_a_founding_group_shares_by_default_and_is_linked(
    client: Client, accompanied: SupportGroup, coralie: User
) -> None:
    accompanied.status = SupportGroup.Status.FOUNDING
    accompanied.save(update_fields=["status"])
    client.force_login(coralie)

    assert f'href="{health_page(accompanied)}"' in client.get(BOARD).content.decode()
    assert client.get(health_page(accompanied)).status_code == 200


def test_the_link_names_the_group_for_screen_readers(
    client: Client, accompanied: SupportGroup, coralie: User
) -> None:
    Sharing.objects.create(group=accompanied, shared=True, during_founding=False)
    client.force_login(coralie)

    html = client.get(BOARD).content.decode()

    assert f'<span class="visually-hidden"> — {accompanied.name}</span>' in html


@pytest.mark.parametrize(
    ("who", "board", "health"),
    [
        ("stranger", 404, 404),
        ("observer", 404, 404),
        ("member", 404, 200),
        ("facilitator", 404, 200),
        ("coordinator", 200, 200),
        ("coordinator elsewhere", 404, 404),
        ("organisation admin", 404, 404),
    ],
)
def test_each_role_on_the_board_and_the_shared_health_page(
    client: Client,
    accompanied: SupportGroup,
    cast: Cast,
    coralie: User,
    olivia: User,
    oscar: User,
    who: str,
    board: int,
    health: int,
) -> None:
    Sharing.objects.create(group=accompanied, shared=True, during_founding=False)
    person = {
        "stranger": cast.dan,
        "observer": cast.chloe,
        "member": cast.bob,
        "facilitator": cast.alice,
        "coordinator": coralie,
        "coordinator elsewhere": olivia,
        "organisation admin": oscar,
    }[who]
    client.force_login(person)

    assert client.get(BOARD).status_code == board
    assert client.get(group_page(accompanied)).status_code == board
    assert client.get(health_page(accompanied)).status_code == health
