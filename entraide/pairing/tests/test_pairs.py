"""Pairs: Coralie coordinates the Nantes organisation and proposes pairs from suggestions; Bob
is a trained volunteer, Chloé asks for a peer, Alice is a second volunteer, Dan a stranger,
Olivia coordinates elsewhere. Both people accept before any contact is shown; they write to
each other through the platform; the team never reads their messages; either ends the pair."""

import datetime as dt
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.directory.models import Theme
from entraide.lib.refusals import Refused
from entraide.organisations.models import Organisation
from entraide.pairing import actions, pair_actions
from entraide.pairing.models import (
    CheckIn,
    Pair,
    PairMessage,
    PeerApplication,
    PeerRequest,
    Programme,
    TrainingModule,
)

pytestmark = pytest.mark.django_db

TEAM = "/organisations/centre-nantes/programmes/"
MINE = "/mes-demarches-individuelles/"


@pytest.fixture
def grief(theme: object) -> Theme:
    return Theme.objects.get_or_create(
        slug="deuil", defaults={"name_fr": "Deuil", "name_en": "Bereavement"}
    )[0]


@pytest.fixture
def programme(organisation: Organisation, grief: Theme) -> Programme:
    programme = Programme.objects.create(
        organisation=organisation,
        kind=Programme.Kind.PAIRING,
        name="Jumelage deuil",
        description="Un pair pour traverser un deuil.",
        languages=["fr"],
        modes=["phone", "in_person"],
        remote=True,
        is_published=True,
    )
    programme.themes.set([grief])
    TrainingModule.objects.create(programme=programme, name="Écoute active")
    return programme


def signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def volunteer(
    programme: Programme,
    person: User,
    by: User,
    *,
    themes: list[Theme],
    capacity: int = 1,
    modes: tuple[str, ...] = ("phone",),
) -> PeerApplication:
    application = actions.apply(
        programme,
        person,
        {
            "experience": "J'ai perdu mon père.",
            "motivation": "Aider.",
            "availability": ["tue-evening", "sat-morning"],
            "languages": ["fr"],
            "modes": list(modes),
            "capacity": capacity,
            "themes": themes,
            "place": None,
        },
    )
    application = actions.decide(application, "accepted", [], "Bienvenue.", by=by)
    for module in programme.modules.all():
        actions.record_training(application, module, timezone.localdate(), "Inès", by=by)
    return PeerApplication.objects.get(pk=application.pk)


def asking(programme: Programme, person: User, theme: Theme | None, **changes: str) -> PeerRequest:
    return actions.ask_for_peer(
        programme,
        person,
        {
            "theme": theme,
            "hopes": "Parler de mon deuil.",
            "languages": ["fr"],
            "availability": ["tue-evening"],
            "mode": "phone",
            "consent": True,
        }
        | changes,
    )


@pytest.fixture
def bob_volunteer(programme: Programme, cast: Cast, coralie: User, grief: Theme) -> PeerApplication:
    return volunteer(programme, cast.bob, coralie, themes=[grief])


@pytest.fixture
def chloe_asks(programme: Programme, cast: Cast, grief: Theme) -> PeerRequest:
    return asking(programme, cast.chloe, grief)


def proposed(request: PeerRequest, application: PeerApplication, by: User) -> Pair:
    return pair_actions.propose_pair(request, application, by=by)


def active(request: PeerRequest, application: PeerApplication, by: User) -> Pair:
    pair = proposed(request, application, by)
    pair_actions.accept_pair(pair, request.user)
    return pair_actions.accept_pair(pair, application.user)


def test_the_suggestions_explain_each_pair_in_words(
    programme: Programme, coralie: User, bob_volunteer: PeerApplication, chloe_asks: PeerRequest
) -> None:
    page = signed_in(coralie).get(f"{TEAM}{programme.pk}/jumelages/")

    text = page.content.decode()
    assert page.status_code == 200
    assert "même expérience : Deuil" in text
    assert "mardi soir" in text
    assert "Proposer ce jumelage avec Bob" in text
    assert "Stable" in text and "le plus grand nombre de personnes accompagnées" in text


def test_both_modes_suggest_the_only_possible_pair(
    programme: Programme, coralie: User, bob_volunteer: PeerApplication, chloe_asks: PeerRequest
) -> None:
    for mode in ("stable", "best"):
        page = signed_in(coralie).get(f"{TEAM}{programme.pk}/jumelages/?mode={mode}")
        assert page.context["suggestions"][0].volunteer == bob_volunteer


