"""A group's public page, its schema.org description, and writing to the group."""

import json
import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from entraide.directory.actions import unique_slug
from entraide.directory.models import SupportGroup
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]


def json_ld(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_a_visitor_sees_what_a_newcomer_needs_to_know(
    client: Client, make_group: MakeGroup, organisation: Organisation
) -> None:
    group = make_group("Deuil Nantes Nord", organisation=organisation, companions_welcome=True)

    response = client.get(group.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Deuil Nantes Nord</h1>" in html
    assert "Le 1er mardi du mois, 18h30–20h" in html
    assert "Prochaine rencontre" in html
    assert "Nantes (44000)" in html
    assert "Vous pouvez venir accompagné·e." in html
    assert "Gratuit" in html
    assert "Centre d&#x27;entraide de Nantes" in html
    assert "Demander à venir, d'abord pour écouter" in html


def test_the_page_never_shows_an_e_mail_address(
    client: Client, make_group: MakeGroup, organisation: Organisation
) -> None:
    group = make_group("Deuil Nantes", organisation=organisation)

    html = client.get(group.get_absolute_url()).content.decode()

    assert "accueil@centre-nantes.example" not in html
    assert "mailto:" not in html


def test_the_page_describes_the_group_for_schema_org_without_an_address(
    client: Client, make_group: MakeGroup, organisation: Organisation
) -> None:
    group = make_group("Deuil </script> Nantes", organisation=organisation)

    data = json_ld(client.get(group.get_absolute_url()).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Deuil </script> Nantes"
    assert data["location"] == {
        "@type": "Place",
        "name": "Nantes",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Nantes",
            "postalCode": "44000",
            "addressCountry": "FR",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 47.22, "longitude": -1.55},
    }
    assert data["isAccessibleForFree"] is True
    assert "streetAddress" not in json.dumps(data)


def test_an_unpublished_group_is_not_found(client: Client, make_group: MakeGroup) -> None:
    group = make_group("Caché", is_published=False)

    assert client.get(group.get_absolute_url()).status_code == 404
    assert client.get(f"/groupes/{group.slug}/ecrire/").status_code == 404
    assert client.get("/groupes/nexiste-pas/").status_code == 404


def test_a_paused_group_says_so(client: Client, make_group: MakeGroup) -> None:
    group = make_group("En pause", status=SupportGroup.Status.PAUSED)

    html = client.get(group.get_absolute_url()).content.decode()

    assert "Ce groupe fait une pause." in html
    assert "Prochaine rencontre" not in html


def test_writing_to_a_group_reaches_its_organisation_and_stores_nothing(
    client: Client, make_group: MakeGroup, organisation: Organisation
) -> None:
    group = make_group("Deuil Nantes", organisation=organisation)

    form = client.get(f"/groupes/{group.slug}/ecrire/?objet=rejoindre").content.decode()
    response = client.post(
        f"/groupes/{group.slug}/ecrire/",
        {"name": "Awa", "email": "awa@example.org", "message": "Puis-je venir écouter ?"},
        follow=True,
    )

    assert "d&#x27;abord pour écouter.</textarea>" in form
    assert response.redirect_chain == [(group.get_absolute_url(), 302)]
    assert "Votre message est parti." in response.content.decode()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["accueil@centre-nantes.example"]
    assert sent.reply_to == ["awa@example.org"]
    assert "Puis-je venir écouter ?" in sent.body
    assert "Deuil Nantes" in sent.subject


def test_a_group_without_organisation_is_written_to_through_the_site_team(
    client: Client, make_group: MakeGroup, settings: object
) -> None:
    group = make_group("Autonome")

    client.post(
        f"/groupes/{group.slug}/ecrire/",
        {"name": "Marc", "email": "marc@example.org", "message": "Bonjour"},
    )

    assert mail.outbox[0].to == ["contact@entraide.localhost"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "a@example.org", "message": "x"}, "Ce champ est obligatoire."),
        (
            {"name": "Awa", "email": "pas-une-adresse", "message": "x"},
            "Saisissez une adresse de courriel valide.",
        ),
        (
            {"name": "Awa", "email": "a@example.org", "message": "x" * 2001},
            "Votre message est trop long : 2000 caractères au plus.",
        ),
    ],
)
def test_a_wrong_message_is_explained_and_kept(
    client: Client, make_group: MakeGroup, data: dict[str, str], message: str
) -> None:
    group = make_group("Deuil Nantes")

    response = client.post(f"/groupes/{group.slug}/ecrire/", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert len(mail.outbox) == 0
    if data["name"]:
        assert f'value="{data["name"]}"' in html


def test_the_organisation_page_lists_its_published_groups(
    client: Client, make_group: MakeGroup, organisation: Organisation
) -> None:
    make_group("Visible", organisation=organisation)
    make_group("Caché", organisation=organisation, is_published=False)

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert "Visible" in html
    assert "Caché" not in html
    assert "1 groupe accompagné" in html
    assert client.get("/organisations/inconnue/").status_code == 404


def test_too_many_messages_from_one_place_are_held_back_without_losing_the_text(
    client: Client, make_group: MakeGroup
) -> None:
    group = make_group("Deuil Nantes")
    message = {"name": "Awa", "email": "awa@example.org", "message": "Bonjour"}
    for _ in range(5):
        assert client.post(f"/groupes/{group.slug}/ecrire/", message).status_code == 302

    response = client.post(
        f"/groupes/{group.slug}/ecrire/", message | {"message": "Mon sixième message"}
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert "merci de réessayer dans une heure" in html
    assert "Mon sixième message</textarea>" in html
    assert len(mail.outbox) == 5


@pytest.mark.parametrize(
    ("name", "town", "slug"),
    [
        ("Deuil Nantes", "Nantes", "deuil-nantes"),
        ("Groupe de parole Veuvage", "Rennes", "groupe-de-parole-veuvage-rennes"),
        ("En ligne", "", "en-ligne"),
    ],
)
def test_a_group_s_address_names_its_town_once(name: str, town: str, slug: str) -> None:
    assert unique_slug(name, town) == slug
