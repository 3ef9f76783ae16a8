"""The handlers' side: the board with the new concerns first, then acknowledging, noting,
taking on a mediation and closing, each step audit-logged; the person who raised the concern
sees its status and the messages meant for them, never the handlers' notes."""

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.safeguarding import actions
from entraide.safeguarding.models import Concern, ConcernStep
from entraide.safeguarding.tests.conftest import BOARD, MINE, raise_as, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern(client: Client, accompanied: Cast, sabine: User) -> Concern:
    raise_as(
        client,
        accompanied.bob,
        kind="conflict",
        mediation="on",
        description="Deux membres se coupent la parole.",
    )
    client.logout()
    mail.outbox.clear()
    return Concern.objects.get()


def page_of(concern: Concern) -> str:
    return f"{BOARD}{concern.pk}/"


def test_the_board_shows_new_concerns_first_then_followed_then_finished(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    def make(kind: str, status: str, days_ago: int) -> Concern:
        made = Concern.objects.create(
            group=accompanied.group,
            organisation=accompanied.group.organisation,  # type: ignore[misc]
            raised_by=accompanied.bob,
            kind=kind,
            description="…",
            status=status,
        )
        Concern.objects.filter(pk=made.pk).update(
            created_at=timezone.now() - dt.timedelta(days=days_ago)
        )
        return made

    make("complex", "closed", 1)
    make("crisis", "acknowledged", 0)
    make("child_protection", "new", 9)
    make("conflict", "new", 2)
    make("physical_threat", "withdrawn", 0)
    client.force_login(sabine)

    board = text_of(client.get(BOARD))

    # A child in danger comes before a conflict, though the conflict is more recent: urgency
    # first, then what nobody has looked at yet.
    order = [
        "La sécurité d'un enfant",
        "Un conflit dans le groupe",
        "Une personne en crise",
        "Une menace ou une violence physique",
        "Une situation complexe",
    ]
    positions = [board.index(label) for label in order]
    assert positions == sorted(positions)
    assert board.index("À suivre") < positions[0]
    assert positions[2] < board.index("Closes ou retirées") < positions[3]
    assert "Les référent·es protection de l'organisation reçoivent ces signalements" in board
    assert "Sabine" in board


def test_a_person_in_crisis_looks_urgent_on_the_board_and_a_conflict_does_not(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    def make(kind: str) -> Concern:
        return Concern.objects.create(
            group=accompanied.group,
            organisation=accompanied.group.organisation,  # type: ignore[misc]
            raised_by=accompanied.bob,
            kind=kind,
            description="…",
        )

    make("crisis")
    make("conflict")
    client.force_login(sabine)

    html = client.get(BOARD).content.decode()

    cards = re.findall(r'<li class="card concern-card[^"]*">.*?</li>\s*</ul>\s*</li>', html, re.S)
    crisis = next(card for card in cards if "Une personne en crise" in card)
    conflict = next(card for card in cards if "Un conflit dans le groupe" in card)
    assert "concern-card-urgent" in crisis and "concern-card-urgent" not in conflict
    # In words, not only in colour.
    assert "Urgent" in crisis and "Urgent" not in conflict
    assert html.index("Une personne en crise") < html.index("Un conflit dans le groupe")
    page = client.get(page_of(Concern.objects.get(kind="crisis"))).content.decode()
    assert "Urgent" in page


def test_the_concern_page_shows_what_was_written_and_who_raised_it(
    client: Client, concern: Concern, sabine: User
) -> None:
    client.force_login(sabine)

    page = text_of(client.get(page_of(concern)))

    assert "Deux membres se coupent la parole." in page
    assert "Bob" in page
    assert "demandée" in page
    assert "Prendre en compte" in page
    # A mediation and closing come after acknowledging.
    assert "Prendre en charge la médiation" not in page
    assert "Clore cette inquiétude" not in page


def test_a_concern_is_followed_from_acknowledgment_to_closing_with_its_audit_trail(
    client: Client,
    concern: Concern,
    sabine: User,
    accompanied: Cast,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(sabine)
    base = page_of(concern)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(base + "prendre-en-compte/", {"acknowledge-message": "Je vous appelle."})
        client.post(
            base + "mediation/", {"mediation-message": "Je viendrai à la prochaine rencontre."}
        )
        client.post(base + "noter/", {"note-note": "Appel avec Bob : il se sent mieux."})
        client.post(base + "noter/", {"note-message": "Merci pour votre confiance."})
        response = client.post(
            base + "clore/",
            {"close-note": "Médiation faite le 3 mars.", "close-message": "Tout est réglé."},
        )

    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "closed"
    assert concern.acknowledged_at and concern.mediation_taken_at and concern.closed_at
    steps = list(concern.steps.values_list("kind", "author__email", "note", "message"))
    kinds = [step[0] for step in steps]
    assert kinds == ["acknowledged", "mediation", "noted", "message", "closed"]
    assert all(step[1] == "sabine@example.org" for step in steps)
    assert steps[2][2] == "Appel avec Bob : il se sent mieux."
    assert steps[4][2:] == ("Médiation faite le 3 mars.", "Tout est réglé.")
    journal = list(
        AuditEvent.objects.filter(action__startswith="concern.")
        .order_by("pk")
        .values_list("action", "actor__email", "detail")
    )
    assert journal == [
        ("concern.raised", None, "conflict"),
        ("concern.acknowledged", "sabine@example.org", ""),
        ("concern.noted", "sabine@example.org", "mediation"),
        ("concern.noted", "sabine@example.org", "action"),
        ("concern.noted", "sabine@example.org", "message"),
        ("concern.closed", "sabine@example.org", ""),
    ]
    assert not AuditEvent.objects.filter(subject=accompanied.bob).exists()
    # Bob is told of each step that concerns him, never of its words; the internal note
    # alone sends nothing.
    assert [m.to for m in mail.outbox] == [["bob@example.org"]] * 4
    for message in mail.outbox:
        assert "/mes-inquietudes/" in message.body
        for words in ("Je vous appelle", "prochaine rencontre", "confiance", "réglé", "3 mars"):
            assert words not in message.body
    assert "a pris en compte votre signalement" in mail.outbox[0].body
    assert "prend en charge la médiation" in mail.outbox[1].body
    assert "vous a écrit au sujet de votre signalement" in mail.outbox[2].body
    assert "a clos votre signalement" in mail.outbox[3].body


def test_the_person_sees_the_status_and_the_messages_never_the_notes(
    client: Client, concern: Concern, sabine: User, accompanied: Cast
) -> None:
    client.force_login(accompanied.bob)
    assert "Envoyée, pas encore prise en compte" in text_of(client.get(MINE))
    actions.acknowledge(concern, by=sabine, message="Nous avons bien lu.")
    actions.note(concern, by=sabine, note="Bob semble inquiet pour Jeanne.")

    page = text_of(client.get(MINE))

    assert "Prise en compte" in page
    assert "Nous avons bien lu." in page
    assert "Bob semble inquiet" not in page
    assert "Deux membres se coupent la parole." in page
    assert "Retirer ce signalement" in page


def test_closing_needs_what_was_done(client: Client, concern: Concern, sabine: User) -> None:
    actions.acknowledge(concern, by=sabine)
    client.force_login(sabine)

    page = text_of(client.post(page_of(concern) + "clore/", {"close-message": "Au revoir."}))

    assert "Écrivez ce qui a été fait avant de clore." in page
    assert "Au revoir." in page
    concern.refresh_from_db()
    assert concern.status == "acknowledged"


def test_an_empty_note_is_refused_in_french(client: Client, concern: Concern, sabine: User) -> None:
    actions.acknowledge(concern, by=sabine)
    client.force_login(sabine)

    page = text_of(client.post(page_of(concern) + "noter/", {"note-note": " "}))

    assert "Écrivez une note, un message à la personne, ou les deux." in page
    assert concern.steps.count() == 1


def test_a_step_that_is_no_longer_possible_changes_nothing(
    client: Client, concern: Concern, sabine: User
) -> None:
    client.force_login(sabine)
    base = page_of(concern)

    early_note = client.post(base + "noter/", {"note-note": "Trop tôt."})
    early_close = client.post(base + "clore/", {"close-note": "Trop tôt."})
    client.post(base + "prendre-en-compte/", {})
    twice = client.post(base + "prendre-en-compte/", {}, follow=True)

    assert early_note.status_code == early_close.status_code == 302
    assert "Cette étape n'est plus possible" in text_of(twice)
    assert list(concern.steps.values_list("kind", flat=True)) == ["acknowledged"]
    assert AuditEvent.objects.filter(action="concern.acknowledged").count() == 1


def test_a_mediation_cannot_be_taken_on_when_none_was_asked(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    raise_as(client, accompanied.bob, kind="crisis")
    crisis = Concern.objects.get()
    actions.acknowledge(crisis, by=sabine)
    client.force_login(sabine)

    page = text_of(client.get(page_of(crisis)))
    client.post(page_of(crisis) + "mediation/", {})

    assert "Prendre en charge la médiation" not in page
    crisis.refresh_from_db()
    assert crisis.mediation_taken_at is None


def test_a_closed_concern_offers_nothing_more(
    client: Client, concern: Concern, sabine: User
) -> None:
    actions.acknowledge(concern, by=sabine)
    actions.close(concern, by=sabine, note="Fait.")
    client.force_login(sabine)

    page = text_of(client.get(page_of(concern)))

    assert "Cette inquiétude est close." in page
    assert "<textarea" not in page


def test_each_handler_sees_only_the_concerns_of_their_own_organisation(
    client: Client, concern: Concern, elsewhere: Any, accompanied: Cast
) -> None:
    from conftest import staff_person
    from entraide.organisations.models import OrganisationRole

    lea = staff_person("lea@example.org", "Léa")
    OrganisationRole.objects.create(user=lea, organisation=elsewhere, role="safeguarding_lead")
    client.force_login(lea)

    assert client.get("/organisations/centre-lyon/vigilance/").status_code == 200
    assert "Deuil Nantes" not in text_of(client.get("/organisations/centre-lyon/vigilance/"))
    assert client.get(f"/organisations/centre-lyon/vigilance/{concern.pk}/").status_code == 404
    assert client.get(page_of(concern)).status_code == 404


def test_the_concern_stays_with_the_organisation_that_received_it(
    client: Client, concern: Concern, sabine: User, accompanied: Cast, elsewhere: Any
) -> None:
    accompanied.group.organisation = elsewhere
    accompanied.group.save(update_fields=["organisation"])
    client.force_login(sabine)

    assert client.get(page_of(concern)).status_code == 200
    assert ConcernStep.objects.count() == 0
