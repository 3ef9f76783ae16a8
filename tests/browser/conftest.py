"""What the browser tests share: a guarded browser tab for each extra person."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest


@pytest.fixture
def tab_for(browser: Any, live_server: Any) -> Iterator[Callable[[], Any]]:
    """Each person's own browser, guarded like the `page` fixture: nothing from outside."""
    contexts: list[Any] = []
    outside: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    def open_tab() -> Any:
        context = browser.new_context(
            locale="fr-FR", viewport={"width": 360, "height": 780}, bypass_csp=True
        )
        context.route("**/*", guard)
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert outside == [], f"pages asked for something outside the site: {outside}"
