"""The writes of forming groups by proximity, on the people's side: one function per change.

- a person asks an organisation to be grouped with neighbours (`save_wish`), or takes it back
  (`withdraw_wish`);
- the coordinators turn the chosen groups of a proposal into projects accompanied by the
  organisation and invite their members by e-mail (`create_groups`); the homes are then
  erased: they were for the computation only;
- an invited person joins the group being founded, possibly offering to host or launch it
  (`accept`), or says no thanks (`decline`).

No e-mail names anyone but its reader: a member learns how many people were proposed and
their own distance to the meeting point, never who the others are nor where they live.
"""

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide import formation
from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import COUNTRY_CHOICES, SupportGroup, Theme
from entraide.founding.actions import start_accompanied_initiative
from entraide.founding.models import Initiative, Interest
from entraide.lib.languages import GROUP_LANGUAGES
from entraide.lib.places import Place
from entraide.lib.refusals import Refused
from entraide.membership.models import Membership
from entraide.notifications.actions import Address, prepare, queue
from entraide.notifications.models import Delivery, Notification
from entraide.organisations.models import Organisation
from entraide.proposals.actions import SET_ASIDE
from entraide.proposals.models import (
    LANGUAGE_SEPARATOR,
    Invitation,
    Proposal,
    ProposedGroup,
    Volunteer,
    Wish,
)

# The stages at which a proposed group still welcomes the people it invited.
OPEN_STAGES = (
    Initiative.Stage.INTERVIEW,
    Initiative.Stage.RECRUITMENT,
    Initiative.Stage.FOUNDING,
    Initiative.Stage.CHARTER,
)
# A volunteer who came from a wish has this reference (see models.Volunteer.ref).
WISH_REF_PREFIX = "inscription-"
INVITATION_TEMPLATE = "proposals/email/invitation"
UNPLACED_TEMPLATE = "proposals/email/unplaced"
# Why a person is not invited, when their group was proposed but not chosen.
NOT_CREATED = "group not created"

# Why, in words for the person themselves (the coordinators' page has its own, in the third
# person). Never a word about anyone else.
WHY_FOR_YOU = {
    formation.NOBODY_WITHIN_REACH: gettext_lazy(
        "personne d'autre sur la liste n'habite à distance de marche de chez vous"
    ),
    formation.TOO_FEW_NEARBY: gettext_lazy(
        "trop peu de personnes habitent près de chez vous pour former un groupe cette fois-ci"
    ),
    formation.NO_SHARED_LANGUAGE: gettext_lazy(
        "les personnes qui habitent près de chez vous ne parlent pas les mêmes langues que vous"
    ),
    formation.NO_SHARED_THEME: gettext_lazy(
        "les personnes qui habitent près de chez vous ne vivent pas la même situation que vous"
    ),
    formation.NO_ROOM: gettext_lazy("les groupes proches de chez vous sont déjà complets"),
    SET_ASIDE: gettext_lazy("l'organisation n'a pas pu vous placer dans l'un des groupes"),
    NOT_CREATED: gettext_lazy(
        "le groupe qui aurait pu vous accueillir n'est pas créé pour le moment"
    ),
}


# Wishes ------------------------------------------------------------------------------------------


def save_wish(
    person: User,
    organisation: Organisation,
    place: Place,
    themes: Iterable[Theme],
    languages: Iterable[str],
) -> tuple[Wish, bool]:
    """Ask the organisation to be grouped with neighbours; asking again updates the wish."""
    with transaction.atomic():
        wish, created = Wish.objects.select_for_update().update_or_create(
            organisation=organisation,
            user=person,
            defaults={
                "postal_code": place.label[:80],
                "country": place.country,
                "lat": place.lat,
                "lon": place.lon,
                "languages": LANGUAGE_SEPARATOR.join(languages),
            },
        )
        wish.themes.set(list(themes))
        if created:
            record(
                AuditEvent.Action.WISH_REGISTERED,
                by=person,
                subject=person,
                organisation=organisation,
            )
    return wish, created


def withdraw_wish(person: User, organisation: Organisation) -> bool:
    """Take the wish back: the postal code is forgotten at once. True if there was one."""
    with transaction.atomic():
        deleted, _rows = Wish.objects.filter(organisation=organisation, user=person).delete()
        if deleted:
            record(
                AuditEvent.Action.WISH_WITHDRAWN,
                by=person,
                subject=person,
                organisation=organisation,
            )
    return bool(deleted)


# Creating the groups -----------------------------------------------------------------------------


