"""A month in the life of a group, in a real browser: schedule, answer, remind, meet, take
attendance, and gently follow up a member who missed the meeting (issue 5's proof)."""

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from conftest import Cast
from entraide.meetings.models import Answer, FollowUp, Meeting
from entraide.meetings.reminders.tasks import send_reminder
from entraide.membership.models import Membership
from tests.browser.test_directory import fits_the_screen, serious_violations
from tests.browser.test_joining import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLACE = "Maison des associations, 10 rue de la Paix, salle 3"


@pytest.fixture
def dan_joined(cast: Cast) -> Membership:
    """Dan, a stranger in the shared cast, has become a member of the group."""
    return Membership.objects.create(
        user=cast.dan,
        group=cast.group,
        role=Membership.Role.MEMBER,
        status=Membership.Status.ACTIVE,
    )


def main(page: Any) -> str:
    text: str = page.locator("main").inner_text()
    return text


def status(page: Any) -> str:
    text: str = page.get_by_role("status").inner_text()
    return text


def first_day_of_next_month(group_zone: Any) -> dt.date:
    today = timezone.localdate(timezone=group_zone)
    return (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def first_tuesday_from(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def sent_to(address: str, subject_start: str) -> list[Any]:
    return [
        message
        for message in mail.outbox
        if message.to == [address] and str(message.subject).startswith(subject_start)
    ]


def move_meeting(meeting: Meeting, starts_in: dt.timedelta) -> None:
    """The browser's server runs on the real clock, which a test cannot move: the meeting is
    moved instead, with the ORM, so that it comes closer (or is over) as a month goes by."""
    starts = timezone.now().replace(microsecond=0) + starts_in
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=starts + dt.timedelta(minutes=90)
    )


def test_a_month_in_the_life_of_a_group(
    page: Any,
    live_server: Any,
    tab_for: Callable[[], Any],
    cast: Cast,
    dan_joined: Membership,
) -> None:
    base = live_server.url
    space = f"{base}/mes-groupes/{cast.group.slug}/"
    zone = cast.group.time_zone

    # 1. Alice sets the group's rhythm: the first Tuesday of the month, from next month on.
    alice = page
    log_in(alice, base, "alice@example.org")
    alice.goto(space + "rencontres/rythme/")
    assert serious_violations(alice) == []
    assert fits_the_screen(alice)
    starts_on = first_day_of_next_month(zone)
    alice.get_by_label("Un jour de la semaine par mois", exact=False).check()
    alice.get_by_label("Jour de la semaine", exact=True).select_option(label="mardi")
    alice.get_by_label("Quelle semaine du mois").select_option(label="1er")
    alice.get_by_label("À partir du", exact=False).fill(starts_on.isoformat())
    alice.get_by_label("Heure de début", exact=False).fill("18:30")
    alice.get_by_label("Heure de fin", exact=False).fill("20:00")
    alice.get_by_label("Toujours au même endroit").check()
    alice.get_by_label("Adresse", exact=True).fill(PLACE)
    alice.get_by_label("Nombre de places").fill("2")
    alice.get_by_role("button", name="Enregistrer le rythme").click()
    alice.wait_for_url("**/rencontres/")
    assert "Le rythme est enregistré" in status(alice)

    meeting = Meeting.objects.filter(group=cast.group).order_by("starts_at").first()
    assert meeting is not None
    local_start = timezone.localtime(meeting.starts_at, zone)
    assert local_start.date() == first_tuesday_from(starts_on)
    assert (local_start.hour, local_start.minute) == (18, 30)
    planned = alice.locator("main .cards").first.inner_text()
    assert f"mardi {local_start.day} " in planned
    assert "18:30–20:00" in planned
    assert PLACE in planned
    meeting_url = f"{space}rencontres/{meeting.pk}/"

    # 2. Bob answers first and has a seat.
    bob = tab_for()
    log_in(bob, base, "bob@example.org")
    bob.goto(meeting_url)
    assert serious_violations(bob) == []
    assert fits_the_screen(bob)
    bob.get_by_role("button", name="Je viens").click()
    bob.wait_for_load_state()
    assert "C'est noté : vous venez, une place vous est gardée." in status(bob)
    assert "1 place prise sur 2." in main(bob)

    # Chloé came to listen: she reads in English, and sees the place of her first meeting.
    chloe = tab_for()
    log_in(chloe, base, "chloe@example.org")
    chloe.goto(meeting_url)
    assert chloe.locator("html").get_attribute("lang") == "en"
    assert PLACE in main(chloe)
    assert "Bob" not in main(chloe)  # the names of who comes are for members only
    chloe.locator("button[name=response][value=coming]").click()
    chloe.wait_for_load_state()
    chloes = Answer.objects.get(meeting=meeting, user=cast.chloe)
    assert (chloes.response, chloes.waiting) == (Answer.Response.COMING, False)

    # Dan answers third: the meeting is full, he waits.
    dan = tab_for()
    log_in(dan, base, "dan@example.org")
    dan.goto(meeting_url)
    dan.get_by_role("button", name="Je viens").click()
    dan.wait_for_load_state()
    assert "vous êtes n° 1 sur la liste d'attente" in status(dan)
    assert "vous êtes n° 1 sur la liste d'attente" in main(dan)

    # Bob cannot come after all: his seat goes to Dan, who is told by e-mail.
    bob.get_by_role("button", name="Je ne viens pas").click()
    bob.wait_for_load_state()
    assert "C'est noté : vous ne venez pas." in status(bob)
    dan.reload()
    assert "je viens — une place vous est gardée" in main(dan)
    assert "2 places prises sur 2." in main(dan)
    assert "Dan : je viens\n" in main(dan)
    assert "(liste d'attente)" not in main(dan)
    promoted = sent_to("dan@example.org", "Une place s'est libérée pour vous")
    assert len(promoted) == 1
    assert "cette place est pour vous" in str(promoted[0].body)

    # 3. Two days before, the reminder: the job may run twice, Dan gets one e-mail.
    move_meeting(meeting, dt.timedelta(days=1, hours=12))
    first = send_reminder.call(meeting.pk, cast.dan.pk, "days")
    again = send_reminder.call(meeting.pk, cast.dan.pk, "days")
    assert (first, again) == (True, False)
    assert len(sent_to("dan@example.org", "Rappel : « Deuil Nantes » se retrouve le")) == 1

    # Bob offers to welcome people: he will be the one asked to check in on someone missed.
    bob.goto(space + "roles/")
    bob.get_by_label("Accueil des nouvelles personnes").check()
    bob.locator("main").get_by_role("button", name="Enregistrer").click()
    bob.wait_for_load_state()
    assert "Merci de partager les tâches du groupe." in status(bob)

    # 4. The meeting took place; Alice notes who came. Dan had not said he would be away.
    move_meeting(meeting, -dt.timedelta(hours=3))
    alice.goto(meeting_url)
    alice.get_by_role("link", name="Noter les présences").click()
    alice.wait_for_url("**/presences/")
    assert "Rappel : on n'écrit jamais les histoires personnelles." in main(alice)
    assert serious_violations(alice) == []
    assert fits_the_screen(alice)
    for name, choice in [
        ("Alice", "présent·e"),
        ("Bob", "présent·e"),  # he managed to come after all
        ("Chloé", "présent·e"),
        ("Dan", "absent·e"),
    ]:
        alice.get_by_role("group", name=name, exact=True).get_by_label(choice).check()
    alice.get_by_label("Décisions et actions").fill("Bob réserve la salle pour la fête de janvier.")
    alice.get_by_role("button", name="Enregistrer les présences").click()
    alice.wait_for_load_state()
    assert "Une personne volontaire est invitée à prendre des nouvelles" in status(alice)
    meeting.refresh_from_db()
    assert meeting.note == "Bob réserve la salle pour la fête de janvier."

    # 5. Bob, the volunteer, is asked to check in on Dan; Dan never sees it.
    follow_up = FollowUp.objects.get(meeting=meeting)
    assert (follow_up.member, follow_up.volunteer) == (cast.dan, cast.bob)
    assert len(sent_to("bob@example.org", "Prendre des nouvelles de Dan")) == 1
    dan.goto(space + "nouvelles/")
    assert "Aucune prise de nouvelles en attente." in main(dan)

    bob.goto(space + "nouvelles/")
    card = bob.locator("main .card").filter(has_text="Dan")
    assert "Bob s'en occupe." in card.inner_text()
    card.get_by_text("Un message possible").click()
    suggested = card.locator(".message").inner_text()
    assert "Ta présence nous a manqué" in suggested
    assert "pourquoi" not in suggested.lower()
    assert "reproche" not in suggested.lower()
    assert serious_violations(bob) == []
    assert fits_the_screen(bob)
    card.get_by_role("button", name="J'ai pris de ses nouvelles").click()
    bob.wait_for_load_state()
    assert "Merci d'avoir pris de ses nouvelles." in status(bob)
    assert "Aucune prise de nouvelles en attente." in main(bob)
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE

    # 6. Bob puts the group's meetings in his phone's calendar.
    bob.goto(space + "agenda/")
    bob.get_by_role("button", name="Créer mon adresse").first.click()
    bob.wait_for_load_state()
    assert "Votre adresse d'agenda est prête." in status(bob)
    address = bob.locator("#address-group").input_value()
    feed = bob.request.get(base + urlsplit(address).path)
    assert feed.ok
    assert feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert "BEGIN:VEVENT" in body
    assert "RRULE:FREQ=MONTHLY" in body
    assert "BYDAY=1TU" in body
