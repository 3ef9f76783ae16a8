"""Feedback over time (seed 002): review rounds at the group's rhythm, answers without the
person, figures and texts from five answers on, and the scores the health page reads."""

import datetime as dt
import html as html_text
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import models
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accompaniment import actions
from entraide.accompaniment.feedback import round_scores
from entraide.accompaniment.models import (
    Answer,
    FeedbackRhythm,
    Respondent,
    Response,
    Review,
)
from entraide.accompaniment.tests.rounds import answer, open_round, question
from entraide.accounts.models import User
from entraide.health.alerts import unanswered
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

RESULTS = "/mes-groupes/deuil-nantes/bilan/resultats/"
RHYTHM = "/mes-groupes/deuil-nantes/bilan/rythme/"


def text_of(response: Any) -> str:
    return html_text.unescape(response.content.decode())


def members(cast: Cast, count: int) -> list[User]:
    """Bob, Alice, then new members of the group, up to `count` people."""
    people = [cast.bob, cast.alice]
    for number in range(count - 2):
        person = User.objects.create_user(
            f"m{number}@example.org", PASSWORD, display_name=f"Membre {number}"
        )
        Membership.objects.create(
            user=person, group=cast.group, role="member", status=Membership.Status.ACTIVE
        )
        people.append(person)
    return people[:count]


def test_an_answer_has_no_way_back_to_the_person(cast: Cast) -> None:
    review = open_round(cast.group)
    answer(review, cast.bob, 4, 5, "Merci à tous")

    # No column of an answer points at a person, and their identifiers follow no order that
    # could be lined up with the respondents'.
    for model in (Response, Answer):
        for found in model._meta.concrete_fields:
            if isinstance(found, models.ForeignKey):
                assert found.related_model is not User, (model, found.name)
        assert isinstance(model._meta.pk, models.UUIDField)
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id",
        "questionnaire",
        "group",
        "review",
        "month",
    }
    # The respondent row says only that Bob answered: no date, no link to the answers.
    assert {f.name for f in Respondent._meta.concrete_fields} == {
        "id",
        "user",
        "group",
        "purpose",
        "review",
        "state",
    }
    response = Response.objects.get()
    assert response.month == timezone.localdate().replace(day=1)
    assert Respondent.objects.get().user == cast.bob


def test_members_see_their_groups_results_only_from_five_answers(
    client: Client, cast: Cast
) -> None:
    review = open_round(cast.group)
    people = members(cast, 5)
    for person in people[:4]:
        answer(review, person, 4, 4, f"Écrit par {person.display_name}")
    client.force_login(cast.bob)

    four = text_of(client.get(RESULTS))
    answer(review, people[4], 2, 3, f"Écrit par {people[4].display_name}")
    five = text_of(client.get(RESULTS))

    assert "4 personnes ont répondu." in four
    assert "sur 5 en moyenne" not in four and "Écrit par" not in four
    assert "5 personnes ont répondu." in five
    assert "3,6 sur 5 en moyenne" in five
    assert all(f"Écrit par {person.display_name}" in five for person in people)


def test_the_facilitators_choose_the_rhythm_and_a_round_is_planned(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.bob)
    assert client.get(RHYTHM).status_code == 404
    client.force_login(cast.alice)

    response = client.post(RHYTHM, {"every_months": "3"})

    assert response.status_code == 302
    assert FeedbackRhythm.objects.get(group=cast.group).every_months == 3
    planned = Review.objects.get(group=cast.group)
    assert planned.status == "scheduled"
    assert planned.due_on > timezone.localdate() + dt.timedelta(days=80)


def test_a_round_opens_on_its_day_closes_after_three_weeks_and_the_next_follows_the_rhythm(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    FeedbackRhythm.objects.create(group=cast.group, every_months=6)
    today = timezone.localdate()
    first = Review.objects.create(group=cast.group, due_on=today)

    with django_capture_on_commit_callbacks(execute=True):
        assert actions.run_rounds(today) == (1, 0)
    first.refresh_from_db()
    assert first.status == "open" and first.closes_on == today + dt.timedelta(weeks=3)
    # Members and facilitators are told; the observer came to listen first.
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    assert actions.run_rounds(today) == (0, 0)  # safe to repeat

    assert actions.run_rounds(today + dt.timedelta(weeks=3, days=1)) == (0, 1)
    first.refresh_from_db()
    following = Review.objects.get(group=cast.group, status="scheduled")
    assert first.status == "closed"
    assert following.due_on == today + relativedelta(months=6)


def test_without_a_rhythm_no_round_follows(cast: Cast) -> None:
    FeedbackRhythm.objects.create(group=cast.group, every_months=0)
    review = open_round(cast.group)

    actions.close_review(review)

    assert not Review.objects.filter(status="scheduled").exists()


def test_an_answered_round_is_no_alert_on_the_board(cast: Cast) -> None:
    review = open_round(cast.group)
    Review.objects.filter(pk=review.pk).update(opened_at=timezone.now() - dt.timedelta(days=20))

    before = unanswered([cast.group.pk], timezone.now())
    answer(review, cast.bob, 3, 3)

    assert before == {cast.group.pk}
    assert unanswered([cast.group.pk], timezone.now()) == set()


def test_a_question_passed_counts_for_nothing_in_its_average(cast: Cast) -> None:
    review = open_round(cast.group)
    people = members(cast, 6)
    for person in people[:5]:
        answer(review, person, 4, 2)
    actions.answer_review(review, people[5], {question(review, "works_well").pk: "Bien"})

    (found,) = round_scores(cast.group)

    assert found.answers == 6
    assert (found.satisfaction, found.heard) == (4.0, 2.0)


def test_the_organisation_sees_its_review_questionnaire_across_groups_from_five_answers(
    client: Client, cast: Cast, organisation: Organisation, coralie: User, make_group: Any
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    other = make_group("Deuil Rezé")
    other.organisation = organisation
    other.save(update_fields=["organisation"])
    first, second = open_round(cast.group), open_round(other)
    answer(first, cast.bob, 4, 4, "Un beau groupe")
    answer(first, cast.alice, 4, 4)
    answer(second, cast.bob, 2, 2)
    questionnaire = first.questionnaire
    assert questionnaire is not None and second.questionnaire == questionnaire
    url = f"/organisations/{organisation.slug}/questionnaires/{questionnaire.pk}/resultats/"
    client.force_login(coralie)

    three = text_of(client.get(url))
    for number in range(2):
        person = User.objects.create_user(f"x{number}@example.org", PASSWORD, display_name="X")
        answer(second, person, 5, 5)
    five = text_of(client.get(url))

    assert "3 personnes ont répondu." in three and "Un beau groupe" not in three
    assert "de 2 groupes ensemble" in five
    assert "4,0 sur 5 en moyenne" in five and "Un beau groupe" in five


def test_an_answered_question_is_never_deleted_alone_but_leaves_with_its_organisation(
    cast: Cast, organisation: Organisation
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    review = open_round(cast.group)
    answer(review, cast.bob, 4, 4)

    with pytest.raises(models.RestrictedError):
        question(review, "heard").delete()
    organisation.delete()

    assert not Response.objects.exists() and not Answer.objects.exists()
    review.refresh_from_db()
    assert review.questionnaire is None
