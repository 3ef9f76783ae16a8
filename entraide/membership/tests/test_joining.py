"""Joining a group: ask, be welcomed as observer or member, or declined kindly; leave freely."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


def test_a_visitor_is_asked_to_log_in_before_asking_to_join(client: Client, cast: Cast) -> None:
    response = client.get(f"/groupes/{cast.group.slug}/rejoindre/")

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_dan_asks_to_join_and_the_facilitator_is_told_in_her_language(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(cast.dan)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/groupes/{cast.group.slug}/rejoindre/", {"message": "Ma mère est partie en mai."}
        )

    assert response.status_code == 302
    request = Membership.objects.get(user=cast.dan)
    assert (request.status, request.role) == ("requested", "observer")
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Dan aimerait rejoindre le groupe « Deuil Nantes »" in mail.outbox[0].body
    assert "Ma mère est partie en mai." in mail.outbox[0].body
    page = client.get(cast.group.get_absolute_url()).content.decode()
    assert "Votre demande est envoyée." in page


def test_alice_welcomes_dan_first_as_an_observer(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    pending = Membership.objects.create(user=cast.dan, group=cast.group, message="Bonjour")
    client.force_login(cast.alice)

    space = client.get(f"/mes-groupes/{cast.group.slug}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/mes-groupes/{cast.group.slug}/demandes/{pending.pk}/", {"decision": "observer"}
        )

    assert "Demandes pour rejoindre le groupe" in space and "Bonjour" in space
    pending.refresh_from_db()
    assert (pending.status, pending.role) == ("active", "observer")
    assert mail.outbox[-1].to == ["dan@example.org"]
    assert "Vous pouvez venir d'abord pour écouter" in mail.outbox[-1].body


def test_a_declined_person_is_told_kindly_in_their_language(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast.dan.preferred_language = "en"
    cast.dan.save()
    pending = Membership.objects.create(user=cast.dan, group=cast.group)
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/mes-groupes/{cast.group.slug}/demandes/{pending.pk}/", {"decision": "decline"}
        )

    pending.refresh_from_db()
    assert pending.status == "declined"
    assert "This is not a judgement on you" in mail.outbox[-1].body


def test_only_a_facilitator_of_the_group_decides(client: Client, cast: Cast) -> None:
    pending = Membership.objects.create(user=cast.dan, group=cast.group)
    url = f"/mes-groupes/{cast.group.slug}/demandes/{pending.pk}/"

    for person in (cast.bob, cast.chloe, cast.dan):
        client.force_login(person)
        assert client.post(url, {"decision": "member"}).status_code == 404

    pending.refresh_from_db()
    assert pending.status == "requested"


def test_the_observer_sees_the_place_but_not_the_members(client: Client, cast: Cast) -> None:
    client.force_login(cast.chloe)

    html = client.get(f"/mes-groupes/{cast.group.slug}/").content.decode()

    assert "Maison des associations, salle 3" in html
    assert "Bob" not in html
    # Chloé reads the site in English, her account's language.
    assert "The list of members is visible" in html


def test_a_member_sees_the_place_and_the_members_by_their_display_names(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.bob)

    response = client.get(f"/mes-groupes/{cast.group.slug}/")

    html = response.content.decode()
    assert "Maison des associations, salle 3" in html
    assert "Alice" in html and "Chloé" in html
    assert "alice@example.org" not in html
    assert "no-store" in response["Cache-Control"]


def test_a_stranger_gets_the_same_404_as_for_a_group_that_does_not_exist(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.dan)

    existing = client.get(f"/mes-groupes/{cast.group.slug}/")
    missing = client.get("/mes-groupes/nexiste-pas/")

    assert existing.status_code == missing.status_code == 404
    assert existing.content == missing.content


def test_the_public_page_never_shows_the_place_nor_the_members(client: Client, cast: Cast) -> None:
    html = client.get(cast.group.get_absolute_url()).content.decode()

    assert "Maison des associations" not in html
    assert "Alice" not in html and "Bob" not in html


def test_bob_leaves_without_having_to_say_why(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    client.post(f"/mes-groupes/{cast.group.slug}/quitter/")

    membership = Membership.objects.get(user=cast.bob)
    assert membership.status == "left"
    assert client.get(f"/mes-groupes/{cast.group.slug}/").status_code == 404
    assert "Deuil Nantes" not in client.get("/mes-groupes/").content.decode()


def test_my_groups_lists_my_roles_and_pending_requests(
    client: Client, cast: Cast, make_group: Any
) -> None:
    other = make_group("Proches aidants Nantes")
    Membership.objects.create(user=cast.bob, group=other)
    client.force_login(cast.bob)

    html = client.get("/mes-groupes/").content.decode()

    assert "Deuil Nantes" in html and "Membre" in html
    assert "Proches aidants Nantes" in html and "Demande envoyée" in html


def test_asking_twice_keeps_one_request(client: Client, cast: Cast) -> None:
    client.force_login(cast.dan)

    client.post(f"/groupes/{cast.group.slug}/rejoindre/", {"message": "Un"})
    client.post(f"/groupes/{cast.group.slug}/rejoindre/", {"message": "Deux"})

    assert list(Membership.objects.filter(user=cast.dan).values_list("message", flat=True)) == [
        "Deux"
    ]


def test_a_too_long_message_is_explained_and_kept(client: Client, cast: Cast) -> None:
    client.force_login(cast.dan)

    response = client.post(f"/groupes/{cast.group.slug}/rejoindre/", {"message": "x" * 1001})

    assert "au plus" in response.content.decode()
    assert not Membership.objects.filter(user=cast.dan).exists()


def test_e_mails_are_plain_text_without_html_escapes(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast.group.name = "Proches d'Alzheimer & co"
    cast.group.save()
    client.force_login(cast.dan)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/groupes/{cast.group.slug}/rejoindre/", {"message": "<b>Salut</b>"})

    assert "Proches d'Alzheimer & co" in mail.outbox[0].subject
    assert "<b>Salut</b>" in mail.outbox[0].body


def test_chloe_writes_to_the_facilitators_who_can_answer_her(client: Client, cast: Cast) -> None:
    client.force_login(cast.chloe)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/ecrire/", {"message": "Puis-je venir avec ma sœur ?"}
    )

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    sent = mail.outbox[0]
    assert sent.reply_to == ["chloe@example.org"]
    assert "Chloé, du groupe « Deuil Nantes », vous écrit" in sent.body
    assert "Puis-je venir avec ma sœur ?" in sent.body


def test_an_empty_or_too_long_message_to_facilitators_is_explained(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.bob)

    empty = client.post(f"/mes-groupes/{cast.group.slug}/ecrire/", {"message": ""})
    long = client.post(f"/mes-groupes/{cast.group.slug}/ecrire/", {"message": "x" * 2001})

    assert "Ce champ est obligatoire." in empty.content.decode()
    assert "au plus" in long.content.decode()
    assert mail.outbox == []


def test_a_group_without_facilitator_says_the_message_did_not_leave(
    client: Client, cast: Cast
) -> None:
    Membership.objects.filter(user=cast.alice).update(role=Membership.Role.MEMBER)
    client.force_login(cast.bob)

    response = client.post(f"/mes-groupes/{cast.group.slug}/ecrire/", {"message": "Bonjour"})

    assert "Votre message n&#x27;est pas parti." in response.content.decode() or (
        "Votre message n'est pas parti." in response.content.decode()
    )
    assert mail.outbox == []
