from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.health import charts
from entraide.health.access import facilitation_of_health, health_for
from entraide.health.actions import set_sharing
from entraide.health.compute import health
from entraide.health.sharing import shared_with_organisation


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    seen = health_for(request, slug)
    found = health(seen.group)
    attendance_chart = charts.bar_chart([a.present for a in found.attendance])
    balance_chart = charts.bar_chart([c.largest_share for c in found.circles], top=100)
    return render(
        request,
        "health/page.html",
        {
            "group": seen.group,
            "seen": seen,
            "health": found,
            "attendance_chart": attendance_chart,
            "balance_chart": balance_chart,
            "shared": shared_with_organisation(seen.group),
            "has_organisation": seen.group.organisation_id is not None
            or hasattr(seen.group, "initiative"),
        },
    )


@require_POST
def sharing(request: HttpRequest, slug: str) -> HttpResponse:
    seen = facilitation_of_health(request, slug)
    choice = request.POST.get("shared", "")
    if choice not in ("yes", "no"):
        messages.error(request, _("Choisissez de partager ou non la santé du groupe."))
    else:
        set_sharing(seen.group, choice == "yes", by=signed_in(request))
        if choice == "yes":
            messages.success(
                request, _("L'organisation qui vous accompagne peut voir la santé du groupe.")
            )
        else:
            messages.success(
                request, _("La santé du groupe n'est plus visible pour l'organisation.")
            )
    return redirect(reverse("health:page", args=[seen.group.slug]))