@dataclass
class Created:
    groups: int
    invitations: int


def group_name(number: int, theme: Theme | None) -> str:
    """« Groupe d'entraide de proximité n° 3 — Deuil »: its members may change it later."""
    name = _("Groupe d'entraide de proximité n° %(number)s") % {"number": number}
    if theme is not None:
        name = f"{name} — {theme.name}"
    return name[:150]


def _common_languages(volunteers: list[Volunteer]) -> str:
    """The languages every member speaks, as the directory writes them ("fr,en"); else "fr"."""
    known = [code for code, _label in GROUP_LANGUAGES]
    sets = [
        {code.strip() for code in volunteer.languages.split(LANGUAGE_SEPARATOR) if code.strip()}
        for volunteer in volunteers
        if volunteer.languages.strip()
    ]
    common = set.intersection(*sets) if sets else set()
    codes = [code for code in known if code in common]
    return ",".join(codes[:6]) or "fr"


def _wish_withdrawn(volunteer: Volunteer, wishers: set[int]) -> bool:
    """A person who asked to be grouped and has withdrawn since is not invited."""
    return volunteer.ref.startswith(WISH_REF_PREFIX) and volunteer.user_id not in wishers


def may_be_invited(volunteer: Volunteer) -> bool:
    return bool(volunteer.email or volunteer.user_id)


def create_groups(proposal: Proposal, group_ids: Iterable[int], *, by: User) -> Created:
    """Turn the chosen groups into projects and invite their members; erase every home.

    All or nothing, once: a proposal whose groups were created is left as it is. The e-mails
    leave after the transaction commits.
    """
    wanted = set(group_ids)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status == Proposal.Status.CREATED:
            raise Refused(_("Les groupes de cette proposition sont déjà créés."))
        if locked.status != Proposal.Status.DONE:
            raise Refused(_("La proposition n'est pas encore prête."))
        organisation = Organisation.objects.get(pk=locked.organisation_id)
        theme = Theme.objects.filter(pk=locked.theme_id).first() if locked.theme_id else None
        chosen = list(
            ProposedGroup.objects.filter(proposal=locked, pk__in=wanted, initiative__isnull=True)
            .select_related("host")
            .order_by("number")
        )
        if not chosen:
            raise Refused(_("Cochez au moins un groupe à créer."))
        wishers = set(
            Wish.objects.filter(organisation=organisation).values_list("user_id", flat=True)
        )
        country = organisation.country if organisation.country in dict(COUNTRY_CHOICES) else "FR"
        invitations: list[Invitation] = []
        for proposed in chosen:
            volunteers = list(proposed.volunteers.all())
            group = SupportGroup(
                name=group_name(proposed.number, theme),
                summary=_(
                    "Un groupe d'entraide entre personnes qui habitent près les unes des "
                    "autres, proposé par %(organisation)s."
                )
                % {"organisation": organisation.name},
                kind=SupportGroup.Kind.TALK,
                audience=SupportGroup.Audience.CONCERNED,
                format=SupportGroup.Format.IN_PERSON,
                languages=_common_languages(volunteers),
                country=country,
            )
            group.summary = group.summary[:240]
            initiative = start_accompanied_initiative(
                organisation, group, [theme.pk] if theme else [], by=by
            )
            proposed.initiative = initiative
            proposed.save(update_fields=["initiative"])
            for volunteer in volunteers:
                if not may_be_invited(volunteer) or _wish_withdrawn(volunteer, wishers):
                    continue
                invitations.append(
                    Invitation.objects.create(
                        group=proposed,
                        volunteer=volunteer,
                        token=secrets.token_urlsafe(32),
                        as_host=volunteer.pk == proposed.host_id,
                    )
                )
        # Homes are for the computation only: every point of the list goes, chosen or not.
        Volunteer.objects.filter(proposal=locked).update(lat=None, lon=None)
        locked.status = Proposal.Status.CREATED
        locked.groups_created_at = timezone.now()
        locked.save(update_fields=["status", "groups_created_at"])
        record(
            AuditEvent.Action.PROPOSAL_GROUPS_CREATED,
            by=by,
            organisation=organisation,
            detail=f"{len(chosen)}/{len(invitations)}",
        )
        send_invitations([invitation.pk for invitation in invitations])
        _tell_the_others(locked, organisation, {p.pk for p in chosen}, wishers)
    return Created(groups=len(chosen), invitations=len(invitations))


