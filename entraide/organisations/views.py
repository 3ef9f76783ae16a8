from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from entraide.accounts.access import signed_in
from entraide.audit.models import CONCERN_ACTIONS, AuditEvent
from entraide.organisations.access import handles_concerns, organisation_for
from entraide.organisations.models import OrganisationRole


@require_safe
def journal(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's journal of sensitive actions, for its admins only."""
    organisation = organisation_for(request, slug, OrganisationRole.Role.ADMIN)
    events = AuditEvent.objects.filter(organisation=organisation).select_related(
        "actor", "subject", "group"
    )
    # That a concern was raised about a group is for those who handle concerns: an admin who
    # does not (the organisation has safeguarding leads) may also sit in that group.
    if not handles_concerns(signed_in(request), organisation):
        events = events.exclude(action__startswith=CONCERN_ACTIONS)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "organisations/journal.html", {"organisation": organisation, "page": page}
    )
