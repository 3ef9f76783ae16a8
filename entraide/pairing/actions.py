"""Every change to a programme, an application and a request: one function each, in a
transaction; decisions, withdrawals and trainings in the journal (never a word of what was
written); e-mails through `notify`, sent after the commit."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.places import Place
from entraide.lib.refusals import Refused
from entraide.notifications.actions import notify
from entraide.organisations.models import Organisation
from entraide.pairing import change_actions
from entraide.pairing.access import team_of
from entraide.pairing.models import (
    Debrief,
    Mode,
    PeerApplication,
    PeerRequest,
    Programme,
    TrainingModule,
    TrainingRecord,
)

PROGRAMME_FIELDS = (
    "kind",
    "name",
    "description",
    "languages",
    "modes",
    "remote",
    "area",
    "criteria",
    "intake_questions",
    "is_published",
)


def _team(programme: Programme) -> list[User]:
    """The programme's team, each person once (a coordinator may also be an admin)."""
    return list({person.pk: person for person in team_of(programme)}.values())


def _place(target: PeerApplication | PeerRequest, place: Place | None) -> None:
    if place is None:
        target.country = target.postal_code = target.town = ""
        target.latitude = target.longitude = None
    else:
        target.country, target.postal_code, target.town = (
            place.country,
            place.postal_code,
            place.name,
        )
        target.latitude, target.longitude = place.lat, place.lon


# Programmes ------------------------------------------------------------------------------------


def create_programme(organisation: Organisation, data: Mapping[str, Any], *, by: User) -> Programme:
    with transaction.atomic():
        programme = Programme(organisation=organisation)
        for name in PROGRAMME_FIELDS:
            setattr(programme, name, data[name])
        programme.save()
        programme.themes.set(data["themes"])
        record(
            AuditEvent.Action.PROGRAMME_CREATED,
            by=by,
            organisation=organisation,
            detail=f"programme {programme.pk}",
        )
    return programme


def change_programme(programme: Programme, data: Mapping[str, Any]) -> Programme:
    with transaction.atomic():
        for name in PROGRAMME_FIELDS:
            setattr(programme, name, data[name])
        programme.save()
        programme.themes.set(data["themes"])
    return programme


def add_module(programme: Programme, data: Mapping[str, Any]) -> TrainingModule:
    with transaction.atomic():
        last = programme.modules.order_by("-position").first()
        return TrainingModule.objects.create(
            programme=programme,
            name=data["name"],
            description=data["description"],
            is_required=data["is_required"],
            position=(last.position + 1) if last else 0,
        )


# Becoming a peer supporter -----------------------------------------------------------------------


def apply(programme: Programme, person: User, data: Mapping[str, Any]) -> PeerApplication:
    """Send an application; the programme's team is told. One open application a programme."""
    if not programme.is_published:
        raise Refused(_("Ce programme n'accueille pas de candidatures en ce moment."))
    try:
        with transaction.atomic():
            application = PeerApplication(
                programme=programme,
                user=person,
                experience=data["experience"],
                motivation=data["motivation"],
                availability=list(data["availability"]),
                languages=list(data["languages"]),
                modes=list(data["modes"]),
                capacity=data.get("capacity"),
                gender=data.get("gender", ""),
                age_band=data.get("age_band", ""),
                shifts_per_month=data.get("shifts_per_month"),
            )
            _place(application, data.get("place"))
            application.save()
            application.themes.set(data.get("themes") or [])
            record(
                AuditEvent.Action.PEER_APPLIED,
                by=person,
                subject=person,
                organisation=programme.organisation,
                detail=f"application {application.pk}",
            )
            notify(_team(programme), "pairing/email/applied", application=application)
    except IntegrityError:
        raise Refused(_("Vous avez déjà une candidature en cours pour ce programme.")) from None
    return application


def schedule_interview(
    application: PeerApplication, when: dt.datetime, mode: str, *, by: User
) -> PeerApplication:
    """Plan (or move) the interview; the person gets an e-mail with the date and the way."""
    with transaction.atomic():
        locked = PeerApplication.objects.select_for_update().get(pk=application.pk)
        if not locked.is_open:
            raise Refused(_("Cette candidature n'attend plus d'entretien."))
        locked.interview_at = when
        locked.interview_mode = mode
        locked.status = PeerApplication.Status.INTERVIEW
        locked.save(update_fields=["interview_at", "interview_mode", "status"])
        record(
            AuditEvent.Action.PEER_INTERVIEW,
            by=by,
            subject=locked.user,
            organisation=application.programme.organisation,
            detail=f"application {locked.pk}",
        )
        notify(
            application.user,
            "pairing/email/interview",
            time_zone=application.programme.time_zone,
            application=locked,
        )
    return locked


def write_notes(application: PeerApplication, notes: str) -> PeerApplication:
    with transaction.atomic():
        application.interview_notes = notes
        application.save(update_fields=["interview_notes"])
    return application


