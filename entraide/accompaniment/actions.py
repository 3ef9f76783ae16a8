"""The writes of accompaniment: one function for each change, audit-logged.

The journal names who did what, never what was written: no note, no request, no answer.
A member's answer to a review is not journalled at all, so that nobody can tell from the
journal who answered.
"""

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accompaniment.models import (
    CoordinatorNote,
    Offer,
    Review,
    ReviewAnswer,
    SupportRequest,
)
from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup
from entraide.founding.actions import coordinators_of
from entraide.founding.models import REVIEW_AFTER_MONTHS, Initiative
from entraide.lib.refusals import Refused
from entraide.membership.models import Membership
from entraide.notifications.actions import Address, notify
from entraide.organisations.models import Organisation

REVIEW_ANSWER_FIELDS = ("satisfaction", "heard", "works_well", "to_change", "support_wanted")


def schedule_first_review(group: SupportGroup, by: User | None) -> None:
    """A founded group has opened: its functioning review comes a few months later."""
    schedule_review(group, timezone.localdate() + relativedelta(months=REVIEW_AFTER_MONTHS), by=by)


def schedule_review(group: SupportGroup, due_on: dt.date, *, by: User | None) -> Review:
    """Plan the group's functioning review (seed 001: "quelques mois après l'ouverture")."""
    review = Review.objects.create(group=group, due_on=due_on)
    record(AuditEvent.Action.REVIEW_SCHEDULED, by=by, group=group)
    return review


# Coordinators' notes ---------------------------------------------------------------------------


def add_note(
    initiative: Initiative, organisation: Organisation, text: str, *, by: User
) -> CoordinatorNote:
    """A private note, read only by the organisation's coordinators.

    There is no journal action for notes: a note is the coordinators' working memory, not a
    decision about anyone.
    """
    with transaction.atomic():
        return CoordinatorNote.objects.create(
            initiative=initiative, organisation=organisation, author=by, text=text
        )


# Support requests -------------------------------------------------------------------------------


# From an offer to what a group may ask for, when it chose one.
KIND_OF_OFFER = {
    Offer.Kind.ROOM: SupportRequest.Kind.ROOM,
    Offer.Kind.MATERIALS: SupportRequest.Kind.MATERIALS,
    Offer.Kind.PHOTOCOPIES: SupportRequest.Kind.MATERIALS,
    Offer.Kind.BUDGET: SupportRequest.Kind.REFRESHMENTS,
    Offer.Kind.EXPERTISE: SupportRequest.Kind.TRAINING,
    Offer.Kind.OTHER: SupportRequest.Kind.OTHER,
}


def ask_for_support(
    membership: Membership, kind: str, message: str, offer: Offer | None = None
) -> SupportRequest:
    """A member asks the group's organisation for something, one of its offers or another
    thing; its coordinators are told, or its contact address when it has none on the site."""
    group = membership.group
    organisation = group.organisation
    if organisation is None:
        raise ValueError("a group without an organisation has nobody to ask")
    if offer is not None and (offer.organisation_id != organisation.pk or not offer.is_active):
        raise Refused(_("L'organisation ne propose plus cela. Choisissez dans la liste."))
    with transaction.atomic():
        support = SupportRequest.objects.create(
            group=group,
            kind=KIND_OF_OFFER[Offer.Kind(offer.kind)] if offer is not None else kind,
            offer=offer,
            message=message,
            created_by=membership.user,
        )
        record(AuditEvent.Action.SUPPORT_REQUESTED, by=membership.user, group=group)
        coordinators = coordinators_of(organisation)
        if coordinators:
            notify(
                coordinators,
                "accompaniment/email/support_request",
                group=group,
                organisation=organisation,
                support=support,
            )
        elif organisation.contact_email:
            # Nobody answers on the site yet: the organisation is told at its contact address,
            # without who asked (coordinators never see it either).
            notify(
                Address(organisation.contact_email),
                "accompaniment/email/support_request_contact",
                group=group,
                organisation=organisation,
                support=support,
            )
    return support


def save_offer(offer: Offer, *, by: User) -> Offer:
    """Add or change one of the organisation's offers."""
    with transaction.atomic():
        offer.full_clean()
        offer.save()
    return offer


