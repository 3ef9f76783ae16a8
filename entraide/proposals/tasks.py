"""Computing a proposal in the background: the solver runs in the task worker (`db_worker`,
started by `make run`), writes its progress now and then, and stores the groups at the end.

The task trusts nothing it was given but the proposal's id: a proposal deleted in the meantime
stops the computation quietly, and a failure leaves a generic message, never anyone's data,
in the page or the log.
"""

import logging
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks_db.models import DBTaskResult

from entraide.formation import Constraints, Person, Solution, solve
from entraide.lib.places import haversine_km
from entraide.proposals.models import Proposal, ProposedGroup, Volunteer

logger = logging.getLogger(__name__)

# Shown (translated) on the proposal's page when the computation failed, with a button to
# start it again.
FAILED = gettext_noop(
    "Le calcul n'a pas abouti. Vérifiez la liste et les réglages, puis relancez le calcul ; si "
    "cela se reproduit, écrivez à l'équipe du site."
)
INTERRUPTED = gettext_noop(
    "Le calcul s'est interrompu avant la fin. Vous pouvez le relancer ; si cela se reproduit, "
    "écrivez à l'équipe du site."
)
UNFINISHED = (Proposal.Status.WAITING, Proposal.Status.RUNNING)
# The progress bar is written at most this often: a cheap update, not one per step.
PROGRESS_EVERY_SECONDS = 0.5
BATCH = 2000


class _Gone(Exception):
    """The proposal was deleted (or computed elsewhere) while the solver ran."""


@task()
def compute_proposal(proposal_id: int) -> str:
    """Compute the groups of a proposal; returns what happened, in one word, for the logs."""
    return compute(proposal_id)


def compute(proposal_id: int) -> str:
    started = Proposal.objects.filter(pk=proposal_id, status__in=UNFINISHED).update(
        status=Proposal.Status.RUNNING, progress=0, error=""
    )
    if not started:
        return "gone"
    proposal = Proposal.objects.get(pk=proposal_id)
    try:
        people = _people(proposal)
        solution = solve(
            people,
            Constraints(
                min_size=proposal.min_size,
                max_size=proposal.max_size,
                max_km=proposal.max_km,
                same_language=proposal.same_language,
                same_theme=proposal.same_theme,
            ),
            seed=proposal.seed,
            progress=_reporter(proposal_id),
        )
        return "done" if _store(proposal_id, people, solution) else "gone"
    except _Gone:
        return "gone"
    except Exception as error:
        # The error's text may quote the list (an id, a name): only its kind is logged.
        logger.error("proposal %s failed: %s", proposal_id, type(error).__name__)
        Proposal.objects.filter(pk=proposal_id).update(
            status=Proposal.Status.FAILED, error=FAILED, finished_at=timezone.now()
        )
        return "failed"


def settle(proposal: Proposal) -> Proposal:
    """The proposal, failed if its computation is over though it still says "waiting" or
    "running": the task failed in a way the task could not write down itself (the database
    locked, the worker stopped in the middle), and the worker wrote its end in the task's row.
    Without this, the page would wait for ever; now it says so, and offers to start again."""
    if proposal.status not in UNFINISHED:
        return proposal
    rows = DBTaskResult.objects.filter(
        task_path=compute_proposal.module_path, args_kwargs__args__0=proposal.pk
    )
    ended = (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL)
    if not rows.exists() or rows.exclude(status__in=ended).exists():
        return proposal  # not enqueued yet (or not by the database), or still to run
    Proposal.objects.filter(pk=proposal.pk, status__in=UNFINISHED).update(
        status=Proposal.Status.FAILED, error=INTERRUPTED, finished_at=timezone.now()
    )
    proposal.refresh_from_db()
    return proposal


def _values(text: str) -> frozenset[str]:
    return frozenset(value for value in text.split(";") if value)


def _people(proposal: Proposal) -> list[Person]:
    rows = Volunteer.objects.filter(proposal=proposal).values_list(
        "pk", "lat", "lon", "languages", "themes", "approximate"
    )
    return [
        Person(
            id=str(pk),
            lat=lat,
            lon=lon,
            languages=_values(languages),
            themes=_values(themes),
            approximate=approximate,
        )
        for pk, lat, lon, languages, themes, approximate in rows.iterator(chunk_size=BATCH)
        # Every person of a proposal being computed has a point; the check is for the types.
        if lat is not None and lon is not None
    ]


def _reporter(proposal_id: int) -> Callable[[float], None]:
    last = time.monotonic()

    def report(fraction: float) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < PROGRESS_EVERY_SECONDS:
            return
        last = now
        percent = max(0, min(99, int(fraction * 100)))
        still_there = Proposal.objects.filter(
            pk=proposal_id, status=Proposal.Status.RUNNING
        ).update(progress=percent)
        if not still_there:
            raise _Gone

    return report


def _update(
    model: type[Volunteer] | type[ProposedGroup],
    fields: tuple[str, ...],
    rows: list[tuple[int | float | str | None, ...]],
) -> None:
    """Write `fields` of many rows, each tuple ending with the row's id: one prepared statement
    run for every row (Django's bulk_update builds CASE expressions that grow with the batch,
    and takes seconds for ten thousand people)."""
    quote = connection.ops.quote_name
    columns = [getattr(model._meta.get_field(name), "column", name) for name in fields]
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608 - names from the model, values as parameters
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _store(proposal_id: int, people: list[Person], solution: Solution) -> bool:
    """Store the groups in one transaction; False when the proposal is gone."""
    point = {person.id: (person.lat, person.lon) for person in people}
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .filter(pk=proposal_id, status=Proposal.Status.RUNNING)
            .first()
        )
        if proposal is None:
            return False
        groups = ProposedGroup.objects.bulk_create(
            [
                ProposedGroup(proposal=proposal, number=number)
                for number in range(1, len(solution.groups) + 1)
            ],
            batch_size=BATCH,
        )
        changed: list[Volunteer] = []
        total = 0.0
        for group, found in zip(groups, solution.groups, strict=True):
            group.host_id = int(found.host)
            host_lat, host_lon = point[found.host]
            for member in found.members:
                lat, lon = point[member]
                km = 0.0 if member == found.host else haversine_km(lat, lon, host_lat, host_lon)
                total += km
                changed.append(
                    Volunteer(pk=int(member), group=group, distance_km=km, unplaced_reason="")
                )
        changed += [
            Volunteer(pk=int(u.id), group=None, distance_km=None, unplaced_reason=u.reason)
            for u in solution.unplaced
        ]
        _update(
            Volunteer,
            ("group", "distance_km", "unplaced_reason"),
            [(p.group_id, p.distance_km, p.unplaced_reason, p.pk) for p in changed],
        )
        _update(ProposedGroup, ("host",), [(g.host_id, g.pk) for g in groups])
        proposal.status = Proposal.Status.DONE
        proposal.progress = 100
        proposal.total_km = total
        proposal.lower_bound_km = solution.lower_bound_km
        proposal.seconds = solution.seconds
        proposal.finished_at = timezone.now()
        proposal.save(
            update_fields=[
                "status",
                "progress",
                "total_km",
                "lower_bound_km",
                "seconds",
                "finished_at",
            ]
        )
    return True
