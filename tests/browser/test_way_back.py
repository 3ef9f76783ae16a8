"""From a flyer's QR code to the group again: a newcomer says "Ça m'intéresse", creates an
account, confirms it from her mail on another device, logs in, and is back where she was."""

import re
from typing import Any

import pytest
from django.core import mail

from conftest import Cast
from entraide.founding.models import Initiative, Interest
from entraide.founding.tests.test_initiator_support import make_project
from tests.browser.test_directory import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "une phrase de passe tranquille"


def test_awa_comes_back_to_the_group_she_was_interested_in(
    page: Any, live_server: Any, cast: Cast, tab_for: Any
) -> None:
    initiative = make_project(cast, stage=Initiative.Stage.RECRUITMENT)
    page.goto(live_server.url + initiative.group.get_absolute_url())
    page.get_by_role("link", name="Ça m'intéresse").click()
    page.wait_for_url("**/compte/login/**")
    page.locator("main").get_by_role("link", name=re.compile("enregistrer|Créer un compte")).click()

    page.get_by_label("Votre prénom ou un pseudonyme").fill("Awa")
    page.locator("#id_email").fill("awa@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("J'accepte", exact=False).check()
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()

    # Awa opens the link on her phone: another browser, with none of this one's cookies.
    link = re.search(r"https?://[^/\s]+(/compte/confirm-email/\S+)", str(mail.outbox[-1].body))
    assert link is not None
    phone = tab_for()
    phone.goto(live_server.url + link.group(1))
    phone.locator("main").get_by_role("button").click()
    phone.wait_for_url("**/compte/login/**")
    assert "Votre adresse e-mail est confirmée" in phone.get_by_role("status").inner_text()
    assert serious_violations(phone) == []
    phone.locator("#id_login").fill("awa@example.org")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("main").get_by_role("button", name=re.compile("Connexion|Se connecter")).click()

    phone.wait_for_url(f"**/groupes/{initiative.group.slug}/ca-m-interesse/")
    phone.get_by_role("button", name="Je m'inscris").click()
    phone.wait_for_url(f"**{initiative.group.get_absolute_url()}")
    assert Interest.objects.filter(initiative=initiative, user__email="awa@example.org").exists()
