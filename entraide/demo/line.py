"""The demo listening line's rota ("Ligne d'écoute du soir", `data/pairing.json`): weekly
shifts, three trained volunteers who gave their availability, and this month and the next
proposed by the solver and published. DEBUG only, like the demo people.

Written without e-mails (a demo is not news): the rota is proposed through
`pairing.line_actions.propose`, then marked published directly. Loading twice changes nothing:
shifts, volunteers and availability are found again, and a published month is left alone.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from entraide.accounts.models import User
from entraide.demo.data import Stories
from entraide.demo.people import demo_person
from entraide.pairing import line_actions
from entraide.pairing.models import (
    LineShift,
    PeerApplication,
    Programme,
    RotaMonth,
    TrainingRecord,
)

LINE = "Ligne d'écoute du soir"
# (day, start, end, people wanted)
SHIFTS = (
    ("mon", dt.time(19), dt.time(22), 2),
    ("wed", dt.time(19), dt.time(22), 2),
    ("fri", dt.time(19), dt.time(22), 2),
    ("sat", dt.time(14), dt.time(17), 2),
)
# Volunteers besides Malik (accepted and trained in `data/pairing.json`): (e-mail, shifts a
# month, the days they can take).
VOLUNTEERS = (
    ("jean@demo.entraide.localhost", 4, ("mon", "wed", "sat")),
    ("paul@demo.entraide.localhost", 3, ("wed", "fri")),
)
MALIK = ("malik@demo.entraide.localhost", 4, ("mon", "fri", "sat"))


def load_line(stories: Stories) -> str:
    """The line's shifts, volunteers and published rota; returns what to try."""
    line = Programme.objects.select_related("organisation").get(
        kind=Programme.Kind.LISTENING_LINE, name=LINE
    )
    with transaction.atomic():
        if not LineShift.objects.filter(programme=line).exists():
            for day, start, end, wanted in SHIFTS:
                LineShift.objects.create(
                    programme=line, day=day, starts_at=start, ends_at=end, wanted=wanted
                )
        shifts = list(LineShift.objects.filter(programme=line))
        this_month = line_actions.month_of(timezone.localdate())
        months = [this_month, line_actions.next_month(this_month)]
        for email, per_month, days in (MALIK, *VOLUNTEERS):
            person = demo_person(stories, email)
            application = PeerApplication.objects.filter(
                programme=line, user=person, status=PeerApplication.Status.ACCEPTED
            ).first()
            if application is None:
                application = _volunteer(line, person, per_month)
            for month in months:
                if not application.line_availabilities.filter(month=month).exists():
                    line_actions.give_availability(
                        application, month, [s for s in shifts if s.day in days], per_month
                    )
        for month in months:
            rota = line_actions.rota_month(line, month)
            if rota.published_at is None:
                line_actions.propose(rota)
                RotaMonth.objects.filter(pk=rota.pk).update(published_at=timezone.now())
    return "weekly shifts, three volunteers, this month's and next month's rota published"


def _volunteer(line: Programme, person: User, per_month: int) -> PeerApplication:
    now = timezone.now()
    application = PeerApplication.objects.create(
        programme=line,
        user=person,
        experience="J'ai traversé une longue dépression ; une voix au téléphone m'a aidé.",
        motivation="Rendre ce que j'ai reçu, un soir par semaine.",
        availability=["mon-evening", "wed-evening"],
        languages=["fr"],
        modes=["phone"],
        shifts_per_month=per_month,
        status=PeerApplication.Status.ACCEPTED,
        submitted_at=now - dt.timedelta(days=80),
        decided_at=now - dt.timedelta(days=60),
        decision_message="Bienvenue dans l'équipe de la ligne.",
    )
    for module in line.modules.all():
        TrainingRecord.objects.create(
            application=application,
            module=module,
            done_on=timezone.localdate() - dt.timedelta(days=40),
            trainer="Inès Morel",
        )
    return application
