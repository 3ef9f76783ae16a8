"""The public API through HTTP: what anyone may read, in the directory's own words and order,
and nothing private ever."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.directory.models import SupportGroup, Theme
from entraide.meetings.models import Meeting, MeetingSeries
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]


def get(client: Client, url: str, language: str = "fr", **params: Any) -> Any:
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)


def names(response: Any) -> list[str]:
    return [found["name"] for found in response.json()["results"]]


def test_the_themes_are_listed_in_the_language_asked(client: Client, cast: Cast) -> None:
    french = get(client, "/api/v1/themes")
    english = get(client, "/api/v1/themes", "en-GB,en;q=0.8")

    assert french.json()["results"][0]["name"] == "Deuil"
    assert english.json()["results"][0]["name"] == "Bereavement"
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]


def test_a_theme_waiting_for_a_coordinator_is_not_listed(client: Client, cast: Cast) -> None:
    Theme.objects.create(slug="attente", name_fr="En attente", name_en="Waiting", is_accepted=False)

    assert [theme["slug"] for theme in get(client, "/api/v1/themes").json()["results"]] == ["deuil"]


def test_the_group_search_is_the_directory_s_own(
    client: Client, cast: Cast, make_group: MakeGroup, theme: Callable[..., Theme]
) -> None:
    make_group("Aidants Lyon", place="69001 Lyon", themes=[theme("aidants", "Aidants", "Carers")])
    make_group("Deuil en ligne", place=None, format=SupportGroup.Format.ONLINE, weekday=3)
    make_group("Deuil Nantes le jeudi", weekday=3, step_free_access=True)

    near_nantes = get(client, "/api/v1/groups", place="44000", radius=20)
    on_thursdays = get(client, "/api/v1/groups", day=3)
    accessible = get(client, "/api/v1/groups", access="step_free_access", format="in_person")
    by_words = get(client, "/api/v1/groups", q="aidant")
    by_theme = get(client, "/api/v1/groups", theme="aidants")

    # Nearby first, nearest first; then the online groups, open to anyone anywhere.
    assert names(near_nantes) == ["Deuil Nantes", "Deuil Nantes le jeudi", "Deuil en ligne"]
    assert near_nantes.json()["results"][0]["distance_km"] == 0.0
    assert near_nantes.json()["results"][2]["distance_km"] is None
    assert sorted(names(on_thursdays)) == ["Deuil Nantes le jeudi", "Deuil en ligne"]
    assert names(accessible) == ["Deuil Nantes le jeudi"]
    assert names(by_words) == names(by_theme) == ["Aidants Lyon"]


def test_the_results_come_a_page_at_a_time(client: Client, make_group: MakeGroup) -> None:
    for number in range(5):
        make_group(f"Groupe {number}")

    page = get(client, "/api/v1/groups", limit=2, offset=2).json()

    assert (page["count"], page["limit"], page["offset"]) == (5, 2, 2)
    assert [group["name"] for group in page["results"]] == ["Groupe 2", "Groupe 3"]


@pytest.mark.parametrize(
    ("params", "french", "english"),
    [
        (
            {"place": "Atlantide"},
            "Nous ne connaissons pas « Atlantide »",
            "We don’t know “Atlantide”",
        ),
        (
            {"theme": "inconnue"},
            "Cette thématique n'existe pas",
            "“theme”: This topic does not exist",
        ),
        ({"limit": 1000}, "« limit » n'a pas une valeur possible", "“limit” has no possible"),
        ({"format": "pigeon"}, "« format » n'a pas une valeur possible", "“format” has no"),
    ],
)
def test_a_wrong_parameter_is_a_400_in_words_in_french_or_english(
    client: Client, cast: Cast, params: dict[str, Any], french: str, english: str
) -> None:
    in_french = get(client, "/api/v1/groups", **params)
    in_english = get(client, "/api/v1/groups", "en", **params)

    assert in_french.status_code == in_english.status_code == 400
    assert in_french.json()["error"]["code"] == "invalid_parameter"
    assert french in in_french.json()["error"]["message"]
    assert english in in_english.json()["error"]["message"]


def test_a_group_s_page_gives_its_rhythm_and_next_dates(client: Client, cast: Cast) -> None:
    group = get(client, f"/api/v1/groups/{cast.group.slug}").json()

    assert group["rhythm"]["label"] == "le 1er mardi du mois, 18h30–20h"
    assert group["rhythm"] | {"label": ""} == {
        "label": "",
        "kind": "monthly_weekday",
        "weekday": 1,
        "week_of_month": 1,
        "day_of_month": None,
        "start_time": "18:30",
        "end_time": "20:00",
        "time_zone": "Europe/Paris",
    }
    dates = [dt.datetime.fromisoformat(when) for when in group["next_dates"]]
    assert len(dates) == 5 and dates == sorted(dates)
    for when in dates:
        assert (when.weekday(), when.day <= 7, when.hour, when.minute) == (1, True, 18, 30)
    assert group["calendar_url"] == f"http://testserver/groupes/{cast.group.slug}/rythme.ics"


def test_a_cancelled_meeting_leaves_the_next_dates_and_a_moved_one_counts_at_its_new_date(
    client: Client, cast: Cast
) -> None:
    series = MeetingSeries.objects.create(
        group=cast.group,
        rule="FREQ=WEEKLY;BYDAY=TU",
        starts_on=timezone.localdate() - dt.timedelta(days=30),
        start_time=dt.time(18, 30),
        end_time=dt.time(20),
    )
    before = [
        dt.datetime.fromisoformat(when)
        for when in get(client, f"/api/v1/groups/{cast.group.slug}").json()["next_dates"]
    ]
    Meeting.objects.create(
        group=cast.group,
        series=series,
        occurrence_start=before[0],
        starts_at=before[0],
        ends_at=before[0] + dt.timedelta(hours=1, minutes=30),
        status=Meeting.Status.CANCELLED,
    )
    moved = before[1] + dt.timedelta(days=1)
    Meeting.objects.create(
        group=cast.group,
        series=series,
        occurrence_start=before[1],
        starts_at=moved,
        ends_at=moved + dt.timedelta(hours=1, minutes=30),
    )

    after = [
        dt.datetime.fromisoformat(when)
        for when in get(client, f"/api/v1/groups/{cast.group.slug}").json()["next_dates"]
    ]

    assert after[:2] == [moved, before[2]]


def test_an_unpublished_or_unknown_group_is_the_same_404(client: Client, cast: Cast) -> None:
    SupportGroup.objects.filter(pk=cast.group.pk).update(is_published=False)

    hidden = get(client, f"/api/v1/groups/{cast.group.slug}", "en")
    unknown = get(client, "/api/v1/groups/nulle-part", "en")

    assert hidden.status_code == unknown.status_code == 404
    assert (
        hidden.json()
        == unknown.json()
        == {"error": {"code": "not_found", "message": "There is nothing at this address."}}
    )
    assert names(get(client, "/api/v1/groups")) == []


def test_an_unknown_address_or_a_write_gets_the_same_error_shape(client: Client) -> None:
    nowhere = get(client, "/api/v1/nulle-part")
    written = client.post("/api/v1/themes", HTTP_ACCEPT_LANGUAGE="en")

    assert nowhere.status_code == 404
    assert nowhere.json()["error"]["code"] == "not_found"
    assert written.status_code == 405
    assert written["Allow"] == "GET"
    assert written.json()["error"] == {
        "code": "method_not_allowed",
        "message": "This address is read-only (GET).",
    }


def test_organisations_are_found_by_place_and_theme(
    client: Client, cast: Cast, organisation: Organisation, theme: Callable[..., Theme]
) -> None:
    Organisation.objects.create(name="Centre de Lyon", slug="centre-lyon", town="Lyon")
    carers = theme("aidants", "Aidants", "Carers")
    Organisation.objects.get(slug="centre-lyon").declared_themes.add(carers)

    near_nantes = get(client, "/api/v1/organisations", place="44000")
    on_carers = get(client, "/api/v1/organisations", theme="aidants")
    everyone = get(client, "/api/v1/organisations")

    assert names(near_nantes) == ["Centre d'entraide de Nantes"]
    assert names(on_carers) == ["Centre de Lyon"]
    assert names(everyone) == ["Centre d'entraide de Nantes", "Centre de Lyon"]
    assert everyone.json()["results"][1]["themes"][0]["slug"] == "aidants"


def test_an_organisation_s_page_lists_its_published_groups(
    client: Client, cast: Cast, organisation: Organisation, make_group: MakeGroup
) -> None:
    SupportGroup.objects.filter(pk=cast.group.pk).update(organisation=organisation)
    hidden = make_group("Groupe pas encore publié", organisation=organisation)
    SupportGroup.objects.filter(pk=hidden.pk).update(is_published=False)

    found = get(client, f"/api/v1/organisations/{organisation.slug}").json()

    assert [group["name"] for group in found["groups"]] == ["Deuil Nantes"]
    assert found["themes"][0]["slug"] == "deuil"
    assert get(client, "/api/v1/organisations/nulle-part").status_code == 404


def test_no_answer_ever_holds_a_member_a_place_a_link_or_a_private_address(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    cast.group.meeting_place = "12 rue des Lilas, code 4521"
    cast.group.format = SupportGroup.Format.HYBRID
    cast.group.save()
    MeetingSeries.objects.create(
        group=cast.group,
        rule="FREQ=WEEKLY;BYDAY=TU",
        starts_on=dt.date(2026, 1, 6),
        start_time=dt.time(18, 30),
        end_time=dt.time(20),
        venue="hybrid",
        place="8 impasse des Roses",
        online_link="https://visio.example/salle-secrete",
    )
    organisation.public_email = "bonjour@centre-nantes.example"
    organisation.save()

    answers = [
        get(client, url, language)
        for language in ("fr", "en")
        for url in (
            "/api/v1/themes",
            "/api/v1/groups",
            "/api/v1/groups?place=44000",
            f"/api/v1/groups/{cast.group.slug}",
            "/api/v1/organisations",
            f"/api/v1/organisations/{organisation.slug}",
        )
    ]

    assert all(answer.status_code == 200 for answer in answers)
    text = "".join(answer.content.decode() for answer in answers)
    for private in ["Lilas", "4521", "Roses", "visio.example", "accueil@centre-nantes"]:
        assert private not in text
    for person in [cast.alice, cast.bob, cast.chloe, cast.dan]:
        assert person.display_name not in text and person.email not in text
    assert "bonjour@centre-nantes.example" in text


def test_the_answers_are_the_same_for_a_member_as_for_anyone(client: Client, cast: Cast) -> None:
    anonymous = get(client, f"/api/v1/groups/{cast.group.slug}").json()
    client.force_login(cast.alice)

    assert get(client, f"/api/v1/groups/{cast.group.slug}").json() == anonymous


def test_an_address_asking_too_often_is_held_back_with_a_429(client: Client, settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    answers = [get(client, "/api/v1/themes", "en") for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[3]["Retry-After"] == "60"
    assert answers[3].json()["error"]["code"] == "too_many_requests"
    assert "minute" in answers[3].json()["error"]["message"]
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert get(other, "/api/v1/themes").status_code == 200


def test_the_openapi_description_is_version_3_1_and_lists_the_paths(
    client: Client,
) -> None:
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["openapi"] == "3.1.0"
    assert sorted(schema["paths"]) == [
        "/api/v1/groups",
        "/api/v1/groups/{slug}",
        "/api/v1/me/groups",
        "/api/v1/me/groups/{slug}/meetings/{meeting_id}/answer",
        "/api/v1/me/meetings",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
        "/api/v1/organisations/{slug}/board",
        "/api/v1/organisations/{slug}/report",
        "/api/v1/themes",
    ]
    assert "Error" in schema["components"]["schemas"]
    # The public operations ask for nothing; the others, a bearer token.
    assert "security" not in schema["paths"]["/api/v1/themes"]["get"]
    assert schema["paths"]["/api/v1/me/groups"]["get"]["security"] == [{"PersonalToken": []}]
    answer = schema["paths"]["/api/v1/me/groups/{slug}/meetings/{meeting_id}/answer"]
    assert answer["put"]["security"] == [{"WritingToken": []}]
    assert schema["components"]["securitySchemes"]["PersonalToken"] == {
        "type": "http",
        "scheme": "bearer",
    }


def test_a_nul_character_is_refused_in_the_api_s_shape_too(client: Client) -> None:
    refused = get(client, "/api/v1/groups", "en", q="deuil\x00")

    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "bad_request"
    assert get(client, "/groupes/", q="deuil\x00").headers["Content-Type"].startswith("text/html")
