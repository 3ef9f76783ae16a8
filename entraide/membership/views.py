from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entraide.accounts.access import signed_in
from entraide.directory import access as directory_access
from entraide.lib import ratelimit
from entraide.lib.refusals import Refused
from entraide.membership import access, actions
from entraide.membership.forms import (
    BecomeMemberForm,
    DecisionForm,
    JoinForm,
    MessageToFacilitatorsForm,
    ObserverDecisionForm,
)
from entraide.membership.models import Membership


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
def become_member(request: HttpRequest, slug: str) -> HttpResponse:
    """An observer asks to become a member, or answers the facilitators' invitation."""
    mine = access.as_observer(request, slug)
    form = BecomeMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["answer"] == "yes":
                done = actions.observer_says_yes(mine)
                if done.role == Membership.Role.MEMBER:
                    messages.success(request, _("Vous êtes maintenant membre du groupe."))
                else:
                    messages.success(
                        request,
                        _(
                            "Votre demande est envoyée. Les personnes qui animent le groupe "
                            "vous répondront par e-mail."
                        ),
                    )
            else:
                actions.not_now(mine, by=mine.user)
                messages.success(request, _("C'est noté. Vous continuez à venir pour écouter."))
        except Refused as refusal:
            messages.error(request, refusal.message)
        return redirect("pages:group_space", slug=slug)
    return render(
        request, "membership/become_member.html", {"group": mine.group, "mine": mine, "form": form}
    )


@require_POST
def decide_about_observer(request: HttpRequest, slug: str, observer_id: int) -> HttpResponse:
    """A facilitator welcomes an observer as a member (or invites them), or says not now."""
    observer = access.observer_to_decide(request, slug, observer_id)
    mine = access.facilitation(request, slug)
    form = ObserverDecisionForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "member":
                done = actions.facilitator_says_yes(observer, by=mine)
                if done.role == Membership.Role.MEMBER:
                    text = _("%(name)s est maintenant membre et reçoit un e-mail.")
                else:
                    text = _("%(name)s est invité·e à devenir membre et reçoit un e-mail.")
                messages.success(request, text % {"name": observer.user.display_name})
            else:
                actions.not_now(observer, by=mine.user)
                messages.success(request, _("C'est noté. La personne reste dans le groupe."))
        except Refused as refusal:
            messages.error(request, refusal.message)
    return redirect("pages:group_space", slug=slug)


@require_http_methods(["GET", "POST"])
def back_to_listening(request: HttpRequest, slug: str) -> HttpResponse:
    """A member goes back to listening (observer), whenever they wish, without saying why."""
    mine = access.as_member(request, slug)
    if request.method == "POST":
        try:
            actions.back_to_listening(mine)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _(
                    "Vous venez maintenant pour écouter. Vous pourrez redemander à devenir "
                    "membre quand vous le voudrez."
                ),
            )
        return redirect("pages:group_space", slug=slug)
    return render(request, "membership/back_to_listening.html", {"group": mine.group})


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
