"""One group seen by its organisation's coordinators: the project and its request, private
notes, support requests and reviews; never the group's private side."""

import datetime as dt
import html as html_text
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accompaniment.models import CoordinatorNote, Review, SupportRequest
from entraide.accompaniment.tests.rounds import answer, open_round
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.charters.actions import start_first_charter
from entraide.founding.models import FoundingSession, Initiative, Interest, Relay
from entraide.founding.tests.test_initiator_support import give_date
from entraide.meetings.models import Answer, Presence
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(cast: Cast, organisation: Organisation) -> Initiative:
    """Alice's project for "Deuil Nantes" asked the organisation to accompany it."""
    return Initiative.objects.create(
        group=cast.group,
        initiator=cast.alice,
        organisation=organisation,
        accompaniment="requested",
        accompaniment_message="Nous aimerions votre aide pour trouver une salle.",
        accompaniment_requested_at=timezone.now(),
        need="Parler de nos deuils sans être jugés.",
        members_profile="Des personnes endeuillées depuis peu.",
        motivation="J'ai trouvé du soutien ailleurs et je voudrais le rendre.",
    )


def url(rest: str = "") -> str:
    return f"/organisations/centre-nantes/accompagnement/deuil-nantes/{rest}"


def page_of(client: Client, person: User) -> str:
    client.force_login(person)
    response = client.get(url())
    assert response.status_code == 200
    return html_text.unescape(response.content.decode())


def test_the_slug_of_the_cast_s_group_is_the_one_these_tests_use(cast: Cast) -> None:
    assert cast.group.slug == "deuil-nantes"


