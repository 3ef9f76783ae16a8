"""The writes of the founding journey: one function for each change, audit-logged.

The stage machine lives here. A project moves forward one stage at a time, when what the stage
needs is done (`blockers`); it moves back one stage only with a reason, written down. The last
step, autonomy, is never a click: it follows the adoption of the charter (`charter_adopted`).
"""

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.charters.actions import start_first_charter
from entraide.directory.actions import propose_theme, publish_group, refresh_search_text
from entraide.directory.models import SupportGroup
from entraide.founding.agendas import group_language
from entraide.founding.models import (
    EmailInterest,
    FoundingSession,
    Initiative,
    Interest,
    StageChange,
)
from entraide.lib.hooks import Hook
from entraide.lib.refusals import Refused
from entraide.meetings.series import actions as meeting_series
from entraide.membership.actions import facilitators_of
from entraide.membership.models import Membership
from entraide.notifications.actions import Address, notify
from entraide.organisations.models import Organisation, OrganisationRole

Stage = Initiative.Stage
STAGES: list[str] = list(Stage.values)

INTERVIEW_FIELDS = ("need", "members_profile", "motivation", "own_role", "collective_decisions")


# Starting a project ----------------------------------------------------------------------------


def start_initiative(
    initiator: User,
    group: SupportGroup,
    theme_ids: Iterable[int],
    interview: dict[str, str],
    new_theme: str = "",
) -> Initiative:
    """Create the group-to-be, unpublished, with its initiator as its first facilitator.

    `new_theme`: a theme the initiator did not find in the list, proposed for the group."""
    with transaction.atomic():
        group.status = SupportGroup.Status.FOUNDING
        group.is_published = False
        group.accepting_members = True
        publish_group(group, list(theme_ids))
        if new_theme:
            propose_theme(group, new_theme)
        Membership.objects.create(
            user=initiator,
            group=group,
            role=Membership.Role.FACILITATOR,
            status=Membership.Status.ACTIVE,
            decided_at=timezone.now(),
        )
        initiative = Initiative(group=group, initiator=initiator)
        for name in INTERVIEW_FIELDS:
            setattr(initiative, name, interview.get(name, ""))
        if initiative.interview_is_complete:
            initiative.interview_completed_at = timezone.now()
        initiative.save()
        record(AuditEvent.Action.INITIATIVE_STARTED, by=initiator, group=group)
    return initiative


def start_accompanied_initiative(
    organisation: Organisation, group: SupportGroup, theme_ids: Iterable[int], *, by: User
) -> Initiative:
    """Create a group-to-be proposed by an organisation, with nobody at its initiative yet.

    The organisation accompanies it from the start; its first members (and whoever offers to
    launch it) join later, by answering their invitation. Its members are already found, and
    there is no initiator to interview: it starts at the first meetings, its three sessions
    ready to be dated, unpublished (its people are invited, not recruited).
    """
    with transaction.atomic():
        group.status = SupportGroup.Status.FOUNDING
        group.is_published = False
        group.accepting_members = True
        group.organisation = organisation
        publish_group(group, list(theme_ids))
        now = timezone.now()
        initiative = Initiative.objects.create(
            group=group,
            initiator=None,
            organisation=organisation,
            accompaniment=Initiative.Accompaniment.ACCEPTED,
            accompaniment_requested_at=now,
            accompaniment_decided_at=now,
            stage=Stage.FOUNDING,
        )
        for kind in FoundingSession.Kind.values:
            FoundingSession.objects.create(initiative=initiative, kind=kind)
        record(AuditEvent.Action.INITIATIVE_STARTED, by=by, group=group, organisation=organisation)
    return initiative


def update_interview(initiative: Initiative, answers: dict[str, Any]) -> Initiative:
    """Save the interview as it stands: it may be filled in over several evenings."""
    for name in INTERVIEW_FIELDS:
        if name in answers:
            setattr(initiative, name, answers[name])
    if initiative.interview_is_complete and initiative.interview_completed_at is None:
        initiative.interview_completed_at = timezone.now()
    initiative.save()
    return initiative


