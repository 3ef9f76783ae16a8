"""Oscar, an organisation admin, reads the programme report in a real browser at 360 px and
downloads it as ODS, which a library opens again: the group of three stays hidden there too
(issue 16, point 6)."""

from pathlib import Path
from typing import Any

import pytest

from entraide.organisations.models import Organisation
from entraide.reports.tests.test_report import crafted, members_rows_from_ods
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import click, current_code
from tests.browser.test_team import oscar_secret, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["crafted", "oscar_secret"]


def test_oscar_reads_the_yearly_report_and_exports_it_as_ods(
    page: Any, live_server: Any, crafted: Organisation, oscar_secret: str, tmp_path: Path
) -> None:
    base = live_server.url
    page.goto(base + "/compte/login/")
    sign_in(page, "oscar@example.org")
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(oscar_secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()
    page.goto(base + "/compte/")
    click(page, "link", "Le rapport du programme de Centre d'entraide de Nantes")

    assert page.locator("h1").inner_text() == "Rapport du programme"
    audited(page)
    page.get_by_label("Période").select_option("12-mois")
    click(page, "button", "Afficher")
    audited(page)
    table = page.get_by_role("table", name="Les membres actifs")
    addictions = table.get_by_role("row", name="Addictions")
    assert "—" in addictions.inner_text()
    assert "3" not in addictions.inner_text()
    chart = page.get_by_role("img", name="Les membres actifs")
    assert chart.locator("rect").count() == 1  # Deuil's bar; the hidden counts are not drawn
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 360

    with page.expect_download() as download:
        page.get_by_role("link", name="tableur ODS (LibreOffice, Excel)").click()
    saved = tmp_path / "rapport.ods"
    download.value.save_as(saved)
    rows = members_rows_from_ods(saved.read_bytes())
    assert rows["Deuil"][0] == "12"
    assert rows["Addictions"][0] == "—"
    assert rows["Proches aidants"][0] == "—"
    assert rows["Total"][0] == "23"
