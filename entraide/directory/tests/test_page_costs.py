"""What the public pages cost: a fixed number of queries whatever the number of groups shown,
and cards that are made once per group, yet show a change on the next view."""

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from entraide.directory.actions import add_theme, refresh_search_text
from entraide.directory.models import SupportGroup, Theme
from entraide.meetings.models import MeetingSeries
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

MakeGroup = Callable[..., SupportGroup]
numbers = itertools.count(1)


def queries(client: Client, path: str) -> int:
    """The queries of a view of the page, after a first one (the search form's theme filter is
    made on the first view after each change of the directory, then kept)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def groups_with_series(
    make_group: MakeGroup, theme: Callable[..., Theme], count: int, **fields: object
) -> list[SupportGroup]:
    """Groups that talk of "deuil", each with two themes of its own and a meeting series."""
    made = []
    for _ in range(count):
        n = next(numbers)
        themes = [theme(f"theme-{n}-{k}", f"Thème {n} {k}", f"Theme {n} {k}") for k in (1, 2)]
        group = make_group(f"Deuil {n}", themes=themes, **fields)
        MeetingSeries.objects.create(
            group=group,
            rule="FREQ=WEEKLY;BYDAY=WE",
            starts_on=dt.date(2026, 1, 7),
            start_time=dt.time(19),
            end_time=dt.time(21),
        )
        made.append(group)
    return made


@override_settings(SEARCH_CACHE_SECONDS=0)
@pytest.mark.parametrize(
    "path", ["/groupes/?q=deuil", "/groupes/?place=44000&radius=20", "/groupes/"]
)
def test_search_results_take_the_same_queries_for_two_groups_or_twenty(
    client: Client, make_group: MakeGroup, theme: Callable[..., Theme], path: str
) -> None:
    groups_with_series(make_group, theme, 2)
    few = queries(client, path)
    groups_with_series(make_group, theme, 18)
    many = queries(client, path)
    html = client.get(path).content.decode()

    assert "20 groupes trouvés" in html
    assert html.count('class="card"') == 20
    assert many == few
    # The count, the page of groups, their themes and their meeting series.
    assert few <= 4


def test_a_group_page_takes_the_same_queries_with_one_series_or_three(
    client: Client, make_group: MakeGroup, theme: Callable[..., Theme]
) -> None:
    (group,) = groups_with_series(make_group, theme, 1)
    one = queries(client, group.get_absolute_url())
    for weekday in ("MO", "TU"):
        MeetingSeries.objects.create(
            group=group,
            rule=f"FREQ=WEEKLY;BYDAY={weekday}",
            starts_on=dt.date(2026, 1, 5),
            start_time=dt.time(10),
            end_time=dt.time(11),
            is_active=False,
        )
    three = queries(client, group.get_absolute_url())

    assert three == one
    assert one <= 5


def test_an_organisation_page_takes_the_same_queries_for_two_groups_or_twelve(
    client: Client,
    make_group: MakeGroup,
    theme: Callable[..., Theme],
    organisation: Organisation,
) -> None:
    groups_with_series(make_group, theme, 2, organisation=organisation)
    path = f"/organisations/{organisation.slug}/"
    few = queries(client, path)
    groups_with_series(make_group, theme, 10, organisation=organisation)
    many = queries(client, path)

    assert client.get(path).content.decode().count('class="card"') == 12
    assert many == few


def test_the_home_page_reads_nothing_from_the_database_once_counted(
    client: Client, make_group: MakeGroup, theme: Callable[..., Theme]
) -> None:
    make_group("Deuil Nantes", themes=[theme("deuil")])
    client.get("/")

    assert queries(client, "/") == 0


@override_settings(SEARCH_CACHE_SECONDS=0)
def test_a_card_shows_a_change_to_its_group_on_the_next_view(
    client: Client, make_group: MakeGroup
) -> None:
    group = make_group("Deuil Nantes")
    assert "Réunion mensuelle" not in client.get("/groupes/?q=deuil").content.decode()

    group.summary = "Réunion mensuelle, café offert."
    group.save()
    refresh_search_text(group)  # as the directory's own edits do

    assert "Réunion mensuelle" in client.get("/groupes/?q=deuil").content.decode()


@override_settings(SEARCH_CACHE_SECONDS=0)
@pytest.mark.django_db(transaction=True)  # the directory's version changes once committed
def test_a_card_shows_a_new_theme_and_a_new_rhythm_on_the_next_view(
    client: Client, make_group: MakeGroup, theme: Callable[..., Theme]
) -> None:
    group = make_group("Deuil Nantes", themes=[theme("deuil")])
    before = client.get("/groupes/?q=deuil").content.decode()
    assert "Proches aidants" not in before

    group.themes.add(theme("aidants", "Proches aidants", "Family carers"))
    refresh_search_text(group)
    SupportGroup.objects.filter(pk=group.pk).update(weekday=4)  # no save(): the version says it
    refresh_search_text(group)
    after = client.get("/groupes/?q=deuil").content.decode()

    assert "Proches aidants" in after
    assert "vendredi" in after and "vendredi" not in before


@override_settings(SEARCH_CACHE_SECONDS=0)
def test_the_same_card_says_its_distance_in_each_search(
    client: Client, make_group: MakeGroup
) -> None:
    make_group("Deuil Rezé", place="44400 Rezé")

    near_nantes = client.get("/groupes/?place=44000&radius=20").content.decode()
    in_reze = client.get("/groupes/?place=44400&radius=20").content.decode()
    by_words = client.get("/groupes/?q=deuil").content.decode()

    assert "Rezé (44400)\n     · à 3 km\n    · le 1er mardi du mois" in near_nantes
    assert "à moins d'1 km" in in_reze
    assert " km" not in by_words.split('class="card"')[1].split("</p>")[0]
    assert "<!--distance-->" not in near_nantes + in_reze + by_words


@override_settings(SEARCH_CACHE_SECONDS=0)
@pytest.mark.django_db(transaction=True)  # the directory's version changes once committed
def test_the_kept_filters_show_what_was_asked_and_a_theme_added_since(
    client: Client,
    make_group: MakeGroup,
    theme: Callable[..., Theme],
    organisation: Organisation,
) -> None:
    make_group("Deuil Nantes", themes=[theme("deuil")])

    plain = client.get("/groupes/?q=deuil").content.decode()
    chosen = client.get("/groupes/?q=deuil&theme=deuil&day=1").content.decode()
    plain_again = client.get("/groupes/?q=deuil").content.decode()
    wrong = client.get("/groupes/?q=deuil&theme=nulle-part").content.decode()

    assert '<option value="deuil">' in plain and '<option value="deuil">' in plain_again
    assert '<option value="deuil" selected>' in chosen
    assert '<input type="checkbox" name="day" value="1" id="id_day_1" checked>' in chosen
    assert '<input type="checkbox" name="day" value="1" id="id_day_1">' in plain_again
    assert "Cette thématique n&#x27;existe pas." in wrong

    add_theme("Solitude", "Loneliness", Theme.Domain.SOCIAL, organisation=organisation)

    assert '<option value="solitude">Solitude</option>' in client.get("/groupes/").content.decode()