def update_group(
    group: SupportGroup, theme_ids: Iterable[int], new_theme: str = ""
) -> SupportGroup:
    """Save what the public will see of the group-to-be, and keep the directory in step. The
    themes still waiting for acceptance that were proposed for this group stay with it."""
    with transaction.atomic():
        group.save()
        waiting = list(group.themes.filter(is_accepted=False).values_list("pk", flat=True))
        group.themes.set([*theme_ids, *waiting])
        if new_theme:
            propose_theme(group, new_theme)
        refresh_search_text(group)
    return group


# Accompaniment by an organisation ----------------------------------------------------------


def coordinators_of(organisation: Organisation) -> list[User]:
    return [
        role.user
        for role in OrganisationRole.objects.filter(
            organisation=organisation, role=OrganisationRole.Role.COORDINATOR
        ).select_related("user")
    ]


def has_a_way_in(organisation: Organisation) -> bool:
    """Whether a request can reach the organisation: a coordinator, or its contact address."""
    return (
        bool(organisation.contact_email)
        or OrganisationRole.objects.filter(
            organisation=organisation, role=OrganisationRole.Role.COORDINATOR
        ).exists()
    )


def request_accompaniment(
    initiative: Initiative, organisation: Organisation, message: str, *, by: User
) -> Initiative:
    """Ask an organisation to accompany the project; its coordinators are told.

    An organisation with no coordinator on the site yet is written to at its contact address,
    and may answer the initiator by replying; one with neither cannot be asked.
    """
    coordinators = coordinators_of(organisation)
    if not coordinators and not organisation.contact_email:
        raise Refused(
            _(
                "%(organisation)s ne peut pas encore recevoir de demande sur Entraide. "
                "Choisissez une autre organisation, ou continuez sans."
            )
            % {"organisation": organisation.name}
        )
    with transaction.atomic():
        initiative.organisation = organisation
        initiative.accompaniment = Initiative.Accompaniment.REQUESTED
        initiative.accompaniment_message = message
        initiative.accompaniment_requested_at = timezone.now()
        initiative.accompaniment_decided_at = None
        initiative.accompaniment_read_at = None
        initiative.interview_slot = None
        initiative.interview_slot_note = ""
        initiative.save()
        record(
            AuditEvent.Action.ACCOMPANIMENT_REQUESTED,
            by=by,
            group=initiative.group,
            organisation=organisation,
        )
        if coordinators:
            notify(
                coordinators,
                "founding/email/accompaniment_request",
                initiative=initiative,
                group=initiative.group,
                organisation=organisation,
            )
        else:
            notify(
                Address(organisation.contact_email),
                "founding/email/accompaniment_request_contact",
                reply_to=[by.email],
                initiative=initiative,
                group=initiative.group,
                organisation=organisation,
            )
    return initiative


def mark_request_read(initiative: Initiative, *, by: User) -> None:
    """A coordinator of the asked organisation opened a waiting request: it is read."""
    if (
        initiative.accompaniment != Initiative.Accompaniment.REQUESTED
        or initiative.accompaniment_read_at is not None
    ):
        return
    Initiative.objects.filter(pk=initiative.pk, accompaniment_read_at__isnull=True).update(
        accompaniment_read_at=timezone.now()
    )


def withdraw_accompaniment(initiative: Initiative, *, by: User) -> Initiative:
    """Go on without the organisation; nothing it wrote is shown to the initiator anyway."""
    with transaction.atomic():
        organisation = initiative.organisation
        initiative.accompaniment = Initiative.Accompaniment.NONE
        initiative.organisation = None
        initiative.interview_slot = None
        initiative.interview_slot_note = ""
        initiative.save()
        group = initiative.group
        if group.organisation_id is not None:
            group.organisation = None
            group.save(update_fields=["organisation"])
            refresh_search_text(group)
        record(
            AuditEvent.Action.ACCOMPANIMENT_WITHDRAWN,
            by=by,
            group=group,
            organisation=organisation,
        )
    return initiative


