from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.audit.models import CONCERN_ACTIONS, AuditEvent
from entraide.lib.refusals import Refused
from entraide.organisations import actions
from entraide.organisations.access import (
    handles_concerns,
    organisation_for,
    organisations_of,
    roles_of,
    team_invitation_for,
)
from entraide.organisations.forms import InviteForm
from entraide.organisations.models import OrganisationRole, TeamInvitation

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
    "coordinator": gettext_lazy("coordinateur·rice"),
    "safeguarding_lead": gettext_lazy("référent·e protection"),
    "admin": gettext_lazy("administrateur·rice de l'organisation"),
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


ADMIN = OrganisationRole.Role.ADMIN


def team(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's team, for its admins: who holds which role, who is invited, and
    inviting someone by e-mail."""
    organisation = organisation_for(request, slug, ADMIN)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.invite(
                organisation,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                by=signed_in(request),
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("L'invitation est envoyée."))
            return redirect("organisations:team", slug=organisation.slug)
    roles = (
        OrganisationRole.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__display_name", "user__pk", "role")
    )
    pending = TeamInvitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
    )
    return render(
        request,
        "organisations/team.html",
        {"organisation": organisation, "roles": roles, "pending": pending, "form": form},
    )


@require_POST
def remove_role(request: HttpRequest, slug: str, role_id: int) -> HttpResponse:
    """An admin removes someone's role; anyone may leave their own."""
    person = signed_in(request)
    organisation = organisation_for(request, slug)
    try:
        role = OrganisationRole.objects.select_related("user", "organisation").get(
            pk=role_id, organisation=organisation
        )
    except OrganisationRole.DoesNotExist:
        raise Http404 from None
    is_admin = ADMIN in roles_of(person, organisation)
    if role.user_id != person.pk and not is_admin:
        raise Http404
    try:
        actions.remove_role(role, by=person)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Le rôle est retiré."))
    if organisations_of(person, ADMIN).filter(pk=organisation.pk).exists():
        return redirect("organisations:team", slug=organisation.slug)
    return redirect("pages:account")


@require_POST
def withdraw_invitation(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    organisation = organisation_for(request, slug, ADMIN)
    try:
        invitation = TeamInvitation.objects.get(
            pk=invitation_id, organisation=organisation, accepted_at__isnull=True
        )
    except TeamInvitation.DoesNotExist:
        raise Http404 from None
    actions.withdraw_invitation(invitation, by=signed_in(request))
    messages.success(request, _("L'invitation est retirée : son lien ne fonctionne plus."))
    return redirect("organisations:team", slug=organisation.slug)


@login_not_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person's page: which organisation, which role, and accepting it."""
    found = team_invitation_for(token)
    user = request.user
    if request.method == "POST":
        if not isinstance(user, User):
            return redirect_to_login(request.get_full_path())
        try:
            actions.accept(found, user)
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect("organisations:invitation", token=token)
        messages.success(
            request,
            _("Bienvenue dans l'équipe de %(name)s.") % {"name": found.organisation.name},
        )
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            messages.info(
                request,
                _(
                    "Votre rôle donne accès à des informations sur les groupes : protégez "
                    "votre compte par une seconde étape de connexion avant de continuer."
                ),
            )
            return redirect("mfa_activate_totp")
        return redirect("pages:account")
    return render(
        request,
        "organisations/invitation.html",
        {
            "invitation": found,
            "organisation": found.organisation,
            "signed_in": isinstance(user, User),
            "is_for_me": isinstance(user, User) and actions.is_for(found, user),
        },
    )
