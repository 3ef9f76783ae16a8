"""Hooks: how a lower app lets the apps above it act, without knowing them.

An app that must let others act when something happens (a member leaves, a charter is
adopted) declares a `Hook` next to the action, and calls it at that point. The apps above
add their function from their `AppConfig.ready()`. Unlike a signal, the call is written where
it happens and the list of functions is explicit, so a reader finds both ends by name.
"""

from collections.abc import Callable


class Hook[**P]:
    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[Callable[P, None]] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._functions)} functions>"

    def register(self, function: Callable[P, None]) -> Callable[P, None]:
        """Add a function (once, however often `ready()` runs); usable as a decorator."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Call every function in the order they were added (the order of INSTALLED_APPS)."""
        for function in self._functions:
            function(*args, **kwargs)