def given_over(organisation: Organisation, since: dt.datetime) -> list[dict[str, Any]]:
    """For each offer, how many times groups asked for it since `since`, and how many were
    given: what the organisation gave over a period. Counts of requests, never who asked."""
    rows = (
        SupportRequest.objects.filter(offer__organisation=organisation, created_at__gte=since)
        .values("offer")
        .annotate(asked=Count("pk"), given=Count("pk", filter=Q(given=True)))
    )
    counts: dict[int, tuple[int, int]] = {
        row["offer"]: (row["asked"], row["given"]) for row in rows
    }
    return [
        {
            "offer": offer,
            "asked": counts.get(offer.pk, (0, 0))[0],
            "given": counts.get(offer.pk, (0, 0))[1],
        }
        for offer in organisation.group_offers.all()
    ]


def answer_support_request(
    support: SupportRequest, answer: str, *, by: User, given: bool | None = None
) -> SupportRequest:
    """A coordinator answers (or answers again), saying whether it is given; the person who
    asked is told by e-mail."""
    with transaction.atomic():
        # Locked: the request may have been closed meanwhile, by a colleague.
        status = (
            SupportRequest.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=support.pk)
        )
        if status == SupportRequest.Status.CLOSED:
            raise Refused(_("Cette demande est close."))
        support.answer = answer
        support.status = SupportRequest.Status.ANSWERED
        support.answered_by = by
        support.answered_at = timezone.now()
        support.given = given
        support.save(update_fields=["answer", "status", "answered_by", "answered_at", "given"])
        record(AuditEvent.Action.SUPPORT_ANSWERED, by=by, group=support.group)
    asker = support.created_by
    if asker is not None:
        transaction.on_commit(
            lambda: notify(
                asker, "accompaniment/email/support_answered", group=support.group, support=support
            )
        )
    return support


def close_support_request(support: SupportRequest, *, by: User) -> SupportRequest:
    """Nothing more to do on this request (answered, or settled some other way)."""
    with transaction.atomic():
        support.status = SupportRequest.Status.CLOSED
        support.closed_at = timezone.now()
        support.save(update_fields=["status", "closed_at"])
        record(AuditEvent.Action.SUPPORT_CLOSED, by=by, group=support.group)
    return support


# The functioning review --------------------------------------------------------------------------


def review_respondents(group: SupportGroup) -> list[User]:
    """Who answers the questionnaire: the active members and facilitators, not observers."""
    return [
        membership.user
        for membership in group.memberships.filter(
            status=Membership.Status.ACTIVE,
            role__in=[Membership.Role.MEMBER, Membership.Role.FACILITATOR],
        ).select_related("user")
    ]


def open_review(review: Review, *, by: User) -> Review:
    """Open the questionnaire; each member and facilitator is asked, in their own language."""
    with transaction.atomic():
        # Locked: two coordinators may open it at once; the members are asked only once.
        status = (
            Review.objects.select_for_update().values_list("status", flat=True).get(pk=review.pk)
        )
        if status != Review.Status.SCHEDULED:
            raise Refused(_("Ce questionnaire est déjà ouvert, ou le bilan est fait."))
        review.status = Review.Status.OPEN
        review.opened_at = timezone.now()
        review.save(update_fields=["status", "opened_at"])
        record(AuditEvent.Action.REVIEW_OPENED, by=by, group=review.group)

    def ask() -> None:
        notify(
            review_respondents(review.group),
            "accompaniment/email/review_opened",
            group=review.group,
            review=review,
        )

    transaction.on_commit(ask)
    return review


def answer_review(review: Review, person: User, answers: dict[str, Any]) -> ReviewAnswer:
    """Save a member's answers; answering again changes them, until the review is done."""
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        if locked.status != Review.Status.OPEN:
            # The page offered the questionnaire a moment ago; the coordinator closed it since.
            raise Refused(_("Le questionnaire vient d'être fermé."))
        answer, _created = ReviewAnswer.objects.update_or_create(
            review=locked,
            user=person,
            defaults={name: answers[name] for name in REVIEW_ANSWER_FIELDS if name in answers},
        )
    return answer


def complete_review(review: Review, note: str, *, by: User) -> Review:
    """The review meeting took place: the coordinator writes its note and closes it."""
    with transaction.atomic():
        review.coordinator_note = note
        review.status = Review.Status.DONE
        review.done_at = timezone.now()
        review.done_by = by
        review.save(update_fields=["coordinator_note", "status", "done_at", "done_by"])
        record(AuditEvent.Action.REVIEW_DONE, by=by, group=review.group)
    return review
