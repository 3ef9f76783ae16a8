"""The writes of accompaniment: one function for each change, audit-logged.

The journal names who did what, never what was written: no note, no request, no answer.
A member's answer to a review is not journalled at all, so that nobody can tell from the
journal who answered.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accompaniment.defaults import DEFAULTS
from entraide.accompaniment.models import (
    Answer,
    CoordinatorNote,
    FeedbackRhythm,
    Offer,
    Question,
    Questionnaire,
    Respondent,
    Response,
    Review,
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

INTAKE = Questionnaire.Purpose.INTAKE
REVIEW = Questionnaire.Purpose.REVIEW


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


# Questionnaires and review rounds ---------------------------------------------------------------

# How long a round's questionnaire stays open ("a few weeks").
ROUND_OPEN_FOR = dt.timedelta(weeks=3)


def questionnaire_for(organisation: Organisation | None, purpose: str) -> Questionnaire:
    """The organisation's questionnaire for `purpose` (the site's, without an organisation),
    made from the default set the first time it is needed."""
    found = Questionnaire.objects.filter(organisation=organisation, purpose=purpose).first()
    if found is not None:
        return found
    default = DEFAULTS[purpose]
    try:
        with transaction.atomic():
            questionnaire = Questionnaire.objects.create(
                organisation=organisation,
                purpose=purpose,
                title=default.title,
                title_en=default.title_en,
                introduction=default.introduction,
                introduction_en=default.introduction_en,
            )
            Question.objects.bulk_create(
                Question(questionnaire=questionnaire, position=position, **asdict(question))
                for position, question in enumerate(default.questions, start=1)
            )
    except IntegrityError:
        # Made a moment ago by another request.
        return Questionnaire.objects.get(organisation=organisation, purpose=purpose)
    return questionnaire


def save_questionnaire(questionnaire: Questionnaire, *, by: User) -> Questionnaire:
    """Its title, introduction and whether it is offered; the questions have their own verbs."""
    with transaction.atomic():
        questionnaire.full_clean()
        questionnaire.save(
            update_fields=["title", "title_en", "introduction", "introduction_en", "is_active"]
        )
    return questionnaire


QUESTION_WORDS = (
    "kind",
    "wording",
    "wording_en",
    "low_label",
    "low_label_en",
    "high_label",
    "high_label_en",
    "options",
    "options_en",
)


def _renumber(questionnaire: Questionnaire) -> None:
    for position, question in enumerate(questionnaire.current_questions(), start=1):
        if question.position != position:
            question.position = position
            question.save(update_fields=["position"])


def add_question(questionnaire: Questionnaire, words: dict[str, str], *, by: User) -> Question:
    """A new question, asked last."""
    with transaction.atomic():
        last = questionnaire.current_questions().aggregate(last=Max("position"))["last"] or 0
        question = Question(questionnaire=questionnaire, position=last + 1, **words)
        question.full_clean()
        question.save()
    return question


def change_question(question: Question, words: dict[str, str], *, by: User) -> Question:
    """Reword a question. One already answered is frozen: it is retired and its new version
    takes its place, so the answers given keep the words they answered."""
    if all(getattr(question, name) == words.get(name, "") for name in QUESTION_WORDS):
        return question
    with transaction.atomic():
        if not question.answers.exists():
            for name in QUESTION_WORDS:
                setattr(question, name, words.get(name, ""))
            question.full_clean()
            question.save(update_fields=list(QUESTION_WORDS))
            return question
        Question.objects.filter(pk=question.pk).update(is_retired=True)
        new = Question(
            questionnaire=question.questionnaire,
            position=question.position,
            key=question.key,
            **{name: words.get(name, "") for name in QUESTION_WORDS},
        )
        new.full_clean()
        new.save()
    return new


def remove_question(question: Question, *, by: User) -> None:
    """No longer ask it. One already answered is kept, retired, for the rounds that asked it."""
    with transaction.atomic():
        if question.answers.exists():
            Question.objects.filter(pk=question.pk).update(is_retired=True)
        else:
            question.delete()
        _renumber(question.questionnaire)


def move_question(question: Question, *, up: bool, by: User) -> None:
    """Ask it one place earlier, or one place later."""
    with transaction.atomic():
        current = list(question.questionnaire.current_questions().select_for_update())
        index = next(i for i, found in enumerate(current) if found.pk == question.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(current):
            current[index], current[other] = current[other], current[index]
        for position, found in enumerate(current, start=1):
            if found.position != position:
                found.position = position
                found.save(update_fields=["position"])


def rhythm_of(group: SupportGroup) -> int:
    """Every how many months the group wants a review round; 0 for none after the first."""
    found = FeedbackRhythm.objects.filter(group=group).values_list("every_months", flat=True)
    return next(iter(found), FeedbackRhythm.Every.SIX)


def schedule_first_review(group: SupportGroup, by: User | None) -> None:
    """A founded group has opened: its functioning review comes a few months later."""
    schedule_review(group, timezone.localdate() + relativedelta(months=REVIEW_AFTER_MONTHS), by=by)


def schedule_review(group: SupportGroup, due_on: dt.date, *, by: User | None) -> Review:
    """Plan a review round (seed 001: the first "quelques mois après l'ouverture")."""
    review = Review.objects.create(group=group, due_on=due_on)
    record(AuditEvent.Action.REVIEW_SCHEDULED, by=by, group=group)
    return review


def set_rhythm(group: SupportGroup, every_months: int, *, by: User) -> None:
    """The facilitators choose the rhythm. With one, a round is planned at that distance when
    none is waiting; with none, the planned rounds after the first are let go."""
    with transaction.atomic():
        FeedbackRhythm.objects.update_or_create(
            group=group, defaults={"every_months": every_months}
        )
        waiting = group.reviews.filter(status__in=[Review.Status.SCHEDULED, Review.Status.OPEN])
        had_one = group.reviews.exclude(status=Review.Status.SCHEDULED).exists()
        if every_months and not waiting.exists():
            schedule_review(group, timezone.localdate() + relativedelta(months=every_months), by=by)
        elif not every_months and had_one:
            group.reviews.filter(status=Review.Status.SCHEDULED).delete()


def review_respondents(group: SupportGroup) -> list[User]:
    """Who answers the questionnaire: the active members and facilitators, not observers."""
    return [
        membership.user
        for membership in group.memberships.filter(
            status=Membership.Status.ACTIVE,
            role__in=[Membership.Role.MEMBER, Membership.Role.FACILITATOR],
        ).select_related("user")
    ]


def open_review(review: Review, *, by: User | None) -> Review:
    """Open the round with the review questionnaire of today; each member and facilitator is
    asked, in their own language. `by` is None when the periodic job opens it on its day."""
    with transaction.atomic():
        # Locked: two coordinators may open it at once; the members are asked only once.
        status = (
            Review.objects.select_for_update().values_list("status", flat=True).get(pk=review.pk)
        )
        if status != Review.Status.SCHEDULED:
            raise Refused(_("Ce questionnaire est déjà ouvert, ou le bilan est fait."))
        review.questionnaire = questionnaire_for(review.group.organisation, REVIEW)
        review.status = Review.Status.OPEN
        review.opened_at = timezone.now()
        review.closes_on = timezone.localdate() + ROUND_OPEN_FOR
        review.save(update_fields=["questionnaire", "status", "opened_at", "closes_on"])
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


def close_review(review: Review) -> Review:
    """The round's weeks are over: no more answers. The next round is planned at the group's
    rhythm, counted from this one's opening."""
    with transaction.atomic():
        updated = Review.objects.filter(pk=review.pk, status=Review.Status.OPEN).update(
            status=Review.Status.CLOSED
        )
        if not updated:
            return review
        review.status = Review.Status.CLOSED
        months = rhythm_of(review.group)
        waiting = review.group.reviews.filter(status=Review.Status.SCHEDULED).exists()
        if months and not waiting:
            opened = review.opened_at
            start = timezone.localdate(opened) if opened else timezone.localdate()
            schedule_review(review.group, start + relativedelta(months=months), by=None)
    return review


