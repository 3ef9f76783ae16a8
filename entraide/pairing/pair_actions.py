"""Every change to a pair: proposing, accepting, declining, writing, ending, asking for another
peer, and the check-ins. One function each, in a transaction; e-mails through `notify` after the
commit, and never a word of what the people wrote in them."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.refusals import Refused
from entraide.notifications.actions import notify
from entraide.pairing.access import team_of
from entraide.pairing.models import (
    CHECKIN_WEEKS,
    CheckIn,
    Pair,
    PairMessage,
    PeerApplication,
    PeerRequest,
    Side,
)

MESSAGE_MAX = 4000
PHONE_MAX = 30


def _team(pair: Pair) -> list[User]:
    return list({person.pk: person for person in team_of(pair.request.programme)}.values())


def places_left(volunteer: PeerApplication) -> int:
    """How many more people the volunteer can accompany: their capacity (1 when they gave
    none) less their pairs proposed or running."""
    return free_places(volunteer, volunteer.pairs.filter(status__in=Pair.LIVE).count())


def free_places(volunteer: PeerApplication, taken: int) -> int:
    """The volunteer's capacity (1 when they gave none) less the `taken` live pairs."""
    return max((volunteer.capacity or 1) - taken, 0)


def _side(pair: Pair, person: User) -> str:
    side = pair.side_of(person)
    if side is None:  # access.own_pair lets only the two people through
        raise Refused(_("Ce jumelage n'est pas le vôtre."))
    return side


def _other(pair: Pair, side: str) -> User:
    return pair.volunteer.user if side == Side.SEEKER else pair.request.user


def propose_pair(
    peer_request: PeerRequest, volunteer: PeerApplication, *, by: User, score: float = 0
) -> Pair:
    """The coordinator proposes a volunteer to a person who asked; both are told and asked to
    accept. Nothing about either is shared before both have."""
    if volunteer.programme_id != peer_request.programme_id:
        raise Refused(_("Ce ou cette bénévole n'est pas dans le programme de la demande."))
    if volunteer.user_id == peer_request.user_id:
        raise Refused(_("Une personne ne peut pas être son propre pair."))
    try:
        with transaction.atomic():
            locked = PeerApplication.objects.select_for_update().get(pk=volunteer.pk)
            request = PeerRequest.objects.select_for_update().get(pk=peer_request.pk)
            if not request.is_waiting:
                raise Refused(_("Cette demande n'attend plus de pair."))
            if not locked.is_ready:
                raise Refused(
                    _("Ce ou cette bénévole n'est pas encore prêt·e : formation à finir.")
                )
            if places_left(locked) < 1:
                raise Refused(
                    _("Ce ou cette bénévole accompagne déjà autant de personnes que prévu.")
                )
            pair = Pair.objects.create(
                request=request, volunteer=locked, proposed_by=by, score=score
            )
            record(
                AuditEvent.Action.PAIR_PROPOSED,
                by=by,
                organisation=request.programme.organisation,
                detail=f"pair {pair.pk}",
            )
            notify(request.user, "pairing/pairs/email/proposed", pair=pair, side=Side.SEEKER)
            notify(locked.user, "pairing/pairs/email/proposed", pair=pair, side=Side.VOLUNTEER)
    except IntegrityError:
        raise Refused(_("Un jumelage est déjà proposé pour cette demande.")) from None
    return pair


def accept_pair(pair: Pair, person: User) -> Pair:
    """One side accepts; once both have, the pair starts and the contacts are shown."""
    side = _side(pair, person)
    with transaction.atomic():
        locked = Pair.objects.select_for_update().get(pk=pair.pk)
        if locked.status != Pair.Status.PROPOSED:
            raise Refused(_("Ce jumelage n'attend plus de réponse."))
        now = timezone.now()
        if side == Side.SEEKER:
            locked.seeker_accepted_at = locked.seeker_accepted_at or now
        else:
            locked.volunteer_accepted_at = locked.volunteer_accepted_at or now
        if locked.seeker_accepted_at and locked.volunteer_accepted_at:
            locked.status = Pair.Status.ACTIVE
            locked.activated_at = now
            PeerRequest.objects.filter(pk=pair.request_id).update(status=PeerRequest.Status.MATCHED)
            record(
                AuditEvent.Action.PAIR_STARTED,
                by=person,
                organisation=pair.request.programme.organisation,
                detail=f"pair {pair.pk}",
            )
            notify(
                [pair.request.user, pair.volunteer.user], "pairing/pairs/email/started", pair=locked
            )
        locked.save()
    pair.refresh_from_db()
    return pair


def decline_pair(pair: Pair, person: User) -> Pair:
    """One side says no to a proposal, without having to say why; the other is told kindly,
    the team too, and the request waits for another peer."""
    side = _side(pair, person)
    with transaction.atomic():
        locked = Pair.objects.select_for_update().get(pk=pair.pk)
        if locked.status != Pair.Status.PROPOSED:
            raise Refused(_("Ce jumelage n'attend plus de réponse."))
        locked.status = Pair.Status.DECLINED
        locked.ended_at = timezone.now()
        locked.ended_by = side
        locked.save(update_fields=["status", "ended_at", "ended_by"])
        record(
            AuditEvent.Action.PAIR_DECLINED,
            by=person,
            organisation=pair.request.programme.organisation,
            detail=f"pair {pair.pk}",
        )
        notify(_other(pair, side), "pairing/pairs/email/declined", pair=locked)
        notify(_team(pair), "pairing/pairs/email/team_ended", pair=locked)
    pair.refresh_from_db()
    return pair


