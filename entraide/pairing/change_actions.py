"""Shared leadership (part 7): the volunteers of a programme propose changes and adopt them by
consent, as a group adopts its charter.

A change is adopted when every volunteer of the programme today has consented to its current
version; an objection, always with its reason, holds it until the author amends the text (the
answers start again) or the person who objected consents. Only the volunteers of today count:
someone who leaves no longer holds a change back, and someone accepted meanwhile is asked too.
The team puts an adopted change into practice and says what it did. The journal keeps who did
what, never a word of the proposals or the objections.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.lib.refusals import Refused
from entraide.notifications.actions import notify
from entraide.pairing.access import team_of, volunteers_of
from entraide.pairing.models import Change, ChangeAnswer, PeerApplication, Programme


def _locked(change: Change) -> Change:
    locked = Change.objects.select_for_update().get(pk=change.pk)
    locked.programme = change.programme
    return locked


def _volunteers(programme: Programme) -> list[User]:
    return [held.user for held in volunteers_of(programme).select_related("user")]


def _others(programme: Programme, *, but: User) -> list[User]:
    return [person for person in _volunteers(programme) if person.pk != but.pk]


def _must_be_open(change: Change) -> None:
    if not change.is_open:
        raise Refused(_("Cette proposition n'attend plus de réponse."))


def propose(volunteer: PeerApplication, data: Mapping[str, Any]) -> Change:
    """A volunteer proposes a change; proposing it is consenting to it."""
    if not volunteer.is_accepted:
        raise Refused(_("Seuls les bénévoles du programme proposent des changements."))
    programme = volunteer.programme
    with transaction.atomic():
        change = Change.objects.create(
            programme=programme,
            author=volunteer.user,
            topic=data["topic"],
            title=data["title"],
            text=data["text"],
        )
        change.programme = programme
        ChangeAnswer.objects.create(
            change=change, user=volunteer.user, decision=ChangeAnswer.Decision.CONSENT
        )
        record(
            AuditEvent.Action.CHANGE_PROPOSED,
            by=volunteer.user,
            organisation=programme.organisation,
            detail=f"change {change.pk}",
        )
        notify(
            _others(programme, but=volunteer.user),
            "pairing/email/change_proposed",
            change=change,
            by=volunteer.user,
        )
        _adopt_if_ready(change, by=volunteer.user)
    return change


def answer(change: Change, volunteer: PeerApplication, decision: str, reason: str = "") -> None:
    """A volunteer consents, or objects with a reason; consenting withdraws an objection."""
    if decision not in ChangeAnswer.Decision.values:
        raise ValueError(decision)
    if not volunteer.is_accepted or volunteer.programme_id != change.programme_id:
        raise Refused(_("Seuls les bénévoles du programme répondent aux propositions."))
    reason = reason.strip() if decision == ChangeAnswer.Decision.OBJECT else ""
    if decision == ChangeAnswer.Decision.OBJECT and not reason:
        raise Refused(_("Dites ce qui vous retient : c'est ce qui permet d'avancer ensemble."))
    with transaction.atomic():
        change = _locked(change)
        _must_be_open(change)
        ChangeAnswer.objects.update_or_create(
            change=change, user=volunteer.user, defaults={"decision": decision, "reason": reason}
        )
        if decision == ChangeAnswer.Decision.OBJECT:
            record(
                AuditEvent.Action.CHANGE_OBJECTED,
                by=volunteer.user,
                organisation=change.programme.organisation,
                detail=f"change {change.pk}",
            )
            if change.author is not None and change.author_id != volunteer.user_id:
                notify(
                    change.author, "pairing/email/change_objected", change=change, by=volunteer.user
                )
        else:
            _adopt_if_ready(change, by=volunteer.user)


def amend(change: Change, data: Mapping[str, Any], *, by: User) -> Change:
    """The author rewrites the proposal, for instance to meet an objection: a new version, and
    everyone is asked again."""
    with transaction.atomic():
        change = _locked(change)
        _must_be_open(change)
        if change.author_id != by.pk:
            raise Refused(_("Seule la personne qui a proposé ce changement peut le réécrire."))
        change.topic, change.title, change.text = data["topic"], data["title"], data["text"]
        change.version += 1
        change.save(update_fields=["topic", "title", "text", "version"])
        change.answers.all().delete()
        ChangeAnswer.objects.create(change=change, user=by, decision=ChangeAnswer.Decision.CONSENT)
        notify(
            _others(change.programme, but=by),
            "pairing/email/change_proposed",
            change=change,
            by=by,
            amended=True,
        )
        _adopt_if_ready(change, by=by)
    return change


def withdraw(change: Change, *, by: User) -> Change:
    """The author withdraws the proposal, without having to say why."""
    with transaction.atomic():
        change = _locked(change)
        _must_be_open(change)
        if change.author_id != by.pk:
            raise Refused(_("Seule la personne qui a proposé ce changement peut le retirer."))
        change.status = Change.Status.WITHDRAWN
        change.withdrawn_at = timezone.now()
        change.save(update_fields=["status", "withdrawn_at"])
        record(
            AuditEvent.Action.CHANGE_WITHDRAWN,
            by=by,
            organisation=change.programme.organisation,
            detail=f"change {change.pk}",
        )
    return change


def put_into_practice(change: Change, note: str, *, by: User) -> Change:
    """The team says what it did of an adopted change; the volunteers are told."""
    note = note.strip()
    if not note:
        raise Refused(_("Dites en quelques mots ce qui a été fait."))
    with transaction.atomic():
        change = _locked(change)
        if change.status != Change.Status.ADOPTED:
            raise Refused(_("Seul un changement adopté se met en œuvre."))
        change.status = Change.Status.DONE
        change.done_at = timezone.now()
        change.done_note = note
        change.save(update_fields=["status", "done_at", "done_note"])
        record(
            AuditEvent.Action.CHANGE_DONE,
            by=by,
            organisation=change.programme.organisation,
            detail=f"change {change.pk}",
        )
        notify(_volunteers(change.programme), "pairing/email/change_done", change=change)
    return change


def recheck(programme: Programme) -> list[Change]:
    """Look again at the open changes after a volunteer left: the one still awaited may have
    gone, and their objection no longer stands. Returns the changes adopted just now."""
    adopted = []
    with transaction.atomic():
        for change in Change.objects.select_for_update().filter(
            programme=programme, status=Change.Status.OPEN
        ):
            change.programme = programme
            if _adopt_if_ready(change, by=None):
                adopted.append(change)
    return adopted


def step_down(person: User) -> None:
    """A volunteer deleting their account (`accounts.when_deleting`): they no longer count in
    their programmes' consent, so a change that waited only for them is adopted."""
    held = PeerApplication.objects.filter(user=person, status=PeerApplication.Status.ACCEPTED)
    programmes = [application.programme for application in held.select_related("programme")]
    held.update(status=PeerApplication.Status.WITHDRAWN, withdrawn_at=timezone.now())
    for programme in programmes:
        recheck(programme)


