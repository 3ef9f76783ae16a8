"""Themes beyond the first fourteen: an initiator proposes theirs, an organisation adds some."""

import html as html_text
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from conftest import Cast
from entraide.accounts.models import User
from entraide.directory.models import Theme
from entraide.founding.models import Initiative
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

THEMES = "/organisations/centre-nantes/thematiques/"


def start_form(theme: Theme | None, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Acouphènes Nantes",
        "summary": "Vivre avec des acouphènes, en parler entre nous.",
        "themes": [theme.pk] if theme else [],
        "new_theme": "",
        "kind": "talk",
        "audience": "concerned",
        "format": "in_person",
        "place": "44000",
        "languages": ["fr"],
        "cost": "free",
        "need": "En parler.",
    }
    data.update(changes)
    return data


@pytest.fixture
def proposed(client: Client, cast: Cast, organisation: Organisation) -> Theme:
    """Dan starts a tinnitus group with no theme of the list but his own, and asks the
    organisation to accompany him."""
    client.force_login(cast.dan)
    client.post("/creer-un-groupe/", start_form(None, new_theme="  Acouphènes "))
    initiative = Initiative.objects.get(initiator=cast.dan)
    initiative.organisation = organisation
    initiative.accompaniment = Initiative.Accompaniment.REQUESTED
    initiative.save()
    return Theme.objects.get(name_fr="Acouphènes")


def test_an_initiator_whose_theme_is_missing_writes_their_own(
    client: Client, cast: Cast, proposed: Theme
) -> None:
    group = Initiative.objects.get(initiator=cast.dan).group

    search_form = client.get("/groupes/").content.decode()

    assert not proposed.is_accepted and proposed.proposed_for == group
    assert list(group.themes.all()) == [proposed]
    assert "acouphenes" in group.search_text
    assert "Acouphènes" not in search_form  # not in everyone's list yet


def test_a_group_needs_a_theme_from_the_list_or_its_own(
    client: Client, cast: Cast, theme: Callable[..., Theme]
) -> None:
    client.force_login(cast.dan)

    page = client.post("/creer-un-groupe/", start_form(None)).content.decode()

    assert "Choisissez au moins une thématique, ou écrivez la vôtre." in page
    assert not Initiative.objects.exists()


def test_the_coordinator_accepts_a_proposed_theme_for_everyone(
    client: Client, coralie: User, proposed: Theme
) -> None:
    client.force_login(coralie)
    board = client.get("/organisations/centre-nantes/accompagnement/").content.decode()
    key = f"theme-{proposed.pk}"

    unfinished = client.post(
        f"{THEMES}{proposed.pk}/", {f"{key}-decision": "accept", f"{key}-name_en": "Tinnitus"}
    ).content.decode()
    client.post(
        f"{THEMES}{proposed.pk}/",
        {f"{key}-decision": "accept", f"{key}-name_en": "Tinnitus", f"{key}-domain": "somatic"},
    )

    proposed.refresh_from_db()
    assert "1 proposée attend votre réponse" in html_text.unescape(board)
    assert "Choisissez le domaine de la thématique." in unfinished
    assert (proposed.is_accepted, proposed.name_en, proposed.domain) == (
        True,
        "Tinnitus",
        "somatic",
    )
    assert proposed.added_by is not None
    assert "Acouphènes" in client.get("/groupes/").content.decode()


def test_the_coordinator_gives_the_group_an_existing_theme_instead(
    client: Client, cast: Cast, coralie: User, proposed: Theme, theme: Callable[..., Theme]
) -> None:
    chronic = theme("maladies-chroniques", "Maladies chroniques", "Chronic illness")
    client.force_login(coralie)
    key = f"theme-{proposed.pk}"

    client.post(
        f"{THEMES}{proposed.pk}/", {f"{key}-decision": "replace", f"{key}-instead": chronic.pk}
    )

    group = Initiative.objects.get(initiator=cast.dan).group
    assert list(group.themes.all()) == [chronic]
    assert not Theme.objects.filter(pk=proposed.pk).exists()


def test_a_coordinator_of_another_organisation_cannot_answer(
    client: Client, olivia: User, proposed: Theme
) -> None:
    client.force_login(olivia)
    key = f"theme-{proposed.pk}"

    response = client.post(
        f"/organisations/centre-lyon/thematiques/{proposed.pk}/",
        {f"{key}-decision": "accept", f"{key}-name_en": "X", f"{key}-domain": "somatic"},
    )

    assert response.status_code == 404
    proposed.refresh_from_db()
    assert not proposed.is_accepted


def test_an_organisation_adds_a_theme_for_everyone_once(client: Client, coralie: User) -> None:
    client.force_login(coralie)
    data = {"name_fr": "Acouphènes", "name_en": "Tinnitus", "domain": "somatic"}

    client.post(THEMES, data)
    again = client.post(THEMES, {**data, "name_fr": "acouphenes"}, follow=True).content.decode()
    empty = client.post(THEMES, {"name_fr": "", "name_en": "", "domain": ""}).content.decode()

    assert Theme.objects.filter(name_en="Tinnitus").count() == 1
    assert "Acouphènes / Tinnitus" in html_text.unescape(again)
    assert "Donnez le nom de la thématique en français." in empty
    assert Theme.objects.get(name_en="Tinnitus").is_accepted