def test_coralie_reads_the_interview_and_the_request_but_not_the_group_s_private_side(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    html = page_of(client, coralie)

    assert "Parler de nos deuils sans être jugés." in html
    assert "Nous aimerions votre aide pour trouver une salle." in html
    assert "Accepter d'accompagner ce groupe" in html
    assert "Maison des associations" not in html
    assert "Bob" not in html and "Chloé" not in html


def test_a_visitor_is_asked_to_log_in(client: Client, initiative: Initiative) -> None:
    response = client.get(url())

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


@pytest.mark.parametrize("who", ["olivia", "oscar", "alice", "bob", "chloe", "dan"])
def test_nobody_else_reaches_the_coordinators_group_page(
    client: Client,
    coralie: User,
    olivia: User,
    oscar: User,
    cast: Cast,
    initiative: Initiative,
    who: str,
) -> None:
    people = {"olivia": olivia, "oscar": oscar, "alice": cast.alice, "bob": cast.bob}
    people |= {"chloe": cast.chloe, "dan": cast.dan}
    client.force_login(people[who])

    assert client.get(url()).status_code == 404
    assert client.post(url("accepter/")).status_code == 404
    assert client.post(url("notes/"), {"text": "Intrus"}).status_code == 404
    initiative.refresh_from_db()
    assert initiative.accompaniment == "requested"
    assert not CoordinatorNote.objects.exists()


def test_a_project_that_asked_another_organisation_is_out_of_reach(
    client: Client, coralie: User, initiative: Initiative, elsewhere: Organisation
) -> None:
    initiative.organisation = elsewhere
    initiative.save()
    client.force_login(coralie)

    assert client.get(url()).status_code == 404


def test_coralie_accepts_and_the_group_becomes_one_of_the_organisation_s(
    client: Client, coralie: User, initiative: Initiative, organisation: Organisation
) -> None:
    client.force_login(coralie)

    response = client.post(url("accepter/"))

    assert response.status_code == 302
    initiative.refresh_from_db()
    initiative.group.refresh_from_db()
    assert initiative.accompaniment == "accepted"
    assert initiative.group.organisation == organisation
    assert AuditEvent.objects.filter(action="accompaniment.accepted", actor=coralie).exists()
    assert "Accepter d'accompagner" not in page_of(client, coralie)


def test_declining_needs_a_word_for_the_initiator(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)

    empty = client.post(url("decliner/"), {"message": ""})
    sent = client.post(url("decliner/"), {"message": "Nous sommes complets cette année."})

    assert empty.status_code == 200
    assert "Merci de corriger ce qui est indiqué ci-dessous." in html_text.unescape(
        empty.content.decode()
    )
    assert sent.status_code == 302
    initiative.refresh_from_db()
    assert initiative.accompaniment == "declined"


def test_coralie_proposes_a_slot_in_the_group_s_time_zone(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)
    day = timezone.localdate() + dt.timedelta(days=7)

    client.post(url("rendez-vous/"), {"date": day.isoformat(), "time": "14:30", "note": "Salle 2"})

    initiative.refresh_from_db()
    assert initiative.interview_slot is not None
    local = initiative.interview_slot.astimezone(cast_zone(initiative))
    assert (local.date(), local.time()) == (day, dt.time(14, 30))
    assert initiative.interview_slot_note == "Salle 2"
    assert "Rendez-vous proposé" in page_of(client, coralie)


def cast_zone(initiative: Initiative) -> Any:
    return initiative.group.time_zone


def test_a_slot_in_the_past_is_refused_and_the_form_keeps_what_was_typed(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)

    response = client.post(
        url("rendez-vous/"), {"date": "2020-01-06", "time": "10:00", "note": "Par téléphone"}
    )

    html = html_text.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Choisissez un moment à venir." in html
    assert 'value="Par téléphone"' in html
    initiative.refresh_from_db()
    assert initiative.interview_slot is None


def test_notes_are_listed_newest_first_and_only_for_this_organisation(
    client: Client,
    coralie: User,
    olivia: User,
    initiative: Initiative,
    elsewhere: Organisation,
) -> None:
    CoordinatorNote.objects.create(
        initiative=initiative, organisation=elsewhere, author=olivia, text="Note de Lyon"
    )
    client.force_login(coralie)

    client.post(url("notes/"), {"text": "Premier appel : très motivée."})
    client.post(url("notes/"), {"text": "Deuxième appel : salle trouvée."})

    html = page_of(client, coralie)
    assert html.index("Deuxième appel") < html.index("Premier appel")
    assert "Note de Lyon" not in html
    assert CoordinatorNote.objects.filter(author=coralie).count() == 2


def test_an_empty_note_is_refused(client: Client, coralie: User, initiative: Initiative) -> None:
    client.force_login(coralie)

    response = client.post(url("notes/"), {"text": "  "})

    assert response.status_code == 200
    assert not CoordinatorNote.objects.exists()


def test_coralie_answers_a_support_request_and_bob_is_told(
    client: Client,
    coralie: User,
    cast: Cast,
    initiative: Initiative,
    organisation: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    support = SupportRequest.objects.create(
        group=cast.group, kind="room", message="Une salle le mardi soir", created_by=cast.bob
    )
    client.force_login(coralie)
    assert "Une salle le mardi soir" in page_of(client, coralie)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(f"soutien/{support.pk}/"), {f"support-{support.pk}-answer": "Salle 4, le mardi."}
        )

    support.refresh_from_db()
    assert (support.status, support.answer, support.answered_by) == (
        "answered",
        "Salle 4, le mardi.",
        coralie,
    )
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "Salle 4, le mardi." in mail.outbox[0].body
    event = AuditEvent.objects.get(action="support.answered")
    assert event.detail == ""


def test_coralie_closes_a_support_request(
    client: Client, coralie: User, cast: Cast, initiative: Initiative
) -> None:
    support = SupportRequest.objects.create(group=cast.group, kind="question", message="?")
    client.force_login(coralie)

    client.post(url(f"soutien/{support.pk}/clore/"))

    support.refresh_from_db()
    assert support.status == "closed" and support.closed_at is not None
    # A closed request is answered no more.
    client.post(url(f"soutien/{support.pk}/"), {f"support-{support.pk}-answer": "Trop tard"})
    support.refresh_from_db()
    assert support.answer == ""


def test_a_support_request_of_another_group_is_out_of_reach(
    client: Client, coralie: User, initiative: Initiative, make_group: Any
) -> None:
    other = make_group("Autre groupe")
    support = SupportRequest.objects.create(group=other, kind="question", message="?")
    client.force_login(coralie)

    assert client.post(url(f"soutien/{support.pk}/clore/")).status_code == 404


def test_opening_the_review_asks_each_member_and_facilitator_in_their_language(
    client: Client,
    coralie: User,
    cast: Cast,
    initiative: Initiative,
    organisation: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    cast.bob.preferred_language = "en"
    cast.bob.save()
    review = Review.objects.create(group=cast.group, due_on=timezone.localdate())
    client.force_login(coralie)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(f"bilans/{review.pk}/ouvrir/"))

    review.refresh_from_db()
    assert review.status == "open" and review.opened_at is not None
    # Chloé came to listen first: observers are not asked.
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    french = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    assert "sans votre nom, ni pour le groupe, ni pour l'organisation" in french.body
    assert review.questionnaire is not None and review.questionnaire.organisation == organisation
    assert "/mes-groupes/deuil-nantes/bilan/" in french.body
    assert AuditEvent.objects.filter(action="review.opened").exists()


def test_no_figure_is_shown_on_fewer_than_five_people(
    client: Client, coralie: User, cast: Cast, initiative: Initiative
) -> None:
    review = open_round(cast.group)
    answer(review, cast.alice, 5, 4, "On s'écoute vraiment.")
    answer(review, cast.bob, 2, 3, "Les horaires conviennent.")
    client.force_login(coralie)

    html = html_text.unescape(client.get(url(f"bilans/{review.pk}/")).content.decode())

    assert "2 personnes ont répondu." in html
    assert "Rien n'est montré avant 5 réponses" in html
    assert "sur 5 en moyenne" not in html
    # Nor the texts: in a small group a sentence is easy to put a name on.
    assert "On s'écoute vraiment." not in html and "Les horaires conviennent." not in html


def test_from_five_answers_on_the_averages_are_shown_without_names(
    client: Client, coralie: User, cast: Cast, initiative: Initiative
) -> None:
    review = open_round(cast.group)
    people = [cast.alice, cast.bob, cast.chloe, cast.dan]
    people.append(User.objects.create_user("eve@example.org", PASSWORD, display_name="Ève"))
    for person, (satisfaction, heard) in zip(
        people, [(5, 4), (4, 4), (3, 5), (4, 3), (5, 5)], strict=True
    ):
        answer(review, person, satisfaction, heard, f"Merci de {person.display_name}")
    client.force_login(coralie)

    html = html_text.unescape(client.get(url(f"bilans/{review.pk}/")).content.decode())

    assert "5 personnes ont répondu." in html
    assert "4,2 sur 5 en moyenne" in html
    assert "Rien n'est montré avant" not in html
    assert "Merci de Chloé" in html


def test_coralie_writes_the_meeting_note_and_the_review_is_done(
    client: Client, coralie: User, cast: Cast, initiative: Initiative
) -> None:
    review = Review.objects.create(group=cast.group, due_on=timezone.localdate(), status="open")
    client.force_login(coralie)

    empty = client.post(url(f"bilans/{review.pk}/"), {"note": ""})
    done = client.post(url(f"bilans/{review.pk}/"), {"note": "Le groupe va bien."})

    assert empty.status_code == 200
    assert done.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.coordinator_note, review.done_by) == (
        "done",
        "Le groupe va bien.",
        coralie,
    )
    event = AuditEvent.objects.get(action="review.done")
    assert event.detail == ""


