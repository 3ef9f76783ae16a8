"""The plot of a proposal: a valid SVG drawn by the server, one mark per person, hosts drawn
apart with their group's number, the unplaced as crosses, a scale, and no name or id."""

import math
import re
import xml.etree.ElementTree as ET

import pytest

from entraide.organisations.models import Organisation
from entraide.proposals import plot
from entraide.proposals.models import Proposal, ProposedGroup, Volunteer

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
NANTES = (47.2184, -1.5536)


def make(organisation: Organisation, groups: int, size: int, unplaced: int) -> Proposal:
    proposal = Proposal.objects.create(
        organisation=organisation, name="Liste", source="csv", status="done"
    )
    for number in range(1, groups + 1):
        group = ProposedGroup.objects.create(proposal=proposal, number=number)
        people = Volunteer.objects.bulk_create(
            Volunteer(
                proposal=proposal,
                ref=f"ref-{number}-{index}",
                name=f"Nom{number}x{index}",
                lat=NANTES[0] + 0.02 * (number % 40) + 0.001 * index,
                lon=NANTES[1] + 0.02 * (number // 40) + 0.001 * math.sin(index),
                group=group,
                distance_km=0.1 * index,
            )
            for index in range(size)
        )
        group.host = people[0]
        group.save(update_fields=["host"])
    Volunteer.objects.bulk_create(
        Volunteer(
            proposal=proposal,
            ref=f"seul-{index}",
            name=f"Isolé{index}",
            lat=NANTES[0] - 0.2 - 0.01 * index,
            lon=NANTES[1],
            unplaced_reason="nobody within reach",
        )
        for index in range(unplaced)
    )
    return proposal


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def marks(root: ET.Element, css: str) -> list[ET.Element]:
    return [element for element in root.iter() if element.get("class") == css]


def test_each_person_is_one_mark_joined_to_the_host_of_their_group(
    organisation: Organisation,
) -> None:
    proposal = make(organisation, groups=3, size=7, unplaced=2)

    svg = plot.draw(proposal)
    root = parse(svg)

    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 720.0 ")
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    assert len(marks(root, "host")) == 3
    assert len(marks(root, "member")) == 3 * 6
    # The two unplaced people live 22 km away: arrows at the edge, not crosses shrinking
    # the groups to dots.
    assert len(marks(root, "far")) == 2 and marks(root, "unplaced") == []
    assert len(root.findall(f".//{SVG}line")) == 3 * 6
    numbers = {t.text for t in root.iter(f"{SVG}text")}
    assert {"1", "2", "3"} <= numbers
    assert any(text and text.endswith("km") for text in numbers)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "3 groupes, 21 personnes placées, 2 personnes non placées" in (
        desc.text or ""
    )


def test_the_plot_names_nobody(organisation: Organisation) -> None:
    proposal = make(organisation, groups=2, size=6, unplaced=1)

    svg = plot.draw(proposal)

    for volunteer in Volunteer.objects.filter(proposal=proposal):
        assert volunteer.name not in svg
        assert volunteer.ref not in svg
    # No identifier of any kind: the only ids name the title and description.
    root = parse(svg)
    assert {e.get("id") for e in root.iter() if e.get("id")} == {"plot-title", "plot-desc"}
    assert not [key for e in root.iter() for key in e.attrib if key.startswith("data-")]


def test_beyond_three_thousand_people_one_mark_per_group_is_drawn(
    organisation: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plot, "DETAIL_LIMIT", 50)
    proposal = make(organisation, groups=12, size=6, unplaced=3)

    root = parse(plot.draw(proposal))

    assert len(marks(root, "group")) == 12
    assert marks(root, "member") == [] and marks(root, "host") == []
    assert len(marks(root, "far")) == 3
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "Chaque carré est un groupe" in (desc.text or "")


def test_nothing_is_drawn_once_the_homes_are_erased(organisation: Organisation) -> None:
    proposal = make(organisation, groups=2, size=6, unplaced=1)
    Volunteer.objects.filter(proposal=proposal).update(lat=None, lon=None)

    assert plot.draw(proposal) == ""


def test_a_single_point_still_makes_a_drawing_with_its_scale(organisation: Organisation) -> None:
    proposal = make(organisation, groups=0, size=0, unplaced=1)

    root = parse(plot.draw(proposal))

    assert len(marks(root, "unplaced")) == 1
    assert root.find(f"{SVG}g[@class='scale']") is not None


def test_someone_unplaced_nearby_is_a_cross_and_someone_far_an_arrow_at_the_edge(
    organisation: Organisation,
) -> None:
    proposal = make(organisation, groups=1, size=6, unplaced=1)
    Volunteer.objects.create(
        proposal=proposal,
        ref="voisin",
        lat=NANTES[0] + 0.005,
        lon=NANTES[1] + 0.005,
        unplaced_reason="too few people nearby to reach the minimum size",
    )

    root = parse(plot.draw(proposal))

    assert len(marks(root, "unplaced")) == 1
    (arrow,) = marks(root, "far")
    # The arrow sits inside the drawing, at its bottom edge: the person lives due south.
    height = float(root.get("viewBox", "").split()[3])
    ys = [float(v) for v in re.findall(r"[-\d.]+", arrow.get("d", ""))[1::2]]
    assert all(0 <= y <= height for y in ys) and max(ys) > height / 2
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "hors du plan" in (desc.text or "")
