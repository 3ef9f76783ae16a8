"""A review round in real browsers, at 360 px: six members answer it, the last one, Bob, in
the browser; Coralie, who coordinates, then reads what the groups answered, without names and
only because six answered (issue 16, point 4)."""

from typing import Any

import pytest

from conftest import PASSWORD, Cast
from entraide.accompaniment.tests.rounds import answer, open_round
from entraide.accounts.models import User
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation
from tests.browser.test_directory import audited
from tests.browser.test_founding_journey import (
    click,
    coralie_secret,
    current_code,
    main,
    status,
)
from tests.browser.test_joining import log_in

# A fixture from the founding journey's tests, used here by name.
__all__ = ["coralie_secret"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_six_members_answer_a_round_and_coralie_reads_the_results(
    page: Any,
    tab_for: Any,
    live_server: Any,
    cast: Cast,
    organisation: Organisation,
    coralie_secret: str,
) -> None:
    base = live_server.url
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    review = open_round(cast.group)
    answer(review, cast.alice, 5, 4, "On s'écoute vraiment.")
    for number in range(4):
        person = User.objects.create_user(
            f"m{number}@example.org", PASSWORD, display_name=f"Membre {number}"
        )
        Membership.objects.create(
            user=person, group=cast.group, role="member", status=Membership.Status.ACTIVE
        )
        answer(review, person, 4, 4, f"Les rencontres du mardi, {number}.")

    # Bob, the sixth, answers in his browser: every question may be passed.
    log_in(page, base, "bob@example.org")
    page.goto(f"{base}/mes-groupes/{cast.group.slug}/")
    click(page, "link", "Répondre au bilan du groupe")
    assert page.locator("h1").inner_text() == "Bilan du groupe"
    audited(page)
    satisfaction = page.get_by_role(
        "group", name="Dans l'ensemble, le groupe vous apporte-t-il ce que vous cherchiez ?"
    )
    satisfaction.get_by_label("3", exact=True).check()
    page.get_by_label("Ce que nous pourrions changer").fill("Un peu plus de temps pour parler.")
    click(page, "button", "Envoyer mes réponses")
    assert "Vos réponses sont enregistrées, sans votre nom." in status(page)
    assert "Vous avez répondu à ce bilan. Merci !" in main(page)
    audited(page)

    # Coralie signs in with her second factor and finds the questionnaires from her board.
    desk = tab_for()
    desk.goto(base + "/compte/login/")
    desk.locator("#id_login").fill("coralie@example.org")
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url("**/compte/2fa/authenticate/")
    desk.locator("input[name=code]").fill(current_code(coralie_secret))
    desk.locator("input[name=code]").press("Enter")
    desk.wait_for_load_state()
    desk.goto(f"{base}/organisations/{organisation.slug}/accompagnement/")
    click(desk, "link", "Les questionnaires")
    audited(desk)
    desk.get_by_role("listitem").filter(has_text="Bilan du groupe").get_by_role(
        "link", name="Ce que les groupes ont répondu"
    ).click()
    desk.wait_for_load_state()
    text = main(desk)
    assert "6 personnes ont répondu." in text
    assert "4,0 sur 5 en moyenne" in text  # (5 + 4 × 4 + 3) / 6
    assert "Un peu plus de temps pour parler." in text
    assert "On s'écoute vraiment." in text
    for name in ("Bob", "Alice", "Membre 0"):
        assert name not in text
    assert desk.get_by_role("table", name="Combien de personnes ont donné chaque réponse")
    audited(desk)