def _tell_initiator(initiative: Initiative, what: str, message: str = "") -> None:
    """Tell the group's facilitators (the initiator first among them) what the
    organisation answered, in their own language. The coordinator's own words, if any, wait
    encrypted for the worker."""
    notify(
        facilitators_of(initiative.group),
        f"founding/email/{what}",
        private={"message": message} if message else None,
        initiative=initiative,
        group=initiative.group,
        organisation=initiative.organisation,
    )


def _lock_request(initiative: Initiative) -> None:
    """Read the request's state again under a row lock: two coordinators may answer at once,
    or the initiator withdraw the request meanwhile."""
    initiative.accompaniment = (
        Initiative.objects.select_for_update()
        .values_list("accompaniment", flat=True)
        .get(pk=initiative.pk)
    )


def _refuse_unless_waiting(initiative: Initiative) -> None:
    _lock_request(initiative)
    if initiative.accompaniment != Initiative.Accompaniment.REQUESTED:
        raise Refused(_("Cette demande a déjà reçu une réponse."))


def propose_interview_slot(
    initiative: Initiative, when: dt.datetime, note: str, *, by: User
) -> Initiative:
    """A coordinator proposes a time to meet the initiator (seed 001: "un entretien"), while
    the request waits for an answer or once it is accepted."""
    with transaction.atomic():
        _lock_request(initiative)
        if initiative.accompaniment not in (
            Initiative.Accompaniment.REQUESTED,
            Initiative.Accompaniment.ACCEPTED,
        ):
            raise Refused(_("Cette demande n'est plus en cours."))
        initiative.interview_slot = when
        initiative.interview_slot_note = note
        initiative.interview_slot_answer = ""
        initiative.interview_slot_answer_note = ""
        initiative.save(
            update_fields=[
                "interview_slot",
                "interview_slot_note",
                "interview_slot_answer",
                "interview_slot_answer_note",
                "updated_at",
            ]
        )
    transaction.on_commit(lambda: _tell_initiator(initiative, "interview_slot"))
    return initiative


def answer_interview_slot(
    initiative: Initiative, answer: str, note: str, *, by: User
) -> Initiative:
    """The initiator says whether the proposed slot suits them (and, if not, when would);
    the coordinators of the organisation are told."""
    with transaction.atomic():
        _lock_request(initiative)
        if initiative.interview_slot is None or initiative.accompaniment not in (
            Initiative.Accompaniment.REQUESTED,
            Initiative.Accompaniment.ACCEPTED,
        ):
            raise Refused(_("Il n'y a pas de rendez-vous proposé en ce moment."))
        initiative.interview_slot_answer = answer
        initiative.interview_slot_answer_note = note.strip()
        initiative.save(
            update_fields=["interview_slot_answer", "interview_slot_answer_note", "updated_at"]
        )
        organisation = initiative.organisation
        if organisation is not None:
            notify(
                coordinators_of(organisation),
                "founding/email/interview_slot_answer",
                time_zone=initiative.group.time_zone,
                initiative=initiative,
                group=initiative.group,
                organisation=organisation,
            )
    return initiative


def accept_accompaniment(initiative: Initiative, *, by: User) -> Initiative:
    """The organisation accompanies the group from now on and shows it as one of its own."""
    with transaction.atomic():
        _refuse_unless_waiting(initiative)
        initiative.accompaniment = Initiative.Accompaniment.ACCEPTED
        initiative.accompaniment_decided_at = timezone.now()
        initiative.save()
        group = initiative.group
        group.organisation = initiative.organisation
        group.save(update_fields=["organisation"])
        refresh_search_text(group)
        record(AuditEvent.Action.ACCOMPANIMENT_ACCEPTED, by=by, group=group)
    transaction.on_commit(lambda: _tell_initiator(initiative, "accompaniment_accepted"))
    return initiative


