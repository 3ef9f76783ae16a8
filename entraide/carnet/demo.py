"""A few pages of the demo facilitator's carnet, after the demo group's last meetings.

Only for `make run` (DEBUG), after `load_demo_people` and `load_demo_series`: Alice
(alice@demo.entraide.localhost) finds her evolution drawn on "Mon carnet". The demo plans
coming meetings only, so the last past occurrences of the group's rhythm are added as meetings
first. Running it again changes nothing.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from entraide.accounts.models import User
from entraide.carnet.models import Entry
from entraide.directory.models import SupportGroup
from entraide.lib import recurrence
from entraide.meetings.models import Meeting
from entraide.membership.demo import DEMO_GROUP

DEMO_AUTHOR = "alice@demo.entraide.localhost"
LOOK_BACK = dt.timedelta(days=120)
PAGES = [
    (
        2,
        "Un peu tendue en arrivant, je ne savais pas si j'oserais parler.",
        "Le tour de table où chacun peut passer : ça m'a rassurée.",
        "Écouter d'abord. Peut-être dire un mot sur les dimanches.",
    ),
    (
        3,
        "Plus calme que la dernière fois. Les silences ne me gênent plus.",
        "L'astuce de Bob pour les soirées difficiles : sortir marcher un peu.",
        "Raconter comment s'est passée ma semaine.",
    ),
    (
        4,
        "Le cœur léger en repartant. Je me suis sentie comprise.",
        "On n'est pas obligé de tout dire pour être écouté.",
        "Proposer un thème : les fêtes de fin d'année.",
    ),
]


def _past_meetings(count: int) -> list[Meeting]:
    """The last `count` past meetings of the demo group, created from its rhythm if needed."""
    group = SupportGroup.objects.get(slug=DEMO_GROUP)
    series = group.active_series()
    now = timezone.now()
    if series is None:
        return list(
            Meeting.objects.filter(group=group, ends_at__lt=now).order_by("-starts_at")[:count]
        )[::-1]
    zone = group.time_zone
    starts = list(
        recurrence.occurrences(
            series.rule, series.starts_on, series.start_time, zone, now - LOOK_BACK, now
        )
    )[-count:]
    meetings = []
    for start in starts:
        end = dt.datetime.combine(start.date(), series.end_time, tzinfo=zone)
        meeting, _created = Meeting.objects.get_or_create(
            series=series,
            occurrence_start=start,
            defaults={"group": group, "starts_at": start, "ends_at": end},
        )
        meetings.append(meeting)
    return meetings


@transaction.atomic
def load_demo_carnet() -> int:
    """Give the demo facilitator a page after each of the last meetings; returns how many."""
    author = User.objects.get(email=DEMO_AUTHOR)
    meetings = _past_meetings(len(PAGES))
    written = 0
    for meeting, (mood, feeling, takeaway, next_time) in zip(meetings, PAGES, strict=False):
        if Entry.objects.filter(author=author, meeting=meeting).exists():
            continue
        Entry.objects.create(
            author=author,
            meeting=meeting,
            day=timezone.localdate(meeting.starts_at, meeting.group.time_zone),
            mood=mood,
            feeling=feeling,
            takeaway=takeaway,
            next_time=next_time,
        )
        written += 1
    return written
