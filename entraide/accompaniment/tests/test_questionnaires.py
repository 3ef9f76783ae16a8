"""The questionnaire offered on joining (optional, skippable, never a condition) and the
organisation's questionnaires, which its coordinators and admins edit without changing the
words past answers answered."""

import html as html_text
from typing import Any

import pytest
from django.test import Client

from conftest import PASSWORD, Cast
from entraide.accompaniment import actions
from entraide.accompaniment.models import Answer, Question, Questionnaire, Respondent, Response
from entraide.accompaniment.tests.rounds import answer, open_round, question
from entraide.accounts.models import User
from entraide.membership import actions as membership_actions
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db

INTAKE = "/mes-groupes/deuil-nantes/accueil/"
ASIDE = "/mes-groupes/deuil-nantes/accueil/plus-tard/"
SPACE = "/mes-groupes/deuil-nantes/"
MINE = "/mes-groupes/"


def text_of(response: Any) -> str:
    return html_text.unescape(response.content.decode())


@pytest.fixture
def eve(cast: Cast, django_capture_on_commit_callbacks: Any) -> User:
    """Ève asked to join and Alice welcomed her as a member."""
    person = User.objects.create_user("eve@example.org", PASSWORD, display_name="Ève")
    asked = membership_actions.request_to_join(person, cast.group)
    alice = Membership.objects.get(user=cast.alice, group=cast.group)
    with django_capture_on_commit_callbacks(execute=True):
        membership_actions.accept(asked, role="member", by=alice)
    return person


def test_a_welcomed_person_is_offered_the_questionnaire_gently(
    client: Client, cast: Cast, eve: User, mailoutbox: Any
) -> None:
    client.force_login(eve)

    mine = text_of(client.get(MINE))
    space = text_of(client.get(SPACE))

    assert Respondent.objects.get(user=eve).state == "offered"
    for page in (mine, space):
        assert "Quelques questions pour mieux vous accueillir" in page
        assert "Plus tard" in page and "Non merci" in page
    welcome = mailoutbox[-1].body
    assert "quelques questions vous y attendent" in welcome


def test_plus_tard_keeps_it_on_the_groups_page_only(client: Client, cast: Cast, eve: User) -> None:
    client.force_login(eve)

    client.post(ASIDE, {"choice": "later", "next": "mine"})

    assert "Quelques questions pour mieux vous accueillir" not in text_of(client.get(MINE))
    assert "Le questionnaire d'accueil, si vous voulez" in text_of(client.get(SPACE))
    assert client.get(INTAKE).status_code == 200


def test_non_merci_changes_nothing_else(client: Client, cast: Cast, eve: User) -> None:
    client.force_login(eve)

    client.post(ASIDE, {"choice": "no"})

    assert Respondent.objects.get(user=eve).state == "declined"
    space = text_of(client.get(SPACE))
    assert "accueillir" not in space.split("<h2>")[0] and "si vous voulez" not in space
    # Never a condition: she is a member as before and reaches every page of members.
    assert Membership.objects.get(user=eve).status == Membership.Status.ACTIVE
    assert client.get("/mes-groupes/deuil-nantes/bilan/").status_code == 200
    assert not Response.objects.exists()


def test_the_intake_answers_are_kept_without_the_person_once(
    client: Client, cast: Cast, eve: User
) -> None:
    questionnaire = Questionnaire.objects.get(organisation=None, purpose="intake")
    hopes = questionnaire.questions.get(key="hopes")
    heard_of = questionnaire.questions.get(key="heard_of")
    client.force_login(eve)

    client.post(INTAKE, {f"q{hopes.pk}": "Ne plus être seule", f"q{heard_of.pk}": "3"})
    again = client.post(INTAKE, {f"q{hopes.pk}": "Autre chose"})

    assert again.status_code == 302
    response = Response.objects.get()
    assert (response.group, response.review) == (cast.group, None)
    assert {(a.text, a.choice) for a in Answer.objects.all()} == {
        ("Ne plus être seule", ""),
        ("", "3"),
    }
    assert Respondent.objects.get(user=eve).state == "answered"
    assert "Il n'y a pas de questionnaire pour vous ici." in text_of(client.get(INTAKE))


def test_the_facilitators_see_what_newcomers_said_from_five_answers_on(
    client: Client, cast: Cast
) -> None:
    questionnaire = actions.questionnaire_for(None, "intake")
    hopes = questionnaire.questions.get(key="hopes")
    for number in range(5):
        person = User.objects.create_user(f"n{number}@example.org", PASSWORD, display_name="N")
        membership = Membership.objects.create(
            user=person, group=cast.group, role="observer", status=Membership.Status.ACTIVE
        )
        actions.offer_intake(membership)
        actions.answer_intake(membership, {hopes.pk: f"Espoir {number}"})

    client.force_login(cast.alice)
    facilitator = text_of(client.get("/mes-groupes/deuil-nantes/bilan/resultats/"))
    client.force_login(cast.bob)
    member = text_of(client.get("/mes-groupes/deuil-nantes/bilan/resultats/"))

    assert "Ce que les nouvelles personnes ont dit en arrivant" in facilitator
    assert "Espoir 4" in facilitator
    assert "Espoir" not in member


