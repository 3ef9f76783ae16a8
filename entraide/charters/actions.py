"""The writes of a charter: one function for each change, audit-logged.

The consent rule lives here (`_adopt_if_ready`): a version in consent is adopted the moment
every current active member and facilitator has consented to it and no objection stands.
Observers take no part: they came to listen. Consents count for one version only, and for
the text as it stands: editing it during the consent puts the version back in preparation and
clears them. Every write locks the version's row, so that two answers given at the same
moment cannot both miss, or both cause, the adoption.
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.charters.models import (
    PARTICIPANT_ROLES,
    Charter,
    Comment,
    Consent,
    Signature,
    empty_answers,
)
from entraide.charters.questions import BY_KEY
from entraide.directory.models import SupportGroup
from entraide.lib.hooks import Hook
from entraide.lib.refusals import Refused
from entraide.membership.models import Membership
from entraide.notifications.actions import notify

# What the apps above do when a charter is adopted, inside the adoption's transaction (the
# founding journey: a group being founded becomes autonomous); they register from their
# AppConfig.ready().
when_adopted: Hook[[SupportGroup, User | None]] = Hook("charters.when_adopted")


def participants(group: SupportGroup) -> QuerySet[Membership]:
    """The active members and facilitators: those who consent, object and sign."""
    return (
        group.memberships.filter(status=Membership.Status.ACTIVE, role__in=PARTICIPANT_ROLES)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )


def _locked(charter: Charter) -> Charter:
    return Charter.objects.select_for_update().select_related("group").get(pk=charter.pk)


def _tell(people: list[User], name: str, **context: Any) -> None:
    notify(people, f"charters/email/{name}", **context)


# Starting a version ----------------------------------------------------------------------------


def start_first_charter(group: SupportGroup, *, by: User | None) -> Charter:
    """The group's first charter, as an empty draft; an existing charter is left as it is."""
    with transaction.atomic():
        charter = Charter.objects.filter(group=group).order_by("-version").first()
        if charter is None:
            charter = Charter.objects.create(group=group, version=1, created_by=by)
    return charter


def start_new_version(group: SupportGroup, *, by: Membership) -> Charter:
    """Start the first charter, or an amendment of the adopted one.

    An amendment starts from the adopted answers; the adopted version stays in force until
    the new one is adopted by the same consent. One version at a time is in preparation.
    """
    with transaction.atomic():
        # Lock the group's versions: two facilitators may click at the same moment.
        versions = list(
            Charter.objects.select_for_update().filter(group=group).order_by("-version")
        )
        if any(version.in_progress for version in versions):
            raise Refused(_("Une version de la charte est déjà en préparation."))
        if not versions:
            return start_first_charter(group, by=by.user)
        adopted = next(
            (version for version in versions if version.status == Charter.Status.ADOPTED), None
        )
        answers = dict(adopted.answers) if adopted is not None else empty_answers()
        charter = Charter.objects.create(
            group=group, version=versions[0].version + 1, answers=answers, created_by=by.user
        )
        record(
            AuditEvent.Action.CHARTER_AMENDMENT,
            by=by.user,
            group=group,
            detail=f"v{charter.version}",
        )
    return charter


# Writing and commenting ------------------------------------------------------------------------


def _reopen(charter: Charter, *, by: User) -> None:
    """Back to preparation: the consents given were for a text that no longer exists."""
    charter.consents.all().delete()
    charter.status = Charter.Status.DRAFT
    charter.consent_opened_at = None
    record(
        AuditEvent.Action.CHARTER_REOPENED, by=by, group=charter.group, detail=f"v{charter.version}"
    )


