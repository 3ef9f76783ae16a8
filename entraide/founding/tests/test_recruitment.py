"""Step 2 of the founding journey: progress toward the quorum, the relays, the texts to share."""

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.founding.models import FoundingSession, Initiative, Interest, Relay
from entraide.founding.tests.test_initiator_support import give_date, make_person, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(cast: Cast) -> Initiative:
    return Initiative.objects.create(group=cast.group, initiator=cast.alice, stage="recruitment")


@pytest.fixture
def eve(initiative: Initiative) -> User:
    """Eve saw the group in the directory and said it interests her; she is not a member yet."""
    person = User.objects.create_user("eve@example.org", "x" * 20, display_name="Eve")
    Interest.objects.create(initiative=initiative, user=person)
    return person


def page_url(cast: Cast) -> str:
    return f"/creer-un-groupe/{cast.group.slug}/recrutement/"


def relay_url(cast: Cast, relay: Relay) -> str:
    return f"/creer-un-groupe/{cast.group.slug}/relais/{relay.pk}/"


def textarea(page: str, name: str) -> str:
    found = re.search(rf'<textarea id="{name}"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    assert found is not None, name
    return html.unescape(found.group(1))


def a_relay(initiative: Initiative, **fields: object) -> Relay:
    defaults: dict[str, object] = {
        "name": "Centre social des Dervallières",
        "kind": "social_centre",
    }
    defaults.update(fields)
    return Relay.objects.create(initiative=initiative, **defaults)


# The progress toward the quorum ------------------------------------------------------------------


def test_alice_sees_how_many_people_are_in_against_the_quorum(
    client: Client, cast: Cast, initiative: Initiative, eve: User
) -> None:
    client.force_login(cast.alice)

    response = client.get(page_url(cast))

    page = response.content.decode()
    # Alice and Bob are members, Eve registered interest; Chloé only came to listen.
    assert "3 personnes sur les 6 nécessaires pour démarrer" in page
    assert '<progress id="recruitment-progress" max="6" value="3">' in page
    assert "Encore 3 personnes, et le groupe peut se lancer." in page
    assert "no-store" in response["Cache-Control"]


def test_the_page_says_when_the_quorum_is_reached(
    client: Client, cast: Cast, initiative: Initiative, eve: User
) -> None:
    initiative.quorum = 3
    initiative.save()
    client.force_login(cast.alice)

    page = client.get(page_url(cast)).content.decode()

    assert "3 personnes sur les 3 nécessaires pour démarrer" in page
    assert "Le nombre est atteint" in page


def test_the_page_gives_the_date_of_the_last_registration(
    client: Client, cast: Cast, initiative: Initiative, eve: User
) -> None:
    Interest.objects.filter(user=eve).update(created_at=dt.datetime(2026, 1, 12, 10, tzinfo=dt.UTC))
    client.force_login(cast.alice)

    page = client.get(page_url(cast)).content.decode()

    assert "Dernière inscription : le 12 janvier 2026." in page


def test_a_quiet_month_brings_a_gentle_hint(
    client: Client, cast: Cast, initiative: Initiative, eve: User
) -> None:
    client.force_login(cast.alice)
    recent = client.get(page_url(cast)).content.decode()
    Interest.objects.filter(user=eve).update(created_at=timezone.now() - dt.timedelta(days=31))

    quiet = client.get(page_url(cast)).content.decode()

    assert "Pas de nouvelle inscription depuis un mois" not in recent
    assert "Pas de nouvelle inscription depuis un mois" in quiet
    assert "relancer les relais" in quiet


def test_a_recruitment_that_started_a_month_ago_without_anyone_also_gets_the_hint(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(
        stage_changed_at=timezone.now() - dt.timedelta(days=40)
    )
    client.force_login(cast.alice)

    page = client.get(page_url(cast)).content.decode()

    assert "Personne ne s'est encore inscrit depuis la page du groupe." in page
    assert "Pas de nouvelle inscription depuis un mois" in page


# The quorum --------------------------------------------------------------------------------------


def test_alice_sets_the_quorum_to_eight(client: Client, cast: Cast, initiative: Initiative) -> None:
    client.force_login(cast.alice)

    response = client.post(page_url(cast), {"form": "quorum", "quorum": "8"}, follow=True)

    initiative.refresh_from_db()
    assert initiative.quorum == 8
    page = response.content.decode()
    assert "le groupe démarrera à 8 personnes" in page
    assert "2 personnes sur les 8 nécessaires pour démarrer" in page


@pytest.mark.parametrize("quorum", ["2", "13", "-1", "six", ""])
def test_a_quorum_outside_three_to_twelve_is_refused_and_nothing_is_saved(
    client: Client, cast: Cast, initiative: Initiative, quorum: str
) -> None:
    client.force_login(cast.alice)

    response = client.post(page_url(cast), {"form": "quorum", "quorum": quorum})

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Merci de corriger ce qui est indiqué ci-dessous." in page
    assert "Choisissez un nombre entre 3 et 12" in page or "Indiquez un nombre" in page
    initiative.refresh_from_db()
    assert initiative.quorum == 6


def test_the_quorum_message_explains_the_advice(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    client.force_login(cast.alice)

    page = html.unescape(
        client.post(page_url(cast), {"form": "quorum", "quorum": "13"}).content.decode()
    )

    assert (
        "Choisissez un nombre entre 3 et 12. Le guide conseille un groupe de 6 à 10 personnes."
        in page
    )
    assert 'value="13"' in page


# The relays --------------------------------------------------------------------------------------


def test_alice_adds_a_relay_she_contacted(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    client.force_login(cast.alice)

    response = client.post(
        page_url(cast),
        {
            "form": "relay",
            "name": "Pharmacie du Marché",
            "kind": "pharmacy",
            "contact": "02 40 00 00 00 (accueil)",
            "contacted_on": "2026-01-15",
            "contacted_by": str(cast.bob.pk),
            "note": "Affiche posée près du comptoir.",
        },
        follow=True,
    )

    relay = Relay.objects.get(initiative=initiative)
    assert (relay.name, relay.kind, relay.contacted_by) == (
        "Pharmacie du Marché",
        "pharmacy",
        cast.bob,
    )
    assert relay.contacted_on == dt.date(2026, 1, 15)
    page = html.unescape(response.content.decode())
    assert "« Pharmacie du Marché » fait maintenant partie de vos relais." in page
    assert "Contacté le 15 janvier 2026 par Bob." in page
    assert "Affiche posée près du comptoir." in page
    assert "02 40 00 00 00 (accueil)" in page


def test_a_relay_needs_a_name_and_keeps_what_was_typed(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    client.force_login(cast.alice)

    response = client.post(
        page_url(cast),
        {"form": "relay", "name": "", "kind": "media", "note": "Radio locale, à rappeler"},
    )

    page = html.unescape(response.content.decode())
    assert "Indiquez le nom du relais." in page
    assert 'value="Radio locale, à rappeler"' in page
    assert not Relay.objects.exists()


def test_a_contact_date_in_the_future_is_refused(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    client.force_login(cast.alice)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(
        page_url(cast),
        {"form": "relay", "name": "Mairie", "kind": "town_hall", "contacted_on": tomorrow},
    )

    assert "Cette date est dans le futur" in html.unescape(response.content.decode())
    assert not Relay.objects.exists()


def test_only_people_of_the_group_can_have_contacted_a_relay(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    client.force_login(cast.alice)

    for outsider in (cast.dan, cast.chloe):
        response = client.post(
            page_url(cast),
            {"form": "relay", "name": "Mairie", "kind": "town_hall", "contacted_by": outsider.pk},
        )
        assert "Choisissez une personne du groupe." in html.unescape(response.content.decode())

    assert not Relay.objects.exists()


def test_alice_corrects_a_relay(client: Client, cast: Cast, initiative: Initiative) -> None:
    relay = a_relay(initiative)
    client.force_login(cast.alice)

    form = client.get(relay_url(cast, relay)).content.decode()
    response = client.post(
        relay_url(cast, relay),
        {
            "name": "Centre social des Dervallières",
            "kind": "social_centre",
            "contacted_on": "2026-02-02",
            "contacted_by": str(cast.alice.pk),
            "note": "D'accord pour une affiche",
        },
    )

    assert "Centre social des Dervallières" in html.unescape(form)
    assert response.status_code == 302
    assert response["Location"] == page_url(cast)
    relay.refresh_from_db()
    assert (relay.contacted_on, relay.contacted_by, relay.note) == (
        dt.date(2026, 2, 2),
        cast.alice,
        "D'accord pour une affiche",
    )


def test_alice_takes_a_relay_off_the_list(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    relay = a_relay(initiative)
    client.force_login(cast.alice)

    response = client.post(relay_url(cast, relay), {"delete": "1"}, follow=True)

    assert not Relay.objects.filter(pk=relay.pk).exists()
    assert "« Centre social des Dervallières » ne fait plus partie de vos relais." in html.unescape(
        response.content.decode()
    )


def test_a_relay_of_another_project_cannot_be_reached_through_this_one(
    client: Client, cast: Cast, initiative: Initiative, make_group: object
) -> None:
    other_group = make_group("Aidants Rennes", "35000 Rennes")  # type: ignore[operator]
    other = Initiative.objects.create(group=other_group, stage="recruitment")
    foreign = a_relay(other, name="Mairie de Rennes")
    client.force_login(cast.alice)

    assert client.get(relay_url(cast, foreign)).status_code == 404
    assert client.post(relay_url(cast, foreign), {"delete": "1"}).status_code == 404
    assert Relay.objects.filter(pk=foreign.pk).exists()


# Who may read, who may change --------------------------------------------------------------------


def test_bob_reads_the_page_but_cannot_change_anything(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    relay = a_relay(initiative, contacted_on=dt.date(2026, 1, 5), contacted_by=cast.alice)
    client.force_login(cast.bob)

    page = html.unescape(client.get(page_url(cast)).content.decode())
    refused = [
        client.post(page_url(cast), {"form": "quorum", "quorum": "8"}).status_code,
        client.post(
            page_url(cast), {"form": "relay", "name": "Mairie", "kind": "town_hall"}
        ).status_code,
        client.get(relay_url(cast, relay)).status_code,
        client.post(relay_url(cast, relay), {"delete": "1"}).status_code,
    ]

    assert "Centre social des Dervallières" in page
    assert "Contacté le 5 janvier 2026 par Alice." in page
    assert 'name="quorum"' not in page and "Ajouter ce relais" not in page
    assert "Modifier ou retirer" not in page
    assert "affiche-a5.pdf" in page and "affiche-a4.pdf" in page
    assert refused == [404, 404, 404, 404]
    initiative.refresh_from_db()
    assert initiative.quorum == 6
    assert list(Relay.objects.all()) == [relay]


def test_chloe_the_observer_reads_the_page_without_learning_who_made_the_contacts(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    a_relay(initiative, contacted_on=dt.date(2026, 1, 5), contacted_by=cast.bob)
    client.force_login(cast.chloe)

    response = client.get(page_url(cast))

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Centre social des Dervallières" in page
    assert "Bob" not in page
    assert client.post(page_url(cast), {"form": "quorum", "quorum": "8"}).status_code == 404


def test_a_stranger_and_a_person_who_only_registered_interest_get_a_404(
    client: Client, cast: Cast, initiative: Initiative, eve: User
) -> None:
    relay = a_relay(initiative)

    for person in (cast.dan, eve):
        client.force_login(person)
        assert client.get(page_url(cast)).status_code == 404
        assert client.post(page_url(cast), {"form": "quorum", "quorum": "8"}).status_code == 404
        assert client.get(relay_url(cast, relay)).status_code == 404

    assert client.get("/creer-un-groupe/nulle-part/recrutement/").status_code == 404


def test_a_visitor_is_asked_to_log_in(client: Client, cast: Cast, initiative: Initiative) -> None:
    relay = a_relay(initiative)

    for url in (page_url(cast), relay_url(cast, relay)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/login/")


# The texts to share ------------------------------------------------------------------------------


def test_the_texts_give_the_town_the_date_and_the_address_of_the_group_page(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    give_date(
        FoundingSession.objects.create(
            initiative=initiative, kind=FoundingSession.Kind.INFORMATION
        ),
        dt.datetime(2026, 3, 3, 17, 30, tzinfo=dt.UTC),
        "Chez Alice, 12 rue des Lilas",
    )
    client.force_login(cast.alice)

    page = client.get(page_url(cast)).content.decode()

    url = settings.SITE_URL + cast.group.get_absolute_url()
    for name in ("social-post", "press-release"):
        text = textarea(page, name)
        assert "Nantes" in text
        assert url in text
        assert "Deuil" in text
        assert "mardi 3 mars 2026 à 18h30" in text
        assert "Lilas" not in text and "Maison des associations" not in text
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
        for person in (cast.alice, cast.bob, cast.chloe):
            assert person.display_name not in text
    assert '<label for="social-post">' in page and '<label for="press-release">' in page
    assert "readonly" in page


def test_the_press_release_names_the_accompanying_organisation_but_not_its_address(
    client: Client, cast: Cast, initiative: Initiative, organisation: object
) -> None:
    initiative.organisation = organisation  # type: ignore[assignment]
    initiative.accompaniment = Initiative.Accompaniment.ACCEPTED
    initiative.save()
    client.force_login(cast.alice)

    text = textarea(client.get(page_url(cast)).content.decode(), "press-release")

    assert "Le groupe est accompagné par l'organisation Centre d'entraide de Nantes." in text
    assert "accueil@centre-nantes.example" not in text


def test_an_online_group_is_shared_as_online(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    cast.group.format = "online"
    cast.group.save()
    client.force_login(cast.alice)

    text = textarea(client.get(page_url(cast)).content.decode(), "social-post")

    assert text.startswith("Un groupe d'entraide se crée en ligne : « Deuil Nantes ».")


def test_the_page_suggests_whom_to_contact(
    client: Client, cast: Cast, initiative: Initiative
) -> None:
    client.force_login(cast.bob)

    page = html.unescape(client.get(page_url(cast)).content.decode())

    for who in (
        "Associations",
        "La mairie",
        "Les centres sociaux",
        "Les pharmacies",
        "Les médias locaux",
    ):
        assert who in page
    assert "travaillent sur le thème (Deuil)" in page


# In a real browser -------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_recruitment_page_reads_well_on_a_phone_and_passes_axe(
    page: Any, live_server: Any, cast: Cast
) -> None:
    from tests.browser.test_directory import fits_the_screen, serious_violations
    from tests.browser.test_joining import log_in

    initiative = Initiative.objects.create(
        group=cast.group, initiator=cast.alice, stage="recruitment"
    )
    a_relay(initiative, contacted_on=dt.date(2026, 1, 5), contacted_by=cast.bob)
    log_in(page, live_server.url, cast.alice.email)

    page.goto(live_server.url + page_url(cast))
    page.get_by_label("Combien de personnes pour démarrer ?", exact=False).fill("13")
    page.get_by_role("button", name="Enregistrer le nombre").click()
    page.wait_for_load_state()

    assert page.get_by_text("Choisissez un nombre entre 3 et 12.", exact=False).is_visible()
    assert serious_violations(page) == []
    assert fits_the_screen(page)
    page.get_by_role("link", name="Modifier ou retirer « Centre social des Dervallières »").click()
    page.wait_for_load_state()
    assert serious_violations(page) == []
    assert fits_the_screen(page)


def test_the_facilitators_see_who_registered_interest_on_the_recruitment_page(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Initiative.Stage.RECRUITMENT)
    emma = make_person("Emma")
    Interest.objects.create(initiative=initiative, user=emma, message="Je perds mon père.")
    url = f"/creer-un-groupe/{initiative.group.slug}/recrutement/"

    client.force_login(cast.alice)
    facilitator = client.get(url).content.decode()
    client.force_login(cast.bob)
    member = client.get(url).content.decode()

    assert "Emma" in facilitator and "Je perds mon père." in facilitator
    assert "Pas encore invité·e." in facilitator
    assert "emma@example.org" not in facilitator
    assert "Emma" not in member and "Je perds mon père." not in member