def decline_accompaniment(initiative: Initiative, message: str, *, by: User) -> Initiative:
    """The organisation cannot accompany this project; the initiator may go on alone."""
    with transaction.atomic():
        _refuse_unless_waiting(initiative)
        initiative.accompaniment = Initiative.Accompaniment.DECLINED
        initiative.accompaniment_decided_at = timezone.now()
        initiative.save()
        record(
            AuditEvent.Action.ACCOMPANIMENT_DECLINED,
            by=by,
            group=initiative.group,
            organisation=initiative.organisation,
        )
    transaction.on_commit(
        lambda: _tell_initiator(initiative, "accompaniment_declined", message=message)
    )
    return initiative


# The stage machine ------------------------------------------------------------------------------


def people_count(initiative: Initiative) -> int:
    """Who is in the project so far: its members, and those who registered interest."""
    members = set(
        initiative.group.memberships.filter(
            status=Membership.Status.ACTIVE,
            role__in=[Membership.Role.MEMBER, Membership.Role.FACILITATOR],
        ).values_list("user_id", flat=True)
    )
    interested = set(initiative.interests.values_list("user_id", flat=True))
    by_email = initiative.email_interests.filter(confirmed_at__isnull=False).count()
    return len(members | interested) + by_email


def interested_people(initiative: Initiative) -> list[dict[str, Any]]:
    """Who registered interest, whether they were invited and whether they joined."""
    members = set(
        initiative.group.memberships.filter(status=Membership.Status.ACTIVE).values_list(
            "user_id", flat=True
        )
    )
    return [
        {"interest": interest, "joined": interest.user_id in members}
        for interest in Interest.objects.filter(initiative=initiative)
        .select_related("user")
        .order_by("created_at", "pk")
    ]


def blockers(initiative: Initiative) -> list[str]:
    """What is still missing before the project may move to the next stage; empty when ready."""
    stage = initiative.stage
    missing: list[str] = []
    if stage == Stage.INTERVIEW:
        if not initiative.interview_is_complete:
            missing.append(_("Répondez d'abord aux trois premières questions de l'entretien."))
        if initiative.accompaniment == Initiative.Accompaniment.REQUESTED:
            missing.append(
                _(
                    "L'organisation n'a pas encore répondu à votre demande d'accompagnement. "
                    "Vous pouvez l'attendre, ou la retirer pour continuer seul·e."
                )
            )
    elif stage == Stage.RECRUITMENT:
        count = people_count(initiative)
        if count < initiative.quorum:
            missing.append(
                _(
                    "Il faut %(quorum)s personnes pour démarrer ; "
                    "vous êtes %(count)s pour l'instant."
                )
                % {"quorum": initiative.quorum, "count": count}
            )
    elif stage == Stage.FOUNDING:
        missing.extend(_sessions_missing(initiative))
    elif stage == Stage.CHARTER:
        missing.append(
            _("Le groupe devient autonome quand sa charte est adoptée par consentement.")
        )
    else:
        missing.append(_("Le groupe est autonome : c'est la dernière étape."))
    return missing


def _move(initiative: Initiative, to: str, *, by: User | None, reason: str = "") -> None:
    StageChange.objects.create(
        initiative=initiative, from_stage=initiative.stage, to_stage=to, by=by, reason=reason
    )
    record(
        AuditEvent.Action.STAGE_CHANGED,
        by=by,
        group=initiative.group,
        detail=f"{initiative.stage}>{to}",
    )
    initiative.stage = to
    initiative.stage_changed_at = timezone.now()
    initiative.save(update_fields=["stage", "stage_changed_at", "updated_at"])


def advance(initiative: Initiative, *, by: User) -> Initiative:
    """Move to the next stage if nothing is missing; raise Refused otherwise."""
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        missing = blockers(initiative)
        if missing:
            raise Refused(" ".join(missing))
        to = STAGES[STAGES.index(initiative.stage) + 1]
        _move(initiative, to, by=by)
        group = initiative.group
        if to == Stage.RECRUITMENT:
            # The group appears in the directory as "en création", with its interest form.
            group.is_published = True
            group.status = SupportGroup.Status.FOUNDING
            group.save(update_fields=["is_published", "status"])
            refresh_search_text(group)
        elif to == Stage.FOUNDING:
            for kind in FoundingSession.Kind.values:
                FoundingSession.objects.get_or_create(initiative=initiative, kind=kind)
        elif to == Stage.CHARTER:
            start_first_charter(group, by=by)
    return initiative