def write_section(charter: Charter, key: str, text: str, *, by: Membership) -> Charter:
    """A facilitator writes the group's answer to one question.

    During the consent, a change of text puts the version back in preparation and clears the
    consents: everyone must consent to the text as it now stands. Saving the same text again
    changes nothing.
    """
    if key not in BY_KEY:
        raise Refused(_("Cette question ne fait pas partie de la charte."))
    text = text.strip()
    with transaction.atomic():
        charter = _locked(charter)
        if not charter.in_progress:
            raise Refused(_("Cette version n'est plus en préparation."))
        if charter.answer(key) == text:
            return charter
        if charter.status == Charter.Status.CONSENT:
            _reopen(charter, by=by.user)
        charter.answers = {**(charter.answers or {}), key: text}
        charter.save(update_fields=["answers", "status", "consent_opened_at", "updated_at"])
    return charter


def add_comment(charter: Charter, key: str, text: str, proposal: str, *, by: User) -> Comment:
    """A member's remark on a section, or another wording for it."""
    if key not in BY_KEY:
        raise Refused(_("Cette question ne fait pas partie de la charte."))
    if not charter.in_progress:
        raise Refused(_("Cette version n'est plus en préparation."))
    return Comment.objects.create(
        charter=charter, question=key, author=by, text=text.strip(), proposal=proposal.strip()
    )


def take_proposal(comment: Comment, *, by: Membership) -> Comment:
    """A facilitator takes a proposed wording into the text (which may reopen the consent)."""
    if not comment.proposal.strip():
        raise Refused(_("Ce commentaire ne propose pas de formulation."))
    with transaction.atomic():
        write_section(comment.charter, comment.question, comment.proposal, by=by)
        comment.status = Comment.Status.TAKEN
        comment.save(update_fields=["status"])
    return comment


def set_aside(comment: Comment, *, by: Membership) -> Comment:
    """A facilitator sets a comment aside; it stays readable, marked as such."""
    comment.status = Comment.Status.SET_ASIDE
    comment.save(update_fields=["status"])
    return comment


# Consent ---------------------------------------------------------------------------------------


def ask_for_consent(charter: Charter, *, by: Membership) -> Charter:
    """The facilitators ask every member to consent, once every section has an answer."""
    with transaction.atomic():
        charter = _locked(charter)
        if charter.status != Charter.Status.DRAFT:
            raise Refused(_("Cette version n'est pas en préparation."))
        if not charter.is_complete:
            raise Refused(
                _(
                    "Chaque section doit avoir une réponse avant de demander le consentement. "
                    "Encore vide : %(sections)s."
                )
                % {"sections": " ; ".join(str(q.text) for q in charter.empty_questions)}
            )
        charter.consents.all().delete()
        charter.status = Charter.Status.CONSENT
        charter.consent_opened_at = timezone.now()
        charter.save(update_fields=["status", "consent_opened_at", "updated_at"])
        record(
            AuditEvent.Action.CHARTER_CONSENT_OPENED,
            by=by.user,
            group=charter.group,
            detail=f"v{charter.version}",
        )
        people = [m.user for m in participants(charter.group) if m.user != by.user]
    transaction.on_commit(
        lambda: _tell(people, "consent_asked", group=charter.group, charter=charter, by=by.user)
    )
    return charter


