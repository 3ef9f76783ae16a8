"""The participant's guide, its questions, and "Besoin d'aide maintenant ?": public pages."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from entraide.accounts.models import User
from entraide.guide.faq import QUESTIONS
from entraide.guide.helplines import COUNTRIES, DEFAULT_COUNTRY, Country, country
from entraide.lib import places


@login_not_required
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/guide.html")


@login_not_required
def faq(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/faq.html", {"questions": QUESTIONS})


def chosen_country(request: HttpRequest) -> Country:
    """The country asked for in `?pays=`, else the one of the person's private postal code,
    else France.

    The profile has no country of its own: its postal code, resolved offline, says it. The
    code is never shown, only the country it gives.
    """
    asked = country(request.GET.get("pays", ""))
    if asked is not None:
        return asked
    user = request.user
    if isinstance(user, User) and user.postal_code:
        place = places.resolve(user.postal_code)
        found = country(place.country) if place is not None else None
        if found is not None:
            return found
    return COUNTRIES[DEFAULT_COUNTRY]


@login_not_required
def help_now(request: HttpRequest) -> HttpResponse:
    """The emergency and crisis numbers of one country, the others one click away."""
    shown = chosen_country(request)
    return render(
        request,
        "guide/help_now.html",
        {"country": shown, "countries": COUNTRIES.values(), "kinds": shown.by_kind()},
    )