@pytest.mark.parametrize("who", ["olivia", "oscar", "alice", "bob"])
def test_nobody_else_reads_the_review_answers(
    client: Client,
    olivia: User,
    oscar: User,
    cast: Cast,
    initiative: Initiative,
    who: str,
) -> None:
    review = Review.objects.create(group=cast.group, due_on=timezone.localdate(), status="open")
    people = {"olivia": olivia, "oscar": oscar, "alice": cast.alice, "bob": cast.bob}
    client.force_login(people[who])

    assert client.get(url(f"bilans/{review.pk}/")).status_code == 404
    assert client.post(url(f"bilans/{review.pk}/ouvrir/")).status_code == 404


def test_a_group_of_the_organisation_without_a_project_is_shown_as_autonomous(
    client: Client, coralie: User, cast: Cast, organisation: Organisation
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])

    html = page_of(client, coralie)

    assert "Groupe autonome" in html
    assert "Maison des associations" not in html
    assert Membership.objects.filter(group=cast.group).count() == 3
    assert "Bob" not in html


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_request_answered_once_cannot_be_answered_again(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    client.force_login(coralie)
    client.post(url("accepter/"))

    again = client.post(url("accepter/"), follow=True)
    declined = client.post(url("decliner/"), {"message": "Finalement non."}, follow=True)

    assert "Cette demande a déjà reçu une réponse." in messages_of(again)
    assert "Cette demande a déjà reçu une réponse." in messages_of(declined)
    initiative.refresh_from_db()
    assert initiative.accompaniment == "accepted"
    assert AuditEvent.objects.filter(action="accompaniment.declined").count() == 0


def test_no_interview_slot_is_proposed_once_the_request_is_declined(
    client: Client, coralie: User, initiative: Initiative
) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(accompaniment="declined")
    client.force_login(coralie)

    response = client.post(
        url("rendez-vous/"),
        {"date": "2030-03-03", "time": "18:00", "note": "Au centre"},
        follow=True,
    )

    assert "Cette demande n'est plus en cours." in messages_of(response)
    initiative.refresh_from_db()
    assert initiative.interview_slot is None


def test_a_closed_support_request_says_so_when_answered(
    client: Client, coralie: User, cast: Cast, initiative: Initiative
) -> None:
    support = SupportRequest.objects.create(
        group=cast.group, kind="question", message="?", status="closed"
    )
    client.force_login(coralie)

    response = client.post(
        url(f"soutien/{support.pk}/"), {f"support-{support.pk}-answer": "Trop tard"}, follow=True
    )

    assert "Cette demande est close." in messages_of(response)
    support.refresh_from_db()
    assert support.answer == ""


def test_a_review_is_opened_once(
    client: Client, coralie: User, cast: Cast, initiative: Initiative
) -> None:
    review = Review.objects.create(group=cast.group, due_on=timezone.localdate())
    client.force_login(coralie)
    client.post(url(f"bilans/{review.pk}/ouvrir/"))

    again = client.post(url(f"bilans/{review.pk}/ouvrir/"), follow=True)

    assert "Ce questionnaire est déjà ouvert, ou le bilan est fait." in messages_of(again)
    assert AuditEvent.objects.filter(action="review.opened").count() == 1


def accompanied_at(initiative: Initiative, stage: str) -> Initiative:
    initiative.accompaniment = Initiative.Accompaniment.ACCEPTED
    initiative.stage = stage
    initiative.save()
    initiative.group.organisation = initiative.organisation
    initiative.group.save(update_fields=["organisation"])
    return initiative


def test_the_accompanying_coordinator_follows_the_sessions_recruitment_and_charter(
    client: Client, cast: Cast, initiative: Initiative, coralie: User
) -> None:
    accompanied_at(initiative, Initiative.Stage.CHARTER)
    emma = User.objects.create_user("emma@example.org", PASSWORD, display_name="Emma")
    Interest.objects.create(
        initiative=initiative, user=emma, message="Mon mari est mort en mai.", invited_at=None
    )
    Relay.objects.create(initiative=initiative, name="Mairie de Rezé", note="Affiche posée")
    sessions = {
        kind: FoundingSession.objects.create(initiative=initiative, kind=kind)
        for kind in FoundingSession.Kind.values
    }
    held = give_date(sessions["information"], timezone.now() - dt.timedelta(days=20), "Salle 3")
    Answer.objects.create(
        meeting=held, user=cast.bob, response="coming", answered_at=timezone.now()
    )
    Presence.objects.create(meeting=held, user=cast.bob, present=True)
    held.attendance_taken_at = timezone.now()
    held.save()
    start_first_charter(cast.group, by=cast.alice)
    client.force_login(coralie)

    page = html_text.unescape(client.get(url()).content.decode())

    assert "Où en est la création du groupe" in page
    assert "Mairie de Rezé" in page and "Affiche posée" in page
    assert "1 inscription depuis la page du groupe, dont 0 invitée aux rencontres." in page
    assert "Séance d'information" in page and "Salle 3" in page
    assert "Qui vient" in page and "Bob" in page
    assert "1 personne est venue." in page
    assert "Version 1 : en préparation." in page
    # Never their contact details nor their words.
    assert "Mon mari est mort en mai." not in page
    assert "emma@example.org" not in page and "bob@example.org" not in page


def test_the_coordinator_no_longer_follows_an_autonomous_group_founding(
    client: Client, cast: Cast, initiative: Initiative, coralie: User
) -> None:
    accompanied_at(initiative, Initiative.Stage.AUTONOMOUS)
    Relay.objects.create(initiative=initiative, name="Mairie de Rezé")
    client.force_login(coralie)

    page = html_text.unescape(client.get(url()).content.decode())

    assert "Où en est la création du groupe" not in page
    assert "Mairie de Rezé" not in page


def test_an_organisation_only_asked_sees_nothing_of_the_founding_yet(
    client: Client, cast: Cast, initiative: Initiative, coralie: User
) -> None:
    initiative.stage = Initiative.Stage.FOUNDING
    initiative.save()
    session = FoundingSession.objects.create(initiative=initiative, kind="information")
    give_date(session, timezone.now() + dt.timedelta(days=3), "Salle 3")
    client.force_login(coralie)

    page = html_text.unescape(client.get(url()).content.decode())

    assert "Où en est la création du groupe" not in page and "Salle 3" not in page
