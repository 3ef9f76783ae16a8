"""The proposal drawn by the server as an inline SVG: no map tiles, no request elsewhere.

A local equirectangular projection (fine over the few kilometres a list spans) puts north up;
each member is a dot joined by a line to their group's host, drawn as a square with the group's
number beside it, so colour is never the only cue; the unplaced are grey crosses; a bar gives
the scale. Beyond `DETAIL_LIMIT` people, one square per group and the unplaced are drawn.

No name, no id, nothing but shapes and group numbers: the drawing may be shown on a screen in
a meeting room.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.proposals.models import Proposal, ProposedGroup, Volunteer

DETAIL_LIMIT = 3000
# Above this many groups, the numbers would only blur the drawing.
LABEL_LIMIT = 300
WIDTH = 720.0
MAX_HEIGHT = 720.0
MIN_HEIGHT = 240.0
MARGIN = 36.0
KM_PER_DEGREE = 111.195
# Okabe and Ito's colours, which people with a colour vision deficiency tell apart; yellow left
# out, too pale on white.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
GREY = "#6b6b6b"
NICE_LENGTHS = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)


@dataclass(frozen=True, slots=True)
class _Point:
    lat: float
    lon: float
    group: int | None


class _Projection:
    """Degrees to drawing units: east is right, north is up, one scale for both axes."""

    def __init__(self, points: list[tuple[float, float]]) -> None:
        lats = [lat for lat, _ in points]
        lons = [lon for _, lon in points]
        self.lat0 = (min(lats) + max(lats)) / 2
        self.lon0 = (min(lons) + max(lons)) / 2
        self.cos = math.cos(math.radians(self.lat0))
        xs = [self._x_km(lon) for lon in lons]
        ys = [self._y_km(lat) for lat in lats]
        span_x = max(max(xs) - min(xs), 0.5)
        span_y = max(max(ys) - min(ys), 0.5)
        self.scale = min((WIDTH - 2 * MARGIN) / span_x, (MAX_HEIGHT - 2 * MARGIN) / span_y)
        # Room at the bottom for the scale bar.
        self.height = max(MIN_HEIGHT, span_y * self.scale + 2 * MARGIN + 30)
        self.x_offset = WIDTH / 2
        self.y_offset = (self.height - 30) / 2

    def _x_km(self, lon: float) -> float:
        return (lon - self.lon0) * KM_PER_DEGREE * self.cos

    def _y_km(self, lat: float) -> float:
        return (lat - self.lat0) * KM_PER_DEGREE

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return (
            self.x_offset + self._x_km(lon) * self.scale,
            self.y_offset - self._y_km(lat) * self.scale,
        )


def _f(value: float) -> str:
    return f"{value:.1f}"


def _colour(number: int) -> str:
    return COLOURS[(number - 1) % len(COLOURS)]


def _cross(x: float, y: float) -> str:
    return (
        f'<path class="unplaced" d="M{_f(x - 6)} {_f(y - 6)}L{_f(x + 6)} {_f(y + 6)}'
        f'M{_f(x - 6)} {_f(y + 6)}L{_f(x + 6)} {_f(y - 6)}"/>'
    )


def _square(x: float, y: float, colour: str, css: str, half: float = 8) -> str:
    # The white outline is set once on the enclosing group.
    return (
        f'<rect class="{css}" x="{_f(x - half)}" y="{_f(y - half)}" width="{_f(2 * half)}" '
        f'height="{_f(2 * half)}" fill="{colour}"/>'
    )


def _scale_bar(projection: _Projection) -> str:
    wanted = WIDTH / 5 / projection.scale
    length = min(NICE_LENGTHS, key=lambda km: abs(math.log(km / wanted)))
    pixels = length * projection.scale
    y = projection.height - 16
    x = MARGIN
    label = _("%(km)s km") % {"km": number_format(length, decimal_pos=None)}
    return (
        f'<g class="scale" stroke="#222" stroke-width="2">'
        f'<path d="M{_f(x)} {_f(y - 6)}V{_f(y)}H{_f(x + pixels)}V{_f(y - 6)}" fill="none"/>'
        f"</g>"
        f'<text x="{_f(x + pixels + 8)}" y="{_f(y + 4)}" font-size="22" fill="#222">'
        f"{escape(label)}</text>"
    )


def _frame(points: dict[int, _Point], max_km: float) -> list[tuple[float, float]]:
    """The corners the drawing must show: the groups and a walk around them.

    People who could not be placed because they live far away would otherwise shrink every
    group to a dot; they are drawn at the frame's edge instead (`_arrow`). With nobody placed,
    everyone is framed.
    """
    placed = [(p.lat, p.lon) for p in points.values() if p.group is not None]
    if not placed:
        return [(p.lat, p.lon) for p in points.values()]
    lats = [lat for lat, _ in placed]
    lons = [lon for _, lon in placed]
    pad_lat = max_km / KM_PER_DEGREE
    pad_lon = pad_lat / max(math.cos(math.radians(sum(lats) / len(lats))), 0.01)
    return [
        (min(lats) - pad_lat, min(lons) - pad_lon),
        (max(lats) + pad_lat, max(lons) + pad_lon),
    ]


def _arrow(x: float, y: float, dx: float, dy: float) -> str:
    """A small grey triangle at the frame's edge, pointing towards someone beyond it."""
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    tip = (x + 9 * ux, y + 9 * uy)
    left = (x - 7 * ux - 6 * uy, y - 7 * uy + 6 * ux)
    right = (x - 7 * ux + 6 * uy, y - 7 * uy - 6 * ux)
    return (
        f'<path class="far" d="M{_f(tip[0])} {_f(tip[1])}L{_f(left[0])} {_f(left[1])}'
        f'L{_f(right[0])} {_f(right[1])}Z"/>'
    )


