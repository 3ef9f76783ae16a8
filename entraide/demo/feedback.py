"""The demo's questionnaires and one review round of the demo group, answered by six members
(`data/feedback.json`), for trying the results pages. DEBUG only, like the demo people.

The round is written as members would answer it, through the actions: each answer without the
person, who is kept apart only as having answered. Running it again changes nothing: a group
that already has an answered round is left as it is.
"""

import datetime as dt
import json
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from entraide.accompaniment import actions
from entraide.accompaniment.models import FeedbackRhythm, Questionnaire, Respondent, Review
from entraide.demo.data import DemoDataError, Stories
from entraide.demo.people import demo_person
from entraide.directory.models import SupportGroup
from entraide.membership.models import Membership

FILE = Path(__file__).parent / "data" / "feedback.json"
SCALES = ("satisfaction", "heard", "atmosphere")
TEXTS = ("works_well", "to_change", "support_wanted")


def _read(stories: Stories) -> dict[str, Any]:
    raw = json.loads(FILE.read_text(encoding="utf-8"))
    for index, item in enumerate(raw["answers"]):
        where = f"feedback.json, answer {index + 1}"
        if item.get("person") not in stories.people:
            raise DemoDataError(f"{where}, field 'person': unknown person {item.get('person')!r}.")
        for name in SCALES:
            if item.get(name) not in (1, 2, 3, 4, 5):
                raise DemoDataError(f"{where}, field {name!r}: a score from 1 to 5.")
    return dict(raw)


@transaction.atomic
def load_feedback(stories: Stories) -> tuple[str, int]:
    """The organisations' questionnaires, the demo group's rhythm and an answered round;
    returns the group's name and how many answered."""
    raw = _read(stories)
    group = SupportGroup.objects.select_related("organisation").get(slug=raw["group"])
    for organisation in {group.organisation}:
        for purpose in Questionnaire.Purpose.values:
            actions.questionnaire_for(organisation, purpose)
    FeedbackRhythm.objects.get_or_create(
        group=group, defaults={"every_months": raw["every_months"]}
    )
    answered = Respondent.objects.filter(group=group, review__isnull=False).count()
    if answered:
        return group.name, answered
    opened = timezone.now() - relativedelta(months=raw["round_months_ago"])
    review = Review.objects.create(
        group=group,
        due_on=timezone.localdate(opened),
        status=Review.Status.OPEN,
        opened_at=opened,
        closes_on=timezone.localdate(opened) + dt.timedelta(weeks=3),
        questionnaire=actions.questionnaire_for(group.organisation, actions.REVIEW),
    )
    assert review.questionnaire is not None
    questions = {q.key: q.pk for q in review.questionnaire.current_questions() if q.key}
    for item in raw["answers"]:
        person = demo_person(stories, item["person"])
        Membership.objects.get_or_create(
            user=person,
            group=group,
            defaults={"role": Membership.Role.MEMBER, "status": Membership.Status.ACTIVE},
        )
        given: dict[int, int | str] = {
            questions[name]: item[name] for name in (*SCALES, *TEXTS) if item.get(name)
        }
        actions.answer_review(review, person, given)
    actions.close_review(review)
    return group.name, len(raw["answers"])
