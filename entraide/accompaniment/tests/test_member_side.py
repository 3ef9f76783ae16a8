"""The members' side: asking the organisation for support, answering the review without one's
name, once; observers and strangers get a 404, and groups without an organisation have no
support page."""

import html as html_text
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accompaniment.models import (
    Answer,
    CoordinatorNote,
    Respondent,
    Response,
    Review,
    SupportRequest,
)
from entraide.accompaniment.tests.rounds import answer, open_round, question
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.founding.models import Initiative
from entraide.lib.refusals import Refused
from entraide.organisations.models import Organisation, OrganisationRole

pytestmark = pytest.mark.django_db

SUPPORT = "/mes-groupes/deuil-nantes/soutien/"
REVIEW = "/mes-groupes/deuil-nantes/bilan/"


@pytest.fixture
def accompanied(cast: Cast, organisation: Organisation) -> Cast:
    """The cast's group, accompanied by the organisation, which has Coralie as coordinator and
    Olivia as coordinator somewhere else."""
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    coralie = User.objects.create_user("coralie@example.org", PASSWORD, display_name="Coralie")
    TOTP.activate(coralie, generate_totp_secret())
    OrganisationRole.objects.create(user=coralie, organisation=organisation, role="coordinator")
    elsewhere = Organisation.objects.create(name="Centre de Lyon", slug="centre-lyon")
    olivia = User.objects.create_user("olivia@example.org", PASSWORD, display_name="Olivia")
    OrganisationRole.objects.create(user=olivia, organisation=elsewhere, role="coordinator")
    return cast


def text_of(response: Any) -> str:
    return html_text.unescape(response.content.decode())


