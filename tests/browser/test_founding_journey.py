"""The whole founding journey of issue 4 in real browsers, four people each in their own:
Jean starts a group, Coralie's organisation accompanies it, Martine and Sami join it, and the
group adopts its charter by consent and becomes autonomous."""

import datetime as dt
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from conftest import PASSWORD
from entraide.accounts.models import User
from entraide.charters.questions import QUESTIONS
from entraide.directory.models import SupportGroup, Theme
from entraide.meetings.models import Meeting
from entraide.organisations.models import Organisation, OrganisationRole
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP_NAME = "Deuil périnatal Nantes"
ORGANISATION = "Centre d'entraide de Nantes"


def person(email: str, name: str) -> User:
    """An existing account with a verified address, French pages, like the `cast` fixture's."""
    someone = User.objects.create_user(email, PASSWORD, display_name=name, preferred_language="fr")
    EmailAddress.objects.create(user=someone, email=email, verified=True, primary=True)
    return someone


def with_authenticator(email: str, name: str, organisation: Organisation, role: str) -> str:
    """An account holding a role in the organisation, with an authenticator app as its staff
    must: the app's secret, to compute the codes."""
    someone = person(email, name)
    OrganisationRole.objects.create(user=someone, organisation=organisation, role=role)
    secret = generate_totp_secret()
    TOTP.activate(someone, secret)
    return str(secret)


@pytest.fixture
def coralie_secret(organisation: Organisation) -> str:
    """Coralie coordinates the organisation."""
    return with_authenticator(
        "coralie@example.org", "Coralie", organisation, OrganisationRole.Role.COORDINATOR
    )


@pytest.fixture
def people(theme: Callable[..., Theme], coralie_secret: str) -> None:
    theme("deuil-perinatal", "Deuil périnatal", "Perinatal bereavement")
    person("jean@example.org", "Jean")
    person("martine@example.org", "Martine")
    person("sami@example.org", "Sami")


def main(page: Any) -> str:
    text: str = page.locator("main").inner_text()
    return text


def status(page: Any) -> str:
    text: str = page.get_by_role("status").inner_text()
    return text


def click(page: Any, role: str, name: str, **options: Any) -> None:
    page.get_by_role(role, name=name, **options).first.click()
    page.wait_for_load_state()


