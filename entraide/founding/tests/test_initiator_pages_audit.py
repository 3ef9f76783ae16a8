"""The initiator's pages in a real browser on a 360-px phone: accessible and without overflow."""

from typing import Any

import pytest

from conftest import Cast
from entraide.founding.models import Initiative
from entraide.founding.tests.test_initiator_support import (
    date_the_sessions,
    interested,
    make_person,
    make_project,
)
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_pages_pass_the_audit_on_a_phone(page: Any, live_server: Any, cast: Cast) -> None:
    initiative = make_project(cast, stage=Initiative.Stage.FOUNDING)
    date_the_sessions(initiative)
    interested(initiative, make_person("Emma"))
    slug = initiative.group.slug
    log_in(page, live_server.url, "alice@example.org")
    paths = [
        "/creer-un-groupe/",
        f"/creer-un-groupe/{slug}/",
        f"/creer-un-groupe/{slug}/entretien/",
        f"/creer-un-groupe/{slug}/presentation/",
        f"/creer-un-groupe/{slug}/accompagnement/",
        f"/creer-un-groupe/{slug}/rencontres/",
        f"/creer-un-groupe/{slug}/rencontres/information/",
        f"/groupes/{slug}/",
        "/mes-groupes/",
    ]
    problems = {}
    for path in paths:
        page.goto(live_server.url + path)
        found = serious_violations(page)
        if not fits_the_screen(page):
            found.append("wider than the screen")
        if found:
            problems[path] = found

    assert problems == {}


def test_the_interest_page_passes_the_audit(page: Any, live_server: Any, cast: Cast) -> None:
    initiative = make_project(cast, stage=Initiative.Stage.RECRUITMENT)
    log_in(page, live_server.url, "dan@example.org")

    page.goto(f"{live_server.url}/groupes/{initiative.group.slug}/ca-m-interesse/")
    page.locator("#id_message").fill("Je suis à Rezé.")
    page.get_by_role("button", name="Je m'inscris").click()
    page.wait_for_load_state()

    assert "Vous êtes inscrit·e." in page.content()
    assert serious_violations(page) == []
