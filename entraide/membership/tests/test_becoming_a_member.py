"""From observer to member, and back: the observer asks or is asked, the facilitators decide,
both are told; a member may go back to listening whenever they wish."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.audit.models import AuditEvent
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chloe_reads_french(cast: Cast) -> None:
    cast.chloe.preferred_language = "fr"
    cast.chloe.save(update_fields=["preferred_language"])


def become_member_url(cast: Cast) -> str:
    return f"/mes-groupes/{cast.group.slug}/devenir-membre/"


def decide_url(cast: Cast, membership: Membership) -> str:
    return f"/mes-groupes/{cast.group.slug}/observateurs/{membership.pk}/"


def step_back_url(cast: Cast) -> str:
    return f"/mes-groupes/{cast.group.slug}/ecouter/"


def membership_of(cast: Cast, person: Any) -> Membership:
    return Membership.objects.get(user=person, group=cast.group)


def journal(cast: Cast) -> list[tuple[str, str, str]]:
    return [
        (event.action, event.actor.display_name, event.subject.display_name)  # type: ignore[union-attr]
        for event in AuditEvent.objects.filter(group=cast.group, action__startswith="role.")
        .select_related("actor", "subject")
        .order_by("pk")
    ]


def test_chloe_sees_how_to_become_a_member_from_the_group_space(client: Client, cast: Cast) -> None:
    client.force_login(cast.chloe)

    space = client.get(f"/mes-groupes/{cast.group.slug}/").content.decode()
    page = client.get(become_member_url(cast)).content.decode()

    assert become_member_url(cast) in space
    assert "vote sur les sujets" in page


def test_chloe_asks_to_become_a_member_and_alice_is_told(client: Client, cast: Cast) -> None:
    client.force_login(cast.chloe)

    response = client.post(become_member_url(cast), {"answer": "yes"})

    assert response.status_code == 302
    chloe = membership_of(cast, cast.chloe)
    assert (chloe.role, chloe.becoming_member) == ("observer", "asked")
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Chloé aimerait devenir membre du groupe « Deuil Nantes »" in mail.outbox[0].body
    assert journal(cast) == [("role.member_asked", "Chloé", "Chloé")]
    space = client.get(f"/mes-groupes/{cast.group.slug}/").content.decode()
    assert "Vous avez demandé à devenir membre" in space


def test_alice_welcomes_chloe_as_a_member_and_chloe_is_told(client: Client, cast: Cast) -> None:
    chloe = membership_of(cast, cast.chloe)
    chloe.becoming_member = Membership.BecomingMember.ASKED
    chloe.save()
    client.force_login(cast.alice)

    space = client.get(f"/mes-groupes/{cast.group.slug}/").content.decode()
    response = client.post(decide_url(cast, chloe), {"decision": "member"})

    assert "Demandes pour devenir membre" in space
    assert response.status_code == 302
    chloe.refresh_from_db()
    assert (chloe.role, chloe.becoming_member) == ("member", "")
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]
    assert "Vous êtes maintenant membre du groupe « Deuil Nantes »" in mail.outbox[0].body
    assert journal(cast) == [("role.member", "Alice", "Chloé")]


def test_alice_says_not_now_and_chloe_is_told_kindly(client: Client, cast: Cast) -> None:
    chloe = membership_of(cast, cast.chloe)
    chloe.becoming_member = Membership.BecomingMember.ASKED
    chloe.save()
    client.force_login(cast.alice)

    client.post(decide_url(cast, chloe), {"decision": "not_now"})

    chloe.refresh_from_db()
    assert (chloe.status, chloe.role, chloe.becoming_member) == ("active", "observer", "")
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]
    assert "Vous restez dans le groupe" in mail.outbox[0].body
    assert journal(cast) == [("role.member_not_now", "Alice", "Chloé")]


def test_alice_proposes_and_chloe_accepts(client: Client, cast: Cast) -> None:
    chloe = membership_of(cast, cast.chloe)
    client.force_login(cast.alice)

    client.post(decide_url(cast, chloe), {"decision": "member"})

    chloe.refresh_from_db()
    assert (chloe.role, chloe.becoming_member) == ("observer", "proposed")
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]
    assert "vous invitent à devenir membre" in mail.outbox[0].body
    client.force_login(cast.chloe)
    assert "vous invitent à devenir membre" in client.get(become_member_url(cast)).content.decode()

    client.post(become_member_url(cast), {"answer": "yes"})

    chloe.refresh_from_db()
    assert (chloe.role, chloe.becoming_member) == ("member", "")
    assert mail.outbox[-1].to == ["alice@example.org"]
    assert "Chloé est maintenant membre du groupe" in mail.outbox[-1].body
    assert journal(cast) == [
        ("role.member_proposed", "Alice", "Chloé"),
        ("role.member", "Chloé", "Chloé"),
    ]


def test_chloe_may_keep_listening_when_invited(client: Client, cast: Cast) -> None:
    chloe = membership_of(cast, cast.chloe)
    chloe.becoming_member = Membership.BecomingMember.PROPOSED
    chloe.save()
    client.force_login(cast.chloe)

    client.post(become_member_url(cast), {"answer": "not_now"})

    chloe.refresh_from_db()
    assert (chloe.role, chloe.becoming_member) == ("observer", "")
    assert journal(cast) == [("role.member_not_now", "Chloé", "Chloé")]


def test_bob_goes_back_to_listening_and_alice_is_told(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    page = client.get(step_back_url(cast)).content.decode()
    response = client.post(step_back_url(cast))

    assert "Revenir à l'écoute" in page
    assert response.status_code == 302
    bob = membership_of(cast, cast.bob)
    assert (bob.status, bob.role) == ("active", "observer")
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Bob préfère revenir à l'écoute" in mail.outbox[0].body
    assert journal(cast) == [("role.observer", "Bob", "Bob")]
    # Now an observer, Bob no longer sees who else is in the group, and may ask again.
    space = client.get(f"/mes-groupes/{cast.group.slug}/").content.decode()
    assert "Chloé" not in space
    assert become_member_url(cast) in space


def test_each_step_is_only_for_the_person_it_belongs_to(client: Client, cast: Cast) -> None:
    chloe = membership_of(cast, cast.chloe)
    bob = membership_of(cast, cast.bob)
    pending = Membership.objects.create(user=cast.dan, group=cast.group)
    others = Membership.objects.exclude(pk=pending.pk)
    before = list(others.values_list("pk", "role", "becoming_member"))
    refused = {
        # Dan only asked to join; a stranger gets the same 404.
        become_member_url(cast): [cast.dan, cast.bob, cast.alice],
        decide_url(cast, chloe): [cast.dan, cast.bob, cast.chloe],
        # A facilitator decides about observers only, never a member or a pending request.
        decide_url(cast, bob): [cast.alice],
        decide_url(cast, pending): [cast.alice],
        step_back_url(cast): [cast.dan, cast.chloe, cast.alice],
    }
    missing = client.get("/mes-groupes/nexiste-pas/devenir-membre/")

    for url, people in refused.items():
        for person in people:
            client.force_login(person)
            # A page that takes only answers says "not allowed" to a GET, to anyone alike.
            assert client.get(url).status_code in (404, 405), (url, person)
            assert client.post(url, {"answer": "yes"}).status_code == 404, (url, person)
            assert client.post(url, {"decision": "member"}).status_code == 404, (url, person)
    client.logout()
    for url in refused:
        assert client.get(url)["Location"].startswith("/compte/login/")

    assert list(others.values_list("pk", "role", "becoming_member")) == before
    assert missing.status_code == 302  # a visitor is asked to log in first, everywhere


def test_an_unknown_answer_changes_nothing(client: Client, cast: Cast) -> None:
    chloe = membership_of(cast, cast.chloe)
    client.force_login(cast.chloe)

    response = client.post(become_member_url(cast), {"answer": "facilitator"})

    assert response.status_code == 200
    chloe.refresh_from_db()
    assert (chloe.role, chloe.becoming_member) == ("observer", "")


def test_an_observer_who_is_now_a_member_takes_part_and_sees_the_members(
    client: Client, cast: Cast
) -> None:
    chloe = membership_of(cast, cast.chloe)
    client.force_login(cast.chloe)
    roles = f"/mes-groupes/{cast.group.slug}/roles/"
    assert client.get(roles).status_code == 404
    client.force_login(cast.alice)
    client.post(decide_url(cast, chloe), {"decision": "member"})
    client.force_login(cast.chloe)

    client.post(become_member_url(cast), {"answer": "yes"})

    space = client.get(f"/mes-groupes/{cast.group.slug}/").content.decode()
    assert "Bob" in space
    assert client.get(roles).status_code == 200


def test_each_side_is_told_in_their_own_language(client: Client, cast: Cast) -> None:
    cast.chloe.preferred_language = "en"
    cast.chloe.save(update_fields=["preferred_language"])
    chloe = membership_of(cast, cast.chloe)
    client.force_login(cast.alice)

    client.post(decide_url(cast, chloe), {"decision": "member"})
    client.force_login(cast.chloe)
    page = client.get(become_member_url(cast)).content.decode()
    client.post(become_member_url(cast), {"answer": "yes"})

    invited, told = mail.outbox
    assert invited.to == ["chloe@example.org"]
    assert "invite you to become a member" in invited.body
    assert "votes on the topics" in page
    assert told.to == ["alice@example.org"]
    assert "Chloé est maintenant membre du groupe" in told.body
