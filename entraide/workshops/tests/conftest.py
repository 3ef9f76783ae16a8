"""The cast around a workshop: the cast's group is accompanied by the Nantes organisation,
where Coralie coordinates and Oscar is an admin; Olivia coordinates elsewhere. Alice
facilitates the group, Bob is a member, Chloé an observer, Dan a stranger to it."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.organisations.models import Organisation
from entraide.workshops.models import Workshop

TEAM_LIST = "/organisations/centre-nantes/ateliers/"


@pytest.fixture
def accompanied(cast: Cast, organisation: Organisation) -> Cast:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    return cast


@pytest.fixture
def make_workshop(organisation: Organisation, coralie: User) -> Callable[..., Workshop]:
    def make(**fields: Any) -> Workshop:
        starts_in = fields.pop("starts_in", dt.timedelta(days=10))
        start = timezone.now() + starts_in
        defaults: dict[str, Any] = {
            "organisation": organisation,
            "title": "Animer un tour de parole",
            "description": "Comment laisser chacun parler, et chacun passer.",
            "audience": Workshop.Audience.MEMBERS,
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=2),
            "place_name": "Maison des associations",
            "address": "12 rue des Lilas",
            "town": "Nantes",
            "capacity": 2,
            "created_by": coralie,
        }
        defaults.update(fields)
        return Workshop.objects.create(**defaults)

    return make


def form_data(**fields: Any) -> dict[str, Any]:
    """What the workshop form posts: a workshop in ten days, 14h–16h, in Nantes, 2 seats."""
    day = timezone.localdate() + dt.timedelta(days=10)
    data: dict[str, Any] = {
        "title": "Animer un tour de parole",
        "description": "Comment laisser chacun parler, et chacun passer.",
        "audience": "members",
        "date": day.isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "format": "in_person",
        "place_name": "Maison des associations",
        "address": "12 rue des Lilas",
        "town": "Nantes",
        "online_link": "",
        "capacity": "2",
    }
    data.update(fields)
    return data
