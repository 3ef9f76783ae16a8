import html as html_text

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.founding.models import Initiative
from entraide.health.models import Sharing
from entraide.health.tests.helpers import closed_circle, meeting
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def page_of(cast: Cast) -> str:
    return reverse("health:page", args=[cast.group.slug])


def sharing_of(cast: Cast) -> str:
    return reverse("health:sharing", args=[cast.group.slug])


@pytest.fixture
def accompanied(cast: Cast, organisation: Organisation) -> Cast:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    return cast


def test_members_and_facilitators_see_their_group_s_health(client: Client, cast: Cast) -> None:
    closed_circle(meeting(cast.group, 7, present=4, absent=1), [600, 300, 300], 0.2)
    for person in (cast.alice, cast.bob):
        client.force_login(person)
        response = client.get(page_of(cast))
        assert response.status_code == 200
        text = html_text.unescape(response.content.decode())
        assert "La santé du groupe" in text
        assert "<svg" in text and "<table" in text
        assert "<script" not in text.split("<main", 1)[-1]
        # No name from the group: neither who was present nor who spoke.
        for name in ("Alice", "Bob", "Chloé", "Zoé"):
            assert name not in text.split("<main", 1)[-1]


def test_observers_and_strangers_get_the_page_not_found(client: Client, cast: Cast) -> None:
    for person in (cast.chloe, cast.dan):
        client.force_login(person)
        assert client.get(page_of(cast)).status_code == 404
    client.logout()
    assert client.get(page_of(cast)).status_code in (302, 404)


def test_an_autonomous_group_s_health_is_its_own_until_it_shares_it(
    client: Client, accompanied: Cast, coralie: User, olivia: User
) -> None:
    cast = accompanied
    client.force_login(coralie)
    assert client.get(page_of(cast)).status_code == 404

    client.force_login(cast.alice)
    response = client.post(sharing_of(cast), {"shared": "yes"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="health.shared")
    assert (event.actor, event.group) == (cast.alice, cast.group)

    client.force_login(coralie)
    assert client.get(page_of(cast)).status_code == 200
    client.force_login(olivia)  # another organisation's coordinator
    assert client.get(page_of(cast)).status_code == 404

    client.force_login(cast.alice)
    client.post(sharing_of(cast), {"shared": "no"})
    assert AuditEvent.objects.filter(action="health.unshared").count() == 1
    client.force_login(coralie)
    assert client.get(page_of(cast)).status_code == 404


def test_a_group_being_founded_shares_by_default_and_not_after_autonomy(
    client: Client, accompanied: Cast, coralie: User
) -> None:
    cast = accompanied
    initiative = Initiative.objects.create(
        group=cast.group, initiator=cast.alice, stage="founding", stage_changed_at=timezone.now()
    )
    client.force_login(coralie)
    assert client.get(page_of(cast)).status_code == 200

    # A choice made during the founding holds for the founding only.
    Sharing.objects.create(group=cast.group, shared=True, during_founding=True)
    initiative.stage = "autonomous"
    initiative.save(update_fields=["stage"])
    assert client.get(page_of(cast)).status_code == 404


def test_only_facilitators_change_the_sharing(client: Client, accompanied: Cast) -> None:
    cast = accompanied
    for person in (cast.bob, cast.chloe, cast.dan):
        client.force_login(person)
        assert client.post(sharing_of(cast), {"shared": "yes"}).status_code == 404
    assert not Sharing.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="health.").exists()


def test_a_wrong_choice_gets_a_clear_message(client: Client, accompanied: Cast) -> None:
    client.force_login(accompanied.alice)
    response = client.post(sharing_of(accompanied), {"shared": "peut-être"}, follow=True)
    assert response.status_code == 200
    assert "Choisissez de partager ou non" in html_text.unescape(response.content.decode())
    assert not Sharing.objects.exists()


def test_the_group_space_links_to_the_health_page_for_members(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)
    response = client.get(reverse("pages:group_space", args=[cast.group.slug]))
    assert page_of(cast) in response.content.decode()


def test_the_tables_write_dates_in_full_words(client: Client, cast: Cast) -> None:
    held = meeting(cast.group, 7, present=3, absent=1)
    client.force_login(cast.bob)

    text = html_text.unescape(client.get(page_of(cast)).content.decode())

    day = timezone.localtime(held.starts_at, cast.group.time_zone)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"]
    months += ["septembre", "octobre", "novembre", "décembre"]
    first = "1er" if day.day == 1 else str(day.day)
    assert f"<td>{first} {months[day.month - 1]} {day.year}</td>" in text
