"""Raising a concern from the group's space: the organisation's safeguarding leads are told at
once, in their language, without the content; its admins when it has no lead; and a group
without an organisation is shown where to find help."""

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.charters.models import Charter
from entraide.charters.questions import BY_KEY, QUESTIONS
from entraide.organisations.models import Organisation
from entraide.safeguarding.models import Concern, ConcernStep
from entraide.safeguarding.tests.conftest import MINE, RAISE, raise_as, text_of
from entraide.safeguarding.views import RAISE_LIMIT

pytestmark = pytest.mark.django_db

SECRET = "Paul a crié sur Jeanne et l'a menacée à la sortie."


def test_bob_raises_a_concern_and_the_safeguarding_lead_is_told_at_once_without_its_content(
    client: Client,
    accompanied: Cast,
    sabine: User,
    oscar: User,
    coralie: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = raise_as(
            client, accompanied.bob, kind="physical_threat", description=SECRET, contact="06 12"
        )

    assert response.status_code == 302 and response["Location"] == MINE
    concern = Concern.objects.get()
    assert concern.raised_by == accompanied.bob
    assert concern.organisation.slug == "centre-nantes"
    assert concern.kind == "physical_threat" and concern.status == "new"
    assert concern.description == SECRET and concern.contact == "06 12"
    # The lead only: the admin and the coordinator are not handlers while there is a lead.
    assert [m.to for m in mail.outbox] == [["sabine@example.org"]]
    message = mail.outbox[0]
    assert "Deuil Nantes" in message.subject
    assert "une menace ou une violence physique" in message.body
    assert "http://127.0.0.1:8000/organisations/centre-nantes/vigilance/" in message.body
    for private in (SECRET, "Paul", "06 12", "Bob", "bob@example.org"):
        assert private not in message.body and private not in message.subject
    assert message.reply_to == []


def test_the_lead_is_written_to_in_her_own_language(
    client: Client, accompanied: Cast, sabine: User, django_capture_on_commit_callbacks: Any
) -> None:
    sabine.preferred_language = "en"
    sabine.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        raise_as(client, accompanied.bob)

    assert mail.outbox[0].body.startswith("Hello Sabine,")
    assert "Thank you for being there for the groups." in mail.outbox[0].body


def test_without_a_lead_the_organisation_admins_are_told_and_the_page_says_so(
    client: Client,
    accompanied: Cast,
    oscar: User,
    coralie: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(accompanied.bob)
    page = text_of(client.post(RAISE, {"sorte": "crisis"}))
    assert "n'a pas encore de référent·e protection" in page
    assert "administrent l'organisation" in page

    with django_capture_on_commit_callbacks(execute=True):
        raise_as(client, accompanied.bob, kind="crisis")

    assert [m.to for m in mail.outbox] == [["oscar@example.org"]]
    client.force_login(oscar)
    board = text_of(client.get("/organisations/centre-nantes/vigilance/"))
    assert "n'a pas de référent·e protection" in board
    assert "Une personne en crise · Deuil Nantes" in board


def test_with_a_lead_the_raise_page_names_the_safeguarding_leads(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    client.force_login(accompanied.bob)

    page = text_of(client.post(RAISE, {"sorte": "complex"}))

    assert "référent·es protection de Centre d'entraide de Nantes" in page
    assert "Personne d'autre dans le groupe ne saura que vous avez écrit" in page


@pytest.mark.parametrize("who", ["alice", "bob", "chloe"])
def test_any_active_member_may_raise_a_concern_observers_too(
    client: Client, accompanied: Cast, sabine: User, who: str
) -> None:
    person = getattr(accompanied, who)

    response = raise_as(client, person, kind="complex")

    assert response.status_code == 302
    assert Concern.objects.get().raised_by == person


def test_the_journal_never_names_who_raised_it(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    raise_as(client, accompanied.bob, kind="child_protection", description=SECRET)

    event = AuditEvent.objects.get(action=AuditEvent.Action.CONCERN_RAISED)
    assert event.actor is None and event.subject is None
    assert event.group == accompanied.group
    assert event.organisation is not None and event.organisation.slug == "centre-nantes"
    assert event.detail == "child_protection"
    assert not AuditEvent.objects.filter(actor=accompanied.bob).exists()
    assert not AuditEvent.objects.filter(subject=accompanied.bob).exists()


def test_the_description_contact_and_notes_are_never_in_plaintext_in_the_database(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    raise_as(client, accompanied.bob, description=SECRET, contact="06 12 34 56 78")
    concern = Concern.objects.get()
    client.force_login(sabine)
    base = f"/organisations/centre-nantes/vigilance/{concern.pk}/"
    client.post(base + "prendre-en-compte/", {"acknowledge-message": "Nous vous appelons."})
    client.post(base + "noter/", {"note-note": "Appel à Jeanne fait mardi."})

    with connection.cursor() as cursor:
        cursor.execute("SELECT description, contact FROM safeguarding_concern")
        stored = [str(value) for value in cursor.fetchone()]
        cursor.execute("SELECT note, message FROM safeguarding_concernstep")
        stored += [str(value) for row in cursor.fetchall() for value in row]
    everything = " ".join(stored)
    for plaintext in (SECRET, "Paul", "06 12", "Nous vous appelons", "Appel à Jeanne"):
        assert plaintext not in everything
    assert all(value.startswith("gAAAA") for value in stored)


def test_a_facilitator_may_speak_on_behalf_of_the_group_a_member_may_not(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    client.force_login(accompanied.alice)
    assert "J'écris au nom du groupe" in text_of(client.post(RAISE, {"sorte": "complex"}))
    client.force_login(accompanied.bob)
    assert "J'écris au nom du groupe" not in text_of(client.post(RAISE, {"sorte": "complex"}))

    raise_as(client, accompanied.alice, on_behalf_of_group="on")
    raise_as(client, accompanied.bob, on_behalf_of_group="on")

    by_person = dict(Concern.objects.values_list("raised_by__email", "on_behalf_of_group"))
    assert by_person == {"alice@example.org": True, "bob@example.org": False}


def adopt_charter(cast: Cast, breaches: str) -> Charter:
    answers = {question.key: "Oui." for question in QUESTIONS}
    answers["breaches"] = breaches
    return Charter.objects.create(
        group=cast.group,
        version=1,
        status=Charter.Status.ADOPTED,
        adopted_at=timezone.now(),
        answers=answers,
    )


def test_for_a_conflict_the_charter_s_own_answer_comes_first_then_a_mediation_is_offered(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    adopt_charter(accompanied, "On en reparle au tour d'ouverture, avec bienveillance.")
    client.force_login(accompanied.bob)

    page = text_of(client.post(RAISE, {"sorte": "conflict"}))

    assert "Ce que dit votre charte" in page
    assert "Que faisons-nous quand quelqu'un ne respecte pas nos règles ?" in page
    assert "On en reparle au tour d'ouverture, avec bienveillance." in page
    assert page.index("On en reparle") < page.index("Je demande une médiation")
    assert page.index("Je demande une médiation") < page.index("Ce qui se passe")


def test_without_an_adopted_charter_the_suggestion_is_shown(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    client.force_login(accompanied.bob)

    page = text_of(client.post(RAISE, {"sorte": "charter_breach"}))

    assert "Ce que proposent les chartes de groupe" in page
    assert str(BY_KEY["breaches"].suggestion) in page
    assert "Je demande une médiation" in page


def test_other_kinds_show_neither_the_charter_nor_a_mediation(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    adopt_charter(accompanied, "On en reparle au tour d'ouverture.")
    client.force_login(accompanied.bob)

    page = text_of(client.post(RAISE, {"sorte": "child_protection"}))

    assert "On en reparle" not in page
    assert "Je demande une médiation" not in page
    assert "Il s'agit de : la sécurité d'un enfant." in page


def test_a_mediation_is_recorded_for_a_conflict_only(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    raise_as(client, accompanied.bob, kind="conflict", mediation="on")
    raise_as(client, accompanied.bob, kind="crisis", mediation="on")

    by_kind = dict(Concern.objects.values_list("kind", "mediation_requested"))
    assert by_kind == {"conflict": True, "crisis": False}


def test_the_first_step_asks_what_it_is_about(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    client.force_login(accompanied.bob)

    page = text_of(client.get(RAISE))

    assert "Étape 1 sur 2 : de quoi s'agit-il ?" in page
    for label in Concern.Kind.labels:
        assert str(label)[0].upper() + str(label)[1:] in page
    assert "Si quelqu'un est en danger maintenant, appelez les secours." in page
    assert "/aide-maintenant/?pays=FR" in page


def test_validation_errors_are_translated_and_nothing_is_sent(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    client.force_login(accompanied.bob)

    no_kind = text_of(client.post(RAISE, {"sorte": "nonsense"}))
    empty = text_of(client.post(RAISE, {"kind": "conflict", "description": "   "}))
    too_long = text_of(client.post(RAISE, {"kind": "conflict", "description": "x" * 5001}))
    forged = text_of(client.post(RAISE, {"kind": "nonsense", "description": "Bonjour"}))

    assert "Choisissez de quoi il s'agit." in no_kind
    assert "Dites en quelques mots ce qui se passe." in empty
    assert "Ce texte est trop long : 5000 caractères au plus." in too_long
    assert "Choisissez de quoi il s'agit." in forged
    for page in (no_kind, empty, too_long, forged):
        assert "This field" not in page and "Select a valid choice" not in page
    assert not Concern.objects.exists()
    assert mail.outbox == []


def test_the_text_typed_stays_in_the_form_when_it_comes_back(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    client.force_login(accompanied.bob)

    page = text_of(
        client.post(RAISE, {"kind": "conflict", "description": "x" * 5001, "contact": "Le soir"})
    )

    assert 'value="Le soir"' in page
    assert 'name="kind" value="conflict"' in page


def test_many_concerns_in_a_day_are_held_back(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    for _ in range(RAISE_LIMIT):
        assert raise_as(client, accompanied.bob).status_code == 302

    page = text_of(raise_as(client, accompanied.bob, description="Encore une chose."))

    assert "Vous avez envoyé beaucoup de signalements aujourd'hui." in page
    assert "Encore une chose." in page
    assert Concern.objects.count() == RAISE_LIMIT


def test_a_group_without_an_organisation_shows_help_now_and_where_to_find_one(
    client: Client, cast: Cast, organisation: Organisation, elsewhere: Organisation
) -> None:
    elsewhere.country = "BE"
    elsewhere.save(update_fields=["country"])
    client.force_login(cast.bob)

    page = text_of(client.get(RAISE))
    posted = client.post(RAISE, {"kind": "conflict", "description": "Bonjour"})

    assert "Votre groupe n'est pas accompagné par une organisation." in page
    assert 'href="/aide-maintenant/?pays=FR"' in page
    assert 'href="/organisations/centre-nantes/"' in page
    assert "Centre de Lyon" not in page
    assert "Les personnes qui animent le groupe peuvent demander" in page
    assert "<textarea" not in page
    assert posted.status_code == 200
    assert not Concern.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="concern.").exists()


def test_a_facilitator_without_an_organisation_is_told_she_may_ask_one(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    client.force_login(cast.alice)

    page = text_of(client.get(RAISE))

    assert "Vous animez ce groupe : vous pouvez demander" in page


def test_no_step_exists_until_a_handler_acts(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    raise_as(client, accompanied.bob)

    assert not ConcernStep.objects.exists()


def test_the_kind_of_a_concern_never_travels_in_the_address(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    client.force_login(accompanied.bob)

    first_step = client.get(RAISE).content.decode()
    second_step = client.post(RAISE, {"sorte": "child_protection"})

    assert '<form method="post"' in first_step and 'method="get"' not in first_step
    assert second_step.status_code == 200
    assert "Étape 2 sur 2" in text_of(second_step)
    assert "child_protection" not in second_step.wsgi_request.get_full_path()