def tally(change: Change) -> tuple[int, int, list[ChangeAnswer]]:
    """Where the consent stands today: (consents, volunteers, the objections that stand)."""
    people = set(volunteers_of(change.programme).values_list("user_id", flat=True))
    answers = [a for a in change.answers.select_related("user") if a.user_id in people]
    consents = sum(1 for a in answers if a.decision == ChangeAnswer.Decision.CONSENT)
    objections = [a for a in answers if a.decision == ChangeAnswer.Decision.OBJECT]
    return consents, len(people), objections


def _adopt_if_ready(change: Change, *, by: User | None) -> bool:
    """Adopt the locked change if every volunteer of today consents; True when adopted."""
    consents, volunteers, objections = tally(change)
    if not volunteers or objections or consents < volunteers:
        return False
    change.status = Change.Status.ADOPTED
    change.adopted_at = timezone.now()
    change.save(update_fields=["status", "adopted_at"])
    record(
        AuditEvent.Action.CHANGE_ADOPTED,
        by=by,
        organisation=change.programme.organisation,
        detail=f"change {change.pk}",
    )
    notify(_volunteers(change.programme), "pairing/email/change_adopted", change=change)
    team = {person.pk: person for person in team_of(change.programme)}
    notify([team[pk] for pk in sorted(team)], "pairing/email/change_to_do", change=change)
    return True
