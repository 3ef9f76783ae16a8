"""Being grouped with neighbours, in a real browser: asking for it, and answering the invitation."""

from typing import Any

import pytest
from allauth.account.models import EmailAddress

from conftest import PASSWORD, Cast
from entraide.accounts.models import User
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation
from entraide.proposals import invitations
from entraide.proposals.models import Invitation, ProposedGroup
from entraide.proposals.tests.test_invitations import build_proposal
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dan_asks_the_organisation_to_group_him_with_neighbours(
    page: Any, live_server: Any, cast: Cast, organisation: Organisation
) -> None:
    base = live_server.url
    log_in(page, base, "dan@example.org")
    page.goto(base + organisation.get_absolute_url())
    page.get_by_role("link", name="Je cherche un groupe près de chez moi").click()

    page.get_by_label("Votre code postal ou votre commune").fill("99999")
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_load_state()
    assert "Nous ne connaissons pas « 99999 »" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    assert fits_the_screen(page)

    page.get_by_label("Votre code postal ou votre commune").fill("44300")
    page.get_by_label("J'accepte que les coordinateur·rices", exact=False).check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_load_state()
    assert "Votre demande est enregistrée" in page.get_by_role("status").inner_text()
    assert serious_violations(page) == []
    assert fits_the_screen(page)


def test_an_invited_person_signs_in_from_the_link_and_joins_to_host(
    page: Any, live_server: Any, organisation: Organisation, coralie: User
) -> None:
    proposal = build_proposal(organisation, (6,))
    first = ProposedGroup.objects.get(proposal=proposal, number=1)
    invitations.create_groups(proposal, [first.pk], by=coralie)
    invitation = Invitation.objects.get(volunteer__ref="1-2")
    # She has an account under another address than the one the list knew.
    ines = User.objects.create_user("ines@example.org", PASSWORD, display_name="Inès")
    EmailAddress.objects.create(user=ines, email="ines@example.org", verified=True, primary=True)
    base = live_server.url

    page.goto(f"{base}/invitations/{invitation.token}/")
    main = page.locator("main").inner_text()
    assert "Centre d'entraide de Nantes vous propose de rejoindre" in main
    assert "6 personnes, vous compris·e" in main
    assert "À environ 0,5 km de chez vous, à pied." in main
    assert serious_violations(page) == []
    assert fits_the_screen(page)

    page.locator("main").get_by_role("link", name="Me connecter").click()
    page.locator("#id_login").fill("ines@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/invitations/{invitation.token}/")
    assert serious_violations(page) == []
    assert fits_the_screen(page)

    page.get_by_label("Je veux bien accueillir le groupe chez moi, ou lancer le groupe").check()
    page.get_by_role("button", name="Je rejoins ce groupe").click()
    page.wait_for_url("**/creer-un-groupe/**")
    assert "Bienvenue" in page.get_by_role("status").inner_text()
    assert "Groupe d'entraide de proximité n° 1" in page.locator("h1").inner_text()
    membership = Membership.objects.get(user=ines)
    assert membership.role == Membership.Role.FACILITATOR
