"""Adoption by consent: everyone consents, an objection blocks with its reason shown."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accompaniment.models import Review
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.charters import actions
from entraide.charters.models import Charter, Consent
from entraide.founding.models import Initiative
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

Url = Callable[..., str]


def open_consent(charter: Charter) -> Charter:
    charter.status = Charter.Status.CONSENT
    charter.consent_opened_at = timezone.now()
    charter.save()
    return charter


def answer(client: Client, person: User, url: Url, decision: str, reason: str = "") -> Any:
    client.force_login(person)
    return client.post(url("v1/consentement/"), {"decision": decision, "reason": reason})


def test_alice_asks_for_consent_and_bob_is_told_in_his_language(
    client: Client,
    cast: Cast,
    written: Charter,
    url: Url,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("v1/demander-le-consentement/"))

    assert response.status_code == 302
    written.refresh_from_db()
    assert written.status == "consent"
    assert written.consent_opened_at is not None
    # Bob is asked; Chloé, who came to listen, is not, nor Alice who asked.
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "Alice demande le consentement de chacun" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="charter.consent_opened").count() == 1


def test_an_incomplete_charter_cannot_go_to_consent(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    written.answers = {**written.answers, "rituals": "", "place": "   "}
    written.save()
    client.force_login(cast.alice)

    response = client.post(url("v1/demander-le-consentement/"), follow=True)

    written.refresh_from_db()
    assert written.status == "draft"
    html = response.content.decode()
    assert "Chaque section doit avoir une réponse" in html
    assert "Comment ouvrir et clôturer une rencontre ?" in html
    assert "Où les réunions auront-elles lieu ?" in html


def test_only_a_facilitator_asks_for_consent(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    for person in (cast.bob, cast.chloe, cast.dan):
        client.force_login(person)
        assert client.post(url("v1/demander-le-consentement/")).status_code == 404

    written.refresh_from_db()
    assert written.status == "draft"


def test_an_objection_blocks_adoption_and_its_reason_is_shown_to_the_group(
    client: Client,
    cast: Cast,
    written: Charter,
    url: Url,
    django_capture_on_commit_callbacks: Any,
) -> None:
    open_consent(written)
    answer(client, cast.alice, url, "consent")

    with django_capture_on_commit_callbacks(execute=True):
        answer(client, cast.bob, url, "object", "Une fois par mois, c'est trop peu pour moi.")

    written.refresh_from_db()
    assert written.status == "consent"
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    client.force_login(cast.alice)
    html = client.get(url("v1/")).content.decode()
    assert "Objection de Bob" in html
    assert "Une fois par mois, c&#x27;est trop peu pour moi." in html
    assert AuditEvent.objects.filter(action="charter.objected", subject=cast.bob).exists()


def test_an_objection_needs_a_reason(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    open_consent(written)

    response = answer(client, cast.bob, url, "object", "  ")

    assert response.status_code == 200
    assert "Dites au groupe ce qui vous retient" in response.content.decode()
    assert not Consent.objects.exists()


def test_withdrawing_the_objection_adopts_the_charter_when_everyone_consented(
    client: Client,
    cast: Cast,
    written: Charter,
    url: Url,
    django_capture_on_commit_callbacks: Any,
) -> None:
    open_consent(written)
    answer(client, cast.alice, url, "consent")
    answer(client, cast.bob, url, "object", "Je voudrais en parler d'abord.")
    written.refresh_from_db()
    assert written.status == "consent"
    mail.outbox.clear()  # Alice was told of the objection; what follows is the adoption.

    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, cast.bob, url, "consent")

    assert response.status_code == 302
    assert response["Location"] == url()
    written.refresh_from_db()
    assert written.status == "adopted"
    assert written.adopted_at is not None
    assert Consent.objects.get(user=cast.bob).reason == ""
    # The members are told, each in their language, and asked to sign; not the observer.
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    assert "est adoptée" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(action="charter.adopted", actor=cast.bob).exists()


def test_the_observer_does_not_take_part_in_the_consent(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    open_consent(written)

    response = answer(client, cast.chloe, url, "object", "Je ne suis pas d'accord.")

    assert response.status_code == 404
    assert not Consent.objects.exists()
    # Alice and Bob are enough: Chloé came to listen.
    answer(client, cast.alice, url, "consent")
    answer(client, cast.bob, url, "consent")
    written.refresh_from_db()
    assert written.status == "adopted"


def test_a_stranger_cannot_consent(client: Client, cast: Cast, written: Charter, url: Url) -> None:
    open_consent(written)

    assert answer(client, cast.dan, url, "consent").status_code == 404
    assert not Consent.objects.exists()


def test_a_member_who_joined_after_consent_was_asked_must_consent_before_adoption(
    client: Client, cast: Cast, written: Charter, url: Url, make_group: Any
) -> None:
    open_consent(written)
    answer(client, cast.alice, url, "consent")
    Membership.objects.create(user=cast.dan, group=cast.group, role="member", status="active")

    answer(client, cast.bob, url, "consent")

    written.refresh_from_db()
    assert written.status == "consent"
    client.force_login(cast.alice)
    assert "Dan" in client.get(url("v1/")).content.decode()  # among those not yet answered

    answer(client, cast.dan, url, "consent")

    written.refresh_from_db()
    assert written.status == "adopted"


def test_an_objection_from_someone_who_left_no_longer_stands(
    cast: Cast, written: Charter, url: Url, client: Client
) -> None:
    open_consent(written)
    answer(client, cast.bob, url, "object", "Pas maintenant.")
    answer(client, cast.alice, url, "consent")
    Membership.objects.filter(user=cast.bob).update(status="left")

    actions.recheck(cast.group)

    written.refresh_from_db()
    assert written.status == "adopted"


def test_editing_the_text_during_consent_puts_it_back_in_preparation_and_clears_consents(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    open_consent(written)
    answer(client, cast.bob, url, "consent")
    client.force_login(cast.alice)
    page = client.get(url("v1/frequency/")).content.decode()
    assert "la charte revient en préparation" in page

    response = client.post(url("v1/frequency/"), {"answer": "Deux fois par mois."}, follow=True)

    written.refresh_from_db()
    assert written.status == "draft"
    assert written.consent_opened_at is None
    assert written.answer("frequency") == "Deux fois par mois."
    assert not Consent.objects.exists()
    assert "les consentements donnés sont effacés" in response.content.decode()
    assert AuditEvent.objects.filter(action="charter.reopened").count() == 1
    # A consent sent for the old text is refused, and nothing is recorded.
    client.force_login(cast.bob)
    response = client.post(url("v1/consentement/"), {"decision": "consent"}, follow=True)
    assert "n&#x27;attend plus de consentement" in response.content.decode()
    assert not Consent.objects.exists()


def test_saving_the_same_text_during_consent_keeps_the_consents(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    open_consent(written)
    answer(client, cast.bob, url, "consent")
    client.force_login(cast.alice)

    client.post(url("v1/frequency/"), {"answer": written.answer("frequency")})

    written.refresh_from_db()
    assert written.status == "consent"
    assert Consent.objects.filter(user=cast.bob).exists()


def test_adoption_makes_a_founding_group_autonomous_and_schedules_its_review(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    initiative = Initiative.objects.create(group=cast.group, initiator=cast.alice, stage="charter")
    open_consent(written)

    answer(client, cast.alice, url, "consent")
    answer(client, cast.bob, url, "consent")

    initiative.refresh_from_db()
    assert initiative.stage == "autonomous"
    assert initiative.autonomous_at is not None
    assert Review.objects.filter(group=cast.group).exists()


def test_consents_count_only_for_their_own_version(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    open_consent(written)
    answer(client, cast.alice, url, "consent")
    answer(client, cast.bob, url, "consent")
    client.force_login(cast.alice)
    client.post(url("nouvelle-version/"))
    v2 = Charter.objects.get(group=cast.group, version=2)
    open_consent(v2)

    client.post(url("v2/consentement/"), {"decision": "consent"})

    v2.refresh_from_db()
    assert v2.status == "consent"  # Bob's consent to version 1 does not carry over
    assert list(v2.consents.values_list("user__display_name", flat=True)) == ["Alice"]


def test_when_the_last_awaited_member_leaves_through_the_site_the_charter_is_adopted(
    client: Client, cast: Cast, written: Charter
) -> None:
    alice = Membership.objects.get(user=cast.alice, group=cast.group)
    bob = Membership.objects.get(user=cast.bob, group=cast.group)
    actions.ask_for_consent(written, by=alice)
    actions.answer_consent(written, "consent", by=alice)
    client.force_login(cast.bob)

    client.post(f"/mes-groupes/{cast.group.slug}/quitter/")

    written.refresh_from_db()
    bob.refresh_from_db()
    assert bob.status == "left"
    assert written.status == "adopted"


def test_when_the_last_awaited_member_goes_back_to_listening_the_charter_is_adopted(
    client: Client, cast: Cast, written: Charter
) -> None:
    alice = Membership.objects.get(user=cast.alice, group=cast.group)
    actions.ask_for_consent(written, by=alice)
    actions.answer_consent(written, "consent", by=alice)
    client.force_login(cast.bob)

    client.post(f"/mes-groupes/{cast.group.slug}/ecouter/")

    written.refresh_from_db()
    assert written.status == "adopted"
