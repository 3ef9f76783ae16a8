"""Mon compte: who I am here, the ways to change it, and the organisations I work for."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from entraide.accounts.access import signed_in
from entraide.organisations.access import is_organisation_staff_on
from entraide.organisations.models import Organisation, OrganisationRole
from entraide.proposals.models import Wish


def account(request: HttpRequest) -> HttpResponse:
    """My account: who I am here, the ways to change it, and the organisations I work for."""
    person = signed_in(request)
    roles: dict[Organisation, set[str]] = {}
    # The middlewares already asked whether the person works for an organisation: most don't.
    held = list(
        OrganisationRole.objects.filter(user=person)
        .select_related("organisation")
        .order_by("organisation__name", "role")
        if is_organisation_staff_on(request)
        else OrganisationRole.objects.none()
    )
    for role in held:
        roles.setdefault(role.organisation, set()).add(role.role)
    return render(
        request,
        "pages/account.html",
        {
            "person": person,
            "organisation_roles": sorted(roles.items(), key=lambda r: r[0].name),
            "held_roles": held,
            "wishes": Wish.objects.filter(user=person).select_related("organisation"),
        },
    )
