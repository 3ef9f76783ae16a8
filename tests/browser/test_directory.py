"""A visitor finds a group in a real browser (headless Chromium), with and without JavaScript."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from entraide.directory.models import SupportGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


def serious_violations(page: Any) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def fits_the_screen(page: Any) -> bool:
    width: int = page.evaluate("document.documentElement.scrollWidth")
    viewport: int = page.evaluate("window.innerWidth")
    return width <= viewport


def audited(page: Any) -> None:
    """No serious or critical accessibility violation, and nothing wider than the screen."""
    assert serious_violations(page) == []
    assert fits_the_screen(page)


@pytest.fixture
def groups(make_group: Callable[..., SupportGroup]) -> None:
    make_group(
        "Réunion des proches d'Alzheimer de Besançon",
        place="25000 Besançon",
        audience=SupportGroup.Audience.RELATIVES,
        start_time=dt.time(18, 30),
        description="On arrive, on prend un café.\n\nPersonne n'est obligé de parler.",
    )
    make_group(
        "Café des aidants du matin",
        place="25000 Besançon",
        weekday=3,
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 30),
    )
    make_group("Deuil Nantes Nord", place="44000 Nantes")
    make_group("Parler en ligne", place=None, format=SupportGroup.Format.ONLINE)


def test_a_visitor_searches_a_town_filters_and_opens_a_group(
    page: Any, live_server: Any, groups: None
) -> None:
    page.goto(live_server.url + "/")
    assert page.title().startswith("Trouver un groupe d'entraide")
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    page.get_by_label("Près de").fill("besancon")
    page.get_by_role("button", name="Chercher un groupe").click()
    page.wait_for_url("**/groupes/?*")
    results = page.locator("#results")
    assert "3 groupes trouvés" in results.inner_text()
    assert "Deuil Nantes Nord" not in results.inner_text()
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    # With JavaScript, the place field offers the towns that start like what is typed.
    page.get_by_label("Près de").fill("nant")
    page.wait_for_function("document.querySelectorAll('#place-suggestions option').length > 0")
    options = page.locator("#place-suggestions option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert "Nantes (44000)" in options
    assert "nant" not in page.url
    page.get_by_label("Près de").fill("Besançon (25000)")

    # With JavaScript, ticking a filter updates the results in place (htmx).
    page.get_by_text("Plus de critères").click()
    page.get_by_label("le soir").check()
    page.wait_for_function(
        "document.querySelector('#results h2').textContent.includes('2 groupes trouvés')"
    )
    assert "time=evening" in page.url
    # A screen reader hears the number of groups, once: one results section, which is not a
    # live region itself, and a status line that says only the count.
    assert page.locator("#results").count() == 1
    assert page.locator("#results").get_attribute("aria-live") is None
    assert page.locator("[aria-live], [role=status]").filter(has_text="trouvé").count() == 1
    assert page.get_by_role("status").filter(has_text="trouvé").inner_text() == "2 groupes trouvés"
    assert serious_violations(page) == []

    page.get_by_role("link", name="Réunion des proches d'Alzheimer de Besançon").click()
    page.wait_for_url("**/groupes/reunion-des-proches-dalzheimer-de-besancon/")
    assert page.locator("h1").inner_text() == "Réunion des proches d'Alzheimer de Besançon"
    assert "Besançon (25000)" in page.locator(".facts").inner_text()
    assert fits_the_screen(page)
    assert serious_violations(page) == []


def test_the_search_works_without_javascript(browser: Any, live_server: Any, groups: None) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/groupes/")
        page.get_by_label("Mots-clés").fill("reunion besancon")
        page.get_by_role("button", name="Chercher", exact=True).click()
        page.wait_for_url("**/groupes/?q=reunion+besancon*")
        assert "1 groupe trouvé" in page.locator("#results").inner_text()

        page.get_by_label("Mots-clés").fill("")
        page.get_by_label("Près de").fill("Zzyzx")
        page.get_by_role("button", name="Chercher", exact=True).click()
        page.wait_for_load_state()
        assert "Nous ne connaissons pas « Zzyzx »" in page.locator("#results").inner_text()
    finally:
        context.close()


def test_the_contact_form_and_english_pages_pass_the_audit(
    page: Any, live_server: Any, groups: None
) -> None:
    page.goto(live_server.url + "/groupes/deuil-nantes-nord/ecrire/")
    page.get_by_role("button", name="Envoyer mon message").click()
    assert "Ce champ est obligatoire." in page.locator("main").inner_text()
    assert serious_violations(page) == []

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(live_server.url + "/accessibilite/")
    assert serious_violations(page) == []


def test_a_visitor_downloads_the_groups_of_a_search_as_a_spreadsheet(
    page: Any, live_server: Any, groups: None
) -> None:
    page.goto(live_server.url + "/groupes/?place=besancon")
    assert "3 groupes trouvés" in page.locator("#results").inner_text()
    audited(page)
    feed = page.locator('link[rel="alternate"][type="application/json"]')
    assert feed.get_attribute("title") == "Meetings Feed"
    assert feed.get_attribute("href") == "/meeting-guide.json"

    with page.expect_download() as waiting:
        page.get_by_role("link", name="Télécharger (CSV)").click()
    download = waiting.value

    assert download.suggested_filename.startswith("groupes-entraide-")
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Nom,Thématiques,Ville,Code postal,Rythme")
    assert len(lines) == 1 + 3
    assert "Deuil Nantes Nord" not in text
