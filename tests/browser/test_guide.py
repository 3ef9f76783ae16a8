"""A person in distress reaches the crisis numbers in one click, on a small phone."""

from typing import Any

import pytest

from tests.browser.test_directory import fits_the_screen, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_click_from_the_home_page_reaches_the_numbers_then_belgium_s(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.url + "/")
    assert page.viewport_size["width"] == 360

    page.get_by_role("link", name="Besoin d'aide maintenant ?").click()

    page.wait_for_url("**/aide-maintenant/")
    assert page.locator("h1").inner_text() == "Besoin d'aide maintenant ?"
    assert page.locator(".urgent").is_visible()
    assert "pas un service d'urgence" in page.locator(".urgent").inner_text()
    call = page.get_by_role("link", name="Appeler le 3114")
    assert call.is_visible()
    assert call.get_attribute("href") == "tel:3114"
    # A tap target a thumb can hit, inside the screen.
    box = call.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 360
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    page.get_by_role("link", name="Belgique").click()

    page.wait_for_url("**/aide-maintenant/?pays=BE")
    assert page.get_by_role("link", name="Belgique").get_attribute("aria-current") == "page"
    assert page.get_by_role("link", name="Appeler le 0800 32 123").get_attribute("href") == (
        "tel:080032123"
    )
    assert page.get_by_role("link", name="Appeler le 101").is_visible()
    assert "Appeler le 3114" not in page.locator("main").inner_text()
    assert fits_the_screen(page)
    assert serious_violations(page) == []


def test_the_guide_and_its_questions_read_well_on_a_small_phone(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Le guide du participant").click()
    page.wait_for_url("**/guide/")
    assert page.locator("h1").inner_text() == "Le guide du participant"
    assert fits_the_screen(page)
    assert serious_violations(page) == []

    page.get_by_role("link", name="Les questions qu'on se pose avant de venir").click()
    page.wait_for_url("**/guide/questions/")
    page.get_by_role("link", name="Et si je pleure ?").click()
    page.wait_for_url("**/guide/questions/#et-si-je-pleure")
    assert page.locator("#et-si-je-pleure").is_visible()
    assert fits_the_screen(page)
    assert serious_violations(page) == []


def test_the_numbers_work_without_javascript(browser: Any, live_server: Any) -> None:
    context = browser.new_context(
        java_script_enabled=False, locale="fr-FR", viewport={"width": 360, "height": 780}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/groupes/")
        page.get_by_role("link", name="Besoin d'aide maintenant ?").click()
        page.wait_for_url("**/aide-maintenant/")
        page.get_by_role("link", name="Canada").click()
        page.wait_for_url("**/aide-maintenant/?pays=CA")
        assert page.get_by_role("link", name="Appeler le 988").get_attribute("href") == "tel:988"
        assert page.get_by_role("link", name="Écrire un SMS au 988").get_attribute("href") == (
            "sms:988"
        )
    finally:
        context.close()