def run_rounds(today: dt.date | None = None) -> tuple[int, int]:
    """The periodic job: open the rounds whose day has come, close those whose weeks are
    over. Safe to repeat. Returns how many were opened and closed."""
    today = today or timezone.localdate()
    opened = closed = 0
    for review in Review.objects.filter(
        status=Review.Status.SCHEDULED, due_on__lte=today
    ).select_related("group__organisation"):
        try:
            open_review(review, by=None)
        except Refused:
            continue
        opened += 1
    for review in Review.objects.filter(
        status=Review.Status.OPEN, closes_on__lt=today
    ).select_related("group"):
        close_review(review)
        closed += 1
    return opened, closed


def _save_response(
    questionnaire: Questionnaire,
    group: SupportGroup,
    review: Review | None,
    answers: dict[int, int | str],
) -> Response:
    """The answers, without the person: see `Response`."""
    questions = {q.pk: q for q in questionnaire.questions.all()}
    response = Response.objects.create(
        questionnaire=questionnaire,
        group=group,
        review=review,
        month=timezone.localdate().replace(day=1),
    )
    rows = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or value in ("", None):
            continue
        if question.kind == Question.Kind.SCALE:
            rows.append(Answer(response=response, question=question, scale=int(value)))
        elif question.kind == Question.Kind.CHOICE:
            rows.append(Answer(response=response, question=question, choice=str(value)))
        else:
            rows.append(Answer(response=response, question=question, text=str(value).strip()))
    Answer.objects.bulk_create(rows)
    return response


