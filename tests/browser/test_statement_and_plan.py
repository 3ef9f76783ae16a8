"""The plan du site and the accessibility statement in a real browser: reached from every
page's footer, read without a serious accessibility violation, fitting a phone's screen."""

from typing import Any

import pytest

from tests.browser.test_directory import audited

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_the_plan_du_site_and_the_statement_from_the_footer(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.url + "/")

    page.locator("footer").get_by_role("link", name="Plan du site").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Plan du site"
    audited(page)

    page.locator("main").get_by_role("link", name="Déclaration d'accessibilité").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Déclaration d'accessibilité"
    assert page.get_by_role("heading", name="Voies de recours").is_visible()
    audited(page)
