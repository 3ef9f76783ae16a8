"""Shared leadership (issue 17, part 7). Bob, Alice and Chloé volunteer in the Nantes pairing
programme that Coralie coordinates; they see its figures and adopt changes by consent. Dan only
applied; Olivia coordinates elsewhere; Zoé volunteers in another programme."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.actions import delete_person
from entraide.accounts.models import User
from entraide.accounts.personal_data import export_person
from entraide.audit.models import AuditEvent
from entraide.directory.models import Theme
from entraide.lib.refusals import Refused
from entraide.organisations.models import Organisation
from entraide.pairing import actions, change_actions, line_actions, pair_actions
from entraide.pairing.figures import programme_figures
from entraide.pairing.models import (
    Change,
    ChangeAnswer,
    CheckIn,
    LineShift,
    Pair,
    PeerApplication,
    PeerRequest,
    Programme,
    ShiftAssignment,
    TrainingModule,
)
from entraide.pairing.suggestions import peer_profile
from entraide.pairing.tests.test_pairs import asking, grief, programme, signed_in, volunteer

__all__ = ["grief", "programme"]

pytestmark = pytest.mark.django_db

MINE = "/mes-demarches-individuelles/programmes/"
TEAM = "/organisations/centre-nantes/programmes/"
PROPOSAL = {
    "topic": "training",
    "title": "Un module sur le deuil périnatal",
    "text": "Plusieurs demandes en parlent ; nous ne savons pas bien accueillir ces histoires.",
}


@pytest.fixture
def team(programme: Programme, cast: Cast, coralie: User, grief: Theme) -> list[PeerApplication]:
    """Bob, Alice and Chloé, accepted volunteers of the programme."""
    return [
        volunteer(programme, person, coralie, themes=[grief])
        for person in (cast.bob, cast.alice, cast.chloe)
    ]


def proposed(team: list[PeerApplication], **changes: str) -> Change:
    return change_actions.propose(team[0], PROPOSAL | changes)


def answered(change: Change, application: PeerApplication, decision: str, reason: str = "") -> None:
    change_actions.answer(change, application, decision, reason)


def status(change: Change) -> str:
    change.refresh_from_db()
    return change.status


# Proposing and consenting -----------------------------------------------------------------------


def test_a_volunteer_proposes_a_change_and_the_others_are_asked_without_its_words(
    programme: Programme, team: list[PeerApplication], cast: Cast
) -> None:
    mail.outbox.clear()

    response = signed_in(cast.bob).post(f"{MINE}{programme.pk}/ensemble/proposer/", PROPOSAL)

    change = Change.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{MINE}{programme.pk}/ensemble/propositions/{change.pk}/"
    assert (change.author, change.status, change.version) == (cast.bob, "open", 1)
    assert change.answers.get().user == cast.bob  # proposing is consenting
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "chloe@example.org"]
    for message in mail.outbox:
        assert "périnatal" not in f"{message.subject} {message.body}"
        assert f"/ensemble/propositions/{change.pk}/" in message.body
    journal = AuditEvent.objects.get(action=AuditEvent.Action.CHANGE_PROPOSED)
    assert (journal.actor, journal.detail) == (cast.bob, f"change {change.pk}")


def test_the_words_of_a_proposal_and_an_objection_are_encrypted_at_rest(
    team: list[PeerApplication],
) -> None:
    change = proposed(team)
    answered(change, team[1], "object", "Nous manquons déjà de formateurs.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM pairing_change")
        (text,) = cursor.fetchone()
        cursor.execute("SELECT reason FROM pairing_changeanswer WHERE decision = 'object'")
        (reason,) = cursor.fetchone()
    assert "périnatal" not in text and "Plusieurs" not in text
    assert "formateurs" not in reason


def test_the_change_is_adopted_when_every_volunteer_consents_and_the_team_is_told(
    programme: Programme, team: list[PeerApplication], cast: Cast, coralie: User
) -> None:
    change = proposed(team)
    answered(change, team[1], "consent")
    assert status(change) == "open"
    mail.outbox.clear()

    response = signed_in(cast.chloe).post(
        f"{MINE}{programme.pk}/ensemble/propositions/{change.pk}/repondre/",
        {"decision": "consent"},
    )

    assert response.status_code == 302
    assert status(change) == "adopted"
    assert change.adopted_at is not None
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [
        "alice@example.org",
        "bob@example.org",
        "chloe@example.org",
        "coralie@example.org",
    ]
    to_team = next(m for m in mail.outbox if m.to == ["coralie@example.org"])
    assert f"{TEAM}{programme.pk}/ensemble/{change.pk}/" in to_team.body
    journal = AuditEvent.objects.get(action=AuditEvent.Action.CHANGE_ADOPTED)
    assert journal.actor == cast.chloe
    team_page = signed_in(coralie).get(f"{TEAM}{programme.pk}/").content.decode()
    assert "1 changement adopté à mettre en œuvre" in team_page


def test_an_objection_needs_its_reason_and_holds_the_change_until_withdrawn(
    programme: Programme, team: list[PeerApplication], cast: Cast
) -> None:
    change = proposed(team)
    url = f"{MINE}{programme.pk}/ensemble/propositions/{change.pk}/repondre/"

    empty = signed_in(cast.alice).post(url, {"decision": "object", "reason": "  "})

    assert empty.status_code == 400
    assert "Dites ce qui vous retient" in empty.content.decode()
    assert not change.answers.filter(user=cast.alice).exists()
    with pytest.raises(Refused):
        answered(change, team[1], "object", "")

    mail.outbox.clear()
    signed_in(cast.alice).post(url, {"decision": "object", "reason": "Pas de formateur."})
    answered(change, team[2], "consent")

    assert status(change) == "open"
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "Pas de formateur" not in mail.outbox[0].body
    page = signed_in(cast.chloe).get(f"{MINE}{programme.pk}/ensemble/propositions/{change.pk}/")
    text = page.content.decode()  # Chloé reads in English
    assert "Alice" in text and "Pas de formateur." in text
    assert "2 volunteers out of 3 have consented." in text

    signed_in(cast.alice).post(url, {"decision": "consent"})

    assert status(change) == "adopted"


def test_the_author_rewrites_the_proposal_and_everyone_answers_again(
    programme: Programme, team: list[PeerApplication], cast: Cast
) -> None:
    change = proposed(team)
    answered(change, team[1], "object", "Trop vague.")
    answered(change, team[2], "consent")
    url = f"{MINE}{programme.pk}/ensemble/propositions/{change.pk}/reecrire/"
    assert signed_in(cast.alice).get(url).status_code == 404
    assert signed_in(cast.alice).post(url, PROPOSAL).status_code == 404

    signed_in(cast.bob).post(url, PROPOSAL | {"text": "Un module de deux heures, au printemps."})

    change.refresh_from_db()
    assert (change.version, change.text) == (2, "Un module de deux heures, au printemps.")
    assert list(change.answers.values_list("user", flat=True)) == [cast.bob.pk]
    answered(change, team[1], "consent")
    assert status(change) == "open"  # Chloé must answer the new version too
    answered(change, team[2], "consent")
    assert status(change) == "adopted"


def test_only_the_author_withdraws_and_a_withdrawn_change_takes_no_answer(
    programme: Programme, team: list[PeerApplication], cast: Cast
) -> None:
    change = proposed(team)
    url = f"{MINE}{programme.pk}/ensemble/propositions/{change.pk}/retirer/"
    assert signed_in(cast.alice).post(url).status_code == 404
    assert status(change) == "open"

    signed_in(cast.bob).post(url)

    assert status(change) == "withdrawn"
    with pytest.raises(Refused):
        answered(change, team[1], "consent")
    response = signed_in(cast.alice).post(
        f"{MINE}{programme.pk}/ensemble/propositions/{change.pk}/repondre/",
        {"decision": "consent"},
    )
    assert response.status_code == 302
    assert not change.answers.filter(user=cast.alice).exists()


def test_a_volunteer_who_leaves_no_longer_holds_a_change_back(
    programme: Programme, team: list[PeerApplication], cast: Cast
) -> None:
    change = proposed(team)
    answered(change, team[1], "consent")
    answered(change, team[2], "object", "Je ne suis pas sûre.")

    actions.withdraw_application(team[2])

    assert status(change) == "adopted"


def test_a_newly_accepted_volunteer_is_asked_too(
    programme: Programme, team: list[PeerApplication], cast: Cast, coralie: User, grief: Theme
) -> None:
    change = proposed(team)
    answered(change, team[1], "consent")
    volunteer(programme, cast.dan, coralie, themes=[grief])

    answered(change, team[2], "consent")

    assert status(change) == "open"
    consents, volunteers, objections = change_actions.tally(change)
    assert (consents, volunteers, objections) == (3, 4, [])


def test_a_lone_volunteer_s_proposal_is_adopted_at_once(
    programme: Programme, cast: Cast, coralie: User, grief: Theme
) -> None:
    bob = volunteer(programme, cast.bob, coralie, themes=[grief])

    change = change_actions.propose(bob, PROPOSAL)

    assert change.status == "adopted"


def test_the_team_puts_an_adopted_change_into_practice_and_the_volunteers_read_what_it_did(
    programme: Programme, team: list[PeerApplication], cast: Cast, coralie: User
) -> None:
    change = proposed(team)
    url = f"{TEAM}{programme.pk}/ensemble/{change.pk}/"
    early = signed_in(coralie).post(url, {"note": "Fait."})
    assert early.status_code == 302
    assert status(change) == "open"  # only an adopted change is put into practice
    for application in team[1:]:
        answered(change, application, "consent")
    empty = signed_in(coralie).post(url, {"note": ""})
    assert empty.status_code == 400
    assert "Dites en quelques mots ce qui a été fait." in empty.content.decode()
    mail.outbox.clear()

    signed_in(coralie).post(url, {"note": "Module prévu le 12 mars avec l'association Jalmalv."})

    assert status(change) == "done"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
        "chloe@example.org",
    ]
    page = signed_in(cast.alice).get(f"{MINE}{programme.pk}/ensemble/propositions/{change.pk}/")
    assert "Module prévu le 12 mars" in page.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CHANGE_DONE, actor=coralie).exists()


# Who sees what ------------------------------------------------------------------------------------


def test_only_the_programme_s_volunteers_and_team_reach_its_shared_space(
    programme: Programme,
    team: list[PeerApplication],
    cast: Cast,
    coralie: User,
    olivia: User,
    grief: Theme,
    organisation: Organisation,
) -> None:
    change = proposed(team)
    actions.apply(
        programme,
        cast.dan,
        {
            "experience": "Mon frère.",
            "motivation": "Aider.",
            "availability": ["tue-evening"],
            "languages": ["fr"],
            "modes": ["phone"],
            "capacity": 1,
            "themes": [grief],
            "place": None,
        },
    )
    other = Programme.objects.create(
        organisation=organisation, kind="pairing", name="Autre", description="…", is_published=True
    )
    zoe = User.objects.create_user("zoe@example.org", display_name="Zoé")
    volunteer(other, zoe, coralie, themes=[])
    together = f"{MINE}{programme.pk}/ensemble/"
    proposal = f"{together}propositions/{change.pk}/"

    assert signed_in(cast.alice).get(together).status_code == 200
    assert signed_in(cast.alice).get(proposal).status_code == 200
    for stranger in (cast.dan, zoe, coralie, olivia):  # applied only, elsewhere, team, other org
        assert signed_in(stranger).get(together).status_code == 404
        assert signed_in(stranger).get(proposal).status_code == 404
    assert (
        signed_in(zoe).get(f"{MINE}{other.pk}/ensemble/propositions/{change.pk}/").status_code
        == 404
    )
    assert Client().get(together).status_code == 302
    assert signed_in(coralie).get(f"{TEAM}{programme.pk}/ensemble/").status_code == 200
    assert signed_in(coralie).get(f"{TEAM}{programme.pk}/ensemble/{change.pk}/").status_code == 200
    for outsider in (olivia, cast.bob):
        assert signed_in(outsider).get(f"{TEAM}{programme.pk}/ensemble/").status_code == 404
        assert (
            signed_in(outsider).get(f"{TEAM}{programme.pk}/ensemble/{change.pk}/").status_code
            == 404
        )


def test_my_application_leads_a_volunteer_to_the_shared_space(
    programme: Programme, team: list[PeerApplication], cast: Cast
) -> None:
    page = signed_in(cast.bob).get(f"/mes-demarches-individuelles/candidature/{team[0].pk}/")
    assert f"{MINE}{programme.pk}/ensemble/" in page.content.decode()


# The figures, with the k ≥ 5 rule ------------------------------------------------------------


def figures_of(programme: Programme) -> dict[str, tuple[str, bool]]:
    return {
        str(figure.label): (figure.value, figure.hidden)
        for section in programme_figures(programme)
        for figure in section.figures
    }


def people(count: int, prefix: str) -> list[User]:
    return [
        User.objects.create_user(f"{prefix}{n}@example.org", display_name=f"{prefix}{n}")
        for n in range(count)
    ]


def test_no_figure_rests_on_fewer_than_five_people_nor_comes_back_by_subtraction(
    programme: Programme, coralie: User, grief: Theme
) -> None:
    for person in people(3, "pair"):
        volunteer(programme, person, coralie, themes=[grief])
    assert figures_of(programme)["bénévoles en tout"] == ("moins de 5", True)

    for person in people(3, "autre"):
        volunteer(programme, person, coralie, themes=[grief])
    module = TrainingModule.objects.create(programme=programme, name="Écoute")
    for application in PeerApplication.objects.all()[:5]:
        actions.record_training(application, module, timezone.localdate(), "Inès", by=coralie)

    shown = figures_of(programme)
    assert shown["bénévoles en tout"] == ("6", False)
    # One is still in training: hidden, and the 5 who are trained too, since 6 − 5 would say 1.
    assert shown["bénévoles encore en formation"] == ("moins de 5", True)
    assert shown["bénévoles formés à tous les modules demandés"] == ("moins de 5", True)


def test_the_check_in_average_shows_only_once_five_people_answered(
    programme: Programme, coralie: User, grief: Theme
) -> None:
    pairs = []
    for seeker, peer in zip(people(5, "s"), people(5, "p"), strict=True):
        application = volunteer(programme, peer, coralie, themes=[grief])
        request = asking(programme, seeker, grief)
        pair = pair_actions.propose_pair(request, application, by=coralie)
        pair_actions.accept_pair(pair, seeker)
        pairs.append(pair_actions.accept_pair(pair, peer))
    answers = iter([5, 4, 4, 3, 5])

    def answer(pair: Pair, how: int) -> None:
        checkin = CheckIn.objects.create(pair=pair, side="seeker", week=2)
        pair_actions.answer_checkin(checkin, how, False, "")

    for pair in pairs[:4]:
        answer(pair, next(answers))
    assert figures_of(programme)["comment ça se passe, en moyenne (de 1 à 5)"] == (
        "moins de 5",
        True,
    )

    answer(pairs[4], next(answers))

    shown = figures_of(programme)
    assert shown["personnes qui ont répondu"] == ("5", False)
    assert shown["comment ça se passe, en moyenne (de 1 à 5)"] == ("4,2", False)
    assert shown["jumelages en cours"] == ("5", False)
    assert shown["personnes qui ont trouvé un pair"] == ("5", False)
    assert PeerRequest.objects.filter(status="matched").count() == 5


def test_a_line_s_calls_show_only_once_five_volunteers_logged_them(
    organisation: Organisation, coralie: User
) -> None:
    line = Programme.objects.create(
        organisation=organisation,
        kind=Programme.Kind.LISTENING_LINE,
        name="Ligne",
        description="…",
        is_published=True,
    )
    shift = LineShift.objects.create(
        programme=line, day="tue", starts_at=dt.time(18), ends_at=dt.time(21)
    )
    month = line_actions.month_of(timezone.localdate())
    rota = line_actions.rota_month(line, month)
    rota.published_at = timezone.now()
    rota.save(update_fields=["published_at"])

    def logged(person: User, day: int) -> None:
        application = PeerApplication.objects.create(
            programme=line, user=person, experience="…", motivation="…", status="accepted"
        )
        ShiftAssignment.objects.create(
            rota=rota,
            shift=shift,
            day=month + dt.timedelta(days=day),
            application=application,
            calls=3,
            minutes=90,
        )

    volunteers = people(5, "ecoute")
    for n, person in enumerate(volunteers[:4]):
        logged(person, n)
    assert figures_of(line)["appels notés"] == ("moins de 5", True)

    logged(volunteers[4], 4)

    shown = figures_of(line)
    assert shown["appels notés"] == ("15", False)
    assert shown["heures d'écoute notées"] == ("7,5", False)
    assert shown["permanences tenues ou prévues"] == ("5", False)


def test_the_figures_page_speaks_to_volunteers_and_team_alike(
    programme: Programme, team: list[PeerApplication], cast: Cast, coralie: User
) -> None:
    mine = signed_in(cast.bob).get(f"{MINE}{programme.pk}/ensemble/").content.decode()
    theirs = signed_in(coralie).get(f"{TEAM}{programme.pk}/ensemble/").content.decode()
    for page in (mine, theirs):
        assert "Les bénévoles aujourd&#x27;hui" in page
        assert "moins de 5" in page
        assert "Aucun chiffre ne repose sur moins de cinq personnes" in page


# Volunteers' gender and age band, for the seekers' preferences ---------------------------------


def test_a_volunteer_may_say_their_gender_and_age_band_and_the_matching_reads_them(
    programme: Programme, cast: Cast, coralie: User, grief: Theme
) -> None:
    form = signed_in(cast.bob).get(f"/programmes/{programme.pk}/devenir-pair/").content.decode()
    assert "Je préfère ne pas le dire" in form
    response = signed_in(cast.bob).post(
        f"/programmes/{programme.pk}/devenir-pair/",
        {
            "experience": "Mon père.",
            "motivation": "Aider.",
            "availability": ["tue-evening"],
            "languages": ["fr"],
            "modes": ["phone"],
            "capacity": "1",
            "themes": [grief.pk],
            "gender": "man",
            "age_band": "41-60",
        },
    )
    assert response.status_code == 302
    application = PeerApplication.objects.get(user=cast.bob)
    assert (application.gender, application.age_band) == ("man", "41-60")
    profile = peer_profile(application)
    assert (profile.gender, profile.age_band) == ("man", "41-60")


def test_a_line_does_not_ask_its_volunteers_gender(organisation: Organisation, cast: Cast) -> None:
    line = Programme.objects.create(
        organisation=organisation, kind="line", name="Ligne", description="…", is_published=True
    )
    form = signed_in(cast.bob).get(f"/programmes/{line.pk}/devenir-pair/").content.decode()
    assert 'name="gender"' not in form and 'name="age_band"' not in form


def test_answers_are_one_per_volunteer(team: list[PeerApplication]) -> None:
    change = proposed(team)
    answered(change, team[1], "object", "Non.")
    answered(change, team[1], "consent")
    assert change.answers.filter(user=team[1].user).count() == 1
    assert change.answers.get(user=team[1].user).decision == ChangeAnswer.Decision.CONSENT
    assert change.answers.get(user=team[1].user).reason == ""


def test_a_volunteer_who_deletes_their_account_steps_down_and_their_proposal_stays(
    programme: Programme, team: list[PeerApplication], cast: Cast
) -> None:
    change = proposed(team)
    answered(change, team[1], "consent")
    exported = export_person(cast.bob)
    assert exported["programme_changes_i_proposed"][0]["title"] == PROPOSAL["title"]
    assert exported["my_answers_to_programme_changes"][0]["decision"] == "consent"

    delete_person(cast.chloe)  # the last one awaited

    assert status(change) == "adopted"
    delete_person(cast.bob)
    change.refresh_from_db()
    assert (change.author, change.title) == (None, PROPOSAL["title"])
    assert not ChangeAnswer.objects.filter(change=change, user_id=cast.bob.pk).exists()
