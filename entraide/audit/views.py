from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from entraide.audit.models import AuditEvent
from entraide.organisations.access import organisation_for
from entraide.organisations.models import OrganisationRole


@login_required
@never_cache
@require_safe
def journal(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's journal of sensitive actions, for its admins only."""
    organisation = organisation_for(request, slug, OrganisationRole.Role.ADMIN)
    events = AuditEvent.objects.filter(organisation=organisation).select_related(
        "actor", "subject", "group"
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/journal.html", {"organisation": organisation, "page": page})