def test_an_inactive_intake_questionnaire_is_not_offered(
    cast: Cast, organisation: Organisation
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    questionnaire = actions.questionnaire_for(organisation, "intake")
    Questionnaire.objects.filter(pk=questionnaire.pk).update(is_active=False)
    membership = Membership.objects.get(user=cast.bob)

    actions.offer_intake(membership)

    assert not Respondent.objects.exists()


# The organisation's questionnaires ------------------------------------------------------------


def list_url(organisation: Organisation) -> str:
    return f"/organisations/{organisation.slug}/questionnaires/"


def test_an_organisation_gets_its_default_questionnaires_when_it_first_needs_them(
    client: Client, organisation: Organisation, oscar: User
) -> None:
    client.force_login(oscar)

    page = text_of(client.get(list_url(organisation)))
    client.get(list_url(organisation))

    assert Questionnaire.objects.filter(organisation=organisation).count() == 2
    assert "Bienvenue : ce que vous venez chercher" in page and "Bilan du groupe" in page
    review = Questionnaire.objects.get(organisation=organisation, purpose="review")
    assert [q.key for q in review.questions.all()] == [
        "satisfaction",
        "heard",
        "atmosphere",
        "works_well",
        "to_change",
        "support_wanted",
    ]


def test_the_questionnaire_speaks_english_to_a_reader_in_english(
    client: Client, organisation: Organisation, coralie: User
) -> None:
    questionnaire = actions.questionnaire_for(organisation, "review")
    client.force_login(coralie)
    client.cookies["entraide_language"] = "en"

    page = text_of(client.get(f"{list_url(organisation)}{questionnaire.pk}/"))

    assert "Does everyone get the chance to speak?" in page


def test_coralie_adds_rewords_moves_and_removes_questions(
    client: Client, organisation: Organisation, coralie: User
) -> None:
    questionnaire = actions.questionnaire_for(organisation, "intake")
    base = f"{list_url(organisation)}{questionnaire.pk}/"
    client.force_login(coralie)

    refused = client.post(f"{base}questions/", {"new-kind": "choice", "new-wording": "Quand ?"})
    client.post(
        f"{base}questions/",
        {"new-kind": "scale", "new-wording": "Êtes-vous à l'aise ?", "new-low_label": "non"},
    )
    added = questionnaire.questions.get(wording="Êtes-vous à l'aise ?")
    client.post(f"{base}questions/{added.pk}/deplacer/", {"direction": "up"})
    first = questionnaire.current_questions().first()
    assert first is not None
    client.post(
        f"{base}questions/{first.pk}/", {"kind": "text", "wording": "Qu'espérez-vous ici ?"}
    )
    client.post(f"{base}questions/{added.pk}/retirer/")

    assert "Donnez deux réponses possibles au moins." in text_of(refused)
    wordings = [q.wording for q in questionnaire.current_questions()]
    assert wordings[0] == "Qu'espérez-vous ici ?"
    assert wordings[-2:] == [
        "Comment avez-vous entendu parler du groupe ?",
        "Y a-t-il quelque chose que vous aimeriez que le groupe sache pour vous accueillir ?",
    ]
    assert "Êtes-vous à l'aise ?" not in wordings
    # Never answered: reworded and removed in place, nothing kept.
    assert not Question.objects.filter(is_retired=True).exists()
    assert [q.position for q in questionnaire.current_questions()] == [1, 2, 3, 4]


def test_rewording_an_answered_question_keeps_the_words_past_answers_answered(
    client: Client, cast: Cast, organisation: Organisation, coralie: User
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    review = open_round(cast.group)
    heard = question(review, "heard")
    answer(review, cast.bob, 4, 2)
    base = f"{list_url(organisation)}{heard.questionnaire_id}/"
    client.force_login(coralie)

    page = text_of(client.get(f"{base}questions/{heard.pk}/"))
    client.post(
        f"{base}questions/{heard.pk}/",
        {"kind": "scale", "wording": "Vous sentez-vous écouté·e ?", "low_label": "pas du tout"},
    )
    client.post(f"{base}questions/{question(review, 'atmosphere').pk}/retirer/")

    assert "Des personnes ont déjà répondu à cette question." in page
    heard.refresh_from_db()
    assert (heard.wording, heard.is_retired) == (
        "Chacun a-t-il la possibilité de s'exprimer ?",
        True,
    )
    assert Answer.objects.get(question__key="heard").question == heard
    new = Question.objects.get(wording="Vous sentez-vous écouté·e ?")
    assert (new.key, new.position, new.is_retired) == ("heard", heard.position, False)
    # Removing a question nobody answered deletes it; an answered one would stay, retired.
    assert not Question.objects.filter(key="atmosphere", questionnaire=new.questionnaire).exists()
    # The next round asks the new words.
    client.force_login(cast.bob)
    actions.close_review(review)
    next_round = open_round(cast.group)
    assert next_round.questionnaire == new.questionnaire
    assert "Vous sentez-vous écouté·e ?" in text_of(client.get("/mes-groupes/deuil-nantes/bilan/"))


def test_another_organisations_questionnaire_is_a_404(
    client: Client, organisation: Organisation, olivia: User
) -> None:
    questionnaire = actions.questionnaire_for(organisation, "review")
    client.force_login(olivia)

    assert client.get(f"{list_url(organisation)}{questionnaire.pk}/").status_code == 404
    assert client.get("/organisations/centre-lyon/questionnaires/").status_code == 200
    elsewhere = f"/organisations/centre-lyon/questionnaires/{questionnaire.pk}/"
    assert client.get(elsewhere).status_code == 404