def _tell_the_others(
    proposal: Proposal, organisation: Organisation, created: set[int], wishers: set[int]
) -> int:
    """Write kindly to each person of the proposal who is not invited: why, and what they can
    do now. Once: a proposal's groups are created once. How many were written to."""
    left_out = (
        Volunteer.objects.filter(proposal=proposal)
        .exclude(group_id__in=created)
        .select_related("user")
        .order_by("pk")
    )
    queued = []
    for volunteer in left_out:
        if not may_be_invited(volunteer) or _wish_withdrawn(volunteer, wishers):
            continue
        notification = prepare(
            _recipient(volunteer),
            UNPLACED_TEMPLATE,
            reply_to=[organisation.contact_email] if organisation.contact_email else [],
            volunteer=volunteer,
            organisation=organisation,
        )
        if notification is not None:
            queued.append(notification)
    queue(queued)
    return len(queued)


def _recipient(volunteer: Volunteer) -> User | Address:
    """The person's account, else their address (in their account's language if they have
    one under that address)."""
    if volunteer.user is not None:
        return volunteer.user
    language = (
        User.objects.filter(email__iexact=volunteer.email)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return Address(volunteer.email, language or "")


def reason_left_out(volunteer: Volunteer) -> str:
    """Why a person of a proposal whose groups are created was not invited."""
    return volunteer.unplaced_reason if volunteer.group_id is None else NOT_CREATED


def unplaced_context(context: Mapping[str, Any], to: User | None) -> dict[str, Any]:
    """The worker's part of the e-mail to a person left out (registered in the app config):
    why in the reader's language, and what they can do."""
    volunteer = context["volunteer"]
    if volunteer is None:
        return {}
    account = volunteer.user
    return {
        "name": account.display_name if account else volunteer.name,
        "why": str(
            WHY_FOR_YOU.get(reason_left_out(volunteer), WHY_FOR_YOU[formation.TOO_FEW_NEARBY])
        ),
        "from_wish": volunteer.ref.startswith(WISH_REF_PREFIX),
        "directory_link": settings.SITE_URL + reverse("directory:search"),
        "start_link": settings.SITE_URL + reverse("founding:start"),
    }


# The e-mails ------------------------------------------------------------------------------------


def invitation_link(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("proposals:invitation", args=[invitation.token])


def invitation_context(context: Mapping[str, Any], to: User | None) -> dict[str, Any]:
    """The worker's part of an invitation e-mail (registered in `ProposalsConfig.ready`): the
    reader's own distance and how many people are invited, never anyone else's name."""
    invitation = context["invitation"]
    if invitation is None:
        return {}
    volunteer = invitation.volunteer
    proposed = invitation.group
    account = volunteer.user
    return {
        "organisation": proposed.proposal.organisation,
        "theme": proposed.proposal.theme,
        "size": proposed.volunteers.count(),
        "distance": volunteer.distance_km or 0,
        "approximate": volunteer.approximate,
        "as_host": invitation.as_host,
        "name": account.display_name if account else volunteer.name,
        "link": invitation_link(invitation),
    }


def send_invitations(invitation_ids: list[int]) -> int:
    """Queue the invitation e-mails; the worker sends them. How many were queued.

    A person with an account reads it in their language; a person of an uploaded list who has
    an account under the same address too; anyone else in French with the English below.
    """
    invitations = list(
        Invitation.objects.filter(pk__in=invitation_ids)
        .select_related("volunteer__user", "group__proposal__organisation")
        .order_by("pk")
    )
    addresses = {i.volunteer.email.lower() for i in invitations if not i.volunteer.user_id}
    languages = {
        email.lower(): language
        for email, language in User.objects.filter(email__in=addresses).values_list(
            "email", "preferred_language"
        )
    }
    queued = []
    for invitation in invitations:
        volunteer = invitation.volunteer
        organisation = invitation.group.proposal.organisation
        recipient = volunteer.user or Address(
            volunteer.email, languages.get(volunteer.email.lower(), "")
        )
        notification = prepare(
            recipient,
            INVITATION_TEMPLATE,
            reply_to=[organisation.contact_email] if organisation.contact_email else [],
            invitation=invitation,
        )
        if notification is not None:
            queued.append(notification)
    queue(queued)
    return len(queued)


def resend_invitations(proposal: Proposal) -> int:
    """Send again the invitations still without an answer (their e-mail may have failed or
    been lost), except those whose e-mail is still waiting to leave. How many."""
    waiting = list(
        Invitation.objects.filter(group__proposal=proposal, answer=Invitation.Answer.WAITING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    leaving = set(
        Notification.objects.filter(
            template=INVITATION_TEMPLATE,
            context__invitation__pk__in=waiting,
            deliveries__status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING],
        ).values_list("context__invitation__pk", flat=True)
    )
    with transaction.atomic():
        return send_invitations([pk for pk in waiting if pk not in leaving])


# Answering ---------------------------------------------------------------------------------------


def with_answers(groups: QuerySet[ProposedGroup]) -> QuerySet[ProposedGroup]:
    """The groups with their answers counted in the same query (`joined`, `declined`,
    `waiting`, `host_found`), for a page listing many created groups."""
    facilitating = Membership.objects.filter(
        group_id=OuterRef("initiative__group_id"),
        role=Membership.Role.FACILITATOR,
        status=Membership.Status.ACTIVE,
    )
    return groups.select_related("initiative__group", "proposal__organisation").annotate(
        joined=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.JOINED)),
        declined=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.DECLINED)),
        waiting=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.WAITING)),
        host_found=Exists(facilitating),
    )


