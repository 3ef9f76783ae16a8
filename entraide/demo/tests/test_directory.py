"""The demo content: loaded again and again without duplicates, and fit to be shown."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from entraide.demo.catalogue import load_directory
from entraide.demo.data import Catalogue
from entraide.directory.meetingguide import CUSTOM_TYPES
from entraide.directory.models import SupportGroup, Theme
from entraide.directory.search import Criteria, search
from entraide.organisations.models import Organisation
from tests import meetingguide


def database_counts() -> dict[str, int]:
    return {
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "groups": SupportGroup.objects.count(),
    }


@pytest.mark.django_db
def test_loading_the_demo_twice_gives_the_same_counts_and_no_duplicates(
    catalogue: Catalogue,
) -> None:
    first = load_directory(catalogue)
    after_first = database_counts()

    second = load_directory(catalogue)

    assert first == second == after_first == database_counts()
    slugs = list(SupportGroup.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    names = list(SupportGroup.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))


@pytest.mark.django_db
def test_the_demo_has_the_counts_the_readme_gives(catalogue: Catalogue) -> None:
    counts = load_directory(catalogue)

    assert counts == {"themes": 14, "organisations": 7, "groups": 95}
    assert database_counts() == counts


@pytest.mark.django_db
def test_loading_the_demo_again_puts_back_an_edited_group(catalogue: Catalogue) -> None:
    load_directory(catalogue)
    group = SupportGroup.objects.get(name="Café des aidants de Besançon")
    group.summary = "Changé à la main."
    group.save()

    load_directory(catalogue)

    group.refresh_from_db()
    assert group.summary.startswith("Un samedi matin par mois")


@pytest.mark.django_db
def test_the_demo_has_at_least_three_organisations_and_eighty_groups(
    catalogue: Catalogue,
) -> None:
    counts = load_directory(catalogue)

    assert counts["organisations"] >= 3
    assert counts["groups"] >= 80
    assert Organisation.objects.count() >= 3
    assert SupportGroup.objects.count() >= 80


@pytest.mark.django_db
def test_every_theme_has_a_group(catalogue: Catalogue) -> None:
    load_directory(catalogue)

    assert not Theme.objects.filter(groups=None).exists()


@pytest.mark.django_db
def test_groups_met_in_person_have_a_point_and_online_groups_have_none(
    catalogue: Catalogue,
) -> None:
    load_directory(catalogue)

    online = SupportGroup.objects.filter(format=SupportGroup.Format.ONLINE)
    met = SupportGroup.objects.exclude(format=SupportGroup.Format.ONLINE)
    assert online.count() >= 8
    assert all(group.has_place for group in met)
    assert not any(group.latitude or group.longitude or group.town for group in online)


@pytest.mark.django_db
def test_groups_exist_in_france_belgium_and_switzerland(catalogue: Catalogue) -> None:
    load_directory(catalogue)

    countries = Counter(SupportGroup.objects.values_list("country", flat=True))
    assert countries["FR"] > 0
    assert countries["BE"] > 0
    assert countries["CH"] > 0


@pytest.mark.django_db
def test_no_public_text_contains_an_email_address(catalogue: Catalogue) -> None:
    load_directory(catalogue)

    for group in SupportGroup.objects.all():
        assert "@" not in group.description, group.name
        assert "@" not in group.summary, group.name
    for organisation in Organisation.objects.all():
        assert "@" not in organisation.description, organisation.name
        assert organisation.contact_email.endswith(".example")


@pytest.mark.django_db
def test_every_summary_fits_in_240_characters(catalogue: Catalogue) -> None:
    load_directory(catalogue)

    assert all(len(group.summary) <= 240 for group in SupportGroup.objects.all())


def test_every_group_has_its_own_description(catalogue: Catalogue) -> None:
    descriptions = [group.description for group in catalogue.groups]
    summaries = [group.summary for group in catalogue.groups]

    assert len(set(descriptions)) == len(descriptions)
    assert len(set(summaries)) == len(summaries)


@pytest.mark.django_db
def test_the_besancon_reunion_is_found_without_accents(catalogue: Catalogue) -> None:
    load_directory(catalogue)

    found = [group.name for group in search(Criteria(text="reunion besancon"))]

    assert "Réunion des proches d'Alzheimer de Besançon" in found


@pytest.mark.django_db
def test_a_group_meets_on_the_first_tuesday_of_the_month(catalogue: Catalogue) -> None:
    load_directory(catalogue)

    with translation.override("fr"):
        rhythms = {group.rhythm_label() for group in SupportGroup.objects.all()}

    assert "le 1er mardi du mois, 18h30–20h" in rhythms


@pytest.mark.django_db
def test_the_load_demo_command_prints_the_counts() -> None:
    output = StringIO()

    call_command("load_demo", stdout=output)

    counts = database_counts()
    assert f"{counts['groups']} groups" in output.getvalue()
    assert f"{counts['themes']} themes" in output.getvalue()


@pytest.mark.django_db
def test_the_demo_directory_is_a_meeting_guide_feed_the_specification_accepts(
    catalogue: Catalogue, client: Client
) -> None:
    load_directory(catalogue)

    meetings = json.loads(client.get("/meeting-guide.json").content)

    assert len(meetings) == SupportGroup.objects.filter(is_published=True).count()
    assert meetingguide.errors(meetings, CUSTOM_TYPES) == []
    # Weekly groups with their day and time, the others (most of them) without.
    with_a_day = [meeting for meeting in meetings if "day" in meeting]
    assert 0 < len(with_a_day) < len(meetings)
