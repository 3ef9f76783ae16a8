"""The participant's guide, its questions, and "Besoin d'aide maintenant ?": public pages."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from entraide.accounts.models import User
from entraide.guide.faq import QUESTIONS
from entraide.guide.helplines import (
    COUNTRIES,
    DEFAULT_COUNTRY,
    Country,
    country,
    country_from_languages,
)
from entraide.lib import places


@login_not_required
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/guide.html")


@login_not_required
def faq(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/faq.html", {"questions": QUESTIONS})


def chosen_country(request: HttpRequest) -> tuple[Country, bool]:
    """The country asked for in `?pays=`, else the one of the person's private postal code,
    else the one the browser's language hints at, else France; and whether the browser chose.

    The profile has no country of its own: its postal code, resolved offline, says it. The
    code is never shown, only the country it gives.
    """
    asked = country(request.GET.get("pays", ""))
    if asked is not None:
        return asked, False
    user = request.user
    if isinstance(user, User) and user.postal_code:
        place = places.resolve(user.postal_code)
        found = country(place.country) if place is not None else None
        if found is not None:
            return found, False
    hinted = country_from_languages(request.headers.get("Accept-Language", ""))
    if hinted is not None:
        return hinted, True
    return COUNTRIES[DEFAULT_COUNTRY], False


@login_not_required
def help_now(request: HttpRequest) -> HttpResponse:
    """The emergency and crisis numbers of one country, the others one click away."""
    shown, from_browser = chosen_country(request)
    response = render(
        request,
        "guide/help_now.html",
        {
            "country": shown,
            "first": shown.first,
            "crisis": shown.crisis,
            "from_browser": from_browser,
            "countries": COUNTRIES.values(),
            "kinds": shown.by_kind(),
        },
    )
    # The page changes with the browser's language: a cache must keep one copy per language.
    patch_vary_headers(response, ["Accept-Language"])
    return response
