"""The balance view of a circle: an SVG that browsers read in every language, a wedge per
person that stays inside the circle and says whose it is, and words that warn only when one
voice really takes the room."""

import math
import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from entraide.circles.balance import LIMIT, balance

pytestmark = pytest.mark.django_db


def drawn(seconds: list[int], mine: int | None = None, names: list[str] | None = None) -> str:
    with translation.override("fr"):
        drawing = balance(seconds, mine, names=names)
        return render_to_string("circles/_balance.html", {"balance": drawing})


def svg_of(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>")]


def points_of(path: str) -> list[tuple[float, float, float]]:
    """The points a path goes through, each with the radius of the arc that reaches it."""
    tokens = path.split()
    found = []
    i = 0
    while i < len(tokens):
        command = tokens[i]
        if command in ("M", "L"):
            found.append((float(tokens[i + 1]), float(tokens[i + 2]), 0.0))
            i += 3
        elif command == "A":
            found.append((float(tokens[i + 6]), float(tokens[i + 7]), float(tokens[i + 1])))
            i += 8
        else:
            i += 1
    return found


def test_the_drawing_has_no_french_decimal_comma() -> None:
    svg = svg_of(drawn([95, 30, 0]))

    numbers = re.findall(r'(?:r|d|cx|cy|viewBox)="([^"]*)"', svg)
    assert numbers
    assert not any(re.search(r"\d,\d", value) for value in numbers)


@pytest.mark.parametrize(
    "seconds",
    [[600, 0], [3600] + [0] * 11, [1, 1, 1, 900], [60] * 8, [0, 0, 0], [500]],
)
def test_no_wedge_leaves_the_circle(seconds: list[int]) -> None:
    drawing = balance(seconds)

    # The circle is the white disc drawn behind the wedges; the dashed ring inside it marks an
    # equal share.
    assert f'<circle r="{drawing.radius:.1f}" class="circle"' in drawn(seconds)
    assert drawing.ring <= drawing.radius <= LIMIT
    for piece in drawing.slices:
        for path in (piece.filled, piece.outline):
            for x, y, radius in points_of(path):
                assert math.hypot(x, y) <= drawing.radius + 0.01, path
                assert radius <= drawing.radius + 0.01, path


def test_a_double_share_still_looks_double() -> None:
    drawing = balance([200, 100, 100, 0])
    filled = [max((r for _x, _y, r in points_of(p.filled)), default=0) for p in drawing.slices]

    assert filled[0] ** 2 == pytest.approx(2 * filled[1] ** 2, rel=0.01)
    assert filled[1] == pytest.approx(drawing.ring, rel=0.01)
    assert filled[3] == 0


def test_each_wedge_says_whose_it_is_and_how_much_it_spoke() -> None:
    html = drawn([300, 60, 0], names=["Alice", "Bob", "Chloé"], mine=1)

    titles = [unescape(t) for t in re.findall(r"<title>([^<]*)</title>", svg_of(html))]
    assert len(titles) == 3
    assert titles[0].startswith("Alice")
    assert "Bob (vous)" in titles[1]
    assert "n'a pas encore parlé" in titles[2]
    # The same words for those who do not see the drawing, listed under it for everyone.
    details = unescape(html[html.index('<ol class="balance-parts') :])
    for title in titles:
        assert title in details


def test_after_the_circle_closes_the_wedges_name_nobody() -> None:
    html = drawn([300, 60, 0])

    titles = re.findall(r"<title>([^<]*)</title>", svg_of(html))
    assert [title.split(" :")[0] for title in titles] == ["Place 1", "Place 2", "Place 3"]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        ([], "Personne n'a encore parlé."),
        ([0, 0, 0], "Personne n'a encore parlé."),
        # A round has just begun: one person spoke three minutes, the others' turn is coming.
        ([180, 0, 0, 0, 0, 0], "Trop tôt pour le dire"),
        ([200, 50, 0, 0, 0, 0], "Trop tôt pour le dire"),
        ([200, 150, 0, 0, 0, 0], "La parole est bien partagée."),
        # Passing is a right: those who passed do not make the others look unbalanced.
        ([120, 110, 130, 0], "La parole est bien partagée."),
        ([240, 120, 100, 110], "Quelques voix prennent plus de place que d'autres."),
        ([600, 120, 100, 90], "Une voix prend beaucoup de place."),
        ([900, 100, 0, 0], "Une voix prend beaucoup de place."),
    ],
)
def test_the_words_warn_only_when_one_voice_really_takes_the_room(
    seconds: list[int], words: str
) -> None:
    with translation.override("fr"):
        assert balance(seconds).words.startswith(words)
