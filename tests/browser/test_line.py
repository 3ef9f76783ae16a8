"""A listening line's month in real browsers, at 360 px: Coralie proposes next month's rota,
adjusts it by hand (a refusal in words, then a change the rules allow) and publishes it; Bob
offers one of his shifts and Alice swaps one of hers for it; both are told."""

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.text import slugify

from entraide.organisations.models import Organisation
from entraide.pairing import line_actions
from entraide.pairing.models import LineShift, PeerApplication, Programme, ShiftAssignment
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import (
    click,
    coralie_secret,
    current_code,
    person,
    status,
)
from tests.browser.test_joining import log_in

# A fixture from the founding journey's tests, used here by name.
__all__ = ["coralie_secret"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Ligne d'écoute du soir"


@pytest.fixture
def line(organisation: Organisation) -> Programme:
    made = Programme.objects.create(
        organisation=organisation,
        kind=Programme.Kind.LISTENING_LINE,
        name=NAME,
        description="Une voix au bout du fil, le soir.",
        modes=["phone"],
        remote=True,
        is_published=True,
    )
    LineShift.objects.create(
        programme=made, day="tue", starts_at="18:00", ends_at="21:00", wanted=1
    )
    return made


def volunteer(line: Programme, email: str, name: str, offer: int | None) -> PeerApplication:
    application = PeerApplication.objects.create(
        programme=line,
        user=person(email, name),
        experience="J'ai été écouté·e un soir difficile.",
        motivation="Écouter à mon tour.",
        status=PeerApplication.Status.ACCEPTED,
        decided_at=timezone.now(),
        shifts_per_month=2,
    )
    if offer is not None:
        month = line_actions.next_month(line_actions.month_of(timezone.localdate()))
        line_actions.give_availability(application, month, list(line.line_shifts.all()), offer)
    return application


def test_a_month_is_proposed_adjusted_published_and_two_volunteers_swap(
    page: Any, tab_for: Any, live_server: Any, line: Programme, coralie_secret: str
) -> None:
    base = live_server.url
    bob = volunteer(line, "bob@example.org", "Bob", 2)
    alice = volunteer(line, "alice@example.org", "Alice", 2)
    volunteer(line, "chloe@example.org", "Chloé", None)
    month = line_actions.next_month(line_actions.month_of(timezone.localdate()))

    # Coralie opens the line's planning for next month and asks for a proposal.
    log_in(page, base, "coralie@example.org")
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(coralie_secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()
    page.goto(f"{base}/organisations/centre-nantes/programmes/{line.pk}/")
    click(page, "link", "Les permanences et le planning")
    audited(page)
    page.goto(
        f"{base}/organisations/centre-nantes/programmes/{line.pk}/permanences/"
        f"{month.year}/{month.month}/"
    )
    click(page, "button", "Proposer le planning")
    assert "Voici le planning proposé" in status(page)
    audited(page)
    assert ShiftAssignment.objects.filter(application=bob).count() == 2
    assert ShiftAssignment.objects.filter(application=alice).count() == 2

    # She takes Alice off her first shift: a gap opens, said in words.
    first = ShiftAssignment.objects.filter(application=alice).order_by("day").first()
    assert first is not None
    row = page.locator(f"#shift-{slugify(first.key)}")
    row.get_by_role("button", name="Retirer Alice").click()
    page.wait_for_load_state()
    assert "Il manque 1 personne" in row.inner_text()

    # Chloé gave no availability: the rules refuse her, in words; Alice may go back.
    row.get_by_label("Ajouter").select_option(label="Chloé")
    row.get_by_role("button", name="Ajouter à cette permanence").click()
    page.wait_for_load_state()
    assert "pas dit être disponible" in status(page)
    row.get_by_label("Ajouter").select_option(label="Alice")
    row.get_by_role("button", name="Ajouter à cette permanence").click()
    page.wait_for_load_state()
    assert "La personne est ajoutée" in status(page)
    audited(page)

    # She publishes: Bob and Alice are told.
    mail.outbox.clear()
    click(page, "button", "Publier le planning")
    assert "Le planning est publié" in status(page)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]

    # Bob offers his first shift.
    bobs = ShiftAssignment.objects.filter(application=bob).order_by("day").first()
    assert bobs is not None
    bob_tab = tab_for()
    log_in(bob_tab, base, "bob@example.org")
    bob_tab.goto(f"{base}/mes-demarches-individuelles/")
    click(bob_tab, "link", "Mes permanences")
    audited(bob_tab)
    click(bob_tab, "button", f"Proposer ma permanence du {bobs.day.day}", exact=False)
    assert "proposée aux autres bénévoles" in status(bob_tab)

    # Alice takes it, giving one of hers in exchange.
    alices = ShiftAssignment.objects.filter(application=alice).order_by("day").first()
    assert alices is not None
    alice_tab = tab_for()
    log_in(alice_tab, base, "alice@example.org")
    alice_tab.goto(f"{base}/mes-demarches-individuelles/candidature/{alice.pk}/permanences/")
    audited(alice_tab)
    alice_tab.get_by_label("En échange").select_option(index=1)
    mail.outbox.clear()
    click(alice_tab, "button", "Reprendre la permanence", exact=False)
    assert "la permanence est à vous" in status(alice_tab)
    audited(alice_tab)
    bobs.refresh_from_db()
    alices.refresh_from_db()
    assert (bobs.application_id, alices.application_id) == (alice.pk, bob.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
