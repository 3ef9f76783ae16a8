"""Forming groups by proximity in a real browser, on a phone-sized screen: Coralie signs in with
her second factor, uploads the sample list, watches the progress, reads the proposal, moves a
person and sees a move that breaks a rule refused."""

from pathlib import Path
from typing import Any

import pytest

from conftest import PASSWORD
from entraide.proposals import tasks
from entraide.proposals.models import Proposal, Volunteer
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_founding_journey import click, coralie_secret, current_code, main, status

# A fixture from the founding journey's tests, used here by name.
__all__ = ["coralie_secret"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = Path(__file__).parents[2] / "entraide" / "static" / "proposals" / "exemple.csv"


def test_coralie_forms_groups_from_the_sample_list_and_adjusts_them(
    page: Any, live_server: Any, coralie_secret: str
) -> None:
    base = live_server.url
    page.goto(base + "/compte/login/")
    page.locator("#id_login").fill("coralie@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(coralie_secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(base + "/compte/")

    # From her board to the page that forms groups.
    page.goto(base + "/organisations/centre-nantes/accompagnement/")
    click(page, "link", "Former des groupes de proximité")
    assert page.locator("h1").inner_text() == "Former des groupes de proximité"
    assert serious_violations(page) == []
    assert fits_the_screen(page)

    # She uploads the sample list the page offers, with the default constraints.
    page.get_by_label("Nom de la liste").fill("Forum de septembre")
    page.get_by_label("Fichier CSV", exact=True).set_input_files(str(SAMPLE))
    click(page, "button", "Calculer les groupes")
    assert "La liste est enregistrée." in status(page)
    assert "votre liste attend son tour" in main(page)
    assert page.locator("progress").count() == 1

    # The worker computes it (here, in the test's thread); the page polls and reloads itself.
    proposal = Proposal.objects.get()
    assert tasks.compute_proposal.call(proposal.pk) == "done"
    page.get_by_role("heading", name="En résumé").wait_for(timeout=15_000)
    text = main(page)
    assert "Personnes placées" in text and "au-dessus du meilleur regroupement possible" in text
    assert "trop peu de personnes habitent près de chez elle" in text
    assert page.locator("svg.plot").count() == 1
    assert serious_violations(page) == []
    assert fits_the_screen(page)

    # Someone of the centre of Nantes (not a host) goes to another group: too far, refused.
    amandine = Volunteer.objects.get(proposal=proposal, ref="1")
    assert amandine.group is not None and amandine.group.host_id is not None
    centre = (
        Volunteer.objects.filter(proposal=proposal, group=amandine.group)
        .exclude(pk=amandine.group.host_id)
        .order_by("pk")
        .first()
    )
    assert centre is not None
    click(page, "link", f"Changer le groupe n° {amandine.group.number}")
    assert serious_violations(page) == []
    assert fits_the_screen(page)
    row = page.locator(".members > li").filter(has_text=centre.name)
    row.locator("summary").click()
    labels = row.locator("select[name=group] option").all_inner_texts()
    too_far = next(label for label in labels if "(trop loin)" in label)
    row.locator("select[name=group]").select_option(label=too_far)
    row.get_by_role("button", name="Déplacer").click()
    page.wait_for_load_state()
    assert "Refusé : cette personne habite à" in status(page)
    assert "plus que la distance maximale de 2,0 km" in status(page)
    centre.refresh_from_db()
    assert centre.group == amandine.group

    # Out of every group: accepted, and listed with the unplaced. The group is still open.
    row = page.locator(".members > li").filter(has_text=centre.name)
    row.locator("summary").click()
    row.locator("select[name=group]").select_option(label="Hors des groupes")
    row.get_by_role("button", name="Déplacer").click()
    page.wait_for_load_state()
    assert "C'est fait : la personne n'est plus dans aucun groupe." in status(page)
    unplaced = page.locator("section[aria-labelledby=hors-groupes]").inner_text()
    assert f"{centre.name} : retirée de son groupe par une personne qui coordonne" in unplaced
    centre.refresh_from_db()
    assert centre.group is None
