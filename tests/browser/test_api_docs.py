"""The API's interactive page in a real browser, at 360 px: Swagger UI from the site's own
static files (no other host is asked for anything), every operation listed, axe clean once an
operation is open, and a public operation tried from the page."""

from typing import Any

import pytest

from conftest import Cast
from tests.browser.test_directory import audited

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_developer_reads_and_tries_the_api_from_its_interactive_page(
    page: Any, live_server: Any, cast: Cast
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))

    page.goto(live_server.url + "/api/v1/docs/")
    page.wait_for_selector(".opblock")

    assert page.locator(".opblock").count() == 11
    assert page.title() == "L'API d'Entraide, à essayer"
    themes = "#operations-public-entraide_api_public_themes button.opblock-summary-control"
    page.locator(themes).click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert "Deuil" in page.locator(".live-responses-table").inner_text()
    audited(page)
    assert hosts == {live_server.url.split("/")[2]}
