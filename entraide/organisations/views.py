from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from entraide.accounts.access import signed_in
from entraide.audit.models import CONCERN_ACTIONS, AuditEvent
from entraide.organisations.access import handles_concerns, organisation_for
from entraide.organisations.models import OrganisationRole

# The short codes the apps write in an event's detail, in words. The journal sits below the
# apps that write them, so it names the codes, not their models' choices.
DETAIL_WORDS = {
    "facilitator": gettext_lazy("animation"),
    "member": gettext_lazy("membre"),
    "observer": gettext_lazy("observation"),
    "interview": gettext_lazy("entretien de motivation"),
    "recruitment": gettext_lazy("recherche de membres"),
    "founding": gettext_lazy("premières rencontres"),
    "charter": gettext_lazy("rédaction de la charte"),
    "autonomous": gettext_lazy("groupe autonome"),
    "message": gettext_lazy("message"),
    "action": gettext_lazy("action notée"),
    "mediation": gettext_lazy("médiation"),
    "child_protection": gettext_lazy("la sécurité d'un enfant"),
    "physical_threat": gettext_lazy("une menace ou une violence physique"),
    "crisis": gettext_lazy("une personne en crise"),
    "complex": gettext_lazy("une situation complexe"),
    "conflict": gettext_lazy("un conflit dans le groupe"),
    "charter_breach": gettext_lazy("quelqu'un ne respecte pas notre charte"),
}


def detail_in_words(detail: str) -> str:
    """ "interview>recruitment" → "entretien de motivation → recherche de membres"; "v2" →
    "version 2"; an unknown code is shown as it is (numbers, group numbers)."""
    if ">" in detail:
        return " → ".join(detail_in_words(part) for part in detail.split(">", 1))
    if detail[:1] == "v" and detail[1:].isdigit():
        return _("version %(number)s") % {"number": detail[1:]}
    return str(DETAIL_WORDS.get(detail, detail))


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
    rows = [(event, detail_in_words(event.detail) if event.detail else "") for event in page]
    return render(
        request,
        "organisations/journal.html",
        {"organisation": organisation, "page": page, "rows": rows},
    )
