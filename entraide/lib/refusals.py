"""What a rule forbids: one exception for every app.

An action that a rule forbids (a meeting already started, a charter changed during the vote, a
concern already closed) raises `Refused` with the words the person will read, already in their
language (`gettext`, or a lazy string). Nothing of the action is written: it raises inside its
transaction. A view shows a refusal one way: `messages.error(request, refusal.message)` and a
redirect to the page the person came from, or, where a form is being filled in,
`form.add_error(None, refusal.message)`, so that nothing typed is lost.

`code` names the rule for code that must tell refusals apart (the talking circle's pages put
its codes in words themselves); most refusals need none. Plain Python: the circle's rules and
the solver's callers use it without Django.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Only the type: a lazy translation is what `messages` and `add_error` accept besides str.
    from django.utils.functional import _StrOrPromise


class Refused(Exception):
    """A rule forbids this action now; `message` says why, for the person."""

    def __init__(self, message: "_StrOrPromise" = "", *, code: str = "") -> None:
        super().__init__(str(message) or code)
        self.message: _StrOrPromise = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message) or self.code
