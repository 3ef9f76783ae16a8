"""Step 2 of the founding journey: making the group known and finding its first members.

Seed 001: "nous réalisons un flyer, communiquons auprès des partenaires concernés par la
thématique, publions des postes sur les réseaux sociaux, et transmettons parfois des
communiqués aux médias jusqu'à ce que nous ayons pu récolter les inscriptions d'un nombre de
personnes suffisant pour constituer un groupe."

The group's facilitators run this page; its members and observers may read it (to share the
flyer and the texts themselves) but change nothing.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from entraide.founding import access, recruitment_actions, texts
from entraide.founding.access import Participation
from entraide.founding.actions import interested_people, people_count
from entraide.founding.flyer import SIZES, build_flyer
from entraide.founding.models import STALLED_AFTER, Initiative
from entraide.founding.recruitment_forms import QuorumForm, RelayForm


def _following(request: HttpRequest, slug: str) -> Participation:
    """My place in the project, if I am an active member, observer or facilitator of the group."""
    found = access.participation(request, slug)
    if not found.is_member:
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
def recruitment(request: HttpRequest, slug: str) -> HttpResponse:
    """Where recruitment stands, the flyer, the relays and the texts to share."""
    mine = _following(request, slug)
    initiative = mine.initiative
    quorum_form = QuorumForm(initial={"quorum": initiative.quorum})
    relay_form = RelayForm(initiative=initiative, initial={"contacted_by": request.user.pk})
    if request.method == "POST":
        if not mine.runs_it:
            raise Http404
        if request.POST.get("form") == "quorum":
            quorum_form = QuorumForm(request.POST)
            if quorum_form.is_valid():
                recruitment_actions.set_quorum(initiative, quorum_form.cleaned_data["quorum"])
                messages.success(
                    request,
                    _("C'est noté : le groupe démarrera à %(quorum)s personnes.")
                    % {"quorum": initiative.quorum},
                )
                return redirect("founding:recruitment", slug=slug)
        elif request.POST.get("form") == "relay":
            relay_form = RelayForm(request.POST, initiative=initiative)
            if relay_form.is_valid():
                relay = recruitment_actions.add_relay(initiative, relay_form.cleaned_data)
                messages.success(
                    request,
                    _("« %(name)s » fait maintenant partie de vos relais.") % {"name": relay.name},
                )
                return redirect("founding:recruitment", slug=slug)
        else:
            return redirect("founding:recruitment", slug=slug)
    return render(
        request,
        "founding/recruitment.html",
        {
            **_progress(initiative),
            "mine": mine,
            "initiative": initiative,
            "group": initiative.group,
            "relays": initiative.relays.select_related("contacted_by"),
            "interested": interested_people(initiative) if mine.runs_it else [],
            "by_email": (
                initiative.email_interests.filter(confirmed_at__isnull=False).count()
                if mine.runs_it
                else 0
            ),
            "suggestions": texts.relay_suggestions(initiative),
            "social_post": texts.social_post(initiative),
            "press_release": texts.press_release(initiative),
            "public_url": texts.public_url(initiative.group),
            "quorum_form": quorum_form,
            "relay_form": relay_form,
        },
    )


def _progress(initiative: Initiative) -> dict[str, object]:
    """The registrations against the quorum, and whether recruitment seems to have stalled."""
    count = people_count(initiative)
    last_interest = (
        initiative.interests.order_by("-created_at").values_list("created_at", flat=True).first()
    )
    # With nobody registered yet, the quiet period starts when recruitment began.
    quiet_since = last_interest or initiative.stage_changed_at
    stalled = (
        initiative.stage == Initiative.Stage.RECRUITMENT
        and timezone.now() - quiet_since > STALLED_AFTER
    )
    return {
        "count": count,
        "quorum": initiative.quorum,
        "missing": max(initiative.quorum - count, 0),
        "last_interest": last_interest,
        "stalled": stalled,
    }


@require_http_methods(["GET", "POST"])
def relay(request: HttpRequest, slug: str, relay_id: int) -> HttpResponse:
    """Correct what is known of a relay, or take it off the list."""
    found = access.relay_to_edit(request, slug, relay_id)
    initiative = found.initiative
    if request.method == "POST" and "delete" in request.POST:
        recruitment_actions.delete_relay(found)
        messages.success(
            request, _("« %(name)s » ne fait plus partie de vos relais.") % {"name": found.name}
        )
        return redirect("founding:recruitment", slug=slug)
    form = RelayForm(
        request.POST or None, initiative=initiative, initial=RelayForm.initial_for(found)
    )
    if request.method == "POST" and form.is_valid():
        recruitment_actions.update_relay(found, form.cleaned_data)
        messages.success(request, _("Le relais est à jour."))
        return redirect("founding:recruitment", slug=slug)
    return render(
        request,
        "founding/relay.html",
        {"initiative": initiative, "group": initiative.group, "relay": found, "form": form},
    )


@require_safe
def flyer(request: HttpRequest, slug: str, size: str) -> HttpResponse:
    """The printable flyer, A5 or A4, in the reader's language."""
    initiative = _following(request, slug).initiative
    if size not in SIZES:
        raise Http404
    response = HttpResponse(build_flyer(initiative, size), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="affiche-{initiative.group.slug}-{size}.pdf"'
    )
    return response
