"""People ask to be grouped; proposed groups become projects; volunteers answer invitations.

- `wish`, `withdraw_wish`: a signed-in person, about themselves only;
- `create_groups`: the coordinators of the proposal's organisation (access.proposal_for);
- `invitation`: whoever holds the e-mailed link sees it; answering needs an account, and once
  one account has answered, the link is that account's alone (404 for any other).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from entraide.accounts.access import signed_in
from entraide.accounts.models import User
from entraide.lib.refusals import Refused
from entraide.proposals import access, invitations
from entraide.proposals.models import Invitation, Wish
from entraide.proposals.templatetags.proposal_invitations import creation_choices
from entraide.proposals.wish_forms import AnswerForm, WishForm


@require_http_methods(["GET", "POST"])
def wish(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask this organisation to put me in touch with people who live near me."""
    organisation = access.organisation_for_wish(slug)
    person = signed_in(request)
    current = Wish.objects.filter(organisation=organisation, user=person).first()
    form = WishForm(request.POST if request.method == "POST" else None, person=person, wish=current)
    if request.method == "POST" and form.is_valid():
        assert form.resolved is not None
        _wish, created = invitations.save_wish(
            person,
            organisation,
            form.resolved,
            form.cleaned_data["themes"],
            form.cleaned_data["languages"],
        )
        messages.success(
            request,
            _(
                "Merci ! Votre demande est enregistrée. L'organisation vous écrira quand un "
                "groupe se formera près de chez vous."
            )
            if created
            else _("Votre demande est mise à jour."),
        )
        return redirect("proposals:wish", slug=slug)
    return render(
        request,
        "proposals/wish.html",
        {"organisation": organisation, "form": form, "current": current},
    )


@require_POST
def withdraw_wish(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.organisation_for_wish(slug)
    if invitations.withdraw_wish(signed_in(request), organisation):
        messages.success(
            request,
            _("C'est noté : votre demande est retirée et votre code postal effacé."),
        )
    return redirect("proposals:wish", slug=slug)


@require_POST
def create_groups(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Create the chosen groups as projects accompanied by the organisation, and invite."""
    proposal = access.proposal_for(request, slug, pk)
    chosen = []
    scope = request.POST.get("scope")
    if scope in ("complete", "all"):
        # A long proposal offers a choice of scope instead of one box per group.
        chosen = [
            choice.group.pk
            for choice in creation_choices(proposal)
            if scope == "all" or choice.checked
        ]
    for value in request.POST.getlist("groups"):
        try:
            chosen.append(int(value))
        except ValueError:
            continue
    try:
        created = invitations.create_groups(proposal, chosen, by=signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            ngettext(
                "%(groups)d groupe est créé.",
                "%(groups)d groupes sont créés.",
                created.groups,
            )
            % {"groups": created.groups}
            + " "
            + ngettext(
                "%(count)d invitation est envoyée par e-mail.",
                "%(count)d invitations sont envoyées par e-mail.",
                created.invitations,
            )
            % {"count": created.invitations},
        )
    return redirect("proposals:proposal", slug=slug, pk=pk)


@require_POST
def resend_invitations(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Send again the invitations nobody answered yet (an e-mail lost, or failed)."""
    proposal = access.proposal_for(request, slug, pk)
    count = invitations.resend_invitations(proposal)
    messages.success(
        request,
        ngettext(
            "%(count)d invitation sans réponse est renvoyée par e-mail.",
            "%(count)d invitations sans réponse sont renvoyées par e-mail.",
            count,
        )
        % {"count": count},
    )
    return redirect("proposals:proposal", slug=slug, pk=pk)


def _answered_by_someone_else(invitation: Invitation, user: object) -> bool:
    return invitation.user_id is not None and (
        not isinstance(user, User) or user.pk != invitation.user_id
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person's page: the group in a few words, and the answer."""
    found = access.invitation_for(token)
    user = request.user
    if found.user_id is not None and not isinstance(user, User):
        # Once answered, the page is its answerer's: sign in to see it.
        return redirect_to_login(request.get_full_path())
    if _answered_by_someone_else(found, user):
        raise Http404
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not isinstance(user, User):
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                if request.POST.get("answer") == "join":
                    invitations.accept(found, user, host=form.cleaned_data["host"])
                    initiative = found.group.initiative
                    assert initiative is not None
                    messages.success(
                        request,
                        _(
                            "Bienvenue ! Vous faites maintenant partie du groupe en création. "
                            "Vous suivez ici ses premiers pas."
                        ),
                    )
                    return redirect("founding:overview", slug=initiative.group.slug)
                if request.POST.get("answer") == "decline":
                    invitations.decline(found, user)
                    return redirect("proposals:invitation", token=token)
            except PermissionError:
                raise Http404 from None
            except Refused as refusal:
                messages.error(request, refusal.message)
                return redirect("proposals:invitation", token=token)
    proposed = found.group
    initiative = proposed.initiative
    return render(
        request,
        "proposals/invitation.html",
        {
            "invitation": found,
            "organisation": proposed.proposal.organisation,
            "theme": proposed.proposal.theme,
            "size": proposed.volunteers.count(),
            "distance": found.volunteer.distance_km or 0,
            "approximate": found.volunteer.approximate,
            "initiative": initiative,
            "open": initiative is not None and initiative.stage in invitations.OPEN_STAGES,
            "form": form,
            "signed_in": isinstance(user, User),
        },
    )
