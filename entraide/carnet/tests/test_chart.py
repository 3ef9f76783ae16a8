"""The mood chart: each page with a mood becomes a point, 5 at the top and 1 at the bottom,
drawn as SVG with a title, a description and the same values in a table."""

import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Cast
from entraide.carnet.chart import HEIGHT, LEFT, MAX_POINTS, RIGHT, WIDTH, mood_chart, y_of
from entraide.carnet.models import Entry

DAY = dt.date(2026, 3, 3)


def days(count: int) -> list[dt.date]:
    return [DAY + dt.timedelta(days=7 * i) for i in range(count)]


def test_nothing_to_draw_gives_no_chart() -> None:
    assert mood_chart([]) is None


def test_moods_become_points_from_left_to_right_and_bottom_to_top() -> None:
    chart = mood_chart(list(zip(days(3), [1, 3, 5], strict=True)))

    assert chart is not None
    assert [(p.x, p.y) for p in chart.points] == [(28, 148), (168, 80), (308, 12)]
    assert chart.line == "28,148 168,80 308,12"
    assert (chart.first_day, chart.last_day) == (DAY, DAY + dt.timedelta(days=14))
    assert [(level.mood, level.y) for level in chart.levels] == [
        (5, 12),
        (4, 46),
        (3, 80),
        (2, 114),
        (1, 148),
    ]


def test_every_point_lies_inside_the_drawing() -> None:
    chart = mood_chart(list(zip(days(7), [1, 2, 3, 4, 5, 4, 2], strict=True)))

    assert chart is not None
    for point in chart.points:
        assert LEFT <= point.x <= WIDTH - RIGHT
        assert 0 < point.y < HEIGHT
    assert y_of(5) < y_of(4) < y_of(3) < y_of(2) < y_of(1)


def test_a_single_page_stands_in_the_middle() -> None:
    chart = mood_chart([(DAY, 4)])

    assert chart is not None
    assert [(p.x, p.y) for p in chart.points] == [(168, 46)]


def test_only_the_last_pages_are_drawn() -> None:
    values = list(zip(days(MAX_POINTS + 5), [3] * (MAX_POINTS + 5), strict=True))

    chart = mood_chart(values)

    assert chart is not None
    assert len(chart.points) == MAX_POINTS
    assert chart.first_day == values[5][0]


def test_a_mood_outside_the_scale_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="between 1 and 5"):
        mood_chart([(DAY, 7)])


@pytest.mark.django_db
def test_the_home_page_draws_the_chart_with_a_text_alternative(client: Client, cast: Cast) -> None:
    for day, mood in zip(days(3), [2, 4, None], strict=True):
        Entry.objects.create(author=cast.bob, day=day, mood=mood, feeling="quelques mots")
    client.force_login(cast.bob)

    page = html.unescape(client.get(reverse("carnet:home")).content.decode())

    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert 'aria-labelledby="carnet-chart-title carnet-chart-desc"' in svg
    assert '<title id="carnet-chart-title">Mon humeur, page après page</title>' in svg
    assert "2 pages, du 3 mars 2026 au 10 mars 2026." in svg
    # Coordinates stay dots in French too ("168,80", never "168,0,80,0").
    assert 'points="28,114 308,46"' in svg
    assert len(re.findall("<circle", svg)) == 2  # the page without a mood is not drawn
    table = page[page.index("<table") : page.index("</table>")]
    assert "<caption>Mon humeur, page après page</caption>" in table
    assert "3 mars 2026</td><td>2 sur 5, difficile" in table
    assert "10 mars 2026</td><td>4 sur 5, plutôt bien" in table


@pytest.mark.django_db
def test_without_any_mood_the_page_explains_the_chart_instead(client: Client, cast: Cast) -> None:
    Entry.objects.create(author=cast.bob, day=DAY, feeling="quelques mots")
    client.force_login(cast.bob)

    page = html.unescape(client.get(reverse("carnet:home")).content.decode())

    assert "<svg" not in page
    assert "Quand vous choisissez une humeur en écrivant" in page
