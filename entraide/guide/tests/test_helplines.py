"""The crisis numbers are complete, sourced, dated and dialable, for every country."""

import datetime as dt
import re

import pytest

from entraide.guide.helplines import COUNTRIES, REQUIRED_KINDS, Helpline

ALL_LINES = [(code, line) for code, country in COUNTRIES.items() for line in country.lines]


def line_id(value: object) -> str:
    return value.number if isinstance(value, Helpline) else str(value)


def test_the_countries_of_the_brief_and_monaco_are_covered() -> None:
    assert set(COUNTRIES) >= {"FR", "BE", "CH", "LU", "MC", "CA"}


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_every_country_has_emergency_suicide_child_and_violence_lines(code: str) -> None:
    kinds = {kind for line in COUNTRIES[code].lines for kind in (line.kind, *line.also)}

    assert set(REQUIRED_KINDS) <= kinds


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_the_emergency_number_said_at_the_top_is_one_of_the_country_s_emergency_lines(
    code: str,
) -> None:
    country = COUNTRIES[code]
    emergency = {line.dial for line in country.lines if line.kind == "emergency"}

    assert country.emergency in emergency


@pytest.mark.parametrize(("code", "line"), ALL_LINES, ids=line_id)
def test_every_line_names_an_official_source_and_the_date_it_was_checked(
    code: str, line: Helpline
) -> None:
    assert re.fullmatch(r"https?://[^\s/]+\.[a-z]{2,}(/\S*)?", line.source), line.source
    assert dt.date(2026, 11, 22) <= line.checked <= dt.date.today()
    if line.checked_against:
        assert re.fullmatch(r"https?://\S+", line.checked_against)
    if line.page_date is not None:
        assert line.page_date <= line.checked


@pytest.mark.parametrize(("code", "line"), ALL_LINES, ids=line_id)
def test_every_number_is_a_well_formed_link_that_dials_what_is_written(
    code: str, line: Helpline
) -> None:
    assert re.fullmatch(r"tel:[0-9]{2,15}", line.tel)
    assert line.tel == "tel:" + re.sub(r"[ -]", "", line.number)
    assert re.fullmatch(r"[0-9][0-9 -]*[0-9]", line.number)
    if line.text_only:
        assert line.href == f"sms:{line.dial}"
    else:
        assert line.href == line.tel
    if line.text_number:
        assert re.fullmatch(r"sms:[0-9]{3,15}", line.sms)


def test_france_s_114_is_reached_by_text_message_only() -> None:
    by_number = {line.number: line for line in COUNTRIES["FR"].lines}

    assert by_number["114"].text_only
    assert by_number["114"].href == "sms:114"


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_no_number_appears_twice_in_a_country(code: str) -> None:
    numbers = [line.dial for line in COUNTRIES[code].lines]

    assert len(numbers) == len(set(numbers))
