"""Nothing typed is lost when a session ends (RGAA 13.1): a form sent after the end is kept,
and given back, to be checked and sent again, once the same person has signed in again.

`LoginRequiredKeepingFormsMiddleware` takes the place of Django's `LoginRequiredMiddleware`:

- Each answer to a signed-in person carries a small cookie, `OWNER_COOKIE`: a keyed hash of
  their account's id, which says nothing by itself and outlives the session by a day.
- A form sent to a private page by someone no longer signed in is kept in their new session,
  encrypted (`lib.crypto`), for an hour at most, with that hash; they are sent to the login
  page, which says their words are kept. A form sent without the cookie is not kept: nobody
  can say whose words they are.
- Once signed in again, the page the form was sent to shows the words, in a form with a new
  security token, for the person to check and send. Someone else signing in on the same
  browser never sees them: the words are dropped at their first page.

The security token of the kept form was checked before it was kept (`CsrfViewMiddleware`
comes first), and the words are sent again only by the person's own click.
"""

import json
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from entraide.lib.crypto import UnreadableValueError, decrypt, encrypt

OWNER_COOKIE = "kept_forms_owner"
OWNER_COOKIE_AGE = 24 * 3600
SESSION_KEY = "kept_form"
# How long kept words wait for their author to sign in again.
KEPT_SECONDS = 3600
# More than any form of the site holds; a bigger one is not kept.
MOST_CHARACTERS = 100_000
# Never kept: the security token (a new one is given) and anything that looks like a password.
SKIPPED = ("csrfmiddlewaretoken",)


def owner_of(user_id: Any) -> str:
    return salted_hmac(
        "entraide.lib.kept_forms.owner", str(user_id), algorithm="sha256"
    ).hexdigest()


def kept_fields(request: HttpRequest) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in SKIPPED and "password" not in name
        for value in values
    ]


def looks_typed(value: str) -> bool:
    """Words a person wrote, shown to be checked; a choice or a number travels hidden."""
    return len(value) > 40 or any(character.isspace() for character in value.strip())


class LoginRequiredKeepingFormsMiddleware(LoginRequiredMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            owner = owner_of(user.pk)
            if request.COOKIES.get(OWNER_COOKIE) != owner:
                response.set_cookie(
                    OWNER_COOKIE,
                    owner,
                    max_age=OWNER_COOKIE_AGE,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.user.is_authenticated and SESSION_KEY in request.session:
            return self.give_back(request)
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(
        self, request: HttpRequest, view_func: Callable[..., Any]
    ) -> HttpResponseRedirect:
        if request.method == "POST":
            self.keep(request)
        redirect: HttpResponseRedirect = super().handle_no_permission(request, view_func)
        return redirect

    def keep(self, request: HttpRequest) -> None:
        owner = request.COOKIES.get(OWNER_COOKIE, "")
        fields = kept_fields(request)
        words = json.dumps(fields)
        if not owner or not any(looks_typed(value) for _name, value in fields):
            return
        if len(words) > MOST_CHARACTERS:
            return
        request.session[SESSION_KEY] = {
            "path": request.path,
            "owner": owner,
            "until": time.time() + KEPT_SECONDS,
            "fields": encrypt(words),
        }
        request.session.set_expiry(KEPT_SECONDS)
        messages.info(
            request,
            _(
                "Votre session s'est terminée avant l'envoi. Ce que vous aviez écrit est gardé : "
                "connectez-vous, puis vous pourrez le relire et l'envoyer."
            ),
        )

    def give_back(self, request: HttpRequest) -> HttpResponse | None:
        """The kept form's page, to its author only; for anyone else, the words are dropped."""
        kept = request.session[SESSION_KEY]
        mine = constant_time_compare(kept.get("owner", ""), owner_of(request.user.pk))
        if not mine or kept.get("until", 0) < time.time():
            del request.session[SESSION_KEY]
            return None
        if request.method != "GET" or request.path != kept.get("path"):
            return None
        del request.session[SESSION_KEY]
        try:
            fields = json.loads(decrypt(kept["fields"]))
        except (UnreadableValueError, ValueError):
            return None
        typed = [(name, value) for name, value in fields if looks_typed(value)]
        hidden = [(name, value) for name, value in fields if not looks_typed(value)]
        return render(
            request,
            "kept_form.html",
            {"action": kept["path"], "typed": typed, "hidden": hidden},
        )
