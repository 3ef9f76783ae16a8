"""The migration that made reviews rounds of the default review questionnaire: each member's
answers become an anonymous response, and who answered is kept apart."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conftest import Cast
from entraide.accompaniment.models import Answer, Questionnaire, Respondent, Response, Review

BEFORE = [("accompaniment", "0004_offers")]


@pytest.mark.django_db(transaction=True)
def test_the_answers_of_a_review_become_anonymous_responses(cast: Cast) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldReview = old.get_model("accompaniment", "Review")
    OldAnswer = old.get_model("accompaniment", "ReviewAnswer")
    answered = OldReview.objects.create(
        group_id=cast.group.pk,
        due_on=dt.date(2026, 6, 1),
        status="done",
        opened_at=dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC),
    )
    planned = OldReview.objects.create(group_id=cast.group.pk, due_on=dt.date(2027, 1, 1))
    OldAnswer.objects.create(
        review=answered, user_id=cast.bob.pk, satisfaction=4, heard=5, works_well="L'écoute"
    )
    OldAnswer.objects.create(
        review=answered, user_id=cast.alice.pk, satisfaction=2, heard=3, to_change="L'horaire"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app at its latest again

    default = Questionnaire.objects.get(organisation=None, purpose="review")
    assert Review.objects.get(pk=answered.pk).questionnaire == default
    assert Review.objects.get(pk=planned.pk).questionnaire is None
    assert Response.objects.filter(review_id=answered.pk, questionnaire=default).count() == 2
    found = {
        (a.question.key, a.scale, a.text) for a in Answer.objects.select_related("question").all()
    }
    assert found == {
        ("satisfaction", 4, ""),
        ("heard", 5, ""),
        ("works_well", None, "L'écoute"),
        ("satisfaction", 2, ""),
        ("heard", 3, ""),
        ("to_change", None, "L'horaire"),
    }
    # The answered words are those the members read.
    assert default.questions.get(key="heard").wording == (
        "Chacun a-t-il la possibilité de s'exprimer ?"
    )
    assert set(Respondent.objects.values_list("user", "review", "state")) == {
        (cast.bob.pk, answered.pk, "answered"),
        (cast.alice.pk, answered.pk, "answered"),
    }
    assert Questionnaire.objects.filter(organisation=None, purpose="intake").exists()
