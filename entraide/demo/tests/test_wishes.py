"""The neighbours who asked to be grouped, for trying the forming of groups with `make run`."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from entraide.demo.data import Stories
from entraide.demo.people import load_wishes
from entraide.proposals.models import Wish

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_twenty_people_asked_the_nantes_centre_to_be_grouped_once(stories: Stories) -> None:
    output = io.StringIO()
    call_command("load_demo", stdout=output)

    again, _organisation = load_wishes(stories)

    assert again == Wish.objects.count() == 20
    assert "20 people asked the Centre d'entraide de Nantes" in output.getvalue()
    assert set(Wish.objects.values_list("organisation__slug", flat=True)) == {
        "centre-entraide-nantes"
    }
    assert all(wish.lat is not None and wish.lon is not None for wish in Wish.objects.all())
