"""Becoming a peer supporter in real browsers, at 360 px: Lucie applies to the Nantes centre's
pairing programme; Coralie, its coordinator, plans the interview, writes her notes, accepts
Lucie against the programme's criteria and records her training; Lucie is ready and asks for
a debrief, which Coralie finds on the programme's page."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from entraide.organisations.models import Organisation
from entraide.pairing.models import PeerApplication, Programme, TrainingModule
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

# A fixture from the founding journey's tests, used here by name.
__all__ = ["coralie_secret"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Jumelage deuil"


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    made = Programme.objects.create(
        organisation=organisation,
        kind=Programme.Kind.PAIRING,
        name=NAME,
        description="Un pair pour traverser un deuil, à votre rythme.",
        languages=["fr"],
        modes=["in_person", "phone"],
        area="44000 Nantes",
        criteria=["Expérience personnelle pertinente", "Capacité d'écoute et empathie"],
        is_published=True,
    )
    TrainingModule.objects.create(programme=made, name="Écoute active")
    return made


def test_lucie_applies_is_interviewed_accepted_trained_and_asks_for_a_debrief(
    page: Any,
    tab_for: Any,
    live_server: Any,
    programme: Programme,
    coralie_secret: str,
) -> None:
    base = live_server.url
    person("lucie@example.org", "Lucie")

    # Lucie finds the programme on the organisation's page and applies.
    lucie = tab_for()
    log_in(lucie, base, "lucie@example.org")
    lucie.goto(base + "/organisations/centre-nantes/")
    click(lucie, "link", NAME)
    assert "Devenir pair aidant·e" in main(lucie)
    audited(lucie)
    click(lucie, "link", "Proposer ma candidature")
    audited(lucie)
    lucie.get_by_label("Votre expérience, avec vos mots").fill(
        "J'ai perdu ma mère il y a six ans. Un groupe de parole m'a aidée."
    )
    lucie.get_by_label("Pourquoi vous voulez devenir pair aidant·e").fill(
        "Rendre ce que l'on m'a donné."
    )
    lucie.get_by_label("mardi soir").check()
    lucie.get_by_label("samedi matin").check()
    lucie.get_by_label("français").check()
    lucie.get_by_label("en personne").check()
    click(lucie, "button", "Envoyer ma candidature")
    assert "indiquez un code postal" in main(lucie)
    lucie.get_by_label("Code postal ou ville").fill("44000")
    lucie.get_by_label("2", exact=True).check()
    click(lucie, "button", "Envoyer ma candidature")
    assert "Votre candidature est envoyée" in status(lucie)
    audited(lucie)
    application = PeerApplication.objects.get()
    assert application.town == "Nantes"
    assert [m.to for m in mail.outbox] == [["coralie@example.org"]]

    # Coralie signs in with her second factor and opens the programme from "Mon compte".
    log_in(page, base, "coralie@example.org")
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(coralie_secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()
    page.goto(base + "/compte/")
    click(page, "link", "Les programmes d'entraide individuelle de Centre d'entraide de Nantes")
    audited(page)
    click(page, "link", NAME)
    audited(page)
    click(page, "link", "Lucie")
    assert "J'ai perdu ma mère" in main(page)
    audited(page)

    # She plans the interview: Lucie gets an e-mail.
    day = timezone.localdate() + dt.timedelta(days=6)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Heure").fill("14:30")
    page.get_by_role("group", name="Comment").get_by_label("par téléphone").check()
    click(page, "button", "Prévoir l'entretien")
    assert "L'entretien est prévu" in status(page)
    assert mail.outbox[-1].to == ["lucie@example.org"]
    lucie.reload()
    assert "Entretien" in main(lucie)

    # After the interview: private notes, then the decision against each criterion.
    page.get_by_label("Notes d'entretien").fill("Très à l'écoute, beaucoup de recul.")
    click(page, "button", "Enregistrer les notes")
    assert "Les notes sont enregistrées." in status(page)
    for criterion in ("Expérience personnelle pertinente", "Capacité d'écoute et empathie"):
        page.get_by_role("group", name=criterion).get_by_label("Rempli", exact=True).check()
    page.get_by_label("Accepter la candidature").check()
    page.get_by_label("Votre message à la personne").fill(
        "Merci pour votre candidature et pour notre échange. Bienvenue dans le programme !"
    )
    click(page, "button", "Enregistrer la décision et écrire à la personne")
    assert "La décision est enregistrée." in status(page)
    audited(page)
    assert "Bienvenue dans le programme" in mail.outbox[-1].body

    # Lucie reads the answer; she is not ready before her training.
    lucie.reload()
    assert "Bienvenue dans le programme" in main(lucie)
    assert "beaucoup de recul" not in main(lucie)
    assert "Encore à suivre" in main(lucie)
    audited(lucie)

    # Coralie records the training: Lucie is ready.
    page.get_by_label("Module").select_option(label="Écoute active")
    page.get_by_label("Formé·e par").fill("Inès Morel")
    click(page, "button", "Noter la formation")
    assert "La formation est notée." in status(page)
    assert PeerApplication.objects.get().is_ready
    lucie.reload()
    assert "Vous êtes prêt·e" in main(lucie)

    # Lucie asks for a debrief after a heavy conversation; Coralie finds it on the programme.
    lucie.get_by_label("Un mot, si vous voulez").fill("Un échange difficile hier.")
    click(lucie, "button", "Demander un temps d'échange")
    assert "Votre demande est envoyée" in status(lucie)
    audited(lucie)
    page.goto(base + f"/organisations/centre-nantes/programmes/{programme.pk}/")
    assert "Demandes de temps d'échange" in main(page)
    assert "Lucie" in main(page).split("Candidatures à étudier")[0]
    audited(page)

    # Lucie finds everything again from "Mon compte".
    lucie.goto(base + "/compte/")
    click(lucie, "link", "Mes démarches d'entraide individuelle")
    assert NAME in main(lucie)
    audited(lucie)


def test_zoe_asks_for_a_peer_with_her_consent_and_may_withdraw(
    page: Any, live_server: Any, programme: Programme
) -> None:
    base = live_server.url
    programme.intake_questions = ["Depuis combien de temps vivez-vous ce deuil ?"]
    programme.save()
    person("zoe@example.org", "Zoé")

    log_in(page, base, "zoe@example.org")
    page.goto(base + f"/programmes/{programme.pk}/")
    audited(page)
    click(page, "link", "Demander un pair")
    audited(page)
    page.get_by_label("Ce que vous espérez de ce jumelage").fill("Ne plus me sentir seule.")
    page.get_by_label("français").check()
    page.get_by_label("samedi matin").check()
    page.get_by_role("group", name="Comment vous aimeriez échanger").get_by_label(
        "par téléphone"
    ).check()
    page.get_by_label("Depuis combien de temps").fill("Trois mois.")
    click(page, "button", "Envoyer ma demande")
    assert "Votre accord est nécessaire" in main(page)
    audited(page)
    page.get_by_label("J'accepte que l'équipe du programme lise").check()
    click(page, "button", "Envoyer ma demande")
    assert "Votre demande est envoyée" in status(page)
    assert "Ne plus me sentir seule." in main(page)
    audited(page)

    click(page, "button", "Retirer ma demande")
    assert "Votre demande est retirée" in status(page)
    audited(page)
