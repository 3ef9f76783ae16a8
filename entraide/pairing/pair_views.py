"""The pairs' pages: the coordinator's suggestions (stable or best) and proposing a pair; each
person's page of their pair (accepting, messages, contacts once both accepted, ending it, the
safeguarding path); the check-ins; and the team's page of a pair (never its messages)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entraide.accounts.access import signed_in
from entraide.lib.refusals import Refused
from entraide.pairing import access, pair_actions
from entraide.pairing.models import Pair, PeerApplication, Side
from entraide.pairing.suggestions import BEST, STABLE, candidates, suggest, theme_names


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Votre message"),
        max_length=pair_actions.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=gettext_lazy("Mon numéro de téléphone, si je veux le donner"),
        max_length=pair_actions.PHONE_MAX,
        required=False,
    )


class EndForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Un mot pour l'équipe, si vous le souhaitez (facultatif)"),
        help_text=gettext_lazy("L'autre personne ne le lira pas."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CheckInForm(forms.Form):
    how = forms.TypedChoiceField(
        label=gettext_lazy("Comment se passe le jumelage, de 1 (difficile) à 5 (très bien) ?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    wants_call = forms.BooleanField(
        label=gettext_lazy("J'aimerais que l'équipe me contacte"), required=False
    )
    words = forms.CharField(
        label=gettext_lazy("En quelques mots, si vous le souhaitez"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _mode(request: HttpRequest) -> str:
    return BEST if request.GET.get("mode") == BEST else STABLE


# The team's side ------------------------------------------------------------------------------


@require_safe
def team_pairs(request: HttpRequest, slug: str, programme_id: int) -> HttpResponse:
    """The suggestion list (stable or best), and the programme's pairs."""
    programme = access.team_programme(request, slug, programme_id)
    mode = _mode(request)
    suggestions, unmatched = suggest(programme, mode)
    return render(
        request,
        "pairing/pairs/team_pairs.html",
        {
            "organisation": programme.organisation,
            "programme": programme,
            "mode": mode,
            "suggestions": suggestions,
            "unmatched": unmatched,
            "pairs": list(
                access._pairs()
                .filter(request__programme=programme)
                .exclude(status=Pair.Status.DECLINED)[:200]
            ),
        },
    )


@require_safe
def team_candidates(
    request: HttpRequest, slug: str, programme_id: int, peer_request_id: int
) -> HttpResponse:
    """Every compatible volunteer for one request, to pick another than the suggestion."""
    found = access.team_request(request, slug, programme_id, peer_request_id)
    return render(
        request,
        "pairing/pairs/team_candidates.html",
        {
            "organisation": found.programme.organisation,
            "programme": found.programme,
            "peer_request": found,
            "candidates": candidates(found, theme_names()) if found.is_waiting else [],
        },
    )


@require_POST
def team_propose(request: HttpRequest, slug: str, programme_id: int) -> HttpResponse:
    programme = access.team_programme(request, slug, programme_id)
    back = redirect("pairing:team_pairs", slug=slug, programme_id=programme.pk)
    try:
        peer_request = access.team_request(
            request, slug, programme_id, int(request.POST.get("request", ""))
        )
        volunteer = PeerApplication.objects.get(
            pk=int(request.POST.get("volunteer", "")), programme=programme
        )
    except (ValueError, PeerApplication.DoesNotExist):
        messages.error(request, _("Choisissez une demande et un ou une bénévole du programme."))
        return back
    found = [c for c in candidates(peer_request, theme_names()) if c.volunteer.pk == volunteer.pk]
    if not found:
        messages.error(request, _("Ce ou cette bénévole ne convient pas à cette demande."))
        return back
    try:
        pair_actions.propose_pair(
            peer_request, volunteer, by=signed_in(request), score=found[0].score
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Le jumelage est proposé. Les deux personnes reçoivent un e-mail.")
        )
    return back


@require_safe
def team_pair(request: HttpRequest, slug: str, programme_id: int, pair_id: int) -> HttpResponse:
    """A pair for the team: where it stands and the check-in answers; never the messages."""
    pair = access.team_pair(request, slug, programme_id, pair_id)
    return render(
        request,
        "pairing/pairs/team_pair.html",
        {
            "organisation": pair.request.programme.organisation,
            "programme": pair.request.programme,
            "pair": pair,
            "checkins": list(pair.checkins.all()),
        },
    )


# The two people's side ------------------------------------------------------------------------