def end_pair(pair: Pair, person: User, reason: str = "") -> Pair:
    """Either person ends the pair at any time, with no reason asked (a word for the team
    only, if they wish). The other is told kindly; the volunteer's place is free again; the
    request is closed and its person may ask for another peer."""
    side = _side(pair, person)
    with transaction.atomic():
        locked = Pair.objects.select_for_update().get(pk=pair.pk)
        if not locked.is_live:
            return locked
        locked.status = Pair.Status.ENDED
        locked.ended_at = timezone.now()
        locked.ended_by = side
        locked.reason = reason
        locked.save(update_fields=["status", "ended_at", "ended_by", "reason"])
        record(
            AuditEvent.Action.PAIR_ENDED,
            by=person,
            organisation=pair.request.programme.organisation,
            detail=f"pair {pair.pk}",
        )
        PeerRequest.objects.filter(pk=pair.request_id).update(
            status=PeerRequest.Status.WITHDRAWN, withdrawn_at=locked.ended_at
        )
        notify(_other(pair, side), "pairing/pairs/email/ended", pair=locked)
        notify(_team(pair), "pairing/pairs/email/team_ended", pair=locked)
    pair.refresh_from_db()
    return pair


def ask_again(peer_request: PeerRequest) -> PeerRequest:
    """ "Demander un·e autre pair·e": a closed request waits again; the team is told."""
    try:
        with transaction.atomic():
            locked = PeerRequest.objects.select_for_update().get(pk=peer_request.pk)
            if locked.pairs.filter(status__in=Pair.LIVE).exists():
                raise Refused(_("Votre jumelage est en cours : terminez-le d'abord."))
            if locked.is_waiting:
                return locked
            locked.status = PeerRequest.Status.WAITING
            locked.withdrawn_at = None
            locked.save(update_fields=["status", "withdrawn_at"])
            record(
                AuditEvent.Action.PAIR_ASKED_AGAIN,
                by=locked.user,
                subject=locked.user,
                organisation=peer_request.programme.organisation,
                detail=f"request {locked.pk}",
            )
            notify(
                list({p.pk: p for p in team_of(peer_request.programme)}.values()),
                "pairing/email/requested",
                peer_request=locked,
            )
    except IntegrityError:
        raise Refused(_("Vous avez déjà une autre demande en cours pour ce programme.")) from None
    return locked


def write_message(pair: Pair, person: User, text: str) -> PairMessage:
    """A message to the other person, kept encrypted; they get an e-mail without the text."""
    side = _side(pair, person)
    text = text.strip()
    if not text:
        raise Refused(_("Écrivez votre message."))
    if len(text) > MESSAGE_MAX:
        raise Refused(_("Votre message est trop long : 4 000 signes au plus."))
    if not pair.is_live:
        raise Refused(_("Ce jumelage est terminé : vous ne pouvez plus y écrire."))
    with transaction.atomic():
        message = PairMessage.objects.create(pair=pair, author=person, text=text)
        notify(_other(pair, side), "pairing/pairs/email/message", pair=pair)
    return message


def give_phone(pair: Pair, person: User, phone: str) -> Pair:
    """The number a person chooses to give the other (empty to take it back)."""
    side = _side(pair, person)
    phone = phone.strip()
    if len(phone) > PHONE_MAX or any(c not in "0123456789 +.-()" for c in phone):
        raise Refused(_("Écrivez un numéro de téléphone : chiffres, espaces, + . - ( )."))
    with transaction.atomic():
        field = "seeker_phone" if side == Side.SEEKER else "volunteer_phone"
        setattr(pair, field, phone)
        pair.save(update_fields=[field])
    return pair


# Check-ins -----------------------------------------------------------------------------------


def send_checkins(now: dt.datetime | None = None) -> int:
    """For each running pair, the latest check-in due (2, 6 or 12 weeks after it started) to
    each person who has not had it yet. Safe to repeat: a check-in exists once a week and side,
    and one missed while the job was stopped is not sent late once a later one is due."""
    now = now or timezone.now()
    sent = 0
    for pair in Pair.objects.filter(
        status=Pair.Status.ACTIVE, activated_at__isnull=False
    ).select_related("request__user", "volunteer__user", "request__programme"):
        assert pair.activated_at is not None
        due = [w for w in CHECKIN_WEEKS if pair.activated_at + dt.timedelta(weeks=w) <= now]
        if not due:
            continue
        week = due[-1]
        for side, person in (
            (Side.SEEKER, pair.request.user),
            (Side.VOLUNTEER, pair.volunteer.user),
        ):
            with transaction.atomic():
                checkin, created = CheckIn.objects.get_or_create(pair=pair, side=side, week=week)
                if created:
                    notify(person, "pairing/pairs/email/checkin", checkin=checkin)
                    sent += 1
    return sent


def answer_checkin(checkin: CheckIn, how: int, wants_call: bool, words: str) -> CheckIn:
    """Answer a check-in, once; the team reads it, and is told when a call is wished."""
    with transaction.atomic():
        locked = CheckIn.objects.select_for_update().get(pk=checkin.pk)
        if locked.answered_at is not None:
            raise Refused(_("Vous avez déjà répondu à ce point d'étape. Merci !"))
        locked.how = how
        locked.wants_call = wants_call
        locked.words = words
        locked.answered_at = timezone.now()
        locked.save(update_fields=["how", "wants_call", "words", "answered_at"])
        if wants_call:
            notify(_team(checkin.pair), "pairing/pairs/email/wants_call", checkin=locked)
    return locked
