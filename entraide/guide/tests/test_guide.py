"""The participant's guide and its questions: reachable from the home page and every group."""

from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client
from django.utils.html import escape

from entraide.directory.models import SupportGroup
from entraide.guide.faq import QUESTIONS

pytestmark = pytest.mark.django_db


def test_the_guide_walks_through_a_first_meeting(client: Client) -> None:
    response = client.get("/guide/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Le guide du participant</h1>" in html
    for heading in [
        "Un groupe d'entraide, c'est quoi ?",
        "Trouver un groupe",
        "Venir d'abord pour écouter",
        "Préparer ce que vous voulez partager",
        "Partager à votre rythme",
        "Ce que vous pouvez apporter",
        "Après la rencontre : votre carnet",
    ]:
        assert f"{heading}</h2>" in html, heading


def test_the_guide_links_to_the_search_the_journal_the_questions_and_help(
    client: Client,
) -> None:
    html = client.get("/guide/").content.decode()

    assert 'href="/groupes/"' in html
    assert '<a href="/mon-carnet/">Mon carnet</a>' in html
    assert 'href="/guide/questions/"' in html
    assert 'href="/aide-maintenant/"' in html


def test_the_home_page_links_to_the_guide_and_its_questions(client: Client) -> None:
    html = client.get("/").content.decode()

    assert html.count('href="/guide/"') >= 2  # in the page and in the footer
    assert 'href="/guide/questions/"' in html


def test_every_group_page_links_to_the_guide(
    client: Client, make_group: Callable[..., SupportGroup]
) -> None:
    make_group("Deuil Nantes")

    html = client.get("/groupes/deuil-nantes/").content.decode()

    assert "Première fois ? Lire le guide du participant" in html
    assert html.count('href="/guide/"') >= 2


def test_every_question_has_its_own_anchor_and_a_table_of_contents_entry(
    client: Client,
) -> None:
    html = client.get("/guide/questions/").content.decode()

    anchors = [question.anchor for question in QUESTIONS]
    assert len(anchors) == len(set(anchors))
    for question in QUESTIONS:
        assert f'id="{question.anchor}"' in html
        assert f'<a href="#{question.anchor}">{escape(question.question)}</a>' in html


@pytest.mark.parametrize(
    ("anchor", "words"),
    [
        ("dois-je-parler", "je passe"),
        ("combien-de-temps", "deux heures"),
        ("est-ce-payant", "gratuits"),
        ("venir-accompagne", "proches"),
        ("et-si-je-pleure", "pause"),
        ("plusieurs-groupes", "Oui."),
        ("confidentialite", "règle d'or"),
        ("est-ce-une-therapie", "ne remplace pas"),
        ("puis-je-partir", "à tout moment"),
        ("si-le-groupe-ne-me-convient-pas", "cherchez-en un autre"),
    ],
)
def test_the_newcomer_s_questions_are_answered(client: Client, anchor: str, words: str) -> None:
    html = client.get("/guide/questions/").content.decode()

    section = html[html.index(f'id="{anchor}"') :]
    section = section[: section.index("</section>")]
    assert words in unescape(section)


def test_the_questions_send_to_help_when_things_go_badly(client: Client) -> None:
    html = client.get("/guide/questions/").content.decode()

    section = html[html.index('id="urgence"') :]
    assert 'href="/aide-maintenant/"' in section[: section.index("</section>")]


def test_the_guide_is_in_english_too(client: Client) -> None:
    client.cookies["entraide_language"] = "en"

    response = client.get("/guide/questions/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
