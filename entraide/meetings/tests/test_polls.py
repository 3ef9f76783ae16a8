"""Choosing a date together: propose dates, answer oui / si besoin / non, see the best one,
turn it into a meeting."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import Cast
from entraide.accounts.models import User
from entraide.meetings.models import DatePoll, Meeting, PollOption, PollVote
from entraide.meetings.polls import actions as polls
from entraide.membership.models import Membership

pytestmark = pytest.mark.django_db


def local_day(days: int) -> dt.date:
    return (timezone.now() + dt.timedelta(days=days)).date()


def at(cast: Cast, days: int, hour: int = 18, minute: int = 30) -> dt.datetime:
    """A moment to come, on the group's wall clock."""
    return dt.datetime.combine(local_day(days), dt.time(hour, minute), cast.group.time_zone)


def open_poll(cast: Cast, *days: int, by: User | None = None) -> DatePoll:
    mine = Membership.objects.get(user=by or cast.alice, group=cast.group)
    return polls.start_poll(
        mine,
        title="Rencontre de rentrée",
        duration_minutes=90,
        starts=[at(cast, day) for day in days or (10, 17, 24)],
    )


def url(cast: Cast, poll: DatePoll | None = None, end: str = "") -> str:
    base = f"/mes-groupes/{cast.group.slug}/sondages/"
    return base if poll is None else f"{base}{poll.pk}/{end}"


def vote(poll: DatePoll, person: User, *choices: str) -> None:
    polls.answer(poll, person, dict(zip(poll.options.all(), choices, strict=True)))


def option_fields(cast: Cast, *days: int, hour: str = "18:30") -> dict[str, str]:
    fields = {}
    for index, day in enumerate(days):
        fields[f"date_{index}"] = local_day(day).isoformat()
        fields[f"time_{index}"] = hour
    return fields


# Starting a poll.


def test_alice_opens_a_poll_whose_dates_are_in_the_group_time_zone(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)

    response = client.post(
        url(cast),
        {"title": "Rencontre de rentrée", "duration_minutes": "120", "rows": "5"}
        | option_fields(cast, 10, 17),
    )

    poll = DatePoll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(cast, poll)
    assert (poll.title, poll.duration_minutes, poll.status) == ("Rencontre de rentrée", 120, "open")
    assert poll.created_by == cast.alice
    assert [option.starts_at for option in poll.options.all()] == [at(cast, 10), at(cast, 17)]
    assert [
        timezone.localtime(option.starts_at, cast.group.time_zone).time()
        for option in poll.options.all()
    ] == [dt.time(18, 30)] * 2


def test_bob_a_member_may_open_a_poll_too(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)

    client.post(
        url(cast), {"title": "Pique-nique", "duration_minutes": "90"} | option_fields(cast, 5, 6, 7)
    )

    assert DatePoll.objects.get().options.count() == 3