def test_the_suggestions_cost_the_same_queries_whatever_the_number_of_volunteers(
    programme: Programme, coralie: User, grief: Theme, chloe_asks: PeerRequest
) -> None:
    def queries_with(count: int) -> int:
        for number in range(PeerApplication.objects.count(), count):
            person = User.objects.create_user(f"pair{number}@example.org", display_name="Pair")
            volunteer(programme, person, coralie, themes=[grief])
        client = signed_in(coralie)
        with CaptureQueriesContext(connection) as done:
            assert client.get(f"{TEAM}{programme.pk}/jumelages/").status_code == 200
        return len(done.captured_queries)

    assert queries_with(1) == queries_with(4)


def test_a_volunteer_in_training_or_full_is_not_suggested(
    programme: Programme, cast: Cast, coralie: User, grief: Theme, chloe_asks: PeerRequest
) -> None:
    application = actions.apply(
        programme,
        cast.alice,
        {
            "experience": "Deuil.",
            "motivation": "Aider.",
            "availability": ["tue-evening"],
            "languages": ["fr"],
            "modes": ["phone"],
            "capacity": 1,
            "themes": [grief],
            "place": None,
        },
    )
    actions.decide(application, "accepted", [], "Bienvenue.", by=coralie)

    page = signed_in(coralie).get(f"{TEAM}{programme.pk}/jumelages/")

    assert page.context["suggestions"] == []
    with pytest.raises(Refused):
        pair_actions.propose_pair(chloe_asks, application, by=coralie)


def test_a_preference_not_known_lowers_and_says_so(
    programme: Programme, coralie: User, bob_volunteer: PeerApplication, cast: Cast, grief: Theme
) -> None:
    asking(programme, cast.chloe, grief, peer_gender="woman")

    page = signed_in(coralie).get(f"{TEAM}{programme.pk}/jumelages/")

    assert "préférence pas vérifiable : une femme" in page.content.decode()
    assert page.context["suggestions"][0].score < 1


def test_a_different_way_of_meeting_excludes(
    programme: Programme, coralie: User, bob_volunteer: PeerApplication, cast: Cast, grief: Theme
) -> None:
    asking(programme, cast.chloe, grief, mode="in_person")

    page = signed_in(coralie).get(f"{TEAM}{programme.pk}/jumelages/")

    assert page.context["suggestions"] == []


def test_proposing_tells_both_and_shows_no_contact_before_both_accept(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    response = signed_in(coralie).post(
        f"{TEAM}{programme.pk}/jumelages/proposer/",
        {"request": chloe_asks.pk, "volunteer": bob_volunteer.pk},
    )
    pair = Pair.objects.get()

    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="pairing.pair_proposed", actor=coralie).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@example.org", "chloe@example.org"]
    page = signed_in(cast.chloe).get(f"{MINE}jumelage/{pair.pk}/")
    assert "bob@example.org" not in page.content.decode()

    signed_in(cast.chloe).post(f"{MINE}jumelage/{pair.pk}/accepter/")
    page = signed_in(cast.chloe).get(f"{MINE}jumelage/{pair.pk}/")
    assert "bob@example.org" not in page.content.decode()

    signed_in(cast.bob).post(f"{MINE}jumelage/{pair.pk}/accepter/")
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE
    assert PeerRequest.objects.get(pk=chloe_asks.pk).status == PeerRequest.Status.MATCHED
    assert (
        "bob@example.org"
        in signed_in(cast.chloe).get(f"{MINE}jumelage/{pair.pk}/").content.decode()
    )


def test_a_pair_not_compatible_is_refused_with_a_clear_word(
    programme: Programme, cast: Cast, coralie: User, chloe_asks: PeerRequest
) -> None:
    response = signed_in(coralie).post(
        f"{TEAM}{programme.pk}/jumelages/proposer/", {"request": chloe_asks.pk, "volunteer": "x"}
    )

    assert response.status_code == 302
    assert not Pair.objects.exists()


