"""Step 3: the three founding sessions, inviting the interested people, joining as a founder."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.founding.models import FoundingSession, Initiative, Interest
from entraide.founding.tests.test_initiator_support import (
    date_the_sessions,
    give_date,
    interested,
    make_person,
    make_project,
)
from entraide.meetings.models import Meeting
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db

Stage = Initiative.Stage
PLACE = "Maison des associations, salle 3"


def sessions_url(initiative: Initiative) -> str:
    return f"/creer-un-groupe/{initiative.group.slug}/rencontres/"


def test_alice_dates_a_session_in_the_group_time_zone(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    client.force_login(cast.alice)
    url = sessions_url(initiative) + "information/"

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "date": "2027-07-01",
            "time": "18:30",
            "duration_minutes": "120",
            "place": PLACE,
            "agenda": "Accueil\nTour de table",
            "notes": "",
        },
    )

    session = initiative.sessions.get(kind="information")
    assert "Accueil : chacun se présente" in form
    assert response["Location"] == sessions_url(initiative)
    meeting = session.meeting
    assert meeting is not None
    assert meeting.starts_at == dt.datetime(2027, 7, 1, 16, 30, tzinfo=dt.UTC)  # Paris summer
    assert meeting.ends_at == dt.datetime(2027, 7, 1, 18, 30, tzinfo=dt.UTC)
    assert (meeting.group, meeting.place) == (initiative.group, PLACE)
    assert (meeting.title, meeting.agenda) == ("Séance d'information", "Accueil\nTour de table")
    page = client.get(sessions_url(initiative)).content.decode()
    assert "jeudi 1er juillet 2027, de 18:30 à 20:30" in page
    assert 'value="18:30"' in client.get(url).content.decode()


def test_a_date_without_a_time_is_refused_and_nothing_is_lost(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    client.force_login(cast.alice)

    page = client.post(
        sessions_url(initiative) + "first/",
        {"date": "2027-07-01", "time": "", "duration_minutes": "90", "place": PLACE},
    ).content.decode()

    assert "Indiquez l&#x27;heure de début." in page
    assert PLACE in page
    assert initiative.sessions.get(kind="first").starts_at is None


def test_an_unknown_kind_of_session_is_not_found(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    client.force_login(cast.alice)

    assert client.get(sessions_url(initiative) + "third/").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("bob", 404), ("chloe", 404), ("dan", 404)])
def test_only_facilitators_edit_a_session(
    client: Client, cast: Cast, who: str, status: int
) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    client.force_login(getattr(cast, who))

    response = client.post(
        sessions_url(initiative) + "information/",
        {"date": "2027-07-01", "time": "18:30", "duration_minutes": "90"},
    )

    assert response.status_code == status
    assert initiative.sessions.get(kind="information").starts_at is None


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 200), ("bob", 200), ("chloe", 200), ("dan", 404), ("", 302)]
)
def test_who_sees_the_sessions(client: Client, cast: Cast, who: str, status: int) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    date_the_sessions(initiative)
    if who:
        client.force_login(getattr(cast, who))

    response = client.get(sessions_url(initiative))

    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert PLACE in page
        assert ("Inviter les personnes intéressées" in page) is (who == "alice")


def test_an_interested_person_sees_no_place_before_being_invited(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    date_the_sessions(initiative)
    interested(initiative, cast.dan)
    client.force_login(cast.dan)

    overview = client.get(f"/creer-un-groupe/{initiative.group.slug}/").content.decode()
    sessions = client.get(sessions_url(initiative))

    assert sessions.status_code == 404
    assert PLACE not in overview
    assert "Vous recevrez une invitation par e-mail" in overview


def test_invitations_go_once_in_each_person_language_without_the_place(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    date_the_sessions(initiative)
    emma, fred = make_person("Emma"), make_person("Fred", "en")
    interested(initiative, emma, fred, cast.bob)  # Bob is already a member: no invitation
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/creer-un-groupe/{initiative.group.slug}/inviter/", follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/creer-un-groupe/{initiative.group.slug}/inviter/", follow=True)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "emma@example.org",
        "fred@example.org",
    ]
    assert "2 personnes sont invitées aux premières rencontres." in first.content.decode()
    assert "Tout le monde est déjà invité" in again.content.decode()
    to_emma = next(m for m in mail.outbox if m.to == ["emma@example.org"])
    to_fred = next(m for m in mail.outbox if m.to == ["fred@example.org"])
    assert "Séance d'information" in to_emma.body
    assert f"/creer-un-groupe/{initiative.group.slug}/rencontres/" in to_emma.body
    assert PLACE not in to_emma.body and "alice@example.org" not in to_emma.body
    first_date = initiative.sessions.get(kind="information").starts_at
    assert first_date is not None
    local = first_date.astimezone(initiative.group.time_zone)
    assert local.strftime("%H:%M") in to_emma.body
    # Fred's mail is rendered with English active: the month names come out in English.
    assert local.strftime("%B") in to_fred.body
    assert Interest.objects.filter(invited_at__isnull=False).count() == 2


def test_nobody_is_invited_before_the_information_session_has_a_date(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    interested(initiative, make_person("Emma"))
    client.force_login(cast.alice)

    page = client.post(
        f"/creer-un-groupe/{initiative.group.slug}/inviter/", follow=True
    ).content.decode()

    assert "Donnez d&#x27;abord une date à la séance d&#x27;information." in page
    assert len(mail.outbox) == 0


def test_nobody_is_invited_while_the_group_is_still_recruiting(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.RECRUITMENT)
    interested(initiative, make_person("Emma"))
    client.force_login(cast.alice)

    response = client.post(f"/creer-un-groupe/{initiative.group.slug}/inviter/", follow=True)

    assert response.redirect_chain[-1][0] == sessions_url(initiative)
    assert "On invite aux premières rencontres une fois leurs dates connues." in (
        response.content.decode()
    )
    assert not Interest.objects.filter(invited_at__isnull=False).exists()
    assert len(mail.outbox) == 0


def test_only_facilitators_invite(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    date_the_sessions(initiative)
    interested(initiative, make_person("Emma"))
    client.force_login(cast.bob)

    response = client.post(f"/creer-un-groupe/{initiative.group.slug}/inviter/")

    assert response.status_code == 404
    assert not Interest.objects.filter(invited_at__isnull=False).exists()


def test_an_invited_person_joins_and_becomes_a_member(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    date_the_sessions(initiative)
    interested(initiative, cast.dan, invited=True)
    client.force_login(cast.dan)

    sessions = client.get(sessions_url(initiative)).content.decode()
    response = client.post(f"/creer-un-groupe/{initiative.group.slug}/rejoindre/", follow=True)

    membership = Membership.objects.get(user=cast.dan, group=initiative.group)
    assert PLACE in sessions and "Je rejoins le groupe" in sessions
    assert (membership.status, membership.role) == ("active", "member")
    assert "Bienvenue dans le groupe « Deuil Nantes »" in response.content.decode()
    assert "Étape 3 sur 5" in response.content.decode()


def test_someone_not_yet_invited_cannot_join(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    interested(initiative, cast.dan)
    client.force_login(cast.dan)

    response = client.post(f"/creer-un-groupe/{initiative.group.slug}/rejoindre/")

    assert response.status_code == 404
    assert not Membership.objects.filter(user=cast.dan).exists()


def test_an_invited_person_cannot_join_a_group_that_is_already_autonomous(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.AUTONOMOUS)
    interested(initiative, cast.dan, invited=True)
    client.force_login(cast.dan)

    response = client.post(f"/creer-un-groupe/{initiative.group.slug}/rejoindre/", follow=True)

    assert response.redirect_chain[-1][0] == sessions_url(initiative)
    assert "Ce groupe n&#x27;accueille plus de membres fondateurs." in response.content.decode()
    assert not Membership.objects.filter(user=cast.dan).exists()


def test_the_facilitators_see_who_is_interested_invited_or_in(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    emma, fred = make_person("Emma"), make_person("Fred")
    interested(initiative, emma)
    interested(initiative, fred, invited=True)
    Membership.objects.create(user=fred, group=initiative.group, role="member", status="active")
    client.force_login(cast.alice)

    page = client.get(sessions_url(initiative)).content.decode()

    assert "Emma" in page and "Pas encore invité·e." in page
    assert "Fred" in page and "A rejoint le groupe." in page
    assert "emma@example.org" not in page
    assert FoundingSession.objects.filter(initiative=initiative).count() == 3


def test_a_dated_session_is_a_meeting_the_members_are_told_of_and_answer(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    client.force_login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            sessions_url(initiative) + "first/",
            {"date": "2027-03-02", "time": "18:00", "duration_minutes": "90", "place": PLACE},
        )
    meeting = initiative.sessions.get(kind="first").meeting
    assert meeting is not None
    told = sorted(message.to[0] for message in mail.outbox)
    client.force_login(cast.bob)

    listed = client.get(f"/mes-groupes/{initiative.group.slug}/rencontres/").content.decode()
    answered = client.post(
        f"/mes-groupes/{initiative.group.slug}/rencontres/{meeting.pk}/reponse/",
        {"response": "coming"},
        follow=True,
    ).content.decode()
    sessions = client.get(sessions_url(initiative)).content.decode()

    assert told == ["bob@example.org", "chloe@example.org"]  # every member but the author
    assert "Première séance de fondation" in listed
    assert "<h1>Première séance de fondation</h1>" in answered
    assert meeting.answers.get(user=cast.bob).response == "coming"
    assert "1 personne a dit qu'elle vient." in sessions
    assert f"/rencontres/{meeting.pk}/" in sessions


def test_moving_or_giving_a_new_date_to_a_cancelled_session_uses_the_same_meeting(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    session = initiative.sessions.get(kind="second")
    meeting = give_date(session, timezone.now() + dt.timedelta(days=3), PLACE)
    meeting.status = meeting.Status.CANCELLED
    meeting.save()
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            sessions_url(initiative) + "second/",
            {
                "date": "2027-03-16",
                "time": "18:00",
                "duration_minutes": "60",
                "place": "Salle 4",
                "agenda": "Relire la charte",
                "notes": "",
            },
        )

    meeting.refresh_from_db()
    assert Meeting.objects.filter(group=initiative.group).count() == 1
    assert not meeting.is_cancelled
    assert meeting.starts_at == dt.datetime(2027, 3, 16, 17, 0, tzinfo=dt.UTC)
    assert (meeting.place, meeting.agenda) == ("Salle 4", "Relire la charte")
    assert {message.to[0] for message in mail.outbox} == {"bob@example.org", "chloe@example.org"}


def test_a_session_date_far_away_is_refused_kindly(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    client.force_login(cast.alice)

    page = client.post(
        sessions_url(initiative) + "first/",
        {"date": "9999-12-31", "time": "18:00", "duration_minutes": "90", "place": PLACE},
    ).content.decode()

    assert "Choisissez une date dans les deux ans" in page
    assert PLACE in page
    assert initiative.sessions.get(kind="first").meeting is None


def test_the_suggested_agenda_and_name_are_written_in_the_group_s_language(
    client: Client, cast: Cast
) -> None:
    initiative = make_project(cast, stage=Stage.FOUNDING)
    initiative.group.languages = "en"
    initiative.group.save(update_fields=["languages"])
    client.force_login(cast.alice)  # Alice reads the site in French
    url = sessions_url(initiative) + "information/"

    form = client.get(url).content.decode()
    client.post(
        url,
        {
            "date": "2027-03-02",
            "time": "18:00",
            "duration_minutes": "90",
            "place": PLACE,
            "agenda": "Welcome",
            "notes": "",
        },
    )

    meeting = initiative.sessions.get(kind="information").meeting
    assert meeting is not None
    assert "Welcome: everyone introduces themselves, if they wish." in form
    assert "Accueil : chacun se présente" not in form
    assert meeting.title == "Information session"
