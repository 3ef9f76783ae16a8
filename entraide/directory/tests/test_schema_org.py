"""The group and organisation pages describe themselves in schema.org terms that exist, with
values of the expected types (checked by schema-dts and the TypeScript compiler), and without
an address, a meeting link or a member."""

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from entraide.directory.models import SupportGroup
from entraide.meetings.models import MeetingSeries
from entraide.organisations.models import Organisation
from tests import schemaorg

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]


def json_ld(client: Client, path: str) -> dict[str, Any]:
    html = client.get(path).content.decode()
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.fixture
def groups(make_group: MakeGroup, organisation: Organisation) -> list[SupportGroup]:
    """One group of each rhythm, format and kind of organiser."""
    F = SupportGroup.Frequency
    return [
        make_group(
            "Deuil Nantes",
            organisation=organisation,
            step_free_access=True,
            hearing_loop=True,
            first_meeting_on=dt.date(2026, 1, 6),
        ),
        make_group("Aidants Rezé", frequency=F.WEEKLY, weekday=3, languages="fr,en"),
        make_group("Pères séparés", frequency=F.FORTNIGHTLY, weekday=0, cost="fixed"),
        make_group("Fin de mois", frequency=F.MONTHLY_WEEKDAY, weekday=4, week_of_month=-1),
        make_group("Le 15", frequency=F.MONTHLY_DATE, day_of_month=15, end_time=None),
        make_group("Selon le calendrier", frequency=F.IRREGULAR, format="hybrid"),
        make_group("En ligne", place=None, format="online", organisation=organisation),
    ]


def test_every_page_is_valid_schema_org(
    client: Client, groups: list[SupportGroup], organisation: Organisation
) -> None:
    documents = [("EventSeries", json_ld(client, group.get_absolute_url())) for group in groups]
    documents.append(("Organization", json_ld(client, organisation.get_absolute_url())))
    # What the pages published before: `audience` and `isAccessibleForFree` on an
    # Organization, which schema.org does not have. The checker must refuse it.
    before = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Deuil Nantes",
        "audience": {"@type": "Audience", "audienceType": "personnes concernées"},
    }
    documents.append(("Organization", before))

    found = schemaorg.errors(documents)

    refused = len(documents) - 1
    assert set(found) == {refused}, found
    assert "audience" in found[refused][0]
    assert "does not exist in type 'OrganizationLeaf" in found[refused][0]


def test_a_group_is_an_event_series_with_its_rhythm_in_its_time_zone(
    client: Client, groups: list[SupportGroup], organisation: Organisation
) -> None:
    nantes = json_ld(client, groups[0].get_absolute_url())

    assert nantes["@type"] == "EventSeries"
    assert nantes["eventSchedule"] == {
        "@type": "Schedule",
        "repeatFrequency": "P1M",
        "scheduleTimezone": "Europe/Paris",
        "byDay": "https://schema.org/Tuesday",
        "byMonthWeek": 1,
        "startTime": "18:30",
        "endTime": "20:00",
        "startDate": "2026-01-06",
    }
    assert nantes["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert nantes["organizer"] == {
        "@type": "Organization",
        "name": "Centre d'entraide de Nantes",
        "url": "http://testserver/organisations/centre-nantes/",
    }
    assert nantes["location"]["address"]["addressLocality"] == "Nantes"
    assert nantes["location"]["amenityFeature"] == [
        {"@type": "LocationFeatureSpecification", "name": name, "value": True}
        for name in ("accessible en fauteuil roulant", "boucle magnétique")
    ]
    assert nantes["isAccessibleForFree"] is True
    assert nantes["inLanguage"] == ["fr"]
    assert "le 1er mardi du mois, 18h30–20h" in nantes["description"]


def test_each_rhythm_becomes_its_schedule(client: Client, groups: list[SupportGroup]) -> None:
    weekly, fortnightly, last, dated, irregular = (
        json_ld(client, group.get_absolute_url()) for group in groups[1:6]
    )

    assert weekly["eventSchedule"]["repeatFrequency"] == "P1W"
    assert weekly["eventSchedule"]["byDay"] == "https://schema.org/Thursday"
    assert weekly["inLanguage"] == ["fr", "en"]
    assert weekly["organizer"]["name"] == "Aidants Rezé"
    assert fortnightly["eventSchedule"]["repeatFrequency"] == "P2W"
    assert fortnightly["isAccessibleForFree"] is False
    # "The last Friday": schema.org numbers weeks 1 to 5 only; the words say "dernier".
    assert "byMonthWeek" not in last["eventSchedule"]
    assert "le dernier vendredi du mois" in last["description"]
    assert dated["eventSchedule"]["byMonthDay"] == 15
    assert "byDay" not in dated["eventSchedule"]
    assert "endTime" not in dated["eventSchedule"]
    assert "eventSchedule" not in irregular
    assert irregular["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"


def test_online_a_group_gives_its_page_never_its_meeting_link(
    client: Client, groups: list[SupportGroup]
) -> None:
    online = groups[6]
    online.meeting_place = "https://visio.example/secret-room"
    online.save()

    data = json_ld(client, online.get_absolute_url())

    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": f"http://testserver{online.get_absolute_url()}",
    }
    assert "secret-room" not in json.dumps(data)


def test_a_meeting_series_gives_the_schedule_its_rule_and_no_place(
    client: Client, groups: list[SupportGroup]
) -> None:
    group = groups[1]
    MeetingSeries.objects.create(
        group=group,
        rule="FREQ=MONTHLY;BYDAY=2WE",
        starts_on=dt.date(2026, 1, 1),
        start_time=dt.time(19),
        end_time=dt.time(21),
        place="12 rue des Lilas, 2e étage",
    )

    data = json_ld(client, group.get_absolute_url())

    assert data["eventSchedule"]["repeatFrequency"] == "P1M"
    assert data["eventSchedule"]["byDay"] == "https://schema.org/Wednesday"
    assert data["eventSchedule"]["byMonthWeek"] == 2
    assert data["eventSchedule"]["startTime"] == "19:00"
    assert "Lilas" not in json.dumps(data)


def test_an_organisation_names_its_contact_themes_and_groups(
    client: Client, groups: list[SupportGroup], organisation: Organisation
) -> None:
    organisation.public_email = "accueil@centre.example"
    organisation.public_phone = "02 40 00 00 00"
    organisation.website = "https://centre.example"
    organisation.save()

    data = json_ld(client, organisation.get_absolute_url())

    assert data["@type"] == "Organization"
    assert data["email"] == "accueil@centre.example"
    assert data["telephone"] == "02 40 00 00 00"
    assert data["sameAs"] == "https://centre.example"
    assert data["knowsAbout"] == ["Deuil"]
    assert [event["name"] for event in data["event"]] == ["Deuil Nantes", "En ligne"]
    assert organisation.contact_email not in json.dumps(data)
