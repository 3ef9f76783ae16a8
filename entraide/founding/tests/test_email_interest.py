"""Being told when a group being founded starts, with only an e-mail address (no account)."""

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.founding.actions import charter_adopted
from entraide.founding.models import EmailInterest, FoundingSession, Initiative, Interest
from entraide.founding.tests.test_initiator_support import (
    date_the_sessions,
    make_person,
    make_project,
)

pytestmark = pytest.mark.django_db

Stage = Initiative.Stage


def form_url(initiative: Initiative) -> str:
    return f"/groupes/{initiative.group.slug}/prevenez-moi/"


def link_in(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/groupes/prevenez-moi/[^/\s]+/)", body)
    assert found is not None
    return found.group(1)


def leave_address(
    client: Client, initiative: Initiative, capture: Any, email: str = "emma@example.net"
) -> str:
    with capture(execute=True):
        page = client.post(form_url(initiative), {"email": email, "consent": "on"})
    return page.content.decode()


def test_a_visitor_leaves_an_address_confirms_it_and_counts(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    public = client.get(initiative.group.get_absolute_url()).content.decode()

    sent = leave_address(client, initiative, django_capture_on_commit_callbacks)
    pending = EmailInterest.objects.get()
    counted_before = (
        "2 personnes sur les 6" in client.get(initiative.group.get_absolute_url()).content.decode()
    )
    link = link_in(str(mail.outbox[0].body))
    confirm_page = client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    confirmed = client.get(link).content.decode()

    assert form_url(initiative) in public
    assert "Vérifiez votre boîte e-mail" in sent
    assert mail.outbox[0].to == ["emma@example.net"]
    assert "Confirmez votre adresse" in mail.outbox[0].subject
    assert counted_before  # Alice and Bob: an address nobody confirmed does not count
    assert "Je confirme" in confirm_page
    pending.refresh_from_db()
    assert pending.confirmed_at is not None
    assert "Votre adresse est confirmée" in confirmed
    assert (
        "3 personnes sur les 6" in client.get(initiative.group.get_absolute_url()).content.decode()
    )
    # Alice, who runs the project, is told, and never sees the address.
    assert [m.to for m in mail.outbox[1:]] == [["alice@example.org"]]
    client.force_login(cast.alice)
    recruitment = client.get(f"/creer-un-groupe/{initiative.group.slug}/recrutement/")
    assert "Et 1 personne qui a laissé seulement son adresse e-mail" in recruitment.content.decode()
    assert "emma@example.net" not in recruitment.content.decode()


def test_consent_is_asked_in_plain_words_and_nothing_is_kept_without_it(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)

    page = client.post(form_url(initiative), {"email": "emma@example.net"}).content.decode()
    bad = client.post(form_url(initiative), {"email": "emma@", "consent": "on"}).content.decode()

    assert "Cochez la case pour que nous puissions vous écrire." in page
    assert "Cette adresse e-mail ne semble pas valide." in bad
    assert not EmailInterest.objects.exists()
    assert len(mail.outbox) == 0


def test_a_group_not_recruiting_takes_no_address(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.INTERVIEW)

    assert client.get(form_url(initiative)).status_code == 404
    assert (
        client.post(form_url(initiative), {"email": "a@b.fr", "consent": "on"}).status_code == 404
    )


def test_the_person_may_have_their_address_erased(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    leave_address(client, initiative, django_capture_on_commit_callbacks)
    link = link_in(str(mail.outbox[0].body))

    client.post(link, {"forget": "1"})

    assert not EmailInterest.objects.exists()
    assert client.get(link).status_code == 404


def test_invited_by_e_mail_then_signing_up_keeps_the_place_and_the_invitation(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    leave_address(client, initiative, django_capture_on_commit_callbacks, "Emma@Example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(str(mail.outbox[0].body)))
    initiative.stage = Stage.FOUNDING
    initiative.save()
    for kind in FoundingSession.Kind.values:
        FoundingSession.objects.create(initiative=initiative, kind=kind)
    date_the_sessions(initiative)
    client.force_login(cast.alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invited = client.post(
            f"/creer-un-groupe/{initiative.group.slug}/inviter/", follow=True
        ).content.decode()
    invitation = mail.outbox[0]
    emma = make_person("Emma")  # she creates her account with the same address
    client.force_login(emma)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/groupes/{initiative.group.slug}/ca-m-interesse/", {"message": ""})
    sessions = client.get(f"/creer-un-groupe/{initiative.group.slug}/rencontres/")

    assert "1 personne est invitée aux premières rencontres." in invited
    assert invitation.to == ["emma@example.org"]
    assert "Séance d'information" in invitation.body
    assert "Maison des associations" not in invitation.body  # the place stays on the site
    assert f"/groupes/{initiative.group.slug}/ca-m-interesse/" in invitation.body
    interest = Interest.objects.get(user=emma)
    assert interest.invited_at is not None
    assert not EmailInterest.objects.exists()
    assert sessions.status_code == 200
    assert "Je rejoins le groupe" in sessions.content.decode()


def test_the_addresses_are_erased_once_the_group_has_started(cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.CHARTER)
    EmailInterest.objects.create(initiative=initiative, email="emma@example.net", token="t")

    charter_adopted(initiative.group, cast.alice)

    initiative.refresh_from_db()
    assert initiative.stage == Stage.AUTONOMOUS
    assert not EmailInterest.objects.exists()
