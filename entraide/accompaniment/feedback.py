"""What the questionnaires' answers say, without anyone: figures and texts from five answers on.

Read by the round's pages, the group's results, the organisation's results, the group's health
page and the programme reports (`scores`). Every reader gets the same rule: below
`MIN_ANSWERS_FOR_FIGURES` answers, no average, no distribution and no text, since in a small
group a score or a sentence is easy to put a name on.
"""

import datetime as dt
import random
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from entraide.accompaniment.models import Answer, Question, Response, Review
from entraide.directory.models import SupportGroup

# No figure and no text is shown on fewer people than this: with three answers, someone who
# knows the group could guess who gave which score or wrote which sentence.
MIN_ANSWERS_FOR_FIGURES = 5


@dataclass
class QuestionResult:
    question: Question
    answers: int = 0
    average: float | None = None
    # (label, how many) for a scale (1 to 5) or a choice; empty below the threshold.
    distribution: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    """Answers to a questionnaire, as anyone may read them."""

    responses: int
    questions: list[QuestionResult]

    @property
    def shown(self) -> bool:
        return self.responses >= MIN_ANSWERS_FOR_FIGURES


def results(responses: QuerySet[Response]) -> Results:
    """The figures and texts of these responses, from five responses on (and for a question's
    figures, five answers to it); texts in a random order, which says nothing of who wrote them
    nor when."""
    count = responses.count()
    if count < MIN_ANSWERS_FOR_FIGURES:
        return Results(count, [])
    answers = Answer.objects.filter(response__in=responses).select_related("question")
    by_question: dict[int, list[Answer]] = defaultdict(list)
    questions: dict[int, Question] = {}
    for answer in answers:
        by_question[answer.question_id].append(answer)
        questions[answer.question_id] = answer.question
    shuffle = random.SystemRandom().shuffle
    found = []
    for question in sorted(questions.values(), key=lambda q: (q.position, q.pk)):
        given = by_question[question.pk]
        result = QuestionResult(question, len(given))
        if len(given) >= MIN_ANSWERS_FOR_FIGURES:
            if question.kind == Question.Kind.SCALE:
                scores = [a.scale for a in given if a.scale is not None]
                result.average = round(statistics.mean(scores), 1)
                given_scores = Counter(scores)
                result.distribution = [(str(n), given_scores.get(n, 0)) for n in range(1, 6)]
            elif question.kind == Question.Kind.CHOICE:
                chosen = Counter(a.choice for a in given)
                result.distribution = [
                    (label, chosen.get(str(index), 0))
                    for index, label in enumerate(question.choices)
                ]
        if question.kind == Question.Kind.TEXT:
            result.texts = [a.text for a in given if a.text.strip()]
            shuffle(result.texts)
        found.append(result)
    return Results(count, found)


def round_results(review: Review) -> Results:
    return results(Response.objects.filter(review=review))


@dataclass(frozen=True)
class RoundScores:
    """A round's number of answers and, from five on, the averages of two default questions."""

    day: dt.date
    answers: int
    satisfaction: float | None
    heard: float | None


def round_scores(group: SupportGroup) -> list[RoundScores]:
    """The group's rounds that were opened, oldest first, for its health page."""
    found = []
    for review in Review.objects.filter(group=group, opened_at__isnull=False).order_by("due_on"):
        count = Response.objects.filter(review=review).count()
        averages: dict[str, float] = {}
        if count >= MIN_ANSWERS_FOR_FIGURES:
            averages = _key_averages(Answer.objects.filter(response__review=review))
        found.append(
            RoundScores(review.due_on, count, averages.get("satisfaction"), averages.get("heard"))
        )
    return found


def _key_averages(answers: QuerySet[Answer]) -> dict[str, float]:
    """The average of each scale question answered five times or more, by its key (the
    default question it comes from, across rewordings) or, for a question of the
    organisation's own, its words."""
    values: dict[str, list[int]] = defaultdict(list)
    for key, wording, scale in answers.filter(
        question__kind=Question.Kind.SCALE, scale__isnull=False
    ).values_list("question__key", "question__wording", "scale"):
        if scale is not None:
            values[key or wording].append(scale)
    return {
        name: round(statistics.mean(found), 2)
        for name, found in values.items()
        if len(found) >= MIN_ANSWERS_FOR_FIGURES
    }