def answer_consent(charter: Charter, decision: str, reason: str = "", *, by: Membership) -> Consent:
    """A member consents, or objects with a reason; consenting withdraws one's objection.

    The version is adopted as soon as nobody objects and everyone has consented.
    """
    if decision not in Consent.Decision.values:
        raise ValueError(decision)
    reason = reason.strip() if decision == Consent.Decision.OBJECT else ""
    if decision == Consent.Decision.OBJECT and not reason:
        raise Refused(_("Dites au groupe ce qui vous retient : c'est ce qui permet d'avancer."))
    if not by.is_active or by.role not in PARTICIPANT_ROLES:
        raise Refused(_("Les personnes venues écouter ne prennent pas part au consentement."))
    with transaction.atomic():
        charter = _locked(charter)
        if charter.status != Charter.Status.CONSENT:
            raise Refused(
                _("Cette version n'attend plus de consentement : le texte a peut-être changé.")
            )
        consent, _created = Consent.objects.update_or_create(
            charter=charter, user=by.user, defaults={"decision": decision, "reason": reason}
        )
        record(
            AuditEvent.Action.CHARTER_CONSENTED
            if decision == Consent.Decision.CONSENT
            else AuditEvent.Action.CHARTER_OBJECTED,
            by=by.user,
            subject=by.user,
            group=charter.group,
            detail=f"v{charter.version}",
        )
        if decision == Consent.Decision.OBJECT:
            facilitators = [
                m.user
                for m in participants(charter.group)
                if m.role == Membership.Role.FACILITATOR and m.user != by.user
            ]
            transaction.on_commit(
                lambda: _tell(
                    facilitators, "objection", group=charter.group, charter=charter, by=by.user
                )
            )
        else:
            _adopt_if_ready(charter, by=by.user)
    return consent


def recheck_after_leaving(membership: Membership) -> None:
    """Someone left the group or changed role: the charter under consent may have been
    waiting for them (an observer no longer consents; a new member must)."""
    recheck(membership.group)


def recheck(group: SupportGroup) -> Charter | None:
    """Look again at the version in consent after someone left the group or changed role.

    The one who was still awaited may have left: the version may now be adopted. Returns the
    version if it was adopted just now.
    """
    with transaction.atomic():
        charter = (
            Charter.objects.select_for_update()
            .select_related("group")
            .filter(group=group, status=Charter.Status.CONSENT)
            .first()
        )
        if charter is None:
            return None
        last = charter.consents.order_by("-decided_at", "-pk").select_related("user").first()
        if _adopt_if_ready(charter, by=last.user if last else None):
            return charter
    return None


def _adopt_if_ready(charter: Charter, *, by: User | None) -> bool:
    """Adopt the locked version if every participant consents; True when adopted.

    Only the answers of the people in the group today count: an objection from someone who
    has left no longer stands, and someone who joined after the consent was asked must
    consent too.
    """
    people = list(participants(charter.group))
    if not people:
        return False
    decisions = dict(
        charter.consents.filter(user__in=[m.user_id for m in people]).values_list(
            "user_id", "decision"
        )
    )
    if len(decisions) < len(people) or any(
        decision != Consent.Decision.CONSENT for decision in decisions.values()
    ):
        return False
    # The previous version steps down first: one version is in force at a time.
    Charter.objects.filter(group=charter.group, status=Charter.Status.ADOPTED).update(
        status=Charter.Status.SUPERSEDED, updated_at=timezone.now()
    )
    charter.status = Charter.Status.ADOPTED
    charter.adopted_at = timezone.now()
    charter.save(update_fields=["status", "adopted_at", "updated_at"])
    record(
        AuditEvent.Action.CHARTER_ADOPTED, by=by, group=charter.group, detail=f"v{charter.version}"
    )
    when_adopted(charter.group, by)
    everyone = [m.user for m in people]
    transaction.on_commit(lambda: _tell(everyone, "adopted", group=charter.group, charter=charter))
    return True


# Signing ---------------------------------------------------------------------------------------


def sign(charter: Charter, *, by: Membership) -> Signature:
    """A member signs their commitment to the version in force, once."""
    if not by.is_active or by.role not in PARTICIPANT_ROLES:
        raise Refused(_("Les personnes venues écouter ne signent pas la charte."))
    with transaction.atomic():
        charter = _locked(charter)
        if charter.status != Charter.Status.ADOPTED:
            raise Refused(_("On signe la version de la charte en vigueur."))
        signature, created = Signature.objects.get_or_create(charter=charter, user=by.user)
        if created:
            record(
                AuditEvent.Action.CHARTER_SIGNED,
                by=by.user,
                subject=by.user,
                group=charter.group,
                detail=f"v{charter.version}",
            )
    return signature
