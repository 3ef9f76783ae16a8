"""The demo listening line's rota, for `make run`."""

import pytest
from django.test import Client

from entraide.accounts.models import User
from entraide.demo.catalogue import load_directory
from entraide.demo.data import Catalogue, Stories
from entraide.demo.line import load_line
from entraide.demo.pairing import load_pairing
from entraide.demo.people import load_founding, load_members
from entraide.pairing.models import LineShift, Programme, RotaMonth, ShiftAssignment

pytestmark = pytest.mark.django_db


def test_coralie_finds_the_line_s_published_month_and_loading_twice_changes_nothing(
    client: Client, catalogue: Catalogue, stories: Stories
) -> None:
    load_directory(catalogue)
    load_members(stories)
    load_founding(stories)
    load_pairing(stories)

    load_line(stories)
    held = ShiftAssignment.objects.count()
    load_line(stories)

    line = Programme.objects.get(kind="line")
    assert LineShift.objects.filter(programme=line).count() == 4
    assert RotaMonth.objects.filter(programme=line, published_at__isnull=False).count() == 2
    assert ShiftAssignment.objects.count() == held > 0
    client.force_login(User.objects.get(email="coralie@demo.entraide.localhost"))
    month = RotaMonth.objects.filter(programme=line).latest("month").month
    page = client.get(
        f"/organisations/centre-entraide-nantes/programmes/{line.pk}/permanences/"
        f"{month.year}/{month.month}/"
    )
    assert page.status_code == 200
    assert "Jean" in page.content.decode()
