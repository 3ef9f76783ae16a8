"""Alice looks at her group's health in a real browser at 360 px: from the group's space to
the page, its drawings with their tables beside them, and the choice to share it with the
organisation (issue 16, point 5); then Coralie, who coordinates it, finds the page from her
board."""

from typing import Any

import pytest

from conftest import PASSWORD, Cast
from entraide.health.models import Sharing
from entraide.health.tests.helpers import closed_circle, meeting, roles
from entraide.organisations.models import Organisation, OrganisationRole
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_founding_journey import current_code, with_authenticator
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_reads_her_group_s_health_and_shares_it(
    page: Any, live_server: Any, cast: Cast, organisation: Organisation
) -> None:
    base = live_server.url
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    for days, present in [(70, 6), (56, 5), (42, 7), (28, 6), (14, 4)]:
        held = meeting(cast.group, days, present=present, absent=1)
    roles(held, facilitation=cast.alice, timekeeping=cast.bob)
    closed_circle(held, [500, 400, 300, 300], 0.12)

    log_in(page, base, "alice@example.org")
    page.goto(f"{base}/mes-groupes/{cast.group.slug}/")
    page.get_by_role("link", name="La santé du groupe").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "La santé du groupe"
    assert serious_violations(page) == []
    assert fits_the_screen(page)
    chart = page.get_by_role("img", name="Nombre de personnes présentes, rencontre après rencontre")
    assert chart.locator("rect").count() == 5
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 360
    table = page.get_by_role("table", name="Présences aux rencontres")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 5
    assert page.get_by_role("table", name="Les cercles de parole").is_visible()
    assert "La parole a bien circulé" in page.locator("main").inner_text()

    page.get_by_role("button", name="Partager avec l'organisation").click()
    page.wait_for_load_state()
    assert "peut voir la santé du groupe" in page.get_by_role("status").inner_text()
    assert page.get_by_role("button", name="Ne plus partager avec l'organisation").is_visible()
    assert serious_violations(page) == []


def test_coralie_opens_a_shared_health_page_from_her_board(
    page: Any, live_server: Any, cast: Cast, organisation: Organisation
) -> None:
    base = live_server.url
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    Sharing.objects.create(group=cast.group, shared=True, during_founding=False)
    meeting(cast.group, 14, present=5, absent=1)
    secret = with_authenticator(
        "coralie@example.org", "Coralie", organisation, OrganisationRole.Role.COORDINATOR
    )

    page.goto(base + "/compte/login/")
    page.locator("#id_login").fill("coralie@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/compte/2fa/authenticate/")
    page.locator("input[name=code]").fill(current_code(str(secret)))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(base + "/compte/")

    page.goto(base + "/organisations/centre-nantes/accompagnement/")
    assert serious_violations(page) == []
    assert fits_the_screen(page)
    # The link names the group for whoever listens to the page.
    page.get_by_role("link", name=f"La santé du groupe — {cast.group.name}").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "La santé du groupe"
    assert serious_violations(page) == []
    assert fits_the_screen(page)
