"""Mistakes in the demo's JSON files are caught before anything is written, and say where."""

import copy
from pathlib import Path
from typing import Any

import pytest

from entraide.demo import data
from entraide.demo.data import Catalogue, DemoDataError


def raw(name: str) -> Any:
    return copy.deepcopy(data.read(name))


def parse_with_groups(groups: Any) -> Catalogue:
    return data.parse_catalogue(raw("themes.json"), raw("organisations.json"), groups)


def test_the_files_hold_the_whole_demo(catalogue: Catalogue, stories: data.Stories) -> None:
    assert (len(catalogue.themes), len(catalogue.organisations)) == (14, 7)
    assert len(catalogue.groups) == 95
    assert len(stories.wishes) == 20
    assert len(stories.pages) == 3
    assert [concern.raised_by for concern in stories.concerns] == ["bob@demo.entraide.localhost"]


def test_an_unknown_theme_names_the_group_and_the_field() -> None:
    groups = raw("groups.json")
    groups["groups"][0]["themes"] = ["deuill"]

    with pytest.raises(DemoDataError) as error:
        parse_with_groups(groups)

    assert str(error.value) == (
        "groups.json, group 'Groupe de parole Deuil — Nantes Nord', field 'themes': "
        "unknown theme 'deuill'."
    )


def test_a_postal_code_that_does_not_exist_names_the_group_and_the_field() -> None:
    groups = raw("groups.json")
    groups["groups"][0]["postal_code"] = "44999"

    with pytest.raises(DemoDataError) as error:
        parse_with_groups(groups)

    assert str(error.value) == (
        "groups.json, group 'Groupe de parole Deuil — Nantes Nord', field 'postal_code': "
        "the place 44999 Nantes (FR) cannot be found."
    )


def test_a_misspelt_field_is_refused_rather_than_ignored() -> None:
    groups = raw("groups.json")
    groups["groups"][1]["hearing_lop"] = True

    with pytest.raises(DemoDataError, match=r"unknown field\(s\) 'hearing_lop'"):
        parse_with_groups(groups)


def test_a_wrong_weekday_names_the_rhythm_field() -> None:
    groups = raw("groups.json")
    groups["groups"][0]["rhythm"]["weekday"] = "mardi"

    with pytest.raises(DemoDataError) as error:
        parse_with_groups(groups)

    assert str(error.value).startswith(
        "groups.json, group 'Groupe de parole Deuil — Nantes Nord', field 'rhythm', "
        "field 'weekday': 'mardi' is not one of monday,"
    )


def test_two_groups_with_the_same_name_are_refused() -> None:
    groups = raw("groups.json")
    groups["groups"].append(groups["groups"][0])

    with pytest.raises(DemoDataError, match="two entries have the slug"):
        parse_with_groups(groups)


def test_a_wish_of_someone_who_is_not_a_demo_person_is_refused(catalogue: Catalogue) -> None:
    wishes = raw("wishes.json")
    wishes["wishes"][0]["person"] = "zoe.voisin@demo.entraide.localhost"

    with pytest.raises(DemoDataError) as error:
        data.parse_stories(
            catalogue,
            raw("people.json"),
            raw("founding.json"),
            wishes,
            raw("carnet.json"),
            raw("concerns.json"),
        )

    assert str(error.value) == (
        "wishes.json, wish 1, field 'person': unknown person (not in people.json) "
        "'zoe.voisin@demo.entraide.localhost'."
    )


def test_a_broken_json_file_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "themes.json").write_text('[\n  {"slug": "deuil",}\n]\n', encoding="utf-8")

    with pytest.raises(DemoDataError, match=r"^themes.json, line 2, column"):
        data.read("themes.json", tmp_path)
