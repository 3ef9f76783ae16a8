"""The site's default questionnaires; every existing review becomes a round of the default
review questionnaire, and each member's answers an anonymous response to its questions.

Who answered is kept apart, in `Respondent`, only so that nobody answers twice; the answers
themselves lose the person.
"""

from typing import Any

from django.db import migrations

from entraide.accompaniment.defaults import DEFAULTS

MOVED = ("satisfaction", "heard", "works_well", "to_change", "support_wanted")


def create_defaults(apps: Any) -> dict[str, Any]:
    Questionnaire = apps.get_model("accompaniment", "Questionnaire")
    Question = apps.get_model("accompaniment", "Question")
    made = {}
    for purpose, default in DEFAULTS.items():
        questionnaire, created = Questionnaire.objects.get_or_create(
            organisation=None,
            purpose=purpose,
            defaults={
                "title": default.title,
                "title_en": default.title_en,
                "introduction": default.introduction,
                "introduction_en": default.introduction_en,
            },
        )
        if created:
            for position, question in enumerate(default.questions, start=1):
                Question.objects.create(
                    questionnaire=questionnaire, position=position, **question.__dict__
                )
        made[purpose] = questionnaire
    return made


def forward(apps: Any, schema_editor: Any) -> None:
    Review = apps.get_model("accompaniment", "Review")
    ReviewAnswer = apps.get_model("accompaniment", "ReviewAnswer")
    Question = apps.get_model("accompaniment", "Question")
    Response = apps.get_model("accompaniment", "Response")
    Answer = apps.get_model("accompaniment", "Answer")
    Respondent = apps.get_model("accompaniment", "Respondent")
    review_questionnaire = create_defaults(apps)["review"]
    questions = {
        question.key: question
        for question in Question.objects.filter(questionnaire=review_questionnaire)
    }
    Review.objects.exclude(status="scheduled").update(questionnaire=review_questionnaire)
    # In random order of answers, not the order they came in: nothing to line up with the
    # respondents written below.
    for old in ReviewAnswer.objects.select_related("review").order_by("?"):
        response = Response.objects.create(
            questionnaire=review_questionnaire,
            group_id=old.review.group_id,
            review_id=old.review_id,
            month=old.answered_at.date().replace(day=1),
        )
        for key in MOVED:
            value = getattr(old, key)
            if key in ("satisfaction", "heard"):
                Answer.objects.create(response=response, question=questions[key], scale=value)
            elif value.strip():
                Answer.objects.create(response=response, question=questions[key], text=value)
    for old in ReviewAnswer.objects.select_related("review").order_by("review", "user"):
        Respondent.objects.create(
            user_id=old.user_id,
            group_id=old.review.group_id,
            purpose="review",
            review_id=old.review_id,
            state="answered",
        )


class Migration(migrations.Migration):
    dependencies = [("accompaniment", "0005_questionnaires")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
