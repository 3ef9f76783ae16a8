"""The plan du site: every page a person can reach from here, as a list of links (RGAA 12.1,
a second way to find a page besides the menu and the search). Public pages for everyone; the
signed-in person's own spaces too — their groups and their organisations —, never anyone
else's."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from entraide.accounts.models import User
from entraide.membership.models import Membership
from entraide.organisations.access import is_organisation_staff_on
from entraide.organisations.models import Organisation, OrganisationRole


@login_not_required
@require_safe
def site_plan(request: HttpRequest) -> HttpResponse:
    person = request.user if isinstance(request.user, User) else None
    context: dict[str, object] = {}
    if person is not None:
        context["memberships"] = (
            Membership.objects.filter(
                user=person, status=Membership.Status.ACTIVE, group__is_published=True
            )
            .select_related("group")
            .order_by("group__name")
        )
        # The middlewares already asked whether the person works for an organisation.
        roles: dict[Organisation, set[str]] = {}
        if is_organisation_staff_on(request):
            for role in OrganisationRole.objects.filter(user=person).select_related("organisation"):
                roles.setdefault(role.organisation, set()).add(role.role)
        context["organisation_roles"] = sorted(roles.items(), key=lambda item: item[0].name)
    return render(request, "pages/site_plan.html", context)