def go_back(initiative: Initiative, reason: str, *, by: User) -> Initiative:
    """Return to the previous stage, with a reason kept in the project's history."""
    reason = reason.strip()
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        index = STAGES.index(initiative.stage)
        if index == 0 or initiative.stage == Stage.AUTONOMOUS:
            raise Refused(_("Il n'y a pas d'étape précédente où revenir."))
        if not reason:
            raise Refused(_("Dites en quelques mots pourquoi vous revenez en arrière."))
        to = STAGES[index - 1]
        _move(initiative, to, by=by, reason=reason)
        if to == Stage.INTERVIEW:
            group = initiative.group
            group.is_published = False
            group.save(update_fields=["is_published"])
            refresh_search_text(group)
    return initiative


# What the apps above do when a founded group opens, inside the same transaction; they register
# from their AppConfig.ready().
when_opened: Hook[[SupportGroup, User | None]] = Hook("founding.when_opened")


def charter_adopted(group: SupportGroup, by: User | None) -> None:
    """Called by the charters app once a charter is adopted, inside its transaction.

    A group still in its founding journey becomes autonomous: it opens in the directory and
    its functioning review is scheduled a few months later (seed 001, step 4).
    """
    initiative = Initiative.objects.select_for_update().filter(group=group).first()
    if initiative is None or initiative.stage != Stage.CHARTER:
        return
    _move(initiative, Stage.AUTONOMOUS, by=by)
    initiative.autonomous_at = timezone.now()
    initiative.save(update_fields=["autonomous_at"])
    # The addresses left to be told of the start served for that only (their consent said so).
    EmailInterest.objects.filter(initiative=initiative).delete()
    group.status = SupportGroup.Status.OPEN
    group.save(update_fields=["status"])
    refresh_search_text(group)
    # The accompanying organisation's side schedules the functioning review (seed 001, step 4).
    when_opened(group, by)


# Interest and the first members ------------------------------------------------------------------

RECRUITING = (Stage.RECRUITMENT, Stage.FOUNDING)


def is_recruiting(initiative: Initiative) -> bool:
    return initiative.stage in RECRUITING and initiative.group.is_published


def register_interest(initiative: Initiative, person: User, message: str = "") -> Interest:
    """Say "count me in" to a group being founded; its facilitators are told."""
    if not is_recruiting(initiative):
        raise Refused(_("Ce groupe ne cherche pas de membres en ce moment."))
    with transaction.atomic():
        interest, created = Interest.objects.update_or_create(
            initiative=initiative, user=person, defaults={"message": message}
        )
        # Someone who first left only their address keeps their place, and their invitation.
        earlier = EmailInterest.objects.filter(
            initiative=initiative, email__iexact=person.email, confirmed_at__isnull=False
        ).first()
        if earlier is not None:
            Interest.objects.filter(pk=interest.pk).update(
                created_at=min(earlier.created_at, interest.created_at),
                invited_at=interest.invited_at or earlier.invited_at,
            )
            interest.refresh_from_db()
            earlier.delete()
            created = False  # the facilitators were told when the address was confirmed
        if created:
            record(
                AuditEvent.Action.INTEREST_REGISTERED,
                by=person,
                subject=person,
                group=initiative.group,
            )

    def tell() -> None:
        notify(
            [
                facilitator
                for facilitator in facilitators_of(initiative.group)
                if facilitator != person and facilitator.notify_join_requests
            ],
            "founding/email/interest",
            group=initiative.group,
            initiative=initiative,
            count=people_count(initiative),
        )

    if created:
        transaction.on_commit(tell)
    return interest