def draw(proposal: Proposal) -> SafeString:
    """The SVG of the proposal, or an empty string once the homes are erased."""
    groups = {
        pk: (number, host_id)
        for pk, number, host_id in ProposedGroup.objects.filter(proposal=proposal).values_list(
            "pk", "number", "host_id"
        )
    }
    located = Volunteer.objects.filter(proposal=proposal, lat__isnull=False, lon__isnull=False)
    people_count = located.count()
    detailed = people_count <= DETAIL_LIMIT
    shown = located if detailed else located.filter(group__isnull=True)
    hosts = {host_id for _, host_id in groups.values() if host_id is not None}
    points = {
        pk: _Point(lat, lon, group)
        for pk, lat, lon, group in shown.values_list("pk", "lat", "lon", "group_id")
        if lat is not None and lon is not None
    }
    if not detailed:
        points |= {
            pk: _Point(lat, lon, group)
            for pk, lat, lon, group in located.filter(pk__in=hosts).values_list(
                "pk", "lat", "lon", "group_id"
            )
            if lat is not None and lon is not None
        }
    if not points:
        return mark_safe("")
    projection = _Projection(_frame(points, proposal.max_km))
    xy = {pk: projection(p.lat, p.lon) for pk, p in points.items()}

    lines: list[str] = []
    members: list[str] = []
    host_marks: list[str] = []
    labels: list[str] = []
    crosses: list[str] = []
    far: list[str] = []
    for pk, point in points.items():
        x, y = xy[pk]
        if point.group is None:
            inside_x = min(max(x, MARGIN / 2), WIDTH - MARGIN / 2)
            inside_y = min(max(y, MARGIN / 2), projection.height - 30 - MARGIN / 2)
            if (inside_x, inside_y) == (x, y):
                crosses.append(_cross(x, y))
            else:
                far.append(_arrow(inside_x, inside_y, x - inside_x, y - inside_y))
            continue
        number, host_id = groups[point.group]
        colour = _colour(number)
        if pk == host_id:
            host_marks.append(_square(x, y, colour, "host" if detailed else "group"))
            if len(groups) <= LABEL_LIMIT:
                labels.append(
                    f'<text x="{_f(x + 10)}" y="{_f(y - 9)}" font-size="22" font-weight="700" '
                    f'fill="{colour}" stroke="#fff" stroke-width="3" paint-order="stroke">'
                    f"{number}</text>"
                )
        else:
            members.append(
                f'<circle class="member" cx="{_f(x)}" cy="{_f(y)}" r="6" fill="{colour}"/>'
            )
            if host_id in xy:
                hx, hy = xy[host_id]
                lines.append(
                    f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(hx)}" y2="{_f(hy)}" '
                    f'stroke="{colour}" stroke-width="1.5" stroke-opacity="0.7"/>'
                )

    placed = sum(1 for p in points.values() if p.group is not None) if detailed else None
    title = _("Plan des groupes proposés")
    unplaced_count = len(crosses) + len(far)
    counts = ngettext("%(count)d groupe", "%(count)d groupes", len(groups)) % {"count": len(groups)}
    unplaced_text = ngettext(
        "%(count)d personne non placée", "%(count)d personnes non placées", unplaced_count
    ) % {"count": unplaced_count}
    if detailed:
        how = _(
            "Chaque rond est une personne, reliée par un trait à la personne qui accueille son "
            "groupe, dessinée par un carré avec le numéro du groupe."
        )
        placed_text = ngettext(
            "%(count)d personne placée", "%(count)d personnes placées", placed or 0
        ) % {"count": placed or 0}
        summary = f"{counts}, {placed_text}, {unplaced_text}."
    else:
        how = _(
            "Chaque carré est un groupe, au domicile de la personne qui l'accueille ; la liste "
            "est trop longue pour dessiner chaque personne."
        )
        summary = f"{counts}, {unplaced_text}."
    desc = " ".join(
        part
        for part in (
            summary,
            how,
            _("Les croix grises sont les personnes non placées."),
            ngettext(
                "Une personne non placée habite plus loin, hors du plan : une flèche grise au "
                "bord indique sa direction.",
                "%(count)d personnes non placées habitent plus loin, hors du plan : des flèches "
                "grises au bord indiquent leur direction.",
                len(far),
            )
            % {"count": len(far)}
            if far
            else "",
            _("Le nord est en haut ; il n'y a ni fond de carte, ni nom."),
        )
        if part
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plot" role="img" '
        f'viewBox="0 0 {_f(WIDTH)} {_f(projection.height)}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" aria-labelledby="plot-title plot-desc">'
        f'<title id="plot-title">{escape(title)}</title>'
        f'<desc id="plot-desc">{escape(desc)}</desc>'
        f'<rect width="100%" height="100%" fill="#fff"/>'
        f"<g>{''.join(lines)}</g>"
        f"<g>{''.join(members)}</g>"
        f'<g stroke="{GREY}" stroke-width="2.5" fill="none">{"".join(crosses)}</g>'
        f'<g fill="{GREY}">{"".join(far)}</g>'
        f'<g stroke="#fff" stroke-width="1.5">{"".join(host_marks)}</g>'
        f"<g>{''.join(labels)}</g>"
        f"{_scale_bar(projection)}"
        f"</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every value is a number or escaped text