def test_the_form_offers_five_empty_dates_and_ten_when_asked_for_more(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)

    first = client.get(url(cast)).content.decode()
    more = client.post(
        url(cast),
        {"title": "Pique-nique", "duration_minutes": "90", "rows": "5", "more": "1"}
        | option_fields(cast, 5),
    )

    assert 'name="date_4"' in first and 'name="date_5"' not in first
    html = more.content.decode()
    assert more.status_code == 200
    assert 'name="date_9"' in html and 'name="date_10"' not in html
    assert 'name="rows" value="10"' in html
    # Nothing is lost and nothing is refused: the person only asked for more rows.
    assert 'value="Pique-nique"' in html and local_day(5).isoformat() in html
    assert "Merci de corriger" not in html
    assert "Proposer plus de dates" not in html
    assert not DatePoll.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date_0": "+10", "time_0": "18:30"}, "Proposez au moins deux dates différentes"),
        (
            {"date_0": "+10", "time_0": "18:30", "date_1": "+10", "time_1": "18:30"},
            "Cette date et cette heure sont déjà proposées.",
        ),
        (
            {"date_0": "+10", "time_0": "18:30", "date_1": "-3", "time_1": "18:30"},
            "Cette date est déjà passée.",
        ),
        ({"date_0": "+10", "time_0": "18:30", "date_1": "+12"}, "Indiquez aussi l&#x27;heure."),
        ({"date_0": "+10", "time_0": "18:30", "time_1": "19:00"}, "Indiquez aussi le jour."),
        (
            {"date_0": "+10", "time_0": "18:30", "date_1": "+12", "time_1": "vers 7h"},
            "Indiquez une heure, par exemple 18:30.",
        ),
        ({}, "Proposez au moins deux dates différentes"),
    ],
)
def test_bad_dates_are_refused_with_a_clear_message_and_nothing_is_saved(
    client: Client, cast: Cast, fields: dict[str, str], message: str
) -> None:
    client.force_login(cast.alice)
    posted = {
        name: local_day(int(value)).isoformat() if name.startswith("date_") else value
        for name, value in fields.items()
    }

    response = client.post(
        url(cast), {"title": "Rencontre de rentrée", "duration_minutes": "90"} | posted
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Rencontre de rentrée"' in html
    assert not DatePoll.objects.exists() and not PollOption.objects.exists()


def test_a_time_skipped_by_the_change_to_summer_time_is_refused(client: Client, cast: Cast) -> None:
    # The last Sunday of March, 2:30 does not exist in Paris.
    year = timezone.now().year + 1
    last_sunday = max(
        dt.date(year, 3, day) for day in range(25, 32) if dt.date(year, 3, day).weekday() == 6
    )
    client.force_login(cast.alice)

    response = client.post(
        url(cast),
        {
            "title": "Rencontre",
            "duration_minutes": "90",
            "date_0": last_sunday.isoformat(),
            "time_0": "02:30",
            "date_1": last_sunday.isoformat(),
            "time_1": "10:00",
        },
    )

    assert "Cette heure n&#x27;existe pas ce jour-là" in response.content.decode()
    assert not DatePoll.objects.exists()


def test_a_duration_out_of_bounds_is_refused(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)

    response = client.post(
        url(cast), {"title": "Rencontre", "duration_minutes": "5"} | option_fields(cast, 3, 4)
    )

    assert "Une rencontre dure au moins 15 minutes." in response.content.decode()
    assert not DatePoll.objects.exists()


def test_chloe_an_observer_reads_the_polls_but_cannot_open_one(client: Client, cast: Cast) -> None:
    open_poll(cast)
    client.force_login(cast.chloe)

    page = client.get(url(cast))
    refused = client.post(
        url(cast), {"title": "Rencontre", "duration_minutes": "90"} | option_fields(cast, 3, 4)
    )

    assert page.status_code == 200
    assert "Rencontre de rentrée" in page.content.decode()
    assert 'name="date_0"' not in page.content.decode()
    assert refused.status_code == 404
    assert DatePoll.objects.count() == 1


def test_the_polls_list_shows_open_and_closed_polls(client: Client, cast: Cast) -> None:
    still_open = open_poll(cast, 3, 4)
    closed = polls.start_poll(
        Membership.objects.get(user=cast.alice),
        title="Sortie au parc",
        duration_minutes=60,
        starts=[at(cast, 5), at(cast, 6)],
    )
    polls.choose(closed, closed.options.first(), by=Membership.objects.get(user=cast.alice))  # type: ignore[arg-type]
    client.force_login(cast.bob)

    html = client.get(url(cast)).content.decode()

    assert (
        html.index(still_open.title)
        < html.index("Les sondages clos")
        < html.index("Sortie au parc")
    )
    assert "Date retenue" in html and "18:30" in html


# Who reaches what.


@pytest.mark.parametrize("end", ["", "choisir/"])
def test_dan_a_stranger_gets_404_everywhere(client: Client, cast: Cast, end: str) -> None:
    poll = open_poll(cast)
    client.force_login(cast.dan)

    assert client.get(url(cast)).status_code == 404
    assert client.post(url(cast), {"title": "x"}).status_code == 404
    assert client.post(url(cast, poll, end), {"option": poll.options.first().pk}).status_code == 404  # type: ignore[union-attr]
    if not end:
        assert client.get(url(cast, poll)).status_code == 404
    assert not PollVote.objects.exists() and not Meeting.objects.exists()


def test_a_pending_request_is_not_enough(client: Client, cast: Cast) -> None:
    poll = open_poll(cast)
    Membership.objects.create(user=cast.dan, group=cast.group)
    client.force_login(cast.dan)

    assert client.get(url(cast)).status_code == 404
    assert client.get(url(cast, poll)).status_code == 404


def test_a_visitor_is_asked_to_log_in(client: Client, cast: Cast) -> None:
    poll = open_poll(cast)

    for response in (client.get(url(cast)), client.get(url(cast, poll))):
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/login/")


def test_a_poll_of_another_group_is_a_404(client: Client, cast: Cast, make_group: Any) -> None:
    other = make_group("Aidants Rennes", "35000 Rennes")
    Membership.objects.create(
        user=cast.dan, group=other, role=Membership.Role.FACILITATOR, status="active"
    )
    theirs = polls.start_poll(
        Membership.objects.get(user=cast.dan),
        title="Chez eux",
        duration_minutes=90,
        starts=[at(cast, 3), at(cast, 4)],
    )
    client.force_login(cast.alice)

    assert client.get(url(cast, theirs)).status_code == 404
    option = theirs.options.first()
    assert option is not None
    assert client.post(url(cast, theirs, "choisir/"), {"option": option.pk}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "open"


def test_choosing_is_a_post_only(client: Client, cast: Cast) -> None:
    poll = open_poll(cast)
    client.force_login(cast.alice)

    assert client.get(url(cast, poll, "choisir/")).status_code == 405


# Answering.


def test_bob_answers_then_changes_his_answers(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    first, second = poll.options.all()
    client.force_login(cast.bob)

    client.post(url(cast, poll), {f"option_{first.pk}": "yes", f"option_{second.pk}": "no"})
    response = client.post(
        url(cast, poll), {f"option_{first.pk}": "if_needed", f"option_{second.pk}": "yes"}
    )

    assert response.status_code == 302
    assert dict(PollVote.objects.filter(user=cast.bob).values_list("option_id", "choice")) == {
        first.pk: "if_needed",
        second.pk: "yes",
    }
    html = client.get(url(cast, poll)).content.decode()
    # His radio buttons show what he said last.
    assert f'name="option_{second.pk}" value="yes" id="id_option_{second.pk}_0" checked' in html


def test_an_answer_that_is_not_a_choice_is_refused(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    first = poll.options.first()
    assert first is not None
    client.force_login(cast.bob)

    wrong = client.post(url(cast, poll), {f"option_{first.pk}": "peut-etre"})
    empty = client.post(url(cast, poll), {})

    assert wrong.status_code == 200 and empty.status_code == 200
    assert "Sélectionnez un choix valide" in wrong.content.decode()
    assert "Choisissez une réponse pour au moins une date." in empty.content.decode()
    assert not PollVote.objects.exists()


def test_chloe_an_observer_reads_the_counts_but_not_the_names_and_cannot_answer(
    client: Client, cast: Cast
) -> None:
    poll = open_poll(cast, 10, 17)
    vote(poll, cast.bob, "yes", "no")
    first = poll.options.first()
    assert first is not None
    client.force_login(cast.chloe)

    page = client.get(url(cast, poll))
    refused = client.post(url(cast, poll), {f"option_{first.pk}": "yes"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "Oui : 1 · Si besoin : 0 · Non : 0" in html
    assert "Bob" not in html
    assert 'type="radio"' not in html
    assert refused.status_code == 404
    assert not PollVote.objects.filter(user=cast.chloe).exists()


def test_members_see_who_said_what_and_who_has_not_answered(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    vote(poll, cast.bob, "yes", "if_needed")
    client.force_login(cast.alice)

    html = client.get(url(cast, poll)).content.decode()

    assert "Oui : 1" in html and "Si besoin : 1" in html
    assert "Pas encore répondu : Alice." in html
    assert "Chloé" not in html  # observers do not answer, so they are not waited for


def test_the_answers_of_someone_who_left_no_longer_count(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    vote(poll, cast.bob, "yes", "no")
    Membership.objects.filter(user=cast.bob).update(status=Membership.Status.LEFT)
    client.force_login(cast.alice)

    html = client.get(url(cast, poll)).content.decode()

    assert "Bob" not in html
    assert "pas encore de meilleure date" in html


def test_a_closed_poll_takes_no_more_answers(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    first = poll.options.first()
    assert first is not None
    polls.choose(poll, first, by=Membership.objects.get(user=cast.alice))
    client.force_login(cast.bob)

    response = client.post(url(cast, poll), {f"option_{first.pk}": "no"}, follow=True)

    assert "Ce sondage est clos" in response.content.decode()
    assert not PollVote.objects.exists()


# The best date.


def test_the_best_date_has_the_most_yes(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17, 24)
    vote(poll, cast.alice, "if_needed", "yes", "if_needed")
    vote(poll, cast.bob, "if_needed", "yes", "no")
    client.force_login(cast.bob)

    result = polls.results(poll)
    html = client.get(url(cast, poll)).content.decode()

    assert result.best is not None and result.best.option.starts_at == at(cast, 17)
    assert "C&#x27;est la date qui a le plus de « oui » (2)." in html
    assert html.count("Meilleure date") == 1


def test_between_equal_yes_the_most_yes_and_if_needed_wins(cast: Cast) -> None:
    poll = open_poll(cast, 10, 17, 24)
    vote(poll, cast.alice, "yes", "no", "yes")
    vote(poll, cast.bob, "no", "yes", "if_needed")

    result = polls.results(poll)

    assert result.best is not None and result.best.option.starts_at == at(cast, 24)
    assert "le plus de « oui » et « si besoin » ensemble (2)" in result.reason


def test_between_full_equals_the_earliest_date_wins(cast: Cast) -> None:
    poll = open_poll(cast, 24, 10, 17)
    vote(poll, cast.alice, "yes", "yes", "no")  # options are ordered by date: 10, 17, 24
    vote(poll, cast.bob, "if_needed", "if_needed", "yes")

    result = polls.results(poll)

    assert result.best is not None and result.best.option.starts_at == at(cast, 10)
    assert "c'est la plus proche qui est retenue" in result.reason


def test_only_if_needed_answers_still_give_a_best_date(cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    vote(poll, cast.bob, "no", "if_needed")

    result = polls.results(poll)

    assert result.best is not None and result.best.option.starts_at == at(cast, 17)
    assert "Personne n'a encore répondu « oui »" in result.reason


def test_without_answers_there_is_no_best_date(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    vote(poll, cast.bob, "no", "no")
    client.force_login(cast.bob)

    assert polls.results(poll).best is None
    assert "pas encore de meilleure date" in client.get(url(cast, poll)).content.decode()


def test_a_date_gone_by_is_never_the_best(cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    vote(poll, cast.alice, "yes", "if_needed")
    vote(poll, cast.bob, "yes", "no")
    PollOption.objects.filter(poll=poll, starts_at=at(cast, 10)).update(
        starts_at=timezone.now() - dt.timedelta(days=1)
    )

    result = polls.results(poll)

    assert result.best is not None and result.best.option.starts_at == at(cast, 17)


# Choosing the date.


def test_alice_turns_a_date_into_one_meeting_and_everyone_is_told(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    poll = open_poll(cast, 10, 17)
    chosen = poll.options.get(starts_at=at(cast, 17))
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(cast, poll, "choisir/"), {"option": chosen.pk})

    assert response.status_code == 302
    assert response["Location"] == url(cast, poll)
    meeting = Meeting.objects.get()
    assert (meeting.group, meeting.series, meeting.status) == (cast.group, None, "scheduled")
    assert meeting.starts_at == at(cast, 17)
    assert meeting.ends_at == at(cast, 17, 20, 0)
    poll.refresh_from_db()
    assert (poll.status, poll.meeting) == ("closed", meeting)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bob@example.org",
        "chloe@example.org",
    ]
    to_bob = next(message for message in mail.outbox if message.to == ["bob@example.org"])
    assert "Deuil Nantes" in to_bob.subject
    assert "Rencontre de rentrée" in to_bob.body and "de 18:30 à 20:00" in to_bob.body
    assert f"/mes-groupes/{cast.group.slug}/rencontres/{meeting.pk}/" in to_bob.body
    # The place is on the site only, never in an e-mail.
    assert "Maison des associations" not in to_bob.body
    page = client.get(url(cast, poll)).content.decode()
    assert "Ce sondage est clos. La rencontre est prévue le" in page
    assert "Retenir le " not in page


def test_the_chosen_meeting_gets_its_reminders(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    poll = open_poll(cast, 10, 17)
    first = poll.options.first()
    assert first is not None
    client.force_login(cast.alice)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(cast, poll, "choisir/"), {"option": first.pk})

    meeting = Meeting.objects.get()
    reminded = {
        row.args_kwargs["args"][1]
        for row in DBTaskResult.objects.filter(
            task_path="entraide.meetings.reminders.tasks.send_reminder"
        )
        if row.args_kwargs["args"][0] == meeting.pk
    }
    assert reminded == {cast.alice.pk, cast.bob.pk, cast.chloe.pk}


def test_choosing_twice_creates_nothing_more(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    poll = open_poll(cast, 10, 17)
    first, second = poll.options.all()
    client.force_login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(cast, poll, "choisir/"), {"option": first.pk})
    sent = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url(cast, poll, "choisir/"), {"option": second.pk}, follow=True)

    assert "Ce sondage est déjà clos" in again.content.decode()
    assert Meeting.objects.count() == 1
    assert Meeting.objects.get().starts_at == first.starts_at
    assert len(mail.outbox) == sent
    # The action itself refuses too, for a caller that did not look.
    poll.refresh_from_db()
    assert polls.choose(poll, second, by=Membership.objects.get(user=cast.alice)) is None
    assert Meeting.objects.count() == 1


def test_bob_may_choose_for_his_own_poll(
    client: Client, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    poll = open_poll(cast, 10, 17, by=cast.bob)
    first = poll.options.first()
    assert first is not None
    client.force_login(cast.bob)

    assert "Retenir le " in client.get(url(cast, poll)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(cast, poll, "choisir/"), {"option": first.pk})

    assert Meeting.objects.count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.org",
        "chloe@example.org",
    ]


def test_bob_may_not_choose_for_a_poll_alice_opened(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    first = poll.options.first()
    assert first is not None
    client.force_login(cast.bob)

    assert "Retenir le " not in client.get(url(cast, poll)).content.decode()
    assert client.post(url(cast, poll, "choisir/"), {"option": first.pk}).status_code == 404
    assert not Meeting.objects.exists()


def test_chloe_an_observer_may_not_choose(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17, by=cast.chloe)
    first = poll.options.first()
    assert first is not None
    client.force_login(cast.chloe)

    assert client.post(url(cast, poll, "choisir/"), {"option": first.pk}).status_code == 404
    assert not Meeting.objects.exists()


def test_a_date_of_another_poll_or_gone_by_cannot_be_chosen(client: Client, cast: Cast) -> None:
    poll = open_poll(cast, 10, 17)
    other = open_poll(cast, 3, 4)
    foreign = other.options.first()
    past = poll.options.first()
    assert foreign is not None and past is not None
    PollOption.objects.filter(pk=past.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(cast.alice)

    wrong = client.post(url(cast, poll, "choisir/"), {"option": foreign.pk}, follow=True)
    gone = client.post(url(cast, poll, "choisir/"), {"option": past.pk}, follow=True)

    assert "Cette date ne fait pas partie du sondage." in wrong.content.decode()
    assert "Cette date est déjà passée : choisissez-en une autre." in gone.content.decode()
    assert not Meeting.objects.exists()
    poll.refresh_from_db()
    assert poll.status == "open"