@require_safe
def my_pairs(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pairing/pairs/my_pairs.html",
        {"pairs": list(access.own_pairs(signed_in(request)))},
    )


def pair_page(request: HttpRequest, pair: Pair, **forms_: forms.Form) -> HttpResponse:
    side = pair.side_of(request.user)
    other = pair.volunteer.user if side == Side.SEEKER else pair.request.user
    mine_accepted = pair.seeker_accepted_at if side == Side.SEEKER else pair.volunteer_accepted_at
    my_phone = pair.seeker_phone if side == Side.SEEKER else pair.volunteer_phone
    other_phone = pair.volunteer_phone if side == Side.SEEKER else pair.seeker_phone
    organisation = pair.request.programme.organisation
    context = {
        "pair": pair,
        "programme": pair.request.programme,
        "organisation": organisation,
        "side": side,
        "other": other,
        "mine_accepted": mine_accepted,
        "other_phone": other_phone,
        "pair_messages": list(pair.messages.select_related("author")),
        "checkins": [c for c in pair.checkins.all() if c.side == side and c.answered_at is None],
        "message_form": MessageForm(),
        "phone_form": PhoneForm(initial={"phone": my_phone}),
        "end_form": EndForm(),
    } | forms_
    return render(request, "pairing/pairs/my_pair.html", context)


@require_safe
def my_pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    return pair_page(request, access.own_pair(request, pair_id))


def _back(pair: Pair) -> HttpResponse:
    return redirect("pairing:my_pair", pair_id=pair.pk)


@require_POST
def accept(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.own_pair(request, pair_id)
    try:
        pair = pair_actions.accept_pair(pair, signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if pair.is_active:
            messages.success(request, _("Vous avez accepté tous les deux : le jumelage commence."))
        else:
            messages.success(
                request, _("Merci ! Dès que l'autre personne aura accepté, le jumelage commence.")
            )
    return _back(pair)


@require_POST
def decline(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.own_pair(request, pair_id)
    try:
        pair_actions.decline_pair(pair, signed_in(request))
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("C'est noté. Merci de l'avoir dit."))
    return _back(pair)


@require_POST
def write(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.own_pair(request, pair_id)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return pair_page(request, pair, message_form=form)
    try:
        pair_actions.write_message(pair, signed_in(request), form.cleaned_data["text"])
    except Refused as refusal:
        form.add_error("text", refusal.message)
        return pair_page(request, pair, message_form=form)
    messages.success(request, _("Votre message est envoyé."))
    return _back(pair)


@require_POST
def phone(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.own_pair(request, pair_id)
    form = PhoneForm(request.POST)
    if not form.is_valid():
        return pair_page(request, pair, phone_form=form)
    try:
        pair_actions.give_phone(pair, signed_in(request), form.cleaned_data["phone"])
    except Refused as refusal:
        form.add_error("phone", refusal.message)
        return pair_page(request, pair, phone_form=form)
    messages.success(request, _("Votre numéro est enregistré."))
    return _back(pair)


@require_POST
def end(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = access.own_pair(request, pair_id)
    form = EndForm(request.POST)
    if not form.is_valid():
        return pair_page(request, pair, end_form=form)
    pair_actions.end_pair(pair, signed_in(request), form.cleaned_data["reason"])
    messages.success(request, _("Le jumelage est terminé. Merci pour ce chemin fait ensemble."))
    return _back(pair)


@require_POST
def ask_again(request: HttpRequest, peer_request_id: int) -> HttpResponse:
    """ "Demander un·e autre pair·e"."""
    found = access.own_request(request, peer_request_id)
    try:
        pair_actions.ask_again(found)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Votre demande attend de nouveau un pair. L'équipe vous écrira.")
        )
    return redirect("pairing:my_request", peer_request_id=found.pk)


@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, pair_id: int, checkin_id: int) -> HttpResponse:
    found = access.own_checkin(request, pair_id, checkin_id)
    form = CheckInForm(request.POST or None)
    if found.answered_at is None and request.method == "POST" and form.is_valid():
        try:
            pair_actions.answer_checkin(
                found,
                form.cleaned_data["how"],
                form.cleaned_data["wants_call"],
                form.cleaned_data["words"],
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Merci ! Vos réponses sont transmises à l'équipe."))
        return _back(found.pair)
    return render(
        request,
        "pairing/pairs/checkin.html",
        {"checkin": found, "pair": found.pair, "form": form},
    )
