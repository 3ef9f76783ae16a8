"""A first pair in real browsers, at 360 px: Coralie proposes Lucie to Zoé from the programme's
suggestions; both accept, and only then see each other's address; Zoé writes to Lucie through
the platform; two weeks later Zoé answers her check-in, which Coralie reads (never their
messages)."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from entraide.directory.models import Theme
from entraide.organisations.models import Organisation
from entraide.pairing import actions, pair_actions
from entraide.pairing.models import CheckIn, Pair, PeerApplication, Programme, TrainingModule
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
    grief, _new = Theme.objects.get_or_create(
        slug="deuil", defaults={"name_fr": "Deuil", "name_en": "Bereavement"}
    )
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
    made.themes.set([grief])
    module = TrainingModule.objects.create(programme=made, name="Écoute active")
    coralie = organisation.roles.get().user
    lucie = person("lucie@example.org", "Lucie")
    application = actions.apply(
        made,
        lucie,
        {
            "experience": "J'ai perdu ma mère.",
            "motivation": "Rendre ce que l'on m'a donné.",
            "availability": ["tue-evening"],
            "languages": ["fr"],
            "modes": ["phone"],
            "capacity": 1,
            "themes": [grief],
            "place": None,
        },
    )
    application = actions.decide(application, "accepted", [], "Bienvenue.", by=coralie)
    actions.record_training(application, module, timezone.localdate(), "Inès", by=coralie)
    zoe = person("zoe@example.org", "Zoé")
    actions.ask_for_peer(
        made,
        zoe,
        {
            "theme": grief,
            "hopes": "Ne plus me sentir seule.",
            "languages": ["fr"],
            "availability": ["tue-evening"],
            "mode": "phone",
            "consent": True,
        },
    )
    mail.outbox.clear()
    return made


def test_coralie_proposes_a_pair_both_accept_write_and_zoe_answers_her_checkin(
    page: Any, tab_for: Any, live_server: Any, programme: Programme, coralie_secret: str
) -> None:
    base = live_server.url
    assert PeerApplication.objects.get().is_ready

    # Coralie opens the programme's suggestions and proposes Lucie to Zoé.
    log_in(page, base, "coralie@example.org")
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(coralie_secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()
    page.goto(base + f"/organisations/centre-nantes/programmes/{programme.pk}/")
    click(page, "link", "Jumelages et suggestions")
    assert "même expérience : Deuil · mardi soir" in main(page)
    audited(page)
    page.get_by_label("Le plus de personnes").check()
    click(page, "button", "Montrer les suggestions")
    click(page, "button", "Proposer ce jumelage avec Lucie")
    assert "Le jumelage est proposé" in status(page)
    audited(page)
    assert sorted(m.to[0] for m in mail.outbox) == ["lucie@example.org", "zoe@example.org"]
    pair = Pair.objects.get()

    # Zoé accepts, and writes to Lucie; she does not see Lucie's address yet.
    zoe = tab_for()
    log_in(zoe, base, "zoe@example.org")
    zoe.goto(base + "/mes-demarches-individuelles/")
    click(zoe, "link", "Mes jumelages")
    click(zoe, "link", "Jumelage deuil")
    audited(zoe)
    click(zoe, "button", "J'accepte ce jumelage")
    assert "Dès que l'autre personne aura accepté" in status(zoe)
    assert "lucie@example.org" not in main(zoe)
    zoe.get_by_label("Votre message").fill("Bonjour Lucie, merci d'avoir accepté.")
    click(zoe, "button", "Envoyer")
    assert "Votre message est envoyé" in status(zoe)
    audited(zoe)

    # Lucie reads it and accepts: both see the other's address.
    lucie = tab_for()
    log_in(lucie, base, "lucie@example.org")
    lucie.goto(base + f"/mes-demarches-individuelles/jumelage/{pair.pk}/")
    assert "merci d'avoir accepté" in main(lucie)
    click(lucie, "button", "J'accepte ce jumelage")
    assert "le jumelage commence" in status(lucie)
    assert "zoe@example.org" in main(lucie)
    audited(lucie)
    zoe.reload()
    assert "lucie@example.org" in main(zoe)

    # Two weeks later, the check-ins go out; Zoé answers hers.
    Pair.objects.filter(pk=pair.pk).update(
        activated_at=timezone.now() - dt.timedelta(weeks=2, hours=1)
    )
    assert pair_actions.send_checkins() == 2
    zoe.reload()
    click(zoe, "link", "Répondre au point d'étape de la 2e semaine")
    audited(zoe)
    zoe.get_by_label("4").check()
    zoe.get_by_label("En quelques mots, si vous le souhaitez").fill("Lucie m'écoute vraiment.")
    click(zoe, "button", "Envoyer mes réponses")
    assert "Vos réponses sont transmises" in status(zoe)
    assert CheckIn.objects.get(side="seeker").how == 4

    # Coralie reads the answer on the pair's page, never their messages.
    page.goto(base + f"/organisations/centre-nantes/programmes/{programme.pk}/jumelages/")
    click(page, "link", "Zoé ↔ Lucie")
    assert "Lucie m'écoute vraiment." in main(page)
    assert "merci d'avoir accepté" not in main(page)
    audited(page)
