"""Shared leadership in real browsers, at 360 px: Lucie, a volunteer of the pairing programme,
reads its figures and proposes a change; Nora objects with a reason; Lucie rewrites it and Nora
consents, so the change is adopted; Coralie, the coordinator, puts it into practice and Nora
reads what the team did."""

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from entraide.organisations.models import Organisation
from entraide.pairing import actions
from entraide.pairing.models import Change, Programme, TrainingModule
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import (
    click,
    coralie_secret,
    current_code,
    main,
    person,
    status,
)
from tests.browser.test_joining import log_in

__all__ = ["coralie_secret"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(organisation: Organisation, coralie_secret: str) -> Programme:
    made = Programme.objects.create(
        organisation=organisation,
        kind=Programme.Kind.PAIRING,
        name="Jumelage deuil",
        description="Un pair pour traverser un deuil.",
        languages=["fr"],
        modes=["phone"],
        remote=True,
        is_published=True,
    )
    module = TrainingModule.objects.create(programme=made, name="Écoute active")
    coralie = organisation.roles.get().user
    for email, name in (("lucie@example.org", "Lucie"), ("nora@example.org", "Nora")):
        application = actions.apply(
            made,
            person(email, name),
            {
                "experience": "J'ai perdu ma mère.",
                "motivation": "Rendre ce que l'on m'a donné.",
                "availability": ["tue-evening"],
                "languages": ["fr"],
                "modes": ["phone"],
                "capacity": 1,
                "themes": [],
                "place": None,
            },
        )
        application = actions.decide(application, "accepted", [], "Bienvenue.", by=coralie)
        actions.record_training(application, module, timezone.localdate(), "Inès", by=coralie)
    mail.outbox.clear()
    return made


def test_volunteers_adopt_a_change_by_consent_and_the_team_puts_it_into_practice(
    page: Any, tab_for: Any, live_server: Any, programme: Programme, coralie_secret: str
) -> None:
    base = live_server.url

    # Lucie reads the programme's figures from her application, and proposes a change.
    log_in(page, base, "lucie@example.org")
    page.goto(base + "/mes-demarches-individuelles/")
    click(page, "link", "Jumelage deuil")
    click(page, "link", "Jumelage deuil, ensemble : les chiffres du programme et les changements")
    assert "Les bénévoles aujourd'hui" in main(page)
    assert "moins de 5" in main(page)  # two volunteers: never a count of fewer than five
    audited(page)
    click(page, "link", "Proposer un changement")
    page.get_by_label("la formation").check()
    page.get_by_label("Votre proposition en quelques mots").fill("Un module sur le deuil périnatal")
    page.get_by_label("Ce qui changerait, et pourquoi").fill("Plusieurs demandes en parlent.")
    audited(page)
    click(page, "button", "Envoyer ma proposition")
    assert "Votre proposition est envoyée" in status(page)
    assert "1 bénévole sur 2 a consenti." in main(page)
    audited(page)
    assert [m.to for m in mail.outbox] == [["nora@example.org"]]
    change = Change.objects.get()

    # Nora objects, and must say why.
    nora = tab_for()
    log_in(nora, base, "nora@example.org")
    nora.goto(base + f"/mes-demarches-individuelles/programmes/{programme.pk}/ensemble/")
    click(nora, "link", "Un module sur le deuil périnatal")
    nora.get_by_label("j'ai une objection").check()
    click(nora, "button", "Donner ma réponse")
    assert "Dites ce qui vous retient" in main(nora)
    audited(nora)
    nora.get_by_label("j'ai une objection").check()
    nora.get_by_label("Ce qui vous retient (si vous avez une objection)").fill(
        "Dites quand et avec qui."
    )
    click(nora, "button", "Donner ma réponse")
    assert "Votre objection est notée" in status(nora)

    # Lucie reads the objection and rewrites her proposal; Nora consents to the new version.
    page.reload()
    assert "Dites quand et avec qui." in main(page)
    click(page, "link", "La réécrire")
    page.get_by_label("Ce qui changerait, et pourquoi").fill(
        "Deux heures au printemps, avec une association qui connaît ce deuil."
    )
    click(page, "button", "Envoyer la nouvelle version")
    assert "chaque bénévole est invité à répondre" in status(page)
    nora.reload()
    assert "Deux heures au printemps" in main(nora)
    nora.get_by_label("je consens").check()
    click(nora, "button", "Donner ma réponse")
    assert "le changement est adopté" in status(nora)
    change.refresh_from_db()
    assert (change.status, change.version) == ("adopted", 2)

    # Coralie puts it into practice from the programme's page; Nora reads what was done.
    coralie = tab_for()
    log_in(coralie, base, "coralie@example.org")
    coralie.wait_for_url("**/compte/2fa/authenticate/")
    coralie.locator("input[name=code]").fill(current_code(coralie_secret))
    coralie.locator("input[name=code]").press("Enter")
    coralie.wait_for_load_state()
    coralie.goto(base + f"/organisations/centre-nantes/programmes/{programme.pk}/")
    assert "1 changement adopté à mettre en œuvre" in main(coralie)
    click(coralie, "link", "Ce que proposent les bénévoles")
    audited(coralie)
    click(coralie, "link", "Un module sur le deuil périnatal")
    coralie.get_by_label("Ce que l'équipe a fait").fill("Module prévu le 12 mars.")
    audited(coralie)
    click(coralie, "button", "C'est fait : prévenir les bénévoles")
    assert "les bénévoles sont prévenus" in status(coralie)
    nora.reload()
    assert "Module prévu le 12 mars." in main(nora)
    audited(nora)
