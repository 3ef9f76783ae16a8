"""Searching the directory, on SQLite and PostgreSQL alike."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from conftest import Cast
from entraide.directory.actions import publish_group
from entraide.directory.models import SupportGroup, Theme
from entraide.directory.search import Criteria, search
from entraide.lib import places

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]


def names(groups: object) -> list[str]:
    return [group.name for group in groups]  # type: ignore[attr-defined]


def test_words_without_accents_find_a_group_written_with_accents(make_group: MakeGroup) -> None:
    make_group("Réunion des proches d'Alzheimer", place="25000 Besançon")
    make_group("Groupe de parole deuil", place="44000 Nantes")

    assert names(search(Criteria(text="reunion besancon"))) == ["Réunion des proches d'Alzheimer"]
    assert names(search(Criteria(text="RÉUNION BESANÇON"))) == ["Réunion des proches d'Alzheimer"]


def test_a_plural_word_finds_the_singular(make_group: MakeGroup) -> None:
    make_group("Café des aidants", summary="Un moment pour souffler entre aidants.")

    assert names(search(Criteria(text="cafes"))) == ["Café des aidants"]


def test_a_word_beginning_is_enough(make_group: MakeGroup) -> None:
    make_group("Groupe endométriose", place="69001 Lyon")

    assert names(search(Criteria(text="endome"))) == ["Groupe endométriose"]


def test_every_word_must_match(make_group: MakeGroup) -> None:
    make_group("Deuil Nantes", place="44000 Nantes")
    make_group("Deuil Lyon", place="69001 Lyon")

    assert names(search(Criteria(text="deuil lyon"))) == ["Deuil Lyon"]


def test_theme_names_are_searchable_in_both_languages(
    make_group: MakeGroup, theme: Callable[..., Theme]
) -> None:
    carers = theme("proches-aidants", "Proches aidants", "Family carers")
    make_group("Le temps d'une pause", themes=[carers])

    assert names(search(Criteria(text="aidants"))) == ["Le temps d'une pause"]
    assert names(search(Criteria(text="family carers"))) == ["Le temps d'une pause"]


def test_a_place_and_radius_keep_nearby_groups_closest_first(make_group: MakeGroup) -> None:
    make_group("Rezé", place="44400 Rezé")
    make_group("Nantes", place="44000 Nantes")
    make_group("Angers", place="49000 Angers")
    nantes = places.resolve("44000")

    found = list(search(Criteria(place=nantes, radius_km=20)))

    assert names(found) == ["Nantes", "Rezé"]
    assert found[0].distance < 1  # type: ignore[attr-defined]
    assert 3 < found[1].distance < 10  # type: ignore[attr-defined]
    assert names(search(Criteria(place=nantes, radius_km=100))) == ["Nantes", "Rezé", "Angers"]


def test_online_groups_follow_the_nearby_ones(make_group: MakeGroup) -> None:
    make_group("En ligne", place=None, format=SupportGroup.Format.ONLINE)
    make_group("Lyon", place="69001 Lyon")
    make_group("Nantes", place="44000 Nantes")

    found = search(Criteria(place=places.resolve("Nantes"), radius_km=10))

    assert names(found) == ["Nantes", "En ligne"]


def test_filters_narrow_the_results(make_group: MakeGroup, theme: Callable[..., Theme]) -> None:
    addictions = theme("addictions", "Addictions", "Addictions")
    make_group(
        "Matin",
        weekday=2,
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 30),
        languages="fr,en",
        audience=SupportGroup.Audience.RELATIVES,
        cost=SupportGroup.Cost.CONTRIBUTION,
        step_free_access=True,
        format=SupportGroup.Format.HYBRID,
    )
    make_group(
        "Soir",
        weekday=4,
        start_time=dt.time(19, 0),
        audience=SupportGroup.Audience.BOTH,
        cost=SupportGroup.Cost.FIXED,
        cost_amount=Decimal(5),
        themes=[addictions],
        accepting_members=False,
    )

    assert names(search(Criteria(weekdays=[2]))) == ["Matin"]
    assert names(search(Criteria(times=["evening"]))) == ["Soir"]
    assert names(search(Criteria(times=["morning", "evening"]))) == ["Matin", "Soir"]
    assert names(search(Criteria(language="en"))) == ["Matin"]
    assert names(search(Criteria(language="e"))) == []
    assert names(search(Criteria(audience="relatives"))) == ["Matin", "Soir"]
    assert names(search(Criteria(audience="concerned"))) == ["Soir"]
    assert names(search(Criteria(cost="free_or_contribution"))) == ["Matin"]
    assert names(search(Criteria(cost="free"))) == []
    assert names(search(Criteria(accessibility=["step_free_access"]))) == ["Matin"]
    assert names(search(Criteria(formats=["hybrid"]))) == ["Matin"]
    assert names(search(Criteria(theme=addictions))) == ["Soir"]
    assert names(search(Criteria(accepting=True))) == ["Matin"]


def test_unpublished_groups_are_never_found(make_group: MakeGroup) -> None:
    make_group("Caché", is_published=False)

    assert names(search(Criteria())) == []
    assert names(search(Criteria(text="cache"))) == []


def test_the_search_page_shows_matching_groups(client: Client, make_group: MakeGroup) -> None:
    make_group("Réunion des proches d'Alzheimer", place="25000 Besançon")
    make_group("Deuil Nantes")

    response = client.get("/groupes/", {"q": "reunion besancon"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Réunion des proches d&#x27;Alzheimer" in html
    assert "Deuil Nantes" not in html
    assert "1 groupe trouvé" in html


def test_the_search_page_resolves_a_place_and_shows_distances(
    client: Client, make_group: MakeGroup
) -> None:
    make_group("Rezé", place="44400 Rezé")

    response = client.get("/groupes/", {"place": "44000", "radius": "20"})

    html = response.content.decode()
    nantes, reze = places.resolve("44000"), places.resolve("44400")
    assert nantes is not None and reze is not None
    km = places.haversine_km(nantes.lat, nantes.lon, reze.lat, reze.lon)
    assert "autour de Nantes (44000)" in html
    assert f"à {round(km)} km" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 5000}, "Votre recherche est trop longue : 200 caractères au plus."),
        ({"place": "Nantes", "radius": "-3"}, "Le rayon doit être d&#x27;au moins 1 km."),
        ({"place": "Nantes", "radius": str(10**9)}, "Le rayon peut aller jusqu&#x27;à 200 km."),
        (
            {"place": "Nantes", "radius": "loin"},
            "Le rayon doit être un nombre entier de kilomètres.",
        ),
        ({"place": "99999"}, "Nous ne connaissons pas « 99999 »."),
        ({"place": "Zzyzx-les-Bains"}, "Nous ne connaissons pas « Zzyzx-les-Bains »."),
        ({"theme": "nope"}, "Cette thématique n&#x27;existe pas."),
        ({"day": "9"}, "Sélectionnez un choix valide."),
    ],
)
def test_absurd_input_gets_a_clear_message_and_no_error_page(
    client: Client, make_group: MakeGroup, params: dict[str, str], message: str
) -> None:
    make_group("Deuil Nantes")

    response = client.get("/groupes/", params)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Deuil Nantes" not in html


def test_a_query_of_only_punctuation_shows_every_group(
    client: Client, make_group: MakeGroup
) -> None:
    make_group("Deuil Nantes")

    response = client.get("/groupes/", {"q": "%%% '' ;--"})

    assert "Deuil Nantes" in response.content.decode()


def test_results_are_paginated(client: Client, make_group: MakeGroup) -> None:
    for number in range(23):
        make_group(f"Groupe {number:02d}")

    first = client.get("/groupes/").content.decode()
    second = client.get("/groupes/", {"page": "2"}).content.decode()
    beyond = client.get("/groupes/", {"page": "999"}).content.decode()

    assert "Groupe 00" in first and "Groupe 19" in first and "Groupe 20" not in first
    assert "Groupe 20" in second and "Groupe 22" in second and "Page 2 sur 2" in second
    assert "Groupe 22" in beyond


def test_an_htmx_request_gets_only_the_results(client: Client, make_group: MakeGroup) -> None:
    make_group("Deuil Nantes")

    response = client.get("/groupes/", {"q": "deuil"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "Deuil Nantes" in html
    assert "<html" not in html


def test_the_english_page_speaks_english(client: Client, make_group: MakeGroup) -> None:
    make_group("Deuil Nantes")
    client.cookies["entraide_language"] = "en"

    html = client.get("/groupes/", {"place": "Nantes"}).content.decode()

    assert "1 group found" in html
    assert '<html lang="en">' in html


def test_places_are_suggested_as_the_visitor_types(client: Client) -> None:
    html = client.get("/lieux/", {"place": "besan"}).content.decode()

    assert html.startswith('<datalist id="place-suggestions">')
    assert '<option value="Besançon (25000)"></option>' in html


def test_belgian_and_swiss_places_are_suggested_with_their_country(client: Client) -> None:
    html = client.get("/lieux/", {"place": "Liège"}).content.decode()

    assert '<option value="Liège (4000), BE"></option>' in html


def test_nothing_is_suggested_for_one_letter_or_nonsense(client: Client) -> None:
    for typed in ["b", "", "zzzzzz", "x" * 5000]:
        html = client.get("/lieux/", {"place": typed}).content.decode()
        assert "<option" not in html


def test_a_nearby_group_is_said_to_be_less_than_a_kilometre_away(
    client: Client, make_group: MakeGroup
) -> None:
    make_group("Nantes centre", place="44000 Nantes")

    html = client.get("/groupes/", {"place": "44000"}).content.decode()

    assert "à moins d'1 km" in html


def test_a_search_without_results_says_so_kindly(client: Client, make_group: MakeGroup) -> None:
    make_group("Deuil Nantes")

    html = client.get("/groupes/", {"q": "introuvable"}).content.decode()

    assert "Aucun groupe trouvé" in html
    assert "Aucun groupe ne correspond à tous ces critères." in html


@pytest.mark.parametrize("words", ["aidante", "aidantes", "aidant", "AIDANTS", "aidants familiaux"])
def test_feminine_and_plural_forms_find_the_same_group_on_every_database(
    make_group: MakeGroup, words: str
) -> None:
    make_group("Les aidants familiaux", summary="Pour celles et ceux qui aident un proche.")

    assert names(search(Criteria(text=words))) == ["Les aidants familiaux"]


@pytest.mark.parametrize("words", ["endeuillée", "endeuillé", "endeuillées", "endeuilles"])
def test_a_bereaved_mother_finds_the_group_of_bereaved_parents(
    make_group: MakeGroup, words: str
) -> None:
    make_group("Parents endeuillés", summary="Après la mort d'un enfant.")
    make_group("Café des aidants", place="69001 Lyon")

    assert names(search(Criteria(text=words))) == ["Parents endeuillés"]


@pytest.mark.parametrize("words", ["burnout", "burn-out", "Burn-Out", "burn out"])
def test_burnout_is_found_however_it_is_written(make_group: MakeGroup, words: str) -> None:
    make_group("Burn-out : se relever", place="44000 Nantes")
    make_group("Après un burnout", place="69001 Lyon")

    found = names(search(Criteria(text=words)))

    # Written with a space, the words must each begin a word: "burn out" finds "burn-out".
    expected = ["Après un burnout", "Burn-out : se relever"]
    assert sorted(found) == (expected[1:] if words == "burn out" else expected)


def test_the_other_words_of_a_theme_find_its_groups(make_group: MakeGroup) -> None:
    bereavement = Theme.objects.create(
        slug="deuil",
        name_fr="Deuil",
        name_en="Bereavement",
        domain=Theme.Domain.PSYCHOLOGICAL,
        keywords="veuvage, veuve, veuf, perte d'un proche, grief",
    )
    make_group("Le temps d'après", themes=[bereavement])

    assert names(search(Criteria(text="veuves"))) == ["Le temps d'après"]
    assert names(search(Criteria(text="veuf"))) == ["Le temps d'après"]
    assert names(search(Criteria(text="grief"))) == ["Le temps d'après"]


def test_a_search_without_results_suggests_close_themes_and_starting_a_group(
    client: Client, make_group: MakeGroup
) -> None:
    alzheimer = Theme.objects.create(
        slug="alzheimer",
        name_fr="Alzheimer et maladies apparentées",
        name_en="Alzheimer's and related conditions",
        domain=Theme.Domain.SOMATIC,
    )
    make_group("Le café mémoire", themes=[alzheimer])

    html = client.get("/groupes/", {"q": "alzeimer"}).content.decode()

    assert "Aucun groupe trouvé" in html
    assert 'href="/groupes/?theme=alzheimer"' in html
    assert 'href="/creer-un-groupe/"' in html


def test_a_search_without_results_offers_the_same_words_without_the_other_criteria(
    client: Client, make_group: MakeGroup
) -> None:
    make_group("Deuil Lyon", place="69001 Lyon")

    html = client.get("/groupes/", {"q": "deuil", "place": "44000"}).content.decode()

    assert "Aucun groupe trouvé" in html
    assert 'href="/groupes/?q=deuil"' in html
    assert "Sans vos autres critères, 1 groupe parle de « deuil »." in html


def test_the_same_search_made_again_reuses_its_results(
    client: Client, make_group: MakeGroup, django_assert_max_num_queries: Any
) -> None:
    make_group("Deuil Nantes")
    first = client.get("/groupes/", {"q": "deuil"}).content.decode()

    with django_assert_max_num_queries(0):
        again = client.get("/groupes/", {"q": "deuil"}).content.decode()

    assert "Deuil Nantes" in again
    assert first.count("Deuil Nantes") == again.count("Deuil Nantes")


def test_a_changed_group_shows_at_once_in_results_already_seen(
    client: Client, make_group: MakeGroup, django_capture_on_commit_callbacks: Any
) -> None:
    group = make_group("Deuil Nantes")
    assert "Deuil Nantes" in client.get("/groupes/", {"q": "deuil"}).content.decode()

    group.name = "Deuil Nantes Sud"
    with django_capture_on_commit_callbacks(execute=True):
        publish_group(group, [theme.pk for theme in group.themes.all()])

    assert "Deuil Nantes Sud" in client.get("/groupes/", {"q": "deuil"}).content.decode()


def test_results_are_kept_apart_by_language(client: Client, make_group: MakeGroup) -> None:
    make_group("Deuil Nantes")
    client.get("/groupes/", {"q": "deuil"})

    client.cookies["entraide_language"] = "en"
    html = client.get("/groupes/", {"q": "deuil"}).content.decode()

    assert "1 group found" in html


def test_results_changing_in_place_tell_only_their_number_to_the_status_line(
    client: Client, cast: Cast
) -> None:
    page = client.get("/groupes/", {"q": "deuil"}).content.decode()
    live = client.get("/groupes/", {"q": "deuil"}, HTTP_HX_REQUEST="true").content.decode()
    nothing = client.get("/groupes/", {"q": "zzzz"}, HTTP_HX_REQUEST="true").content.decode()

    assert page.count('id="results"') == 1 and 'aria-live="polite"' not in page
    assert '<p id="results-status" class="visually-hidden" role="status"></p>' in page
    assert "hx-swap-oob" not in page
    assert live.count('id="results"') == 1
    assert '<div hx-swap-oob="innerHTML:#results-status">1 groupe trouvé</div>' in live
    assert '<div hx-swap-oob="innerHTML:#results-status">Aucun groupe trouvé</div>' in nothing