def ask_to_be_told(initiative: Initiative, email: str, language: str) -> None:
    """Someone leaves only an address to be told when the group starts: a link confirms it.

    Asking again sends the link again (the first may have been lost); an address already
    confirmed is left as it is. Whether an address is known is never said to the asker.
    """
    if not is_recruiting(initiative):
        raise Refused(_("Ce groupe ne cherche pas de membres en ce moment."))
    email = email.strip()
    with transaction.atomic():
        pending, _created = EmailInterest.objects.select_for_update().get_or_create(
            initiative=initiative,
            email=email.lower(),
            defaults={"token": secrets.token_urlsafe(32), "language": language},
        )
        if pending.confirmed_at is not None:
            return
        notify(
            Address(pending.email, pending.language),
            "founding/email/email_interest_confirm",
            group=initiative.group,
            pending=pending,
        )


def confirm_email_interest(pending: EmailInterest) -> EmailInterest:
    """The address is confirmed by its link: it counts, and the facilitators are told."""
    with transaction.atomic():
        pending = EmailInterest.objects.select_for_update().get(pk=pending.pk)
        if pending.confirmed_at is not None:
            return pending
        pending.confirmed_at = timezone.now()
        pending.save(update_fields=["confirmed_at"])
        initiative = Initiative.objects.select_related("group").get(pk=pending.initiative_id)
        notify(
            [f for f in facilitators_of(initiative.group) if f.notify_join_requests],
            "founding/email/interest",
            group=initiative.group,
            initiative=initiative,
            count=people_count(initiative),
        )
    return pending


def forget_email_interest(pending: EmailInterest) -> None:
    """The person no longer wishes to be told: their address is erased."""
    EmailInterest.objects.filter(pk=pending.pk).delete()


def withdraw_interest(initiative: Initiative, person: User) -> None:
    with transaction.atomic():
        deleted, _rows = Interest.objects.filter(initiative=initiative, user=person).delete()
        if deleted:
            record(
                AuditEvent.Action.INTEREST_WITHDRAWN,
                by=person,
                subject=person,
                group=initiative.group,
            )


def _sessions_missing(initiative: Initiative) -> list[str]:
    """What the founding sessions still lack: a date, a new date, or to have taken place."""
    sessions = sorted(
        initiative.sessions.select_related("meeting"), key=lambda session: session.order
    )
    if not sessions:
        return [_("Les trois premières rencontres ne sont pas encore prévues.")]
    now = timezone.now()
    undated = [str(s.get_kind_display()) for s in sessions if s.meeting is None]
    cancelled = [str(s.get_kind_display()) for s in sessions if s.is_cancelled]
    coming = [
        str(s.get_kind_display())
        for s in sessions
        if s.meeting is not None and not s.is_cancelled and not s.took_place(now)
    ]
    missing = []
    if undated:
        missing.append(
            _("Donnez une date aux trois premières rencontres : %(sessions)s.")
            % {"sessions": ", ".join(undated)}
        )
    if cancelled:
        missing.append(
            _("Une rencontre annulée attend une nouvelle date : %(sessions)s.")
            % {"sessions": ", ".join(cancelled)}
        )
    if coming:
        missing.append(
            _(
                "Le groupe passe à l'étape suivante une fois les trois rencontres tenues ; "
                "pas encore : %(sessions)s."
            )
            % {"sessions": ", ".join(coming)}
        )
    return missing


