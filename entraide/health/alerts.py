"""Gentle alerts on the coordinators' board, for the groups that share their health.

Computed for every listed group at once, in six queries whatever their number:
- no meeting held for two months (`QUIET_FOR`), when the group has held one before;
- attendance falling: among the last six meetings whose attendance was taken, the last three
  had on average at most three quarters (`FALLING`) of the people of the three before;
- one voice taking most of the time: in the group's last closed talking circle, with at least
  three voices, the voice that spoke most took half of the speaking time or more (`ONE_VOICE`,
  a share rather than the Gini index: it says the same to everyone);
- one person holding every role: the roles of the last three meetings held with roles (at
  least two roles in all) were all held by the same person;
- a review not answered: its questionnaire has been open for two weeks (`UNANSWERED_AFTER`)
  and nobody answered.

The same groups get a link to their health page on the board and on their page for the
coordinators (`health_links`); the others get none, since the page would answer 404.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import DenseRank, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accompaniment.board import Attention, Link
from entraide.accompaniment.models import Review
from entraide.circles.models import Circle
from entraide.directory.models import SupportGroup
from entraide.health.access import accompanying
from entraide.health.compute import balance_of
from entraide.health.models import Sharing
from entraide.health.sharing import is_shared
from entraide.meetings.models import Meeting, RoleAssignment
from entraide.organisations.models import Organisation

QUIET_FOR = dt.timedelta(days=61)
FALLING = 0.75
ONE_VOICE = 50  # percent of the speaking time
UNANSWERED_AFTER = dt.timedelta(days=14)


def shared_slugs(organisation: Organisation) -> dict[int, str]:
    """The groups the organisation accompanies that share their health with it: their slugs,
    by id, in one query (the group's choice, if any, joined)."""
    rows = SupportGroup.objects.filter(accompanying([organisation])).values_list(
        "pk",
        "slug",
        "status",
        "initiative__stage",
        "health_sharing__shared",
        "health_sharing__during_founding",
    )
    return {
        pk: slug
        for pk, slug, status, stage, shared, during_founding in rows
        if is_shared(
            status,
            stage,
            None if shared is None else Sharing(shared=shared, during_founding=during_founding),
        )
    }


def sharing_groups(organisation: Organisation) -> list[int]:
    """The groups the organisation accompanies that share their health with it."""
    return list(shared_slugs(organisation))


def quiet(ids: list[int], now: dt.datetime) -> set[int]:
    last = (
        Meeting.objects.filter(group__in=ids, starts_at__lte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by()
        .values("group")
        .annotate(last=Max("starts_at"))
    )
    return {row["group"] for row in last if row["last"] < now - QUIET_FOR}


def falling(ids: list[int]) -> set[int]:
    ranked = (
        Meeting.objects.filter(group__in=ids, attendance_taken_at__isnull=False)
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(
            present=Count("presences", filter=Q(presences__present=True)),
            rank=Window(RowNumber(), partition_by=F("group"), order_by=F("starts_at").desc()),
        )
        .filter(rank__lte=6)
        .values_list("group", "rank", "present")
    )
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for group, rank, present in ranked:
        counts[group][rank] = present
    found = set()
    for group, by_rank in counts.items():
        if len(by_rank) < 6:
            continue
        recent = sum(by_rank[r] for r in (1, 2, 3))
        before = sum(by_rank[r] for r in (4, 5, 6))
        if before and recent <= FALLING * before:
            found.add(group)
    return found


def one_voice(ids: list[int]) -> set[int]:
    last = (
        Circle.objects.filter(meeting__group__in=ids, closed_at__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("meeting__group"), order_by=F("closed_at").desc()
            )
        )
        .filter(rank=1)
        .values_list("meeting__group", "voices", "balance")
    )
    found = set()
    for group, voices, index in last:
        count, _index, largest = balance_of(list(voices or []), index)
        if count >= 3 and largest >= ONE_VOICE:
            found.add(group)
    return found


def one_person(ids: list[int], now: dt.datetime) -> set[int]:
    held = (
        RoleAssignment.objects.filter(meeting__group__in=ids, meeting__starts_at__lte=now)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .annotate(
            rank=Window(
                DenseRank(),
                partition_by=F("meeting__group"),
                order_by=F("meeting__starts_at").desc(),
            )
        )
        .filter(rank__lte=3)
        .values_list("meeting__group", "user")
    )
    people: dict[int, list[int]] = defaultdict(list)
    for group, user in held:
        people[group].append(user)
    return {group for group, users in people.items() if len(users) >= 2 and len(set(users)) == 1}


def unanswered(ids: list[int], now: dt.datetime) -> set[int]:
    return set(
        Review.objects.filter(
            group__in=ids,
            status=Review.Status.OPEN,
            opened_at__lte=now - UNANSWERED_AFTER,
            respondents__isnull=True,
        ).values_list("group", flat=True)
    )


def board_alerts(organisation: Organisation, found: dict[int, list[Attention]]) -> None:
    """Add the alerts of the groups that share their health to `found`, by group id."""
    ids = sharing_groups(organisation)
    if not ids:
        return
    now = timezone.now()
    checks = (
        ("quiet", quiet(ids, now), _("Pas de rencontre depuis deux mois")),
        ("falling", falling(ids), _("Moins de monde aux trois dernières rencontres")),
        (
            "one_voice",
            one_voice(ids),
            _("Au dernier cercle de parole, une voix a pris la moitié du temps ou plus"),
        ),
        (
            "one_person",
            one_person(ids, now),
            _("Une seule personne a tenu tous les rôles des dernières rencontres"),
        ),
        ("unanswered", unanswered(ids, now), _("Personne n'a encore répondu au bilan")),
    )
    for kind, groups, label in checks:
        for group in groups:
            found.setdefault(group, []).append(Attention(kind, label))


def health_links(organisation: Organisation, found: dict[int, list[Link]]) -> None:
    """Add a link to the health page of each group that shares it to `found`, by group id."""
    for pk, slug in shared_slugs(organisation).items():
        found.setdefault(pk, []).append(
            Link(_("La santé du groupe"), reverse("health:page", args=[slug]))
        )