def decide(
    application: PeerApplication,
    outcome: str,
    assessment: list[dict[str, str]],
    message: str,
    *,
    by: User,
) -> PeerApplication:
    """Accept or decline against the programme's criteria; the person gets the message."""
    if outcome not in (PeerApplication.Status.ACCEPTED, PeerApplication.Status.DECLINED):
        raise Refused(_("Choisissez une décision."))
    with transaction.atomic():
        locked = PeerApplication.objects.select_for_update().get(pk=application.pk)
        if not locked.is_open:
            raise Refused(_("Cette candidature a déjà reçu une réponse, ou a été retirée."))
        locked.status = outcome
        locked.assessment = assessment
        locked.decision_message = message
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.save(
            update_fields=["status", "assessment", "decision_message", "decided_at", "decided_by"]
        )
        accepted = outcome == PeerApplication.Status.ACCEPTED
        record(
            AuditEvent.Action.PEER_ACCEPTED if accepted else AuditEvent.Action.PEER_DECLINED,
            by=by,
            subject=locked.user,
            organisation=application.programme.organisation,
            detail=f"application {locked.pk}",
        )
        notify(application.user, "pairing/email/decided", application=locked)
    locked.programme = application.programme
    return locked


def withdraw_application(application: PeerApplication) -> PeerApplication:
    """The person withdraws, at any stage, without having to say why."""
    with transaction.atomic():
        locked = PeerApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status not in PeerApplication.ACTIVE:
            return locked
        was_volunteer = locked.is_accepted
        locked.status = PeerApplication.Status.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at"])
        record(
            AuditEvent.Action.PEER_WITHDRAWN,
            by=locked.user,
            subject=locked.user,
            organisation=application.programme.organisation,
            detail=f"application {locked.pk}",
        )
        notify(_team(application.programme), "pairing/email/withdrawn", application=locked)
        if was_volunteer:
            # A change may have been waiting for this volunteer's answer.
            change_actions.recheck(application.programme)
    return locked


def record_training(
    application: PeerApplication,
    module: TrainingModule,
    done_on: dt.date,
    trainer: str,
    *,
    by: User,
) -> TrainingRecord:
    """Note that an accepted volunteer followed a module (again: the new date replaces)."""
    if not application.is_accepted:
        raise Refused(_("Les formations se notent pour les bénévoles accepté·es."))
    if module.programme_id != application.programme_id:
        raise Refused(_("Ce module n'est pas celui du programme."))
    with transaction.atomic():
        training, _created = TrainingRecord.objects.update_or_create(
            application=application,
            module=module,
            defaults={"done_on": done_on, "trainer": trainer, "recorded_by": by},
        )
        record(
            AuditEvent.Action.PEER_TRAINED,
            by=by,
            subject=application.user,
            organisation=application.programme.organisation,
            detail=f"application {application.pk}",
        )
    return training


def ask_debrief(application: PeerApplication, word: str) -> Debrief:
    """A volunteer asks for a debrief, at any time; the team is told, without the word."""
    if not application.is_accepted:
        raise Refused(_("Les temps d'échange sont pour les bénévoles du programme."))
    with transaction.atomic():
        debrief = Debrief.objects.create(application=application, word=word)
        notify(_team(application.programme), "pairing/email/debrief", debrief=debrief)
    return debrief


def debrief_done(debrief: Debrief, done_on: dt.date, *, by: User) -> Debrief:
    with transaction.atomic():
        debrief.done_on = done_on
        debrief.done_by = by
        debrief.save(update_fields=["done_on", "done_by"])
    return debrief


# Asking for a peer -----------------------------------------------------------------------------


def ask_for_peer(programme: Programme, person: User, data: Mapping[str, Any]) -> PeerRequest:
    """A person asks for a peer, with their consent (its date kept); the team is told."""
    if not programme.is_published or programme.is_line:
        raise Refused(_("Ce programme ne reçoit pas de demandes en ce moment."))
    if not data.get("consent"):
        raise Refused(_("Votre accord est nécessaire pour envoyer la demande."))
    try:
        with transaction.atomic():
            request = PeerRequest(
                programme=programme,
                user=person,
                theme=data.get("theme"),
                hopes=data["hopes"],
                languages=list(data["languages"]),
                availability=list(data["availability"]),
                mode=data["mode"],
                peer_gender=data.get("peer_gender", ""),
                peer_age_band=data.get("peer_age_band", ""),
                own_gender=data.get("own_gender", ""),
                own_age_band=data.get("own_age_band", ""),
                intake_answers=data.get("intake_answers", []),
                consent_at=timezone.now(),
            )
            _place(request, data.get("place") if data["mode"] == Mode.IN_PERSON else None)
            request.save()
            record(
                AuditEvent.Action.PEER_REQUESTED,
                by=person,
                subject=person,
                organisation=programme.organisation,
                detail=f"request {request.pk}",
            )
            notify(_team(programme), "pairing/email/requested", peer_request=request)
    except IntegrityError:
        raise Refused(_("Vous avez déjà une demande en cours pour ce programme.")) from None
    return request


def withdraw_request(peer_request: PeerRequest) -> PeerRequest:
    with transaction.atomic():
        locked = PeerRequest.objects.select_for_update().get(pk=peer_request.pk)
        if locked.status == PeerRequest.Status.WITHDRAWN:
            return locked
        locked.status = PeerRequest.Status.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at"])
        record(
            AuditEvent.Action.PEER_REQUEST_WITHDRAWN,
            by=locked.user,
            subject=locked.user,
            organisation=peer_request.programme.organisation,
            detail=f"request {locked.pk}",
        )
    return locked
