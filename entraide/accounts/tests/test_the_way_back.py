"""The way back after sign-up: whoever comes from a page (a group's "Ça m'intéresse", a formation
invitation) signs up, confirms their address and logs in, and lands on that page again."""

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.founding.models import Initiative
from entraide.founding.tests.test_initiator_support import make_project
from entraide.proposals.models import Invitation
from entraide.proposals.tests.test_invitations import build_proposal, create_url, group_ids

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe tranquille"


def link(page: str, path: str) -> str:
    """The first link of the page to `path`, as the browser would follow it."""
    found = re.search(rf'href="({re.escape(path)}[^"]*)"', page)
    assert found is not None, f"no link to {path}"
    return html.unescape(found.group(1))


def hidden_next(page: str) -> str:
    """The way back the main form carries (the language switch in the header has its own)."""
    main = page[page.index("<main") : page.index("</main>")]
    found = re.search(r'<input type="hidden" name="next" value="([^"]*)"', main)
    assert found is not None, "no next in the form"
    return html.unescape(found.group(1))


def next_of(url: str) -> str:
    return parse_qs(urlsplit(url).query).get("next", [""])[0]


def sign_up_from(client: Client, signup_url: str, email: str) -> Any:
    """Create an account from `signup_url`, confirm the address from the e-mail and log in,
    each step as a person would; the login's response."""
    target = next_of(signup_url)
    signup_page = client.get(signup_url).content.decode()
    client.post(
        "/compte/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Awa",
            "preferred_language": "fr",
            "consent": "on",
            "next": hidden_next(signup_page),
        },
    )
    # The confirmation is often opened elsewhere (the phone's mail app): the link carries the
    # way back by itself, not only the session.
    client.logout()
    confirm = re.search(
        r"https?://[^/\s]+(/compte/confirm-email/[^\s]+)", str(mail.outbox[-1].body)
    )
    assert confirm is not None
    confirm_page = client.get(confirm.group(1)).content.decode()
    confirmed = client.post(confirm.group(1), {"next": hidden_next(confirm_page)}, follow=True)
    page = confirmed.content.decode()
    assert "Votre adresse e-mail est confirmée" in page
    login_url = confirmed.redirect_chain[-1][0]
    assert login_url.startswith("/compte/login/")
    assert hidden_next(page) == target
    return client.post(login_url, {"login": email, "password": PASSWORD, "next": target})


def test_from_a_group_being_founded_awa_comes_back_to_say_it_interests_her(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Initiative.Stage.RECRUITMENT)
    group_page = client.get(initiative.group.get_absolute_url()).content.decode()
    interest = link(group_page, f"/groupes/{initiative.group.slug}/ca-m-interesse/")

    to_login = client.get(interest)
    assert to_login.status_code == 302
    login_page = client.get(to_login["Location"]).content.decode()
    signup_url = link(login_page, "/compte/signup/")
    assert next_of(signup_url) == interest

    logged_in = sign_up_from(client, signup_url, "awa@example.org")

    assert logged_in["Location"] == interest
    assert "Je m'inscris" in client.get(interest).content.decode()


def test_from_a_formation_invitation_awa_comes_back_to_answer_it(
    client: Client, coralie: Any, organisation: Any, theme: Any
) -> None:
    proposal = build_proposal(organisation, theme=theme())
    client.force_login(coralie)
    client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})
    client.logout()
    invitation = Invitation.objects.filter(group__proposal=proposal).first()
    assert invitation is not None
    page = client.get(f"/invitations/{invitation.token}/").content.decode()
    signup_url = link(page, "/compte/signup/")
    target = next_of(signup_url)
    assert target == f"/invitations/{invitation.token}/"

    logged_in = sign_up_from(client, signup_url, invitation.volunteer.email)

    assert logged_in["Location"] == target
    assert "Votre réponse" in client.get(target).content.decode()


def test_a_next_to_another_site_is_not_carried(client: Client) -> None:
    client.post(
        "/compte/signup/",
        {
            "email": "awa@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Awa",
            "preferred_language": "fr",
            "consent": "on",
            "next": "https://ailleurs.example/",
        },
    )

    assert "ailleurs.example" not in mail.outbox[-1].body
