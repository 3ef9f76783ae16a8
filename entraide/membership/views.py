from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accompaniment.models import Review
from entraide.accounts.access import signed_in
from entraide.directory import access as directory_access
from entraide.directory.models import SupportGroup
from entraide.founding.models import Initiative, Interest
from entraide.lib import ratelimit
from entraide.meetings.display import shown
from entraide.meetings.models import Meeting
from entraide.membership import access, actions
from entraide.membership.forms import DecisionForm, JoinForm, MessageToFacilitatorsForm
from entraide.membership.models import Membership


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask to join a group, with a message if one wishes (seed 003: come first to listen)."""
    group = directory_access.public_group(slug)
    person = signed_in(request)
    current = access.membership_or_none(person, group)
    if current is not None and current.is_active:
        return redirect("membership:space", slug=group.slug)
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
        return redirect("membership:my_groups")
    return render(
        request, "membership/join.html", {"group": group, "form": form, "current": current}
    )


@require_safe
def my_groups(request: HttpRequest) -> HttpResponse:
    """Mes groupes: where I belong, with my role, and the requests I am waiting on."""
    person = signed_in(request)
    memberships = (
        Membership.objects.filter(
            user=person,
            status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
            group__is_published=True,
        )
        # A group being founded is listed once, among the projects below.
        .exclude(
            status=Membership.Status.ACTIVE,
            group__status=SupportGroup.Status.FOUNDING,
            group__initiative__isnull=False,
        )
        .select_related("group")
        .order_by("status", "group__name")
    )
    # My projects of group in progress, unpublished ones too, and those I registered for.
    projects = (
        Initiative.objects.filter(
            group__memberships__user=person,
            group__memberships__status=Membership.Status.ACTIVE,
            group__status=SupportGroup.Status.FOUNDING,
        )
        .select_related("group")
        .order_by("group__name")
    )
    active = Membership.objects.filter(user=person, status=Membership.Status.ACTIVE)
    interests = (
        Interest.objects.filter(user=person, initiative__group__is_published=True)
        .exclude(initiative__group_id__in=active.values("group_id"))
        .select_related("initiative__group")
        .order_by("initiative__group__name")
    )
    return render(
        request,
        "membership/my_groups.html",
        {"memberships": memberships, "projects": projects, "interests": interests},
    )


@require_safe
def space(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's private space: the place, the next meeting, and who is there."""
    mine = access.own_membership(request, slug)
    group = mine.group
    members = (
        group.memberships.filter(status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("user__display_name")
        if mine.sees_members
        else Membership.objects.none()
    )
    requests = (
        group.memberships.filter(status=Membership.Status.REQUESTED)
        .select_related("user")
        .order_by("requested_at")
        if mine.is_facilitator
        else Membership.objects.none()
    )
    next_planned = (
        group.meetings.filter(status=Meeting.Status.SCHEDULED, ends_at__gt=timezone.now())
        .select_related("series", "host")
        .first()
    )
    return render(
        request,
        "membership/space.html",
        {
            "mine": mine,
            "group": group,
            "next_meeting": group.next_meeting(),
            # The next planned meeting, with its place as this person may see it.
            "next_planned": shown(next_planned, mine) if next_planned else None,
            "members": members,
            "requests": requests,
            "initiative": Initiative.objects.filter(group=group).first(),
            "review_open": group.reviews.filter(status=Review.Status.OPEN).exists(),
        },
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
    return redirect("membership:space", slug=slug)


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
        return redirect("membership:my_groups")
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
            return redirect("membership:space", slug=slug)
    return render(
        request, "membership/write_to_facilitators.html", {"group": mine.group, "form": form}
    )
