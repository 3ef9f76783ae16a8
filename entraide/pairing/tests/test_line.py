"""A listening line's rota. Coralie coordinates the Nantes line; Bob, Alice and Chloé are its
trained volunteers; Olivia coordinates elsewhere; Dan is a stranger."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.organisations.models import Organisation
from entraide.pairing import line_actions
from entraide.pairing.line_forms import ShiftLogForm
from entraide.pairing.models import (
    LineAvailability,
    LineShift,
    PeerApplication,
    Programme,
    RotaMonth,
    ShiftAssignment,
    ShiftSwap,
    TrainingModule,
)
from tests import icaljs

pytestmark = pytest.mark.django_db

TEAM = "/organisations/centre-nantes/programmes/"


@pytest.fixture
def line(organisation: Organisation) -> Programme:
    return Programme.objects.create(
        organisation=organisation,
        kind=Programme.Kind.LISTENING_LINE,
        name="Ligne d'écoute deuil",
        description="Une voix au bout du fil.",
        languages=["fr"],
        modes=["phone"],
        remote=True,
        is_published=True,
    )


@pytest.fixture
def tuesday(line: Programme) -> LineShift:
    return LineShift.objects.create(
        programme=line, day="tue", starts_at=dt.time(18), ends_at=dt.time(21), wanted=2
    )


def volunteer(line: Programme, person: User, shifts_per_month: int = 4) -> PeerApplication:
    return PeerApplication.objects.create(
        programme=line,
        user=person,
        experience="J'ai perdu ma mère.",
        motivation="Écouter.",
        status=PeerApplication.Status.ACCEPTED,
        decided_at=timezone.now(),
        shifts_per_month=shifts_per_month,
    )


def signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def next_month() -> dt.date:
    return line_actions.next_month(line_actions.month_of(timezone.localdate()))


def month_url(line: Programme, month: dt.date) -> str:
    return f"{TEAM}{line.pk}/permanences/{month.year}/{month.month}/"


def mine_url(application: PeerApplication) -> str:
    return f"/mes-demarches-individuelles/candidature/{application.pk}/permanences/"


def tuesdays(month: dt.date) -> list[dt.date]:
    day, found = month, []
    while day.month == month.month:
        if day.weekday() == 1:
            found.append(day)
        day += dt.timedelta(days=1)
    return found


def available(
    application: PeerApplication, month: dt.date, shifts: list[LineShift], n: int
) -> None:
    line_actions.give_availability(application, month, shifts, n)


def test_a_coordinator_adds_a_weekly_shift_and_sees_its_month(
    line: Programme, coralie: User
) -> None:
    client = signed_in(coralie)

    response = client.post(
        f"{TEAM}{line.pk}/permanences/",
        {"day": "tue", "starts_at": "18:00", "ends_at": "21:00", "wanted": "2"},
    )

    assert response.status_code == 302
    shift = LineShift.objects.get(programme=line)
    assert (shift.day, shift.wanted) == ("tue", 2)
    month = next_month()
    page = client.get(month_url(line, month)).content.decode()
    assert page.count("Il manque 2 personnes") == len(tuesdays(month))
    start, end = shift.bounds(tuesdays(month)[0])
    assert start.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))
    assert (end - start) == dt.timedelta(hours=3)


def test_a_night_shift_ends_the_next_day(line: Programme) -> None:
    night = LineShift.objects.create(
        programme=line, day="fri", starts_at=dt.time(22), ends_at=dt.time(2)
    )

    start, end = night.bounds(dt.date(2027, 1, 1))

    assert end - start == dt.timedelta(hours=4)


def test_a_shift_that_ends_when_it_starts_is_refused_in_words(
    line: Programme, coralie: User
) -> None:
    response = signed_in(coralie).post(
        f"{TEAM}{line.pk}/permanences/",
        {"day": "tue", "starts_at": "18:00", "ends_at": "18:00", "wanted": "2"},
    )

    assert response.status_code == 400
    assert "La fin doit être différente du début." in response.content.decode()
    assert not LineShift.objects.exists()


def test_a_pairing_programme_has_no_shifts_page(organisation: Organisation, coralie: User) -> None:
    pairing = Programme.objects.create(
        organisation=organisation, kind=Programme.Kind.PAIRING, name="Jumelage", description="."
    )

    assert signed_in(coralie).get(f"{TEAM}{pairing.pk}/permanences/").status_code == 404


def test_strangers_and_other_coordinators_get_404(
    line: Programme, tuesday: LineShift, olivia: User, cast: Cast
) -> None:
    bob = volunteer(line, cast.bob)
    for person in (olivia, cast.dan, cast.bob):
        assert signed_in(person).get(month_url(line, next_month())).status_code == 404
    for person in (olivia, cast.dan):
        assert signed_in(person).get(mine_url(bob)).status_code == 404


def test_a_volunteer_gives_their_availability_with_their_usual_number_as_default(
    line: Programme, tuesday: LineShift, cast: Cast
) -> None:
    bob = volunteer(line, cast.bob, shifts_per_month=3)
    client = signed_in(cast.bob)
    page = client.get(mine_url(bob)).content.decode()
    assert 'name="max_shifts" value="3"' in page
    month = next_month()

    client.post(
        f"{mine_url(bob)}disponibilites/{month.year}/{month.month}/",
        {"shifts": [tuesday.pk], "max_shifts": "2"},
    )

    offer = LineAvailability.objects.get(application=bob, month=month)
    assert (offer.max_shifts, list(offer.shifts.all())) == (2, [tuesday])


def test_the_proposed_rota_covers_shifts_within_offers_and_shows_the_gaps_in_words(
    line: Programme, tuesday: LineShift, coralie: User, cast: Cast
) -> None:
    month = next_month()
    weeks = len(tuesdays(month))
    bob, alice = volunteer(line, cast.bob), volunteer(line, cast.alice)
    available(bob, month, [tuesday], weeks)
    available(alice, month, [tuesday], 2)
    client = signed_in(coralie)

    client.post(f"{month_url(line, month)}proposer/")

    held = ShiftAssignment.objects.filter(rota__programme=line)
    assert held.filter(application=bob).count() == weeks
    assert held.filter(application=alice).count() == 2
    page = client.get(month_url(line, month)).content.decode()
    assert page.count("Il manque 1 personne") == weeks - 2


def test_a_volunteer_still_in_training_is_never_put_on_a_shift(
    line: Programme, tuesday: LineShift, coralie: User, cast: Cast
) -> None:
    TrainingModule.objects.create(programme=line, name="Écoute active")
    month = next_month()
    bob = volunteer(line, cast.bob)
    available(bob, month, [tuesday], 4)

    signed_in(coralie).post(f"{month_url(line, month)}proposer/")

    assert not ShiftAssignment.objects.exists()


def test_the_coordinator_adds_a_volunteer_by_hand_and_proposing_again_keeps_it(
    line: Programme, tuesday: LineShift, coralie: User, cast: Cast
) -> None:
    month = next_month()
    bob, alice, chloe = (volunteer(line, p) for p in (cast.bob, cast.alice, cast.chloe))
    for application in (bob, alice, chloe):
        available(application, month, [tuesday], 1)
    first = tuesdays(month)[0]
    client = signed_in(coralie)
    key = f"{tuesday.pk}:{first.isoformat()}"

    client.post(f"{month_url(line, month)}ajouter/", {"occurrence": key, "volunteer": chloe.pk})
    client.post(f"{month_url(line, month)}proposer/")

    assert ShiftAssignment.objects.filter(application=chloe, day=first).exists()
    assert ShiftAssignment.objects.count() == 3


def test_an_adjustment_that_breaks_a_rule_is_refused_in_words(
    line: Programme, tuesday: LineShift, coralie: User, cast: Cast
) -> None:
    month = next_month()
    bob, alice, chloe = (volunteer(line, p) for p in (cast.bob, cast.alice, cast.chloe))
    available(bob, month, [tuesday], 4)
    available(alice, month, [tuesday], 4)
    first = tuesdays(month)[0]
    key = f"{tuesday.pk}:{first.isoformat()}"
    client = signed_in(coralie)

    not_available = client.post(
        f"{month_url(line, month)}ajouter/", {"occurrence": key, "volunteer": chloe.pk}, follow=True
    )
    client.post(f"{month_url(line, month)}ajouter/", {"occurrence": key, "volunteer": bob.pk})
    client.post(f"{month_url(line, month)}ajouter/", {"occurrence": key, "volunteer": alice.pk})
    available(chloe, month, [tuesday], 4)
    full = client.post(
        f"{month_url(line, month)}ajouter/", {"occurrence": key, "volunteer": chloe.pk}, follow=True
    )

    assert "pas dit être disponible" in not_available.content.decode()
    assert "déjà toutes les personnes souhaitées" in full.content.decode()
    assert ShiftAssignment.objects.count() == 2


def test_the_coordinator_removes_a_volunteer_and_a_gap_opens(
    line: Programme, tuesday: LineShift, coralie: User, cast: Cast
) -> None:
    month = next_month()
    bob = volunteer(line, cast.bob)
    rota = line_actions.rota_month(line, month)
    held = ShiftAssignment.objects.create(
        rota=rota, shift=tuesday, day=tuesdays(month)[0], application=bob
    )

    signed_in(coralie).post(f"{TEAM}{line.pk}/permanences/affectations/{held.pk}/retirer/")

    assert not ShiftAssignment.objects.exists()


def test_volunteers_see_their_shifts_only_once_published_and_are_told(
    line: Programme, tuesday: LineShift, coralie: User, cast: Cast
) -> None:
    month = next_month()
    bob = volunteer(line, cast.bob)
    available(bob, month, [tuesday], 1)
    client = signed_in(coralie)
    client.post(f"{month_url(line, month)}proposer/")
    day = ShiftAssignment.objects.get().day
    assert "Aucune permanence à venir" in signed_in(cast.bob).get(mine_url(bob)).content.decode()
    mail.outbox.clear()

    client.post(f"{month_url(line, month)}publier/")

    rota = RotaMonth.objects.get(programme=line, month=month)
    assert rota.published_at is not None
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    journal = AuditEvent.objects.get(action=AuditEvent.Action.ROTA_PUBLISHED)
    assert (journal.actor, journal.organisation) == (coralie, line.organisation)
    assert journal.detail == f"rota {rota.pk} {month:%Y-%m}"
    page = signed_in(cast.bob).get(mine_url(bob)).content.decode()
    assert f"Proposer ma permanence du {day.day}" in page


def published(line: Programme, month: dt.date) -> RotaMonth:
    rota = line_actions.rota_month(line, month)
    rota.published_at = timezone.now()
    rota.save(update_fields=["published_at"])
    return rota


def test_two_volunteers_swap_shifts_and_both_are_told(
    line: Programme, tuesday: LineShift, cast: Cast
) -> None:
    month = next_month()
    first, second = tuesdays(month)[:2]
    bob, alice = volunteer(line, cast.bob), volunteer(line, cast.alice)
    available(bob, month, [tuesday], 4)
    available(alice, month, [tuesday], 4)
    rota = published(line, month)
    bobs = ShiftAssignment.objects.create(rota=rota, shift=tuesday, day=first, application=bob)
    alices = ShiftAssignment.objects.create(rota=rota, shift=tuesday, day=second, application=alice)
    signed_in(cast.bob).post(f"{mine_url(bob)}{bobs.pk}/proposer/")
    swap = ShiftSwap.objects.get()
    mail.outbox.clear()

    signed_in(cast.alice).post(
        f"{mine_url(alice)}echanges/{swap.pk}/reprendre/", {"exchanged": alices.pk}
    )

    bobs.refresh_from_db()
    alices.refresh_from_db()
    assert (bobs.application, alices.application) == (alice, bob)
    assert ShiftSwap.objects.get().status == "done"
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    journal = AuditEvent.objects.get(action=AuditEvent.Action.SHIFT_SWAPPED)
    assert (journal.actor, journal.subject) == (cast.alice, cast.bob)
    assert journal.detail == f"swap {swap.pk}"


def test_a_swap_onto_a_shift_the_taker_cannot_take_is_refused_in_words(
    line: Programme, tuesday: LineShift, cast: Cast
) -> None:
    month = next_month()
    bob, alice = volunteer(line, cast.bob), volunteer(line, cast.alice)
    available(bob, month, [tuesday], 4)
    rota = published(line, month)
    bobs = ShiftAssignment.objects.create(
        rota=rota, shift=tuesday, day=tuesdays(month)[0], application=bob
    )
    swap = ShiftSwap.objects.create(assignment=bobs, offered_by=bob)

    response = signed_in(cast.alice).post(
        f"{mine_url(alice)}echanges/{swap.pk}/reprendre/", {"exchanged": ""}, follow=True
    )

    assert "pas dit être disponible" in response.content.decode()
    bobs.refresh_from_db()
    assert bobs.application == bob
    assert ShiftSwap.objects.get().status == "open"


def test_a_volunteer_of_another_line_cannot_take_a_swap(
    line: Programme, tuesday: LineShift, organisation: Organisation, cast: Cast
) -> None:
    other = Programme.objects.create(
        organisation=organisation, kind="line", name="Autre ligne", description="."
    )
    dan = volunteer(other, cast.dan)
    bob = volunteer(line, cast.bob)
    rota = published(line, next_month())
    bobs = ShiftAssignment.objects.create(
        rota=rota, shift=tuesday, day=tuesdays(next_month())[0], application=bob
    )
    swap = ShiftSwap.objects.create(assignment=bobs, offered_by=bob)

    response = signed_in(cast.dan).post(f"{mine_url(dan)}echanges/{swap.pk}/reprendre/")

    assert response.status_code == 404


def test_a_volunteer_logs_counts_and_durations_and_the_coordinator_sees_totals(
    line: Programme, tuesday: LineShift, coralie: User, cast: Cast
) -> None:
    bob = volunteer(line, cast.bob)
    this_month = line_actions.month_of(timezone.localdate())
    past = timezone.localdate() - dt.timedelta(days=(timezone.localdate().weekday() - 1) % 7 or 7)
    rota = published(line, line_actions.month_of(past))
    held = ShiftAssignment.objects.create(rota=rota, shift=tuesday, day=past, application=bob)

    signed_in(cast.bob).post(f"{mine_url(bob)}{held.pk}/noter/", {"calls": "3", "minutes": "75"})

    held.refresh_from_db()
    assert (held.calls, held.minutes) == (3, 75)
    assert set(ShiftLogForm().fields) == {"calls", "minutes"}
    month = line_actions.month_of(past)
    page = signed_in(coralie).get(month_url(line, month)).content.decode()
    assert "3 appels, 75 minutes en tout" in page
    assert this_month >= month


def test_a_shift_ahead_cannot_be_logged(line: Programme, tuesday: LineShift, cast: Cast) -> None:
    bob = volunteer(line, cast.bob)
    rota = published(line, next_month())
    held = ShiftAssignment.objects.create(
        rota=rota, shift=tuesday, day=tuesdays(next_month())[0], application=bob
    )

    response = signed_in(cast.bob).post(
        f"{mine_url(bob)}{held.pk}/noter/", {"calls": "3", "minutes": "75"}, follow=True
    )

    assert "se note une fois commencée" in response.content.decode()
    held.refresh_from_db()
    assert held.calls is None


def test_reminders_go_the_day_before_once_and_only_for_published_rotas(
    line: Programme, cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    soon = timezone.now().astimezone(line.time_zone) + dt.timedelta(hours=20)
    shift = LineShift.objects.create(
        programme=line,
        day=["mon", "tue", "wed", "thu", "fri", "sat", "sun"][soon.weekday()],
        starts_at=soon.time().replace(second=0, microsecond=0),
        ends_at=(soon + dt.timedelta(hours=2)).time().replace(second=0, microsecond=0),
    )
    bob, alice = volunteer(line, cast.bob), volunteer(line, cast.alice)
    draft_line = Programme.objects.create(
        organisation=line.organisation, kind="line", name="Brouillon", description="."
    )
    draft_shift = LineShift.objects.create(
        programme=draft_line, day=shift.day, starts_at=shift.starts_at, ends_at=shift.ends_at
    )
    ShiftAssignment.objects.create(
        rota=published(line, soon.date().replace(day=1)),
        shift=shift,
        day=soon.date(),
        application=bob,
    )
    ShiftAssignment.objects.create(
        rota=line_actions.rota_month(draft_line, soon.date().replace(day=1)),
        shift=draft_shift,
        day=soon.date(),
        application=alice,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_shift_reminders", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_shift_reminders", verbosity=0)

    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "Demain, votre permanence" in mail.outbox[0].subject


def test_the_calendar_feed_holds_my_published_shifts_and_a_wrong_address_is_404(
    line: Programme, tuesday: LineShift, cast: Cast
) -> None:
    bob = volunteer(line, cast.bob)
    rota = published(line, next_month())
    ShiftAssignment.objects.create(
        rota=rota, shift=tuesday, day=tuesdays(next_month())[0], application=bob
    )
    token = line_actions.calendar_of(bob).token

    feed = Client().get(f"/permanences/agenda/{token}.ics")

    body = feed.content.decode()
    assert feed["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 1
    assert "DTSTART;TZID=Europe/Paris:" in body
    assert "T180000" in body
    assert Client().get("/permanences/agenda/wrong.ics").status_code == 404
    bob.status = PeerApplication.Status.WITHDRAWN
    bob.save(update_fields=["status"])
    assert Client().get(f"/permanences/agenda/{token}.ics").status_code == 404


def test_ical_js_reads_my_shift_at_the_line_s_own_hour(
    line: Programme, tuesday: LineShift, cast: Cast
) -> None:
    bob = volunteer(line, cast.bob)
    month = next_month()
    held = ShiftAssignment.objects.create(
        rota=published(line, month), shift=tuesday, day=tuesdays(month)[0], application=bob
    )
    token = line_actions.calendar_of(bob).token
    body = Client().get(f"/permanences/agenda/{token}.ics").content
    after = dt.datetime.combine(month, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=1)

    (seen,) = icaljs.expand(body, after, after + dt.timedelta(days=40))

    start, end = held.bounds()
    assert (seen.start, seen.end) == (start, end)
    assert seen.zone == "Europe/Paris"
    assert seen.summary == "Permanence : Ligne d'écoute deuil"


def test_a_volunteer_keeps_a_shift_they_offered_and_nobody_else_can_withdraw_it(
    line: Programme, tuesday: LineShift, cast: Cast
) -> None:
    bob, alice = volunteer(line, cast.bob), volunteer(line, cast.alice)
    rota = published(line, next_month())
    bobs = ShiftAssignment.objects.create(
        rota=rota, shift=tuesday, day=tuesdays(next_month())[0], application=bob
    )
    swap = line_actions.offer_swap(bobs)

    by_alice = signed_in(cast.alice).post(f"{mine_url(alice)}echanges/{swap.pk}/retirer/")
    assert by_alice.status_code == 404
    signed_in(cast.bob).post(f"{mine_url(bob)}echanges/{swap.pk}/retirer/")

    assert ShiftSwap.objects.get().status == "withdrawn"
    page = signed_in(cast.alice).get(mine_url(alice)).content.decode()
    assert "Aucune permanence proposée pour le moment." in page


def test_the_month_speaks_english_to_an_english_coordinator(
    line: Programme, tuesday: LineShift, coralie: User
) -> None:
    coralie.preferred_language = "en"
    coralie.save(update_fields=["preferred_language"])
    client = signed_in(coralie)
    client.cookies["django_language"] = "en"

    page = client.get(month_url(line, next_month()), headers={"accept-language": "en"})

    assert "2 people missing" in page.content.decode()
    assert "Propose the rota" in page.content.decode()


def test_a_volunteer_renews_their_calendar_address_and_the_old_one_stops_at_once(
    line: Programme, tuesday: LineShift, cast: Cast
) -> None:
    bob = volunteer(line, cast.bob)
    old = line_actions.calendar_of(bob).token
    assert Client().get(f"/permanences/agenda/{old}.ics").status_code == 200

    response = signed_in(cast.bob).post(f"{mine_url(bob)}agenda/nouvelle-adresse/")

    assert response.status_code == 302
    new = line_actions.calendar_of(bob).token
    assert new != old
    assert Client().get(f"/permanences/agenda/{old}.ics").status_code == 404
    assert Client().get(f"/permanences/agenda/{new}.ics").status_code == 200
    page = signed_in(cast.bob).get(mine_url(bob)).content.decode()
    assert new in page and old not in page
    journal = AuditEvent.objects.get(action=AuditEvent.Action.LINE_CALENDAR_RENEWED)
    assert (journal.actor, journal.detail) == (cast.bob, f"application {bob.pk}")


def test_nobody_else_renews_a_volunteer_s_calendar_address(
    line: Programme, cast: Cast, coralie: User
) -> None:
    bob = volunteer(line, cast.bob)
    token = line_actions.calendar_of(bob).token
    for person in (cast.alice, coralie):
        response = signed_in(person).post(f"{mine_url(bob)}agenda/nouvelle-adresse/")
        assert response.status_code == 404
    assert signed_in(cast.bob).get(f"{mine_url(bob)}agenda/nouvelle-adresse/").status_code == 405
    assert line_actions.calendar_of(bob).token == token
