"""The demo facilitator's carnet, for `make run`."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from entraide.carnet.models import Entry
from entraide.demo.data import Stories
from entraide.demo.people import load_carnet

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_alice_finds_a_few_pages_after_the_demo_group_s_past_meetings_once(
    stories: Stories,
) -> None:
    output = io.StringIO()
    call_command("load_demo", stdout=output)

    assert "3 pages in Alice's carnet" in output.getvalue()
    assert load_carnet(stories) == 0  # loading the demo again writes nothing more

    entries = list(Entry.objects.filter(author__email=stories.carnet_author).order_by("day"))
    assert [entry.mood for entry in entries] == [2, 3, 4]
    for entry in entries:
        assert entry.meeting is not None
        assert entry.meeting.group.slug == stories.demo_group
        assert entry.meeting.ends_at < timezone.now()
        assert entry.day == timezone.localdate(
            entry.meeting.starts_at, entry.meeting.group.time_zone
        )
        assert entry.feeling and entry.takeaway and entry.next_time