@pytest.mark.parametrize("path", [SUPPORT, REVIEW])
def test_a_visitor_is_asked_to_log_in(client: Client, accompanied: Cast, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


@pytest.mark.parametrize("path", [SUPPORT, REVIEW])
def test_members_and_facilitators_reach_the_pages_observers_and_strangers_do_not(
    client: Client, accompanied: Cast, path: str
) -> None:
    for person, status in [
        (accompanied.alice, 200),
        (accompanied.bob, 200),
        (accompanied.chloe, 404),
        (accompanied.dan, 404),
    ]:
        client.force_login(person)
        assert client.get(path).status_code == status, person


def test_a_group_without_an_organisation_has_no_support_page(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    assert client.get(SUPPORT).status_code == 404
    # Its review rounds are the group's own: the page is there.
    assert client.get(REVIEW).status_code == 200


def test_bob_asks_for_markers_and_the_coordinators_are_told(
    client: Client, accompanied: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(accompanied.bob)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            SUPPORT, {"kind": "materials", "message": "Un tableau et des marqueurs, svp."}
        )

    assert response.status_code == 302
    support = SupportRequest.objects.get()
    assert (support.kind, support.created_by, support.status) == (
        "materials",
        accompanied.bob,
        "open",
    )
    # Only the group's own organisation hears of it.
    assert [m.to for m in mail.outbox] == [["coralie@example.org"]]
    assert "Un tableau et des marqueurs, svp." in mail.outbox[0].body
    assert "/organisations/centre-nantes/accompagnement/deuil-nantes/" in mail.outbox[0].body
    assert AuditEvent.objects.get(action="support.requested").detail == ""
    assert "Un tableau et des marqueurs, svp." in text_of(client.get(SUPPORT))


def test_a_support_request_without_details_is_refused_and_keeps_the_choice(
    client: Client, accompanied: Cast
) -> None:
    client.force_login(accompanied.alice)

    response = client.post(SUPPORT, {"kind": "room", "message": ""})

    html = text_of(response)
    assert response.status_code == 200
    assert "Merci de corriger ce qui est indiqué ci-dessous." in html
    assert '<option value="room" selected>' in html
    assert not SupportRequest.objects.exists()


def test_an_unknown_kind_of_request_is_refused(client: Client, accompanied: Cast) -> None:
    client.force_login(accompanied.alice)

    response = client.post(SUPPORT, {"kind": "money", "message": "Beaucoup"})

    assert response.status_code == 200
    assert not SupportRequest.objects.exists()


def test_an_observer_cannot_ask_for_support(client: Client, accompanied: Cast) -> None:
    client.force_login(accompanied.chloe)

    response = client.post(SUPPORT, {"kind": "room", "message": "Une salle"})

    assert response.status_code == 404
    assert not SupportRequest.objects.exists()


def test_without_an_open_review_the_page_explains_what_a_review_is(
    client: Client, accompanied: Cast
) -> None:
    Review.objects.create(group=accompanied.group, due_on=timezone.localdate())
    client.force_login(accompanied.bob)

    html = text_of(client.get(REVIEW))

    assert "le groupe fait le point" in html
    assert "Le prochain bilan est prévu vers" in html
    assert '<form method="post" class="stack"' not in html


def test_bob_answers_the_review_once_and_sees_that_he_did(
    client: Client, accompanied: Cast
) -> None:
    review = open_round(accompanied.group)
    satisfaction = question(review, "satisfaction")
    to_change = question(review, "to_change")
    client.force_login(accompanied.bob)

    page = text_of(client.get(REVIEW))
    client.post(REVIEW, {f"q{satisfaction.pk}": "4", f"q{to_change.pk}": "L'horaire"})
    again = client.post(REVIEW, {f"q{satisfaction.pk}": "1"}, follow=True)

    assert "sans votre nom, ni pour le groupe, ni pour l'organisation" in page
    assert Respondent.objects.get(review=review).user == accompanied.bob
    answers = Answer.objects.filter(response__review=review)
    assert {(a.scale, a.text) for a in answers} == {(None, "L'horaire"), (4, "")}
    assert "Vous avez répondu à ce bilan. Merci !" in text_of(again)
    # The journal does not say who answered.
    assert not AuditEvent.objects.filter(actor=accompanied.bob).exists()


def test_a_second_answer_is_refused(accompanied: Cast) -> None:
    review = open_round(accompanied.group)
    answer(review, accompanied.bob, 4, 4)

    with pytest.raises(Refused) as refused:
        answer(review, accompanied.bob, 1, 1)

    assert str(refused.value.message) == "Vous avez déjà répondu à ce bilan. Merci !"
    assert Response.objects.count() == 1


def test_every_question_may_be_passed_but_not_all_of_them(
    client: Client, accompanied: Cast
) -> None:
    review = open_round(accompanied.group)
    client.force_login(accompanied.bob)

    empty = client.post(REVIEW, {})
    one = client.post(REVIEW, {f"q{question(review, 'heard').pk}": "5"})

    assert "Répondez à une question au moins" in text_of(empty)
    assert one.status_code == 302
    assert Answer.objects.get().scale == 5


def test_a_score_outside_one_to_five_is_refused(client: Client, accompanied: Cast) -> None:
    review = open_round(accompanied.group)
    client.force_login(accompanied.bob)

    response = client.post(
        REVIEW,
        {
            f"q{question(review, 'satisfaction').pk}": "9",
            f"q{question(review, 'works_well').pk}": "Tout",
        },
    )

    html = text_of(response)
    assert response.status_code == 200
    assert "Merci de corriger ce qui est indiqué ci-dessous." in html
    assert "Tout" in html
    assert not Response.objects.exists()


def test_an_answer_sent_after_the_review_closed_is_refused(accompanied: Cast) -> None:
    # The page offered the questionnaire, then the round closed before the answer arrived: a
    # race that one request cannot stage, so the action is called directly.
    review = open_round(accompanied.group)
    Review.objects.filter(pk=review.pk).update(status="closed")

    with pytest.raises(Refused) as refused:
        answer(review, accompanied.bob, 1, 1)

    assert str(refused.value.message) == "Le questionnaire vient d'être fermé."
    assert not Response.objects.exists()


def test_the_coordinators_notes_never_reach_the_initiator_nor_the_members(
    client: Client, accompanied: Cast, organisation: Organisation
) -> None:
    initiative = Initiative.objects.create(
        group=accompanied.group,
        initiator=accompanied.alice,
        organisation=organisation,
        accompaniment="accepted",
        stage="autonomous",
    )
    CoordinatorNote.objects.create(
        initiative=initiative, organisation=organisation, text="Alice semble épuisée."
    )
    Review.objects.create(group=accompanied.group, due_on=timezone.localdate(), status="open")

    for person in (accompanied.alice, accompanied.bob):
        client.force_login(person)
        for path in (SUPPORT, REVIEW, f"/mes-groupes/{accompanied.group.slug}/"):
            assert "Alice semble épuisée." not in text_of(client.get(path))
        group_page = f"/organisations/centre-nantes/accompagnement/{accompanied.group.slug}/"
        assert client.get(group_page).status_code == 404
