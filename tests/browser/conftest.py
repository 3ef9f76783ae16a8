"""What the browser tests share: guarded browser tabs for each extra person."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest


@contextmanager
def guarded_tabs(browser: Any, base: str) -> Iterator[Callable[..., Any]]:
    """Open tabs, each in its own browser context, that may only talk to `base` (the test
    server) — like the `page` fixture; a request elsewhere fails the test at the end.

    `open_tab(bypass_csp=True, cookies=())`: the accessibility audit injects a script that the
    site's CSP forbids, so tabs bypass it unless asked not to; `cookies` sign a person in or
    choose the language.
    """
    contexts: list[Any] = []
    outside: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(base) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    def open_tab(*, bypass_csp: bool = True, cookies: list[dict[str, str]] | None = None) -> Any:
        context = browser.new_context(
            locale="fr-FR", viewport={"width": 360, "height": 780}, bypass_csp=bypass_csp
        )
        if cookies:
            context.add_cookies(cookies)
        context.route("**/*", guard)
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        return tab

    try:
        yield open_tab
    finally:
        for context in contexts:
            context.close()
    assert outside == [], f"pages asked for something outside the site: {outside}"


@pytest.fixture
def tab_for(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Each person's own browser, guarded like the `page` fixture: nothing from outside."""
    with guarded_tabs(browser, live_server.url) as open_tab:
        yield open_tab