def answer_counts(proposed: ProposedGroup) -> dict[str, int]:
    """How many joined, declined or have not answered yet: counts only, never names."""
    counts = Counter(proposed.invitations.values_list("answer", flat=True))
    return {answer: counts.get(answer, 0) for answer in Invitation.Answer.values}


def _check_answerer(invitation: Invitation, person: User) -> None:
    if invitation.user_id is not None and invitation.user_id != person.pk:
        raise PermissionError


def accept(invitation: Invitation, person: User, *, host: bool) -> Membership:
    """Join the group being founded. Whoever offers to host or launch it facilitates it, if
    nobody does yet (and is its initiator if it has none). Answering again changes nothing.

    Raises PermissionError when another account already answered this invitation.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _check_answerer(invitation, person)
        proposed = ProposedGroup.objects.get(pk=invitation.group_id)
        if proposed.initiative_id is None:
            raise Refused(_("Ce groupe n'existe plus."))
        initiative = Initiative.objects.select_for_update().get(pk=proposed.initiative_id)
        group = SupportGroup.objects.get(pk=initiative.group_id)
        membership = Membership.objects.filter(user=person, group=group).first()
        already = (
            membership is not None
            and membership.is_active
            and membership.role != Membership.Role.OBSERVER
        )
        if invitation.answer == Invitation.Answer.JOINED and already:
            assert membership is not None
            return membership
        if initiative.stage not in OPEN_STAGES:
            raise Refused(
                _("Ce groupe a terminé sa création : il n'accueille plus de membres fondateurs.")
            )
        Interest.objects.get_or_create(initiative=initiative, user=person)
        membership, _created = Membership.objects.select_for_update().get_or_create(
            user=person, group=group
        )
        if not already:
            membership.status = Membership.Status.ACTIVE
            membership.role = Membership.Role.MEMBER
            membership.decided_at = timezone.now()
            membership.left_at = None
        has_facilitator = (
            group.memberships.filter(
                role=Membership.Role.FACILITATOR, status=Membership.Status.ACTIVE
            )
            .exclude(pk=membership.pk)
            .exists()
        )
        if host and not has_facilitator:
            membership.role = Membership.Role.FACILITATOR
            if initiative.initiator_id is None:
                initiative.initiator = person
                initiative.save(update_fields=["initiator", "updated_at"])
        membership.save()
        Volunteer.objects.filter(pk=invitation.volunteer_id).update(user=person)
        invitation.user = person
        invitation.answer = Invitation.Answer.JOINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["user", "answer", "answered_at"])
        record(
            AuditEvent.Action.INVITATION_ACCEPTED,
            by=person,
            subject=person,
            group=group,
            detail="facilitator" if membership.role == Membership.Role.FACILITATOR else "",
        )
    return membership


def decline(invitation: Invitation, person: User) -> Invitation:
    """No thanks. Nobody in the group is told who; a member who joined leaves from the group.

    Raises PermissionError when another account already answered this invitation.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _check_answerer(invitation, person)
        if invitation.answer != Invitation.Answer.WAITING:
            return invitation
        invitation.user = person
        invitation.answer = Invitation.Answer.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["user", "answer", "answered_at"])
        initiative = invitation.group.initiative
        record(
            AuditEvent.Action.INVITATION_DECLINED,
            by=person,
            subject=person,
            group=initiative.group if initiative else None,
            organisation=invitation.group.proposal.organisation,
        )
    return invitation