def schedule_session(
    session: FoundingSession, fields: Mapping[str, Any], *, by: Membership
) -> FoundingSession:
    """Give a founding session its date, place, agenda and notes: it is a meeting of the group.

    The first time, the meeting is created like any extra meeting (members are told, reminded,
    may answer); afterwards it is moved, reinstated if it was cancelled, and its details
    changed through the meetings' own actions. `fields`: starts_at, duration_minutes, place,
    agenda, notes (as SessionForm cleans them). The session's name and suggested agenda are
    written in the group's language, since they are the group's own text from then on.
    """
    starts_at: dt.datetime = fields["starts_at"]
    ends_at = starts_at + dt.timedelta(minutes=fields["duration_minutes"])
    with transaction.atomic():
        session = (
            FoundingSession.objects.select_for_update()
            .select_related("initiative__group")
            .get(pk=session.pk)
        )
        group = session.initiative.group
        meeting = session.meeting
        if meeting is None:
            meeting = meeting_series.add_meeting(
                group, starts_at=starts_at, ends_at=ends_at, place=fields["place"], by=by
            )
            session.meeting = meeting
            session.save(update_fields=["meeting"])
        else:
            meeting = meeting_series.move_meeting(
                meeting, starts_at=starts_at, ends_at=ends_at, by=by
            )
            if meeting.is_cancelled:
                meeting = meeting_series.reinstate_meeting(meeting, by=by)
            meeting = meeting_series.change_details(
                meeting,
                place=fields["place"],
                online_link=meeting.online_link,
                capacity=meeting.capacity,
                by=by,
            )
        with translation.override(group_language(group)):
            meeting.title = str(session.get_kind_display())
        meeting.agenda = fields["agenda"].strip()
        meeting.note = fields["notes"].strip()
        meeting.save(update_fields=["title", "agenda", "note", "updated_at"])
    return session


def invite_interested(initiative: Initiative, *, by: User) -> int:
    """Invite everyone who registered interest and is not yet invited nor a member.

    Each invitation says when and where the sessions are and how to join; inviting again only
    reaches people who registered since. Returns how many were invited.
    """
    if initiative.stage != Stage.FOUNDING:
        raise Refused(_("On invite aux premières rencontres une fois leurs dates connues."))
    sessions = sorted(
        initiative.sessions.select_related("meeting"), key=lambda session: session.order
    )
    if not sessions or sessions[0].starts_at is None or sessions[0].is_cancelled:
        raise Refused(_("Donnez d'abord une date à la séance d'information."))
    members = initiative.group.memberships.filter(status=Membership.Status.ACTIVE).values("user_id")
    with transaction.atomic():
        waiting = list(
            Interest.objects.select_for_update()
            .filter(initiative=initiative, invited_at__isnull=True)
            .exclude(user_id__in=members)
            .select_related("user")
        )
        now = timezone.now()
        Interest.objects.filter(pk__in=[interest.pk for interest in waiting]).update(invited_at=now)
        by_email = list(
            EmailInterest.objects.select_for_update().filter(
                initiative=initiative, confirmed_at__isnull=False, invited_at__isnull=True
            )
        )
        EmailInterest.objects.filter(pk__in=[pending.pk for pending in by_email]).update(
            invited_at=now
        )
        for pending in by_email:
            notify(
                Address(pending.email, pending.language),
                "founding/email/invitation_by_email",
                group=initiative.group,
                initiative=initiative,
                pending=pending,
                sessions=list(sessions),
            )
        if waiting or by_email:
            record(
                AuditEvent.Action.INTERESTED_INVITED,
                by=by,
                group=initiative.group,
                detail=str(len(waiting) + len(by_email)),
            )

    def send() -> None:
        notify(
            [interest.user for interest in waiting],
            "founding/email/invitation",
            group=initiative.group,
            initiative=initiative,
            sessions=list(sessions),
        )

    transaction.on_commit(send)
    return len(waiting) + len(by_email)


def join_as_founder(initiative: Initiative, person: User) -> Membership:
    """Someone who registered interest joins the group being founded: they become a member."""
    if initiative.stage not in (Stage.RECRUITMENT, Stage.FOUNDING, Stage.CHARTER):
        raise Refused(_("Ce groupe n'accueille plus de membres fondateurs."))
    if not Interest.objects.filter(initiative=initiative, user=person).exists():
        raise Refused(_("Dites d'abord que ce groupe vous intéresse."))
    with transaction.atomic():
        membership, _created = Membership.objects.select_for_update().get_or_create(
            user=person, group=initiative.group
        )
        if membership.is_active and membership.role != Membership.Role.OBSERVER:
            return membership
        membership.status = Membership.Status.ACTIVE
        membership.role = Membership.Role.MEMBER
        membership.decided_at = timezone.now()
        membership.left_at = None
        membership.save()
        record(
            AuditEvent.Action.FOUNDING_JOINED,
            by=person,
            subject=person,
            group=initiative.group,
        )
    return membership
