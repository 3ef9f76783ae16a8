"""One-to-one programmes: the team runs them, a person applies to be a peer supporter or asks
for a peer. Coralie coordinates the Nantes organisation, Olivia coordinates elsewhere, Bob
applies, Chloé asks for a peer, Dan is a stranger."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.lib.refusals import Refused
from entraide.organisations.models import Organisation
from entraide.pairing import actions
from entraide.pairing.models import (
    DEBRIEF_DUE_AFTER,
    Debrief,
    PeerApplication,
    PeerRequest,
    Programme,
    TrainingModule,
)

pytestmark = pytest.mark.django_db

TEAM = "/organisations/centre-nantes/programmes/"


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return Programme.objects.create(
        organisation=organisation,
        kind=Programme.Kind.PAIRING,
        name="Jumelage deuil",
        description="Un pair pour traverser un deuil.",
        languages=["fr"],
        modes=["phone", "in_person"],
        area="44000",
        criteria=["Expérience personnelle pertinente", "Capacité d'écoute et empathie"],
        intake_questions=["Depuis quand vivez-vous cette situation ?"],
        is_published=True,
    )


@pytest.fixture
def module(programme: Programme) -> TrainingModule:
    return TrainingModule.objects.create(programme=programme, name="Écoute active")


def signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def application_data(**changes: Any) -> dict[str, Any]:
    return {
        "experience": "J'ai perdu mon père il y a cinq ans.",
        "motivation": "Je voudrais aider quelqu'un comme on m'a aidé.",
        "availability": ["tue-evening", "sat-morning"],
        "languages": ["fr"],
        "modes": ["phone"],
        "capacity": "2",
    } | changes


def applied(programme: Programme, person: User) -> PeerApplication:
    data = application_data() | {"capacity": 2, "place": None}
    return actions.apply(programme, person, data)


def accepted(programme: Programme, person: User, coordinator: User) -> PeerApplication:
    application = applied(programme, person)
    return actions.decide(application, "accepted", [], "Bienvenue dans l'équipe.", by=coordinator)


def test_a_coordinator_creates_a_programme_and_it_shows_on_the_organisation_page(
    organisation: Organisation, coralie: User, theme: Any
) -> None:
    grief = theme()
    client = signed_in(coralie)

    response = client.post(
        f"{TEAM}nouveau/",
        {
            "kind": "line",
            "name": "Ligne d'écoute du soir",
            "description": "Des bénévoles vous écoutent.",
            "themes": [grief.pk],
            "languages": ["fr", "en"],
            "modes": ["phone"],
            "remote": "on",
            "criteria": "Capacité d'écoute\n\nDiversité des expériences\n",
            "intake_questions": "",
            "is_published": "on",
        },
    )

    made = Programme.objects.get()
    assert response.status_code == 302
    assert made.criteria == ["Capacité d'écoute", "Diversité des expériences"]
    assert made.is_line and list(made.themes.all()) == [grief]
    assert AuditEvent.objects.filter(action="pairing.programme", actor=coralie).exists()
    page = Client().get("/organisations/centre-nantes/").content.decode()
    assert "Ligne d&#x27;écoute du soir" in page


def test_in_person_needs_an_area_unless_remote(organisation: Organisation, coralie: User) -> None:
    response = signed_in(coralie).post(
        f"{TEAM}nouveau/",
        {
            "kind": "pairing",
            "name": "J",
            "description": "D",
            "languages": ["fr"],
            "modes": ["in_person"],
        },
    )

    assert response.status_code == 200
    assert "dites où" in response.content.decode()
    assert not Programme.objects.exists()


def test_an_unpublished_programme_is_a_404_for_everyone_but_its_team(
    programme: Programme, coralie: User, olivia: User, cast: Cast
) -> None:
    programme.is_published = False
    programme.save()

    assert Client().get(f"/programmes/{programme.pk}/").status_code == 404
    assert signed_in(cast.bob).get(f"/programmes/{programme.pk}/devenir-pair/").status_code == 404
    assert signed_in(coralie).get(f"{TEAM}{programme.pk}/").status_code == 200
    assert signed_in(olivia).get(f"{TEAM}{programme.pk}/").status_code == 404


def test_a_person_applies_and_the_team_is_told_without_the_words(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    response = signed_in(cast.bob).post(
        f"/programmes/{programme.pk}/devenir-pair/", application_data()
    )

    application = PeerApplication.objects.get()
    assert response.status_code == 302
    assert application.status == "submitted" and application.capacity == 2
    assert [m.to for m in mail.outbox] == [["coralie@example.org"]]
    assert "perdu mon père" not in mail.outbox[0].body
    with connection.cursor() as cursor:
        cursor.execute("SELECT experience FROM pairing_peerapplication")
        assert "perdu" not in cursor.fetchone()[0]


def test_meeting_in_person_needs_a_known_place(programme: Programme, cast: Cast) -> None:
    client = signed_in(cast.bob)

    missing = client.post(
        f"/programmes/{programme.pk}/devenir-pair/", application_data(modes=["in_person"])
    )
    unknown = client.post(
        f"/programmes/{programme.pk}/devenir-pair/",
        application_data(modes=["in_person"], place="Nullepart-sur-Mer"),
    )
    client.post(
        f"/programmes/{programme.pk}/devenir-pair/",
        application_data(modes=["in_person"], place="44000"),
    )

    assert "indiquez un code postal" in missing.content.decode()
    assert "Nous ne connaissons pas" in unknown.content.decode()
    assert PeerApplication.objects.get().town == "Nantes"


def test_one_open_application_a_programme(programme: Programme, cast: Cast) -> None:
    applied(programme, cast.bob)

    with pytest.raises(Refused):
        applied(programme, cast.bob)


def test_the_coordinator_schedules_the_interview_and_the_person_gets_an_e_mail(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    application = applied(programme, cast.bob)
    mail.outbox.clear()
    day = timezone.localdate() + dt.timedelta(days=5)

    signed_in(coralie).post(
        f"{TEAM}{programme.pk}/candidatures/{application.pk}/entretien/",
        {"interview-date": day.isoformat(), "interview-time": "14:30", "interview-mode": "video"},
    )

    application.refresh_from_db()
    assert application.status == "interview" and application.interview_mode == "video"
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "entretien" in mail.outbox[0].subject


def test_the_interview_notes_are_never_shown_to_the_person(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    application = applied(programme, cast.bob)
    url = f"{TEAM}{programme.pk}/candidatures/{application.pk}/"

    signed_in(coralie).post(f"{url}notes/", {"notes": "Très à l'écoute, un peu fatigué."})

    assert "un peu fatigué" in signed_in(coralie).get(url).content.decode()
    own = signed_in(cast.bob).get(f"/mes-demarches-individuelles/candidature/{application.pk}/")
    assert own.status_code == 200 and "fatigué" not in own.content.decode()
    assert (
        signed_in(cast.dan)
        .get(f"/mes-demarches-individuelles/candidature/{application.pk}/")
        .status_code
        == 404
    )


def test_the_decision_keeps_each_criterion_and_tells_the_person_kindly(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    application = applied(programme, cast.bob)
    mail.outbox.clear()

    signed_in(coralie).post(
        f"{TEAM}{programme.pk}/candidatures/{application.pk}/decision/",
        {
            "criterion_0": "met",
            "criterion_1": "to_see",
            "outcome": "declined",
            "message": "Merci beaucoup. Ce n'est pas le bon moment pour ce programme.",
        },
    )

    application.refresh_from_db()
    assert application.status == "declined" and application.decided_by == coralie
    assert application.assessment == [
        {"criterion": "Expérience personnelle pertinente", "verdict": "met"},
        {"criterion": "Capacité d'écoute et empathie", "verdict": "to_see"},
    ]
    assert "pas le bon moment" in mail.outbox[0].body
    own = signed_in(cast.bob).get(f"/mes-demarches-individuelles/candidature/{application.pk}/")
    assert "pas le bon moment" in own.content.decode()
    assert AuditEvent.objects.filter(action="pairing.declined", subject=cast.bob).exists()


def test_a_decision_without_a_message_is_refused_and_nothing_changes(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    application = applied(programme, cast.bob)

    response = signed_in(coralie).post(
        f"{TEAM}{programme.pk}/candidatures/{application.pk}/decision/",
        {"criterion_0": "met", "criterion_1": "met", "outcome": "accepted", "message": ""},
    )

    application.refresh_from_db()
    assert response.status_code == 200 and "Écrivez quelques mots" in response.content.decode()
    assert application.status == "submitted"


def test_a_volunteer_is_ready_only_when_accepted_and_every_required_module_is_done(
    programme: Programme, module: TrainingModule, coralie: User, cast: Cast
) -> None:
    optional = TrainingModule.objects.create(
        programme=programme, name="Pour aller plus loin", is_required=False
    )
    application = applied(programme, cast.bob)
    assert not application.is_ready
    with pytest.raises(Refused):
        actions.record_training(application, module, timezone.localdate(), "Inès", by=coralie)

    application = actions.decide(application, "accepted", [], "Bienvenue.", by=coralie)
    assert not application.is_ready

    signed_in(coralie).post(
        f"{TEAM}{programme.pk}/candidatures/{application.pk}/formation/",
        {
            "training-module": module.pk,
            "training-done_on": timezone.localdate().isoformat(),
            "training-trainer": "Inès",
        },
    )

    application = PeerApplication.objects.get(pk=application.pk)
    assert application.is_ready
    assert optional not in application.missing_modules()
    page = signed_in(cast.bob).get(f"/mes-demarches-individuelles/candidature/{application.pk}/")
    assert "Vous êtes prêt·e" in page.content.decode()


def test_a_withdrawn_application_is_never_ready(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    application = accepted(programme, cast.bob, coralie)

    signed_in(cast.bob).post(f"/mes-demarches-individuelles/candidature/{application.pk}/retirer/")

    application.refresh_from_db()
    assert application.status == "withdrawn" and not application.is_ready
    assert AuditEvent.objects.filter(action="pairing.withdrawn", actor=cast.bob).exists()


def test_a_volunteer_asks_for_a_debrief_and_the_team_hears_of_it(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    application = accepted(programme, cast.bob, coralie)
    mail.outbox.clear()

    signed_in(cast.bob).post(
        f"/mes-demarches-individuelles/candidature/{application.pk}/echange/",
        {"word": "Un appel difficile hier."},
    )

    debrief = Debrief.objects.get()
    assert debrief.word == "Un appel difficile hier."
    assert [m.to for m in mail.outbox] == [["coralie@example.org"]]
    assert "difficile" not in mail.outbox[0].body
    board = signed_in(coralie).get(f"{TEAM}{programme.pk}/").content.decode()
    assert "Bob" in board


def test_someone_who_is_not_a_volunteer_cannot_ask_for_a_debrief(
    programme: Programme, cast: Cast
) -> None:
    application = applied(programme, cast.bob)

    signed_in(cast.bob).post(f"/mes-demarches-individuelles/candidature/{application.pk}/echange/")

    assert not Debrief.objects.exists()


def test_the_team_sees_who_had_no_debrief_for_six_weeks(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    bob = accepted(programme, cast.bob, coralie)
    alice = accepted(programme, cast.alice, coralie)
    long_ago = timezone.now() - DEBRIEF_DUE_AFTER - dt.timedelta(days=1)
    PeerApplication.objects.filter(pk=bob.pk).update(decided_at=long_ago)
    Debrief.objects.create(
        application=alice,
        asked_at=timezone.now() - dt.timedelta(days=3),
        done_on=timezone.localdate() - dt.timedelta(days=2),
    )
    # Asked for, not yet held: Bob still needs one.
    Debrief.objects.create(application=bob)

    page = signed_in(coralie).get(f"{TEAM}{programme.pk}/")

    rows = {v.application.user.display_name: v.needs_debrief for v in page.context["volunteers"]}
    assert rows == {"Bob": True, "Alice": False}


def test_the_coordinator_notes_a_debrief_done(
    programme: Programme, coralie: User, olivia: User, cast: Cast
) -> None:
    application = accepted(programme, cast.bob, coralie)
    debrief = actions.ask_debrief(application, "")
    url = f"{TEAM}{programme.pk}/candidatures/{application.pk}/echanges/{debrief.pk}/fait/"
    today = timezone.localdate().isoformat()

    assert signed_in(olivia).post(url, {"done_on": today}).status_code == 404
    signed_in(coralie).post(url, {"done_on": today})

    debrief.refresh_from_db()
    assert debrief.done_on == timezone.localdate() and debrief.done_by == coralie


def request_data(**changes: Any) -> dict[str, Any]:
    return {
        "hopes": "Parler avec quelqu'un qui a perdu un parent.",
        "languages": ["fr"],
        "availability": ["mon-evening"],
        "mode": "phone",
        "peer_gender": "woman",
        "question_0": "Depuis six mois.",
        "consent": "on",
    } | changes


def test_asking_for_a_peer_needs_consent_and_keeps_its_date(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    client = signed_in(cast.chloe)

    refused = client.post(f"/programmes/{programme.pk}/demander-un-pair/", request_data(consent=""))
    # Chloé reads the site in English.
    assert "Your consent is needed to send the request." in refused.content.decode()
    assert not PeerRequest.objects.exists()

    client.post(f"/programmes/{programme.pk}/demander-un-pair/", request_data())

    made = PeerRequest.objects.get()
    assert made.status == "waiting" and made.consent_at is not None
    assert made.peer_gender == "woman"
    assert made.intake_answers == [
        {"question": "Depuis quand vivez-vous cette situation ?", "answer": "Depuis six mois."}
    ]
    team = signed_in(coralie).get(f"{TEAM}{programme.pk}/demandes/{made.pk}/").content.decode()
    assert "Depuis six mois." in team


def test_a_person_sees_and_withdraws_their_own_request_only(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    signed_in(cast.chloe).post(f"/programmes/{programme.pk}/demander-un-pair/", request_data())
    made = PeerRequest.objects.get()
    url = f"/mes-demarches-individuelles/demande/{made.pk}/"

    assert signed_in(cast.dan).get(url).status_code == 404
    assert signed_in(cast.dan).post(f"{url}retirer/").status_code == 404
    assert "quelqu&#x27;un qui a perdu" in signed_in(cast.chloe).get(url).content.decode()
    signed_in(cast.chloe).post(f"{url}retirer/")

    made.refresh_from_db()
    assert made.status == "withdrawn"
    assert AuditEvent.objects.filter(action="pairing.request_withdrawn").exists()
    board = signed_in(coralie).get(f"{TEAM}{programme.pk}/")
    assert board.context["requests"] == []


def test_a_listening_line_takes_no_requests_for_a_peer(programme: Programme, cast: Cast) -> None:
    programme.kind = Programme.Kind.LISTENING_LINE
    programme.save()

    signed_in(cast.chloe).post(f"/programmes/{programme.pk}/demander-un-pair/", request_data())

    assert not PeerRequest.objects.exists()


def test_my_data_holds_my_application_and_request_but_never_the_interview_notes(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    application = applied(programme, cast.bob)
    actions.write_notes(application, "Semble encore très touché.")
    signed_in(cast.bob).post(f"/programmes/{programme.pk}/demander-un-pair/", request_data())

    exported = signed_in(cast.bob).post("/compte/donnees/").content.decode()

    assert "perdu mon père" in exported and "Parler avec quelqu" in exported
    assert "très touché" not in exported


def test_deleting_the_account_erases_the_application_and_keeps_the_decision_s_programme(
    programme: Programme, coralie: User, cast: Cast
) -> None:
    accepted(programme, cast.bob, coralie)

    coralie.delete()
    cast.bob.delete()

    assert not PeerApplication.objects.exists()
    assert Programme.objects.filter(pk=programme.pk).exists()
