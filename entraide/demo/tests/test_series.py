"""The demo groups' rhythms become meeting series."""

import pytest

from entraide.demo.catalogue import load_directory, load_series
from entraide.demo.data import Catalogue
from entraide.directory.models import SupportGroup
from entraide.meetings.models import Meeting, MeetingSeries

pytestmark = pytest.mark.django_db


def test_the_demo_groups_get_their_rhythm_as_a_series_once(catalogue: Catalogue) -> None:
    load_directory(catalogue)

    first = load_series(catalogue)
    meetings = Meeting.objects.count()
    labels = {g.pk: g.rhythm_label() for g in SupportGroup.objects.all()}
    again = load_series(catalogue)

    assert first == again >= 70
    assert MeetingSeries.objects.count() == first
    assert Meeting.objects.count() == meetings
    assert labels == {g.pk: g.rhythm_label() for g in SupportGroup.objects.all()}
    besancon = SupportGroup.objects.get(name="Café des aidants de Besançon")
    assert besancon.rhythm_label().startswith("le 2e samedi du mois")
