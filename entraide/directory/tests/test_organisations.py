"""The public directory of organisations and each one's page, which its admins edit."""

from collections.abc import Callable

import pytest
from django.test import Client

from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup, Theme
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

PAGE = "/organisations/centre-nantes/page/"


@pytest.fixture
def organisations(organisation: Organisation) -> dict[str, Organisation]:
    """Nantes; Rennes, which serves Saint-Nazaire by its area; Lyon, far away."""
    rennes = Organisation.objects.create(
        name="Maison des usagers de Rennes",
        slug="rennes",
        town="Rennes",
        area_served="Ille-et-Vilaine, et aussi Saint-Nazaire (44600)",
    )
    lyon = Organisation.objects.create(name="Centre de Lyon", slug="centre-lyon", town="Lyon")
    return {"nantes": organisation, "rennes": rennes, "lyon": lyon}


def names(response: object) -> list[str]:
    return [found.organisation.name for found in response.context["found"]]  # type: ignore[attr-defined]


def test_everyone_sees_every_organisation_without_signing_in(
    client: Client, organisations: dict[str, Organisation]
) -> None:
    response = client.get("/organisations/")

    assert response.status_code == 200
    assert names(response) == [
        "Centre d'entraide de Nantes",
        "Centre de Lyon",
        "Maison des usagers de Rennes",
    ]
    assert 'href="/organisations/rennes/"' in response.content.decode()


def test_a_place_finds_the_organisations_within_the_radius_nearest_first(
    client: Client, organisations: dict[str, Organisation]
) -> None:
    near_nantes = client.get("/organisations/", {"place": "44000", "radius": "30"})
    far = client.get("/organisations/", {"place": "Nantes", "radius": "150"})

    assert names(near_nantes) == ["Centre d'entraide de Nantes"]
    assert names(far) == ["Centre d'entraide de Nantes", "Maison des usagers de Rennes"]


def test_the_area_served_names_a_place_beyond_the_radius(
    client: Client, organisations: dict[str, Organisation]
) -> None:
    by_code = client.get("/organisations/", {"place": "44600", "radius": "10"})
    by_town = client.get("/organisations/", {"place": "Saint-Nazaire", "radius": "10"})

    assert names(by_code) == ["Maison des usagers de Rennes"]
    assert names(by_town) == ["Maison des usagers de Rennes"]
    assert "accompagne des groupes dans ce lieu" in by_code.content.decode()


def test_a_theme_finds_organisations_by_their_groups_or_what_they_declare(
    client: Client,
    organisations: dict[str, Organisation],
    make_group: Callable[..., SupportGroup],
    theme: Callable[..., Theme],
) -> None:
    caring = theme("aidants", "Proches aidants", "Carers")
    make_group("Aidants de Nantes", themes=[caring], organisation=organisations["nantes"])
    make_group("Deuil à Lyon", organisation=organisations["lyon"])
    caring.organisations.add(organisations["rennes"])

    response = client.get("/organisations/", {"theme": "aidants"})

    assert names(response) == ["Centre d'entraide de Nantes", "Maison des usagers de Rennes"]


def test_a_wrong_search_gets_a_message_not_an_error(
    client: Client, organisations: dict[str, Organisation]
) -> None:
    unknown = client.get("/organisations/", {"place": "Zzyzx-sur-Rien"})
    negative = client.get("/organisations/", {"place": "Nantes", "radius": "-3"})
    no_theme = client.get("/organisations/", {"theme": "nope"})

    assert unknown.status_code == negative.status_code == no_theme.status_code == 200
    assert "Nous ne connaissons pas" in unknown.content.decode()
    assert "Le rayon doit être d&#x27;au moins 1 km." in negative.content.decode()
    assert "Cette thématique n&#x27;existe pas." in no_theme.content.decode()
    assert unknown.context["found"] == []


def test_the_admin_edits_the_public_page_and_the_journal_says_so(
    client: Client, oscar: User, organisation: Organisation, theme: Callable[..., Theme]
) -> None:
    grief = theme()
    client.force_login(oscar)

    response = client.post(
        PAGE,
        {
            "description": "Un centre d'entraide.",
            "town": "Nantes",
            "website": "https://centre-nantes.example",
            "public_email": "bonjour@centre-nantes.example",
            "public_phone": "02 40 00 00 00",
            "area_served": "Nantes, Rezé, 44400",
            "offers": "Une salle le mardi soir, des photocopies.",
            "themes": [grief.pk],
        },
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.public_phone == "02 40 00 00 00"
    assert list(organisation.declared_themes.all()) == [grief]
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organisation) == (
        "organisation.edited",
        oscar,
        organisation,
    )


def test_a_wrong_phone_number_gets_a_message(client: Client, oscar: User) -> None:
    client.force_login(oscar)

    response = client.post(PAGE, {"public_phone": "appelez-nous", "public_email": "x"})

    assert response.status_code == 200
    assert "Écrivez un numéro de téléphone" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_the_page_shows_the_public_contact_never_the_private_one(
    client: Client,
    organisation: Organisation,
    make_group: Callable[..., SupportGroup],
    theme: Callable[..., Theme],
) -> None:
    organisation.public_email = "bonjour@centre-nantes.example"
    organisation.public_phone = "02 40 00 00 00"
    organisation.website = "https://centre-nantes.example"
    organisation.area_served = "Nantes et Rezé"
    organisation.offers = "Une salle le mardi soir."
    organisation.save()
    theme("aidants", "Proches aidants", "Carers").organisations.add(organisation)
    make_group("Deuil à Nantes", organisation=organisation)

    page = client.get("/organisations/centre-nantes/").content.decode()

    for shown in (
        "bonjour@centre-nantes.example",
        'href="tel:0240000000"',
        "https://centre-nantes.example",
        "Nantes et Rezé",
        "Une salle le mardi soir.",
        "Proches aidants",
        "Deuil à Nantes",
    ):
        assert shown in page, shown
    assert "accueil@centre-nantes.example" not in page
    assert "Modifier cette page" not in page


def test_only_the_admins_edit_the_page(client: Client, coralie: User, oscar: User) -> None:
    client.force_login(coralie)
    assert client.get(PAGE).status_code == 404
    assert "Modifier cette page" not in client.get("/organisations/centre-nantes/").content.decode()
    client.force_login(oscar)
    assert client.get(PAGE).status_code == 200
    assert "Modifier cette page" in client.get("/organisations/centre-nantes/").content.decode()
