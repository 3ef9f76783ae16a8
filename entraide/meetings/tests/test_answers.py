"""Coming, maybe, not coming: seats, the waiting list that moves up by itself, and who answers."""

import datetime as dt
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.messages import get_messages
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from conftest import PASSWORD, Cast
from entraide.accounts.actions import delete_person
from entraide.accounts.models import User
from entraide.lib.refusals import Refused
from entraide.meetings.answers import actions as answers
from entraide.meetings.answers.views import answer_context
from entraide.meetings.models import Answer, Meeting, MeetingSeries
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation, OrganisationRole

pytestmark = pytest.mark.django_db


def meeting_of(
    cast: Cast, *, in_days: float = 7, capacity: int | None = None, **fields: Any
) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=in_days)
    return Meeting.objects.create(
        group=cast.group,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=capacity,
        **fields,
    )


def url(meeting: Meeting) -> str:
    return f"/mes-groupes/{meeting.group.slug}/rencontres/{meeting.pk}/reponse/"


def said(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def join(cast: Cast, name: str, role: str = Membership.Role.MEMBER) -> User:
    email = f"{name.lower()}@example.org"
    person = User.objects.create_user(email, PASSWORD, display_name=name, preferred_language="fr")
    Membership.objects.create(
        user=person, group=cast.group, role=role, status=Membership.Status.ACTIVE
    )
    return person


def answer_of(meeting: Meeting, person: User) -> Answer:
    return Answer.objects.get(meeting=meeting, user=person)


def test_bob_says_he_is_coming_and_a_seat_is_kept_for_him(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast, capacity=10)
    client.force_login(cast.bob)

    response = client.post(url(meeting), {"response": "coming"})

    assert response.status_code == 302
    assert response["Location"] == f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/"
    assert said(response) == ["C'est noté : vous venez, une place vous est gardée."]
    bob = answer_of(meeting, cast.bob)
    assert (bob.response, bob.waiting) == ("coming", False)


def test_beyond_the_capacity_people_wait_in_the_order_they_answered(
    client: Client, cast: Cast
) -> None:
    meeting = meeting_of(cast, capacity=2)
    dan = join(cast, "Dan2")
    for person in (cast.alice, cast.bob):
        answers.answer(meeting, person, "coming")
    answers.answer(meeting, cast.chloe, "coming")
    client.force_login(dan)

    response = client.post(url(meeting), {"response": "coming"})

    assert [a.user for a in meeting.answers.filter(waiting=False)] == [cast.alice, cast.bob]
    assert [a.user for a in meeting.answers.filter(waiting=True)] == [cast.chloe, dan]
    assert answers.waiting_position(answer_of(meeting, dan)) == 2
    assert said(response) == [
        "La rencontre est complète : vous êtes n° 2 sur la liste d'attente. Si une place se "
        "libère, elle est pour vous dans l'ordre et vous recevrez un e-mail."
    ]


def test_when_bob_withdraws_the_first_person_waiting_gets_his_seat_and_an_email(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_of(cast, capacity=2)
    eve = join(cast, "Eve")
    for person in (cast.alice, cast.bob, eve, cast.chloe):
        answers.answer(meeting, person, "coming")
    client.force_login(cast.bob)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(meeting), {"response": "not_coming"})

    assert said(response) == [
        "C'est noté : vous ne venez pas. Merci de l'avoir dit, à une prochaine fois."
    ]
    assert answer_of(meeting, eve).waiting is False
    assert answer_of(meeting, cast.chloe).waiting is True
    assert answers.waiting_position(answer_of(meeting, cast.chloe)) == 1
    assert [m.to for m in mail.outbox] == [["eve@example.org"]]
    assert "Une place s'est libérée pour vous : « Deuil Nantes »" in mail.outbox[0].subject
    assert "cette place est pour vous, vous êtes attendu·e" in mail.outbox[0].body
    assert f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/" in mail.outbox[0].body


def test_the_promotion_email_gives_the_time_in_the_group_s_zone_and_the_place(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    series = MeetingSeries.objects.create(
        group=cast.group,
        rule="FREQ=MONTHLY;BYDAY=1TU",
        starts_on=dt.date(2030, 1, 1),
        start_time=dt.time(18, 30),
        end_time=dt.time(20, 0),
        place="Maison des associations, salle 3",
        capacity=2,
    )
    paris = cast.group.time_zone
    starts = dt.datetime(2030, 7, 2, 18, 30, tzinfo=paris)
    meeting = Meeting.objects.create(
        group=cast.group, series=series, starts_at=starts, ends_at=starts + dt.timedelta(hours=1.5)
    )
    eve = join(cast, "Eve")
    for person in (cast.alice, cast.bob, eve):
        answers.answer(meeting, person, "coming")

    with django_capture_on_commit_callbacks(execute=True):
        answers.answer(meeting, cast.alice, "not_coming")

    body = mail.outbox[0].body
    assert "mardi 2 juillet 2030, de 18:30 à 20:00" in body
    assert "Europe/Paris" in body
    assert "Maison des associations, salle 3" in body


def test_a_waiting_person_who_withdraws_frees_no_seat_and_nobody_is_told(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_of(cast, capacity=2)
    eve = join(cast, "Eve")
    for person in (cast.alice, cast.bob, cast.chloe, eve):
        answers.answer(meeting, person, "coming")

    with django_capture_on_commit_callbacks(execute=True):
        answers.answer(meeting, cast.chloe, "not_coming")

    assert answer_of(meeting, eve).waiting is True
    assert answers.waiting_position(answer_of(meeting, eve)) == 1
    assert mail.outbox == []


def test_maybe_does_not_take_a_seat(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast, capacity=2)
    client.force_login(cast.alice)
    client.post(url(meeting), {"response": "maybe"})

    for person in (cast.bob, cast.chloe):
        answers.answer(meeting, person, "coming")

    assert answers.seated(meeting) == 2
    assert answer_of(meeting, cast.alice).waiting is False
    assert answer_of(meeting, cast.chloe).waiting is False
    # Alice makes up her mind once the seats are gone: she waits.
    client.post(url(meeting), {"response": "coming"})
    assert answer_of(meeting, cast.alice).waiting is True


def test_answering_coming_again_keeps_one_s_place_in_the_line(cast: Cast) -> None:
    meeting = meeting_of(cast, capacity=2)
    eve = join(cast, "Eve")
    for person in (cast.alice, cast.bob, cast.chloe, eve):
        answers.answer(meeting, person, "coming")

    answers.answer(meeting, cast.chloe, "coming")

    assert answers.waiting_position(answer_of(meeting, cast.chloe)) == 1
    assert answers.waiting_position(answer_of(meeting, eve)) == 2


def test_the_series_capacity_counts_when_the_meeting_has_none(cast: Cast) -> None:
    series = MeetingSeries.objects.create(
        group=cast.group,
        rule="FREQ=WEEKLY;BYDAY=TU",
        starts_on=dt.date(2030, 1, 1),
        start_time=dt.time(18, 30),
        end_time=dt.time(20, 0),
        capacity=2,
    )
    meeting = meeting_of(cast, series=series)
    for person in (cast.alice, cast.bob, cast.chloe):
        answers.answer(meeting, person, "coming")

    assert answers.capacity_of(meeting) == 2
    assert answer_of(meeting, cast.chloe).waiting is True


def test_without_a_capacity_nobody_waits(cast: Cast) -> None:
    meeting = meeting_of(cast)
    for person in (cast.alice, cast.bob, cast.chloe):
        answers.answer(meeting, person, "coming")

    assert not meeting.answers.filter(waiting=True).exists()


def test_raising_the_capacity_lets_the_first_waiting_people_in(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_of(cast, capacity=2)
    for person in (cast.alice, cast.bob, cast.chloe):
        answers.answer(meeting, person, "coming")
    meeting.capacity = 3
    meeting.save(update_fields=["capacity"])

    with django_capture_on_commit_callbacks(execute=True):
        promoted = answers.fill_free_seats(meeting)

    assert [a.user for a in promoted] == [cast.chloe]
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]


def test_a_member_who_leaves_the_group_frees_their_seat(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_of(cast, capacity=2)
    eve = join(cast, "Eve")
    for person in (cast.alice, cast.bob, eve):
        answers.answer(meeting, person, "coming")
    bob = Membership.objects.get(user=cast.bob, group=cast.group)

    with django_capture_on_commit_callbacks(execute=True):
        answers.withdraw_from_meetings(bob)

    assert not meeting.answers.filter(user=cast.bob).exists()
    assert answer_of(meeting, eve).waiting is False
    assert [m.to for m in mail.outbox] == [["eve@example.org"]]


def test_a_member_who_deletes_their_account_frees_their_seat_for_the_next_waiting(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_of(cast, capacity=2)
    eve = join(cast, "Eve")
    for person in (cast.alice, cast.bob, eve):
        answers.answer(meeting, person, "coming")

    with django_capture_on_commit_callbacks(execute=True):
        delete_person(cast.bob)

    assert not User.objects.filter(email="bob@example.org").exists()
    assert answer_of(meeting, eve).waiting is False
    assert [m.to for m in mail.outbox] == [["eve@example.org"]]


def test_nobody_answers_a_cancelled_meeting(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast, status=Meeting.Status.CANCELLED)
    client.force_login(cast.bob)

    response = client.post(url(meeting), {"response": "coming"})

    assert response.status_code == 302
    assert said(response) == ["Cette rencontre est annulée : il n'y a plus besoin de répondre."]
    assert not meeting.answers.exists()


def test_nobody_answers_a_past_meeting(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast, in_days=-1)
    client.force_login(cast.bob)

    response = client.post(url(meeting), {"response": "coming"})

    assert said(response) == ["Cette rencontre a déjà commencé ou est passée."]
    assert not meeting.answers.exists()


def test_someone_outside_the_group_cannot_answer_through_the_action(cast: Cast) -> None:
    meeting = meeting_of(cast)

    with pytest.raises(Refused):
        answers.answer(meeting, cast.dan, "coming")


def test_an_unknown_answer_is_refused_kindly_and_nothing_is_recorded(
    client: Client, cast: Cast
) -> None:
    meeting = meeting_of(cast)
    client.force_login(cast.bob)

    response = client.post(url(meeting), {"response": "perhaps"})

    assert response.status_code == 302
    assert said(response) == ["Choisissez une réponse : je viens, peut-être ou je ne viens pas."]
    assert not meeting.answers.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "chloe"])
def test_everyone_active_in_the_group_answers_observers_too(
    client: Client, cast: Cast, who: str
) -> None:
    meeting = meeting_of(cast)
    client.force_login(getattr(cast, who))

    response = client.post(url(meeting), {"response": "maybe"})

    assert response.status_code == 302
    assert meeting.answers.get().response == "maybe"


def test_a_visitor_is_asked_to_log_in_before_answering(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast)

    response = client.post(url(meeting), {"response": "coming"})

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def organisation_person(email: str, organisation: Organisation, role: str) -> User:
    person = User.objects.create_user(email, PASSWORD, display_name=email.split("@")[0])
    TOTP.activate(person, generate_totp_secret())
    OrganisationRole.objects.create(user=person, organisation=organisation, role=role)
    return person


@pytest.mark.parametrize(
    "who", ["stranger", "requested", "left", "coordinator", "organisation_admin", "elsewhere"]
)
def test_nobody_outside_the_group_reaches_the_answer_page(
    client: Client, cast: Cast, organisation: Organisation, who: str
) -> None:
    cast.group.organisation = organisation
    cast.group.save(update_fields=["organisation"])
    meeting = meeting_of(cast)
    elsewhere = Organisation.objects.create(name="Centre de Lyon", slug="centre-lyon")
    people = {
        "stranger": cast.dan,
        "requested": cast.dan,
        "left": cast.dan,
        "coordinator": organisation_person("coralie@example.org", organisation, "coordinator"),
        "organisation_admin": organisation_person("oscar@example.org", organisation, "admin"),
        "elsewhere": organisation_person("olivia@example.org", elsewhere, "coordinator"),
    }
    if who in ("requested", "left"):
        Membership.objects.create(
            user=cast.dan,
            group=cast.group,
            role=Membership.Role.MEMBER,
            status=Membership.Status.REQUESTED if who == "requested" else Membership.Status.LEFT,
        )
    client.force_login(people[who])

    assert client.post(url(meeting), {"response": "coming"}).status_code == 404
    assert not meeting.answers.exists()


def test_a_meeting_of_another_group_answers_404(
    client: Client, cast: Cast, make_group: Any
) -> None:
    other = make_group("Aidants Rezé")
    starts = timezone.now() + dt.timedelta(days=3)
    meeting = Meeting.objects.create(
        group=other, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    client.force_login(cast.bob)

    response = client.post(
        f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/reponse/",
        {"response": "coming"},
    )

    assert response.status_code == 404


def test_the_answer_page_takes_no_get(client: Client, cast: Cast) -> None:
    meeting = meeting_of(cast)
    client.force_login(cast.bob)

    assert client.get(url(meeting)).status_code == 405


def test_the_meeting_page_part_shows_seats_and_names_to_members_only(cast: Cast) -> None:
    meeting = meeting_of(cast, capacity=2)
    for person in (cast.alice, cast.bob, cast.chloe):
        answers.answer(meeting, person, "coming")
    memberships = {m.user_id: m for m in Membership.objects.filter(group=cast.group)}

    for_bob = render_to_string(
        "meetings/answer_form.html",
        {"meeting": meeting, **answer_context(meeting, memberships[cast.bob.pk])},
    )
    for_chloe = render_to_string(
        "meetings/answer_form.html",
        {"meeting": meeting, **answer_context(meeting, memberships[cast.chloe.pk])},
    )

    assert "2 places prises sur 2." in for_bob and "1 personne sur la liste d'attente." in for_bob
    assert "Alice" in for_bob and "une place vous est gardée" in for_bob
    assert "Alice" not in for_chloe
    assert "vous êtes n° 1 sur la liste d'attente" in for_chloe
    assert 'value="not_coming"' in for_chloe
