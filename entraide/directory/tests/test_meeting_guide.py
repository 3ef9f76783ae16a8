"""The Meeting Guide feed (code4recovery's specification): every group a meeting the
specification accepts, checked against its own package's list of types; weekly groups with their
day and time in their time zone, the others with their rhythm in words; the town only, never a
place, a link or a member; made once per change of the directory."""

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import Cast
from entraide.directory.actions import directory_changed, publish_group
from entraide.directory.meetingguide import CUSTOM_TYPES, ONLINE
from entraide.directory.models import SupportGroup
from entraide.meetings.models import MeetingSeries
from entraide.organisations.models import Organisation
from tests import meetingguide

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]
F = SupportGroup.Frequency


def feed(client: Client, path: str = "/meeting-guide.json") -> list[dict[str, Any]]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    found: list[dict[str, Any]] = json.loads(response.content)
    return found


def by_name(meetings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {meeting["name"]: meeting for meeting in meetings}


@pytest.fixture
def groups(make_group: MakeGroup, organisation: Organisation) -> list[SupportGroup]:
    """One group of each rhythm, format, audience and country."""
    return [
        make_group(
            "Deuil Nantes",
            organisation=organisation,
            step_free_access=True,
            frequency=F.WEEKLY,
            weekday=3,
            languages="fr,en",
        ),
        make_group("Aidants Genève", "1204 Genève", frequency=F.WEEKLY, weekday=6, end_time=None),
        make_group("Pères séparés", frequency=F.FORTNIGHTLY, weekday=0, audience="both"),
        make_group("Fin de mois", frequency=F.MONTHLY_WEEKDAY, weekday=4, week_of_month=-1),
        make_group("Le 15", frequency=F.MONTHLY_DATE, day_of_month=15, audience="relatives"),
        make_group("Selon le calendrier", frequency=F.IRREGULAR, format="hybrid"),
        make_group(
            "En ligne",
            place=None,
            format="online",
            organisation=organisation,
            frequency=F.WEEKLY,
            weekday=0,
            step_free_access=True,
            kind="information",
        ),
        make_group("En pause", frequency=F.WEEKLY, weekday=1, status="paused"),
    ]


def test_every_group_is_a_meeting_the_specification_accepts(
    client: Client, groups: list[SupportGroup]
) -> None:
    meetings = feed(client)

    assert len(meetings) == len(groups)
    assert meetingguide.errors(meetings, CUSTOM_TYPES) == []
    # The checker is not blind: the specification's own words refuse what is not in it.
    wrong = [
        {"name": "Sans jour", "slug": "sans-jour", "time": "25:00"},
        {"name": "Inventé", "slug": "invente", "types": ["ZZ"], "address_private": "ici"},
    ]
    found = meetingguide.errors(wrong, CUSTOM_TYPES)
    assert any("day without time" in error for error in found)
    assert any("time has a wrong value" in error for error in found)
    assert any("ZZ is not a meeting type" in error for error in found)
    assert any("address_private is not a field" in error for error in found)


def test_our_only_custom_type_is_online_the_others_are_the_specifications(
    client: Client, groups: list[SupportGroup]
) -> None:
    known = meetingguide.spec_types()
    used = {code for meeting in feed(client) for code in meeting["types"]}

    assert used - known == {ONLINE}
    assert {"X", "D", "C", "O", "TC", "FR", "EN"} <= used


def test_a_weekly_group_has_its_day_from_sunday_and_its_time_in_its_time_zone(
    client: Client, groups: list[SupportGroup]
) -> None:
    meetings = by_name(feed(client))

    nantes = meetings["Deuil Nantes"]  # every Thursday, 18h30–20h
    assert (nantes["day"], nantes["time"], nantes["end_time"]) == (4, "18:30", "20:00")
    assert nantes["timezone"] == "Europe/Paris"
    geneve = meetings["Aidants Genève"]  # every Sunday, 18h30
    assert (geneve["day"], geneve["time"]) == (0, "18:30")
    assert "end_time" not in geneve
    assert geneve["timezone"] == "Europe/Zurich"
    assert geneve["country"] == "Suisse"


def test_a_group_that_does_not_meet_every_week_has_no_day_and_its_rhythm_in_words(
    client: Client, groups: list[SupportGroup]
) -> None:
    meetings = by_name(feed(client))

    for name, words in [
        ("Pères séparés", "un lundi sur deux, 18h30–20h"),
        ("Fin de mois", "le dernier vendredi du mois, 18h30–20h"),
        ("Le 15", "le 15 de chaque mois, 18h30–20h"),
        ("Selon le calendrier", "selon un calendrier établi par le groupe"),
    ]:
        meeting = meetings[name]
        assert "day" not in meeting and "time" not in meeting, name
        assert words in meeting["notes"], name
    assert "chaque jeudi, 18h30–20h" in meetings["Deuil Nantes"]["notes"]


def test_the_meeting_series_gives_the_rhythm_when_the_group_has_one(
    client: Client, make_group: MakeGroup
) -> None:
    group = make_group("Deuil Nantes")  # the directory says the 1st Tuesday of the month
    MeetingSeries.objects.create(
        group=group,
        rule="FREQ=WEEKLY;BYDAY=WE",
        starts_on=dt.date(2026, 1, 7),
        start_time=dt.time(19),
        end_time=dt.time(21),
        place="12 rue des Lilas, 2e étage",
    )

    meeting = feed(client)[0]

    assert (meeting["day"], meeting["time"], meeting["end_time"]) == (3, "19:00", "21:00")
    assert "chaque mercredi, 19h–21h" in meeting["notes"]


def test_the_types_say_only_what_applies(client: Client, groups: list[SupportGroup]) -> None:
    types = {name: meeting["types"] for name, meeting in by_name(feed(client)).items()}

    # A talk group for the people concerned, step-free, in French and English.
    assert types["Deuil Nantes"] == ["D", "C", "X", "FR", "EN"]
    # Open to relatives; for relatives only, neither open nor closed.
    assert types["Pères séparés"] == ["D", "O", "FR"]
    assert types["Le 15"] == ["D", "FR"]
    # Online or hybrid; a wheelchair means nothing online; a pause is a temporary closure.
    assert types["Selon le calendrier"] == ["D", "C", ONLINE, "FR"]
    assert types["En ligne"] == ["C", ONLINE, "FR"]
    assert types["En pause"] == ["D", "C", "TC", "FR"]


def test_the_feed_gives_the_town_never_a_place_a_link_or_a_member(
    client: Client, cast: Cast, make_group: MakeGroup
) -> None:
    cast.group.meeting_place = "12 rue des Lilas, code 4521"
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
    hidden = make_group("Groupe caché", meeting_place="3 place du Marché")
    SupportGroup.objects.filter(pk=hidden.pk).update(is_published=False)

    response = client.get("/meeting-guide.json")

    text = response.content.decode()
    for private in ["Lilas", "4521", "Roses", "visio.example", "Groupe caché", "Marché"]:
        assert private not in text
    for person in [cast.alice, cast.bob, cast.chloe]:
        assert person.display_name not in text and person.email not in text
    meeting = json.loads(text)[0]
    assert meeting["approximate"] == "yes"
    assert meeting["formatted_address"] == "44000 Nantes, France"
    assert (meeting["city"], meeting["postal_code"]) == ("Nantes", "44000")
    assert "latitude" not in meeting and "conference_url" not in meeting
    assert meeting["url"] == f"http://testserver{cast.group.get_absolute_url()}"


def test_an_online_group_without_a_town_is_placed_in_its_country(
    client: Client, groups: list[SupportGroup], organisation: Organisation
) -> None:
    online = by_name(feed(client))["En ligne"]

    assert online["formatted_address"] == "France"
    assert "city" not in online and "postal_code" not in online
    assert online["approximate"] == "yes"
    assert online["entity"] == "Centre d'entraide de Nantes"
    assert online["entity_website_url"] == "http://testserver/organisations/centre-nantes/"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", online["updated"])


def test_a_slug_longer_than_the_specification_allows_is_shortened_and_stays_unique(
    client: Client, make_group: MakeGroup
) -> None:
    long = make_group("Groupe " + "très " * 20)  # 107 characters: within a name's 150
    assert len(long.slug) > 64

    slug = feed(client)[0]["slug"]

    assert len(slug) <= 64 and slug.endswith(f"-{long.pk}")


def test_an_organisation_has_its_own_feed_of_its_groups(
    client: Client, groups: list[SupportGroup], organisation: Organisation
) -> None:
    meetings = feed(client, "/organisations/centre-nantes/meeting-guide.json")

    assert sorted(meeting["name"] for meeting in meetings) == ["Deuil Nantes", "En ligne"]
    assert client.get("/organisations/inconnue/meeting-guide.json").status_code == 404


def test_the_directory_and_the_organisation_page_advertise_their_feed(
    client: Client, groups: list[SupportGroup], organisation: Organisation
) -> None:
    link = '<link rel="alternate" type="application/json" title="Meetings Feed" href="{}">'

    search = client.get("/groupes/").content.decode()
    page = client.get(organisation.get_absolute_url()).content.decode()

    assert link.format("/meeting-guide.json") in search
    assert link.format("/organisations/centre-nantes/meeting-guide.json") in page


def test_other_sites_may_read_it_and_ask_again_cheaply(
    client: Client, groups: list[SupportGroup], django_capture_on_commit_callbacks: Any
) -> None:
    first = client.get("/meeting-guide.json")
    assert first["Access-Control-Allow-Origin"] == "*"
    assert first["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert first["Cache-Control"] == "public, max-age=300"

    again = client.get("/meeting-guide.json", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/meeting-guide.json", headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304

    groups[0].name = "Deuil Nantes Nord"
    with django_capture_on_commit_callbacks(execute=True):
        publish_group(groups[0], [theme.pk for theme in groups[0].themes.all()])
    changed = client.get("/meeting-guide.json", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert "Deuil Nantes Nord" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]


def test_it_is_made_in_the_same_few_queries_whatever_the_number_of_groups(
    client: Client, make_group: MakeGroup
) -> None:
    def queries() -> int:
        directory_changed()  # a new version: the feed is made again
        with CaptureQueriesContext(connection) as done:
            assert client.get("/meeting-guide.json").status_code == 200
        return len(done)

    make_group("Premier", frequency=F.WEEKLY, weekday=1)
    few = queries()
    for n in range(10):
        make_group(f"Groupe {n}", frequency=F.WEEKLY, weekday=n % 7)
    many = queries()

    assert many == few <= 4
    with CaptureQueriesContext(connection) as again:
        client.get("/meeting-guide.json")
    assert len(again) == 0  # made once per version of the directory
