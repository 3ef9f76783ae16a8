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
    call = page.get_by_role("link", name="Appeler le 3114").first
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
    assert page.get_by_role("link", name="Appeler le 0800 32 123").first.get_attribute("href") == (
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
        assert (
            page.get_by_role("link", name="Appeler le 988").first.get_attribute("href") == "tel:988"
        )
        assert page.get_by_role("link", name="Écrire un SMS au 988").get_attribute("href") == (
            "sms:988"
        )
    finally:
        context.close()


def test_on_a_phone_3114_is_on_the_first_screen_right_after_the_emergency_number(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.url + "/aide-maintenant/")

    emergency = page.locator("main").get_by_role("link", name="Appeler le 112")
    suicide = page.get_by_role("link", name="Appeler le 3114").first

    # Without scrolling, on a 360 × 780 phone.
    assert suicide.bounding_box()["y"] + suicide.bounding_box()["height"] <= 780
    assert emergency.bounding_box()["y"] < suicide.bounding_box()["y"]
    # Then the other emergency numbers, then the rest, by urgency.
    samu = page.get_by_role("link", name="Appeler le 15")
    child = page.get_by_role("link", name="Appeler le 119")
    listening = page.get_by_role("link", name="Appeler le 09 72 39 40 50")
    assert suicide.bounding_box()["y"] < samu.bounding_box()["y"] < child.bounding_box()["y"]
    assert child.bounding_box()["y"] < listening.bounding_box()["y"]
    assert fits_the_screen(page)
    assert serious_violations(page) == []


def test_a_browser_in_belgian_french_is_shown_belgium_s_numbers_first(
    browser: Any, live_server: Any
) -> None:
    context = browser.new_context(locale="fr-BE", viewport={"width": 360, "height": 780})
    try:
        tab = context.new_page()
        tab.goto(live_server.url + "/aide-maintenant/")

        assert tab.get_by_role("link", name="Belgique").get_attribute("aria-current") == "page"
        assert tab.get_by_role("link", name="Appeler le 0800 32 123").first.is_visible()
    finally:
        context.close()
