"""Helpers for the tests of review rounds: a round open with the default questionnaire, and
answers given through the action, as a member would."""

from django.utils import timezone

from entraide.accompaniment import actions
from entraide.accompaniment.models import Question, Review
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup


def open_round(group: SupportGroup) -> Review:
    review = Review.objects.create(group=group, due_on=timezone.localdate())
    return actions.open_review(review, by=None)


def question(review: Review, key: str) -> Question:
    assert review.questionnaire is not None
    return review.questionnaire.questions.get(key=key, is_retired=False)


def answer(review: Review, person: User, satisfaction: int, heard: int, text: str = "") -> None:
    answers: dict[int, int | str] = {
        question(review, "satisfaction").pk: satisfaction,
        question(review, "heard").pk: heard,
    }
    if text:
        answers[question(review, "works_well").pk] = text
    actions.answer_review(review, person, answers)