def test_messages_are_encrypted_mailed_without_text_and_never_shown_to_the_team(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = proposed(chloe_asks, bob_volunteer, coralie)
    mail.outbox.clear()

    signed_in(cast.chloe).post(
        f"{MINE}jumelage/{pair.pk}/ecrire/", {"text": "Merci pour ton écoute."}
    )

    assert PairMessage.objects.get().text == "Merci pour ton écoute."
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM pairing_pairmessage")
        assert "écoute" not in cursor.fetchone()[0]
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "Merci pour ton" not in mail.outbox[0].body
    assert (
        "Merci pour ton écoute"
        in signed_in(cast.bob).get(f"{MINE}jumelage/{pair.pk}/").content.decode()
    )
    team_page = signed_in(coralie).get(f"{TEAM}{programme.pk}/jumelages/{pair.pk}/")
    assert team_page.status_code == 200
    assert "Merci pour ton" not in team_page.content.decode()


def test_an_empty_message_gets_a_clear_error_and_nothing_is_written(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = proposed(chloe_asks, bob_volunteer, coralie)

    response = signed_in(cast.chloe).post(f"{MINE}jumelage/{pair.pk}/ecrire/", {"text": "  "})

    assert response.status_code == 200
    assert not PairMessage.objects.exists()


def test_only_the_two_people_reach_the_pair(
    programme: Programme,
    cast: Cast,
    coralie: User,
    olivia: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = proposed(chloe_asks, bob_volunteer, coralie)

    for person in (cast.dan, cast.alice, coralie):
        assert signed_in(person).get(f"{MINE}jumelage/{pair.pk}/").status_code == 404
        assert (
            signed_in(person).post(f"{MINE}jumelage/{pair.pk}/ecrire/", {"text": "x"}).status_code
            == 404
        )
    assert signed_in(olivia).get(f"{TEAM}{programme.pk}/jumelages/{pair.pk}/").status_code == 404
    assert signed_in(cast.bob).get(f"{TEAM}{programme.pk}/jumelages/{pair.pk}/").status_code == 404


def test_declining_tells_the_other_kindly_and_the_request_waits_again(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = proposed(chloe_asks, bob_volunteer, coralie)
    mail.outbox.clear()

    signed_in(cast.bob).post(f"{MINE}jumelage/{pair.pk}/refuser/")

    pair.refresh_from_db()
    assert pair.status == Pair.Status.DECLINED and pair.ended_by == "volunteer"
    assert "chloe@example.org" in [m.to[0] for m in mail.outbox]
    page = signed_in(coralie).get(f"{TEAM}{programme.pk}/jumelages/")
    assert page.context["suggestions"][0].request == chloe_asks


def test_either_ends_without_a_reason_the_place_is_freed_and_another_peer_can_be_asked(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = active(chloe_asks, bob_volunteer, coralie)
    assert pair_actions.places_left(bob_volunteer) == 0
    mail.outbox.clear()

    response = signed_in(cast.bob).post(f"{MINE}jumelage/{pair.pk}/terminer/", {"reason": ""})

    pair.refresh_from_db()
    assert response.status_code == 302
    assert pair.status == Pair.Status.ENDED and pair.ended_by == "volunteer"
    assert AuditEvent.objects.filter(action="pairing.pair_ended", actor=cast.bob).exists()
    assert not AuditEvent.objects.filter(detail__icontains="reason").exists()
    assert pair_actions.places_left(bob_volunteer) == 1
    told = [m for m in mail.outbox if m.to == ["chloe@example.org"]]
    assert told and "no judgement" in told[0].body  # Chloé reads English
    page = signed_in(cast.chloe).get(f"{MINE}jumelage/{pair.pk}/")
    assert "Ask for another peer" in page.content.decode()

    signed_in(cast.chloe).post(f"{MINE}demande/{chloe_asks.pk}/autre-pair/")

    assert PeerRequest.objects.get(pk=chloe_asks.pk).status == PeerRequest.Status.WAITING


def test_asking_again_while_paired_is_refused(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    active(chloe_asks, bob_volunteer, coralie)

    with pytest.raises(Refused):
        pair_actions.ask_again(chloe_asks)


def test_the_safeguarding_path_is_on_the_pair_page(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = proposed(chloe_asks, bob_volunteer, coralie)

    text = signed_in(cast.chloe).get(f"{MINE}jumelage/{pair.pk}/").content.decode()

    assert 'href="/aide-maintenant/"' in text
    assert "If something worries you" in text  # Chloé reads English


def test_a_phone_shown_only_once_both_accepted_and_a_bad_one_refused(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = active(chloe_asks, bob_volunteer, coralie)

    bad = signed_in(cast.bob).post(f"{MINE}jumelage/{pair.pk}/telephone/", {"phone": "appelle-moi"})
    assert bad.status_code == 200 and Pair.objects.get().volunteer_phone == ""
    signed_in(cast.bob).post(f"{MINE}jumelage/{pair.pk}/telephone/", {"phone": "06 12 34 56 78"})

    assert (
        "06 12 34 56 78" in signed_in(cast.chloe).get(f"{MINE}jumelage/{pair.pk}/").content.decode()
    )


def test_checkins_go_at_two_six_and_twelve_weeks_once_each(
    django_capture_on_commit_callbacks: Any,
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = active(chloe_asks, bob_volunteer, coralie)
    Pair.objects.filter(pk=pair.pk).update(
        activated_at=timezone.now() - dt.timedelta(weeks=2, hours=1)
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_pair_checkins", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_pair_checkins", verbosity=0)

    assert sorted((c.side, c.week) for c in CheckIn.objects.all()) == [
        ("seeker", 2),
        ("volunteer", 2),
    ]
    assert len(mail.outbox) == 2
    Pair.objects.filter(pk=pair.pk).update(
        activated_at=timezone.now() - dt.timedelta(weeks=6, hours=1)
    )
    pair_actions.send_checkins()
    assert CheckIn.objects.filter(week=6).count() == 2


def test_a_checkin_answer_is_read_by_the_coordinator_only(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = active(chloe_asks, bob_volunteer, coralie)
    Pair.objects.filter(pk=pair.pk).update(activated_at=timezone.now() - dt.timedelta(weeks=3))
    pair_actions.send_checkins()
    mine = CheckIn.objects.get(side="seeker")
    bobs = CheckIn.objects.get(side="volunteer")

    assert signed_in(cast.bob).get(f"{MINE}jumelage/{pair.pk}/point/{mine.pk}/").status_code == 404
    response = signed_in(cast.chloe).post(
        f"{MINE}jumelage/{pair.pk}/point/{mine.pk}/",
        {"how": "4", "words": "Bob écoute si bien.", "wants_call": "on"},
    )

    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.how == 4 and mine.words == "Bob écoute si bien."
    team = signed_in(coralie).get(f"{TEAM}{programme.pk}/jumelages/{pair.pk}/").content.decode()
    assert "Bob écoute si bien." in team
    assert (
        "Bob écoute si bien."
        not in signed_in(cast.bob).get(f"{MINE}jumelage/{pair.pk}/").content.decode()
    )
    assert bobs.answered_at is None


def test_a_checkin_without_an_answer_gets_an_error(
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = active(chloe_asks, bob_volunteer, coralie)
    Pair.objects.filter(pk=pair.pk).update(activated_at=timezone.now() - dt.timedelta(weeks=3))
    pair_actions.send_checkins()
    mine = CheckIn.objects.get(side="seeker")

    response = signed_in(cast.chloe).post(
        f"{MINE}jumelage/{pair.pk}/point/{mine.pk}/", {"how": "9"}
    )

    assert response.status_code == 200
    assert CheckIn.objects.get(pk=mine.pk).answered_at is None


def test_the_admin_shows_a_pair_but_never_its_messages_or_phones(
    client: Client,
    programme: Programme,
    cast: Cast,
    coralie: User,
    bob_volunteer: PeerApplication,
    chloe_asks: PeerRequest,
) -> None:
    pair = active(chloe_asks, bob_volunteer, coralie)
    pair_actions.write_message(pair, cast.chloe, "Un secret entre nous.")
    pair_actions.give_phone(pair, cast.bob, "06 11 22 33 44")
    admin = User.objects.create_superuser("stan@example.org", "x", display_name="Stan")
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)

    page = client.get(f"/admin/pairing/pair/{pair.pk}/change/")

    assert page.status_code == 200
    assert "Un secret" not in page.content.decode()
    assert "06 11 22" not in page.content.decode()


def test_stable_keeps_the_best_fit_and_best_matches_the_most_people(
    programme: Programme, cast: Cast, coralie: User, grief: Theme
) -> None:
    """Bob meets by phone or video and shares Chloé's experience; Alice only by phone. Chloé
    fits Bob best, and Bob her; Dan asks for video, which only Bob offers. Stable gives Bob to
    Chloé and leaves Dan waiting; best matches both: Chloé with Alice, Dan with Bob."""
    bob = volunteer(programme, cast.bob, coralie, themes=[grief], modes=("phone", "video"))
    alice = volunteer(programme, cast.alice, coralie, themes=[])
    chloe = asking(programme, cast.chloe, grief)
    dan = asking(programme, cast.dan, None, mode="video")
    client = signed_in(coralie)

    stable = client.get(f"{TEAM}{programme.pk}/jumelages/?mode=stable").context
    best = client.get(f"{TEAM}{programme.pk}/jumelages/?mode=best").context

    assert {(s.request, s.volunteer) for s in stable["suggestions"]} == {(chloe, bob)}
    assert stable["unmatched"] == [dan]
    assert {(s.request, s.volunteer) for s in best["suggestions"]} == {(chloe, alice), (dan, bob)}


def test_the_coordinator_may_pick_any_compatible_volunteer(
    programme: Programme, cast: Cast, coralie: User, grief: Theme
) -> None:
    bob = volunteer(programme, cast.bob, coralie, themes=[grief])
    alice = volunteer(programme, cast.alice, coralie, themes=[])
    chloe = asking(programme, cast.chloe, grief)

    page = signed_in(coralie).get(f"{TEAM}{programme.pk}/demandes/{chloe.pk}/pairs-possibles/")
    assert [c.volunteer for c in page.context["candidates"]] == [bob, alice]
    signed_in(coralie).post(
        f"{TEAM}{programme.pk}/jumelages/proposer/", {"request": chloe.pk, "volunteer": alice.pk}
    )

    assert Pair.objects.get().volunteer == alice
