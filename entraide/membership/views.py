from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.accounts.access import signed_in
from entraide.directory import access as directory_access
from entraide.lib import ratelimit
from entraide.membership import access, actions
from entraide.membership.forms import DecisionForm, JoinForm, MessageToFacilitatorsForm


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask to join a group, with a message if one wishes (seed 003: come first to listen)."""
    group = directory_access.public_group(slug)
    person = signed_in(request)
    current = access.membership_or_none(person, group)
    if current is not None and current.is_active:
        return redirect("pages:group_space", slug=group.slug)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.request_to_join(person, group, form.cleaned_data["message"])
        messages.success(
            request,
            _(
                "Votre demande est envoyée. Les personnes qui animent le groupe vous répondront "
                "par e-mail."
            ),
        )
        return redirect("pages:my_groups")
    return render(
        request, "membership/join.html", {"group": group, "form": form, "current": current}
    )


@require_POST
def decide(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """A facilitator welcomes someone as observer or member, or declines kindly."""
    pending = access.request_to_decide(request, slug, membership_id)
    mine = access.facilitation(request, slug)
    form = DecisionForm(request.POST)
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        if decision == "decline":
            actions.decline(pending, by=mine)
            messages.success(request, _("La personne est prévenue avec douceur."))
        else:
            actions.accept(pending, role=decision, by=mine)
            messages.success(
                request,
                _("%(name)s est accueilli·e et reçoit un e-mail.") % {"name": pending.user},
            )
    return redirect("pages:group_space", slug=slug)


@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    """Leave the group, whenever one wants, without having to say why."""
    mine = access.own_membership(request, slug)
    if request.method == "POST":
        actions.leave(mine)
        messages.success(
            request,
            _("Vous avez quitté le groupe. Vous pourrez toujours demander à revenir."),
        )
        return redirect("pages:my_groups")
    return render(request, "membership/leave.html", {"group": mine.group})


# A member may write a few times a day; a runaway script may not flood the facilitators.
MESSAGE_LIMIT = 10
MESSAGE_WINDOW_SECONDS = 24 * 3600


@require_http_methods(["GET", "POST"])
def write_to_facilitators(request: HttpRequest, slug: str) -> HttpResponse:
    """Write to the group's facilitators through the platform, from the group's space."""
    mine = access.own_membership(request, slug)
    form = MessageToFacilitatorsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(f"facilitators:{mine.pk}", MESSAGE_LIMIT, MESSAGE_WINDOW_SECONDS):
            form.add_error(
                None, _("Vous avez envoyé beaucoup de messages aujourd'hui. Réessayez demain.")
            )
        elif actions.write_to_facilitators(mine, form.cleaned_data["message"]) == 0:
            form.add_error(
                None,
                _(
                    "Ce groupe n'a personne pour l'animer en ce moment. "
                    "Votre message n'est pas parti."
                ),
            )
        else:
            messages.success(request, _("Votre message est parti. On vous répondra par e-mail."))
            return redirect("pages:group_space", slug=slug)
    return render(
        request, "membership/write_to_facilitators.html", {"group": mine.group, "form": form}
    )
