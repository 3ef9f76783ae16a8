"""Forced colours (Windows high contrast) in a real browser: the buttons drawn by their
background, the help-now call buttons and the current country keep their shape (issue 22,
item 10)."""

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def border_of(page: Any, selector: str) -> dict[str, str]:
    border: dict[str, str] = page.locator(selector).first.evaluate(
        """element => {
            const style = getComputedStyle(element);
            return {style: style.borderTopStyle, width: style.borderTopWidth,
                    colour: style.borderTopColor, background: style.backgroundColor};
        }"""
    )
    return border


def shows_its_shape(border: dict[str, str]) -> bool:
    return (
        border["style"] == "solid"
        and float(border["width"].removesuffix("px")) >= 2
        and border["colour"] not in ("transparent", "rgba(0, 0, 0, 0)")
    )


def test_a_primary_button_keeps_its_border_in_forced_colours(page: Any, live_server: Any) -> None:
    page.emulate_media(forced_colors="active")
    page.goto(live_server.url + "/compte/signup/")

    assert shows_its_shape(border_of(page, "main button.button"))
    # Outside forced colours, the same border is there, and does not show.
    page.emulate_media(forced_colors="none")
    normal = border_of(page, "main button.button")
    assert normal["width"] == "2px"
    assert normal["colour"] in ("transparent", "rgba(0, 0, 0, 0)")


def test_call_buttons_and_the_current_country_keep_their_shape(page: Any, live_server: Any) -> None:
    page.emulate_media(forced_colors="active")
    page.goto(live_server.url + "/aide-maintenant/?pays=FR")

    assert shows_its_shape(border_of(page, "a.help-number"))
    current = border_of(page, ".country-switch a[aria-current=page]")
    other = border_of(page, ".country-switch a:not([aria-current])")
    assert float(current["width"].removesuffix("px")) > float(other["width"].removesuffix("px"))
    assert current["background"] != other["background"]