def current_code(secret: str) -> str:
    """What Coralie's authenticator app shows now: the middle of allauth's tolerance window.

    allauth accepts no neighbouring step by default: near the end of a step, wait for the next
    one, so that the code is still valid when the server checks it.
    """
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 3:
        time.sleep(left + 0.1)
    counters = list(yield_hotp_counters_from_time())
    return str(format_hotp_value(hotp_value(secret, counters[len(counters) // 2])))


def link_in_last_mail_to(email: str, base: str) -> str:
    """The site's address in the last e-mail sent to `email`, on the test server."""
    message = [m for m in mail.outbox if email in m.to][-1]
    found = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert found is not None, message.body
    return base + found.group(1)


def in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_jean_founds_a_group_with_coralie_martine_and_sami_until_it_is_autonomous(
    page: Any,
    live_server: Any,
    tab_for: Callable[[], Any],
    people: None,
    coralie_secret: str,
    organisation: Organisation,
) -> None:
    base = live_server.url
    jean = page

    # 1. Jean starts a project: the public side of the group, then his motivation interview.
    log_in(jean, base, "jean@example.org")
    jean.goto(base + "/creer-un-groupe/")
    assert serious_violations(jean) == []
    assert fits_the_screen(jean)
    jean.get_by_label("Le nom du groupe").fill(GROUP_NAME)
    jean.get_by_label("Le groupe en une phrase").fill(
        "Parents endeuillés d'un tout-petit, on se retrouve pour en parler."
    )
    jean.get_by_label("Deuil périnatal").check()
    jean.get_by_label("Groupe de parole", exact=True).check()
    jean.get_by_label("Personnes concernées", exact=True).check()
    jean.get_by_label("En présentiel", exact=True).check()
    jean.get_by_label("Code postal ou ville").fill("44000")
    jean.get_by_label("Gratuit", exact=True).check()
    jean.get_by_label("Quel est votre besoin ?").fill("Parler de notre fille avec d'autres.")
    jean.get_by_label("Avec qui aimeriez-vous échanger ?").fill("Des parents qui ont vécu cela.")
    jean.get_by_label("Qu'est-ce qui vous pousse à créer ce groupe ?").fill(
        "Il n'existe rien près de chez nous."
    )
    click(jean, "button", "Enregistrer mon projet")
    jean.wait_for_url("**/creer-un-groupe/*/")
    slug = jean.url.rstrip("/").rsplit("/", 1)[-1]
    overview = f"{base}/creer-un-groupe/{slug}/"
    assert "Votre projet de groupe est enregistré." in status(jean)
    assert "Étape 1 sur 5 : Entretien de motivation" in main(jean)
    assert "Le groupe n'est pas encore visible dans l'annuaire." in main(jean)
    assert serious_violations(jean) == []
    assert fits_the_screen(jean)

    # He asks the organisation to accompany him.
    click(jean, "link", "L'accompagnement par une organisation")
    jean.get_by_label("L'organisation à qui demander un accompagnement").select_option(
        label=ORGANISATION
    )
    jean.get_by_label("Un mot pour l'organisation").fill("J'aimerais être aidé pour démarrer.")
    click(jean, "button", "Envoyer ma demande")
    assert f"Votre demande est envoyée à {ORGANISATION}." in status(jean)
    assert f"Demande envoyée — {ORGANISATION}" in main(jean)
    assert any("coralie@example.org" in m.to for m in mail.outbox)
    jean.goto(overview)
    assert "L'organisation n'a pas encore répondu à votre demande" in main(jean)

    # 2. Coralie logs in with her authenticator's code and finds the request on her board.
    coralie = tab_for()
    coralie.goto(base + "/compte/login/")
    coralie.locator("#id_login").fill("coralie@example.org")
    coralie.locator("#id_password").fill(PASSWORD)
    coralie.locator("main form button[type=submit]").click()
    coralie.wait_for_url("**/compte/2fa/authenticate/")
    coralie.locator("input[name=code]").fill(current_code(coralie_secret))
    coralie.locator("input[name=code]").press("Enter")
    coralie.wait_for_url(base + "/compte/")
    click(coralie, "link", f"Les groupes accompagnés par {ORGANISATION}")
    assert "Accompagnement des groupes" in coralie.locator("h1").inner_text()
    board = main(coralie)
    assert "Entretien de motivation (1)" in board
    assert GROUP_NAME in board
    assert "Nouvelle demande d'accompagnement" in board
    assert serious_violations(coralie) == []
    assert fits_the_screen(coralie)

    click(coralie, "link", GROUP_NAME)
    group_page = main(coralie)
    assert "J'aimerais être aidé pour démarrer." in group_page
    assert "Il n'existe rien près de chez nous." in group_page  # the interview
    coralie.get_by_label("Nouvelle note").fill("Jean semble solide ; proposer la salle 2.")
    click(coralie, "button", "Enregistrer la note")
    assert "Votre note est enregistrée." in status(coralie)
    assert "Jean semble solide ; proposer la salle 2." in main(coralie)
    coralie.get_by_label("Date").fill(in_days(7))
    coralie.get_by_label("Heure").fill("14:30")
    coralie.get_by_label("Où, ou comment").fill("Au centre, salle 2")
    click(coralie, "button", "Proposer ce rendez-vous")
    assert "Le rendez-vous est proposé" in status(coralie)
    assert "Rendez-vous proposé :" in main(coralie)
    click(coralie, "button", "Accepter d'accompagner ce groupe")
    assert "Vous accompagnez maintenant ce groupe." in status(coralie)
    assert "Accompagnement accepté" in main(coralie)

    # 3. Jean sees the answer, with the proposed meeting, and never Coralie's private note.
    jean.goto(overview)
    assert f"(accompagnement accepté : {ORGANISATION})" in main(jean)
    click(jean, "link", "L'accompagnement par une organisation")
    accompaniment = main(jean)
    assert f"Accompagnement accepté — {ORGANISATION}" in accompaniment
    assert "Au centre, salle 2" in accompaniment
    assert "Jean semble solide" not in accompaniment
    jean.goto(overview)
    click(jean, "button", "Passer à l'étape suivante")
    assert "Vous passez à l'étape 2 : Promotion et recherche de membres." in status(jean)
    assert "Étape 2 sur 5 : Promotion et recherche de membres" in main(jean)
    assert "1 personne sur les 6 nécessaires pour démarrer." in main(jean)

    click(jean, "link", "Faire connaître le groupe : affiche, relais, textes à partager")
    jean.get_by_label("Combien de personnes pour démarrer ?").fill("3")
    click(jean, "button", "Enregistrer le nombre")
    assert "C'est noté : le groupe démarrera à 3 personnes." in status(jean)
    assert "1 personne sur les 3 nécessaires pour démarrer" in main(jean)
    assert "Encore 2 personnes, et le groupe peut se lancer." in main(jean)

    flyer_link = jean.get_by_role("link", name="L'affiche au format A5 (PDF)", exact=False)
    flyer = jean.request.get(base + flyer_link.get_attribute("href"))
    assert flyer.status == 200
    assert flyer.headers["content-type"] == "application/pdf"
    assert flyer.body().startswith(b"%PDF")

    jean.get_by_label("Nom du relais").fill("Centre social des Dervallières")
    jean.get_by_label("Type de relais").select_option(label="centre social")
    jean.get_by_label("Contact public").fill("Accueil : 02 40 00 00 00")
    jean.get_by_label("Contacté le").fill(timezone.localdate().isoformat())
    jean.get_by_label("Contacté par").select_option(label="Jean")
    jean.get_by_label("Ce qui en est sorti").fill("Affiche posée à l'accueil.")
    click(jean, "button", "Ajouter ce relais")
    assert "« Centre social des Dervallières » fait maintenant partie de vos relais." in status(
        jean
    )
    relays = jean.locator("#relays-title + p + ul.cards").inner_text()
    assert "Centre social des Dervallières" in relays
    assert "Affiche posée à l'accueil." in relays
    assert "par Jean" in relays
    assert serious_violations(jean) == []
    assert fits_the_screen(jean)

    # 4. Martine and Sami find the group in the directory, see it is being founded, sign up.
    martine, sami = tab_for(), tab_for()
    for tab, email, before in ((martine, "martine", 1), (sami, "sami", 2)):
        tab.goto(base + "/groupes/")
        tab.get_by_label("Mots-clés").fill("deuil périnatal")
        click(tab, "button", "Chercher", exact=True)
        click(tab, "link", GROUP_NAME)
        public = main(tab)
        assert "En création" in public
        assert "Groupe en création" in public
        counted = "personne" if before == 1 else "personnes"
        assert f"{before} {counted} sur les 3 nécessaires pour démarrer" in public
        assert tab.locator("main progress").get_attribute("value") == str(before)
        assert f"Accompagné par\n{ORGANISATION}" in public
        click(tab, "link", "Ça m'intéresse")
        tab.wait_for_url("**/compte/login/**")
        tab.locator("#id_login").fill(f"{email}@example.org")
        tab.locator("#id_password").fill(PASSWORD)
        tab.locator("main form button[type=submit]").click()
        tab.wait_for_url(f"**/groupes/{slug}/ca-m-interesse/")
        tab.get_by_label("Un mot pour la personne à l'initiative").fill("Je viendrai.")
        click(tab, "button", "Je m'inscris")
        assert "Merci ! Vous êtes inscrit·e." in status(tab)
        assert f"{before + 1} personnes sur les 3 nécessaires pour démarrer" in main(tab)

    # 5. Jean moves to the first meetings, dates them and invites Martine and Sami.
    jean.goto(overview)
    assert "3 personnes sur les 3 nécessaires pour démarrer." in main(jean)
    click(jean, "button", "Passer à l'étape suivante")
    assert "Vous passez à l'étape 3 : Premières rencontres." in status(jean)
    assert "Donnez une date aux trois premières rencontres" in main(jean)
    click(jean, "link", "Les trois premières rencontres")
    for number, name in enumerate(
        (
            "Séance d'information",
            "Première séance de fondation",
            "Deuxième séance de fondation",
        ),
        start=1,
    ):
        click(jean, "link", f"Donner une date à « {name} »")
        jean.get_by_label("Date").fill(in_days(14 * number))
        jean.get_by_label("Heure de début").fill("18:30")
        jean.get_by_label("Lieu ou lien de visioconférence").fill("Maison des familles, salle 3")
        click(jean, "button", "Enregistrer", exact=True)
        assert f"« {name} » est enregistrée." in status(jean)
    assert "Pas encore de date." not in main(jean)
    assert "2 personnes attendent leur invitation." in main(jean)
    click(jean, "button", "Inviter les personnes intéressées")
    assert "2 personnes sont invitées aux premières rencontres." in status(jean)
    assert main(jean).count("Invité·e le") == 2

    for tab, email in ((martine, "martine@example.org"), (sami, "sami@example.org")):
        tab.goto(link_in_last_mail_to(email, base))
        assert "Maison des familles, salle 3" in main(tab)
        click(tab, "button", "Je rejoins le groupe")
        assert f"Bienvenue dans le groupe « {GROUP_NAME} » !" in status(tab)
        assert "Étape 3 sur 5 : Premières rencontres" in main(tab)

    jean.reload()
    assert main(jean).count("A rejoint le groupe.") == 2

    # The sessions are meetings of the group: Martine, now a member, says she comes.
    martine.goto(f"{base}/creer-un-groupe/{slug}/rencontres/")
    click(martine, "link", "Répondre, voir le déroulé et les présences de « Séance d'information »")
    assert "Séance d'information" in martine.locator("h1").inner_text()
    click(martine, "button", "Je viens")
    assert "Martine : je viens" in main(martine)
    jean.reload()
    assert "1 personne a dit qu'elle vient." in main(jean)

    # The charter waits until the three sessions took place; then time passes.
    jean.goto(overview)
    assert "une fois les trois rencontres tenues" in main(jean)
    group = SupportGroup.objects.get(slug=slug)
    for meeting in Meeting.objects.filter(group=group):
        meeting.starts_at -= dt.timedelta(days=60)
        meeting.ends_at -= dt.timedelta(days=60)
        meeting.save()
    jean.goto(f"{base}/creer-un-groupe/{slug}/rencontres/")
    click(jean, "link", "Répondre, voir le déroulé et les présences de « Séance d'information »")
    click(jean, "link", "Noter les présences")
    assert serious_violations(jean) == []

    # 6. The charter: Jean writes it, mostly from the suggestions.
    jean.goto(overview)
    assert "Tout est prêt pour passer à l'étape suivante." in main(jean)
    click(jean, "button", "Passer à l'étape suivante")
    assert "Vous passez à l'étape 4 : Rédaction de la charte." in status(jean)
    click(jean, "link", "La charte du groupe")
    assert "La charte est en préparation (version 1)" in main(jean)
    assert serious_violations(jean) == []
    assert fits_the_screen(jean)
    click(jean, "link", "Écrire la charte")
    click(jean, "link", "Combien de membres y aura-t-il dans notre groupe ?")
    for _question in QUESTIONS:
        if "Qui animera nos rencontres ?" in jean.locator("h1").inner_text():
            jean.get_by_label("La réponse du groupe").fill("Jean et Martine, à tour de rôle.")
        else:
            click(jean, "button", "Partir de la suggestion")
        click(jean, "button", "Enregistrer", exact=True)
    assert "Charte — version 1" in jean.locator("h1").inner_text()
    assert "Sections encore sans réponse" not in main(jean)
    assert "Jean et Martine, à tour de rôle." in main(jean)

    # Martine proposes another wording for one section; Jean takes it.
    martine.goto(base + "/mes-groupes/")
    click(martine, "link", GROUP_NAME)
    click(martine, "link", "La charte du groupe")
    click(martine, "link", "Lire et commenter")
    click(martine, "link", "Quelle sera la durée de nos réunions ?")
    assert "1 heure." in main(martine)
    martine.get_by_label("Votre commentaire").fill("Une heure, c'est court pour tout le monde.")
    martine.get_by_label("Une autre formulation").fill("1 heure 30, avec une pause.")
    click(martine, "button", "Ajouter mon commentaire")
    assert "Merci, votre commentaire est ajouté." in status(martine)

    jean.reload()
    assert "1 commentaire en discussion" in main(jean)
    click(jean, "link", "Quelle sera la durée de nos réunions ?")
    assert "Une heure, c'est court pour tout le monde." in main(jean)
    click(jean, "button", "Reprendre dans le texte")
    assert "La proposition est reprise dans le texte." in status(jean)
    assert jean.get_by_label("La réponse du groupe").input_value() == "1 heure 30, avec une pause."
    click(jean, "link", "Toute la charte")
    click(jean, "button", "Demander le consentement")
    assert "Le consentement est demandé." in status(jean)
    assert "N'ont pas encore répondu\nJean, Martine, Sami" in main(jean)

    # Sami objects, with a reason everyone sees; the objection blocks the adoption.
    sami.goto(base + "/mes-groupes/")
    click(sami, "link", GROUP_NAME)
    click(sami, "link", "La charte du groupe")
    click(sami, "link", "Lire et donner ma réponse")
    assert "1 heure 30, avec une pause." in main(sami)
    sami.get_by_label("J'ai une objection").check()
    sami.get_by_label("Ce qui vous retient").fill("Je ne pourrai pas venir avant 19 heures.")
    click(sami, "button", "Donner ma réponse")
    assert "Votre objection est notée et montrée au groupe." in status(sami)
    for tab in (jean, martine, sami):
        tab.goto(f"{base}/mes-groupes/{slug}/charte/")
        click(tab, "link", "Lire et donner ma réponse")
        shown = main(tab)
        assert "Objection de Sami" in shown
        assert "Je ne pourrai pas venir avant 19 heures." in shown

    martine.get_by_label("Je consens").check()
    click(martine, "button", "Donner ma réponse")
    assert "Merci, votre consentement est noté." in status(martine)
    assert "Objection de Sami" in main(martine)  # still blocked

    # After talking it over, Sami lifts his objection; Jean consents last: it is adopted.
    sami.get_by_label("Je consens").check()
    click(sami, "button", "Donner ma réponse")
    assert "Merci, votre consentement est noté." in status(sami)
    assert "Objection de Sami" not in main(sami)
    jean.reload()
    assert serious_violations(jean) == []
    assert fits_the_screen(jean)
    jean.get_by_label("Je consens").check()
    click(jean, "button", "Donner ma réponse")
    assert "La charte est adoptée : personne ne s'y oppose." in status(jean)
    assert "Version 1, adoptée par consentement le" in main(jean)

    for tab, signed in ((jean, 1), (martine, 2), (sami, 3)):
        tab.goto(f"{base}/mes-groupes/{slug}/charte/")
        click(tab, "button", "Je m'engage à respecter la charte de notre groupe")
        assert "Merci, votre engagement est signé." in status(tab)
        counted = "membre sur 3 a signé" if signed == 1 else "membres sur 3 ont signé"
        assert f"{signed} {counted}" in main(tab)
    assert serious_violations(sami) == []

    # The group is autonomous, and the directory no longer shows it as being founded.
    jean.goto(overview)
    assert "Étape 5 sur 5 : Groupe autonome" in main(jean)
    assert "Passer à l'étape suivante" not in main(jean)
    jean.goto(f"{base}/mes-groupes/{slug}/")
    assert "Où en est la création du groupe" not in main(jean)
    assert "Notre charte" in main(jean)
    martine.goto(f"{base}/groupes/{slug}/")
    public = main(martine)
    assert "Ouvert" in public
    assert "en création" not in public.lower()
    assert "Ça m'intéresse" not in public

    # 7. Coralie's board shows the group as autonomous, with its review scheduled.
    coralie.goto(f"{base}/organisations/{organisation.slug}/accompagnement/")
    board = main(coralie)
    assert "Groupe autonome (1)" in board
    assert "Entretien de motivation (0)" not in board  # no empty stage section
    autonomous = coralie.locator("section", has=coralie.locator("#stage-autonomous"))
    assert GROUP_NAME in autonomous.inner_text()
    assert serious_violations(coralie) == []
    assert fits_the_screen(coralie)
    click(coralie, "link", GROUP_NAME)
    due = timezone.localdate() + relativedelta(months=3)
    with translation.override("fr"):
        due_text = date_format(due, "j F Y")
    assert "Étape 5 sur 5 : Groupe autonome" in main(coralie)
    assert f"Bilan prévu le {due_text}" in main(coralie)
    assert "Ouvrir le questionnaire aux membres" in main(coralie)