def answer_review(review: Review, person: User, answers: dict[int, int | str]) -> Response:
    """A member's answers to an open round, once: a second answer is refused (answers carry no
    name, so they cannot be changed afterwards)."""
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        if locked.status != Review.Status.OPEN or locked.questionnaire is None:
            # The page offered the questionnaire a moment ago; it closed since.
            raise Refused(_("Le questionnaire vient d'être fermé."))
        if Respondent.objects.filter(review=locked, user=person).exists():
            raise Refused(_("Vous avez déjà répondu à ce bilan. Merci !"))
        Respondent.objects.create(
            user=person,
            group=locked.group,
            purpose=REVIEW,
            review=locked,
            state=Respondent.State.ANSWERED,
        )
        return _save_response(locked.questionnaire, locked.group, locked, answers)


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


# The questionnaire on joining a group -----------------------------------------------------------


def offer_intake(membership: Membership) -> None:
    """The membership.when_welcomed hook: the newcomer is offered the intake questionnaire,
    once per group. Never a condition for anything; they may answer, later, or never."""
    group = membership.group
    questionnaire = questionnaire_for(group.organisation, INTAKE)
    if not questionnaire.is_active or not questionnaire.current_questions().exists():
        return
    Respondent.objects.get_or_create(
        user=membership.user,
        group=group,
        purpose=INTAKE,
        defaults={"state": Respondent.State.OFFERED},
    )


def intake_offer(membership: Membership) -> Respondent | None:
    """The offer still waiting for this person in this group, if any."""
    return (
        Respondent.objects.filter(user=membership.user, group=membership.group, purpose=INTAKE)
        .exclude(state__in=[Respondent.State.ANSWERED, Respondent.State.DECLINED])
        .first()
    )


def answer_intake(membership: Membership, answers: dict[int, int | str]) -> Response:
    """The newcomer's answers, without their name; once."""
    with transaction.atomic():
        offer = (
            Respondent.objects.select_for_update()
            .filter(user=membership.user, group=membership.group, purpose=INTAKE)
            .first()
        )
        if offer is None or offer.state == Respondent.State.ANSWERED:
            raise Refused(_("Vous avez déjà répondu à ce questionnaire. Merci !"))
        offer.state = Respondent.State.ANSWERED
        offer.save(update_fields=["state"])
        questionnaire = questionnaire_for(membership.group.organisation, INTAKE)
        return _save_response(questionnaire, membership.group, None, answers)


def set_intake_aside(membership: Membership, *, for_good: bool) -> None:
    """ "Plus tard" keeps the questionnaire on the group's page only; "Non merci" removes it."""
    Respondent.objects.filter(
        user=membership.user,
        group=membership.group,
        purpose=INTAKE,
        state__in=[Respondent.State.OFFERED, Respondent.State.LATER],
    ).update(state=Respondent.State.DECLINED if for_good else Respondent.State.LATER)


def welcome_context(context: Mapping[str, Any], to: User | None) -> dict[str, Any]:
    """The worker's part of the welcome e-mail (registered in `AccompanimentConfig.ready`):
    whether the newcomer is offered the questionnaire, for one line in the welcome. The offer
    itself is written just after the welcome, so the message may be rendered before it."""
    group = context.get("group")
    if group is None or to is None:
        return {}
    questionnaire = Questionnaire.objects.filter(
        organisation=group.organisation, purpose=INTAKE
    ).first()
    set_aside = Respondent.objects.filter(
        user=to,
        group=group,
        purpose=INTAKE,
        state__in=[Respondent.State.ANSWERED, Respondent.State.DECLINED],
    ).exists()
    return {"intake_offered": (questionnaire is None or questionnaire.is_active) and not set_aside}
