"""The login page in our words: a visitor who pressed "Demander à venir" learns why an account
is needed and what happens next, instead of a bare "please sign up first" (issue 22)."""

import html as html_text

import pytest
from django.test import Client

from conftest import Cast

pytestmark = pytest.mark.django_db


def test_a_visitor_asking_to_come_learns_why_an_account_and_what_happens_next(
    client: Client, cast: Cast
) -> None:
    asked = client.get(f"/groupes/{cast.group.slug}/rejoindre/")
    assert asked.status_code == 302

    html = html_text.unescape(client.get(asked["Location"]).content.decode())

    assert "Pourquoi un compte pour demander à venir ?" in html
    assert "les personnes qui animent le groupe peuvent vous répondre" in html
    assert "Personne d'autre ne voit votre adresse e-mail." in html
    assert "Les personnes qui animent le groupe vous répondent par e-mail." in html
    assert "merci de vous enregistrer au préalable" not in html
    signup = f'href="/compte/signup/?next=%2Fgroupes%2F{cast.group.slug}%2Frejoindre%2F"'
    assert f"{signup}>Créer un compte</a>" in html
    assert f'name="next" value="/groupes/{cast.group.slug}/rejoindre/"' in html


def test_the_plain_login_page_keeps_to_signing_in(client: Client) -> None:
    html = html_text.unescape(client.get("/compte/login/").content.decode())

    assert "Pourquoi un compte" not in html
    assert 'Pas encore de compte ? <a href="/compte/signup/">Créer un compte</a>' in html
    assert 'name="login"' in html
    assert 'name="password"' in html
