"""The charter's pages in a real browser: they pass the accessibility audit and fit a phone."""

from typing import Any

import pytest
from django.utils import timezone

from conftest import Cast
from entraide.charters.models import Charter, Comment, Consent
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_writes_a_section_from_the_suggestion_and_the_pages_pass_the_audit(
    page: Any, live_server: Any, cast: Cast
) -> None:
    from entraide.charters.tests.conftest import ANSWERS

    adopted = Charter.objects.create(
        group=cast.group,
        version=1,
        answers=dict(ANSWERS),
        status="adopted",
        adopted_at=timezone.now(),
    )
    draft = Charter.objects.create(
        group=cast.group,
        version=2,
        answers=dict(ANSWERS),
        status="consent",
        consent_opened_at=timezone.now(),
    )
    Consent.objects.create(charter=draft, user=cast.bob, decision="object", reason="Trop court.")
    Comment.objects.create(
        charter=draft, question="duration", author=cast.bob, proposal="1 heure 30."
    )
    base = live_server.url
    charter = f"{base}/mes-groupes/{cast.group.slug}/charte/"
    log_in(page, base, cast.alice.email)

    for address in (charter, f"{charter}v2/", f"{charter}v2/duration/", f"{charter}historique/"):
        page.goto(address)
        assert serious_violations(page) == [], address
        assert fits_the_screen(page), address

    page.goto(f"{charter}v2/duration/")
    page.get_by_role("button", name="Partir de la suggestion").click()
    assert page.locator("#id_answer").input_value() == "1 heure."
    page.locator("#id_answer").fill("1 heure, et un thé.")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()

    draft.refresh_from_db()
    assert draft.answer("duration") == "1 heure, et un thé."
    assert draft.status == "draft"  # the text changed: everyone consents again
    assert not Consent.objects.filter(charter=draft).exists()
    adopted.refresh_from_db()
    assert adopted.status == "adopted"  # version 1 stays in force meanwhile
