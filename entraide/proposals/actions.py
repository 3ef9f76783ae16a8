"""Writes on proposals: starting one, moving a person, choosing a host, deleting.

Every change is one transaction with the proposal's row locked (two coordinators may move
people at once), re-checks the constraints the solver kept, and is written in the journal
without any name.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.accounts.models import User
from entraide.audit.actions import record
from entraide.audit.models import AuditEvent
from entraide.directory.models import Theme
from entraide.lib.places import haversine_km
from entraide.lib.refusals import Refused
from entraide.organisations.models import Organisation
from entraide.proposals.forms import Row, join_values, split_values
from entraide.proposals.models import Proposal, ProposedGroup, Volunteer, Wish
from entraide.proposals.tasks import compute_proposal

# The reason kept for someone a coordinator took out of every group (the solver's reasons are
# in entraide.formation.model).
SET_ASIDE = "set aside by a coordinator"
# The solver and this module measure with the same formula; a micrometre of slack keeps a
# person the solver put exactly at the limit within it here too.
TOLERANCE_KM = 1e-9
BATCH = 2000


def wishes_of(organisation: Organisation) -> int:
    return Wish.objects.filter(organisation=organisation).count()


def rows_from_wishes(organisation: Organisation) -> list[Row]:
    """The people who asked this organisation to be grouped, with their postal code's point."""
    wishes = (
        Wish.objects.filter(organisation=organisation)
        .select_related("user")
        .prefetch_related("themes")
        .order_by("pk")
    )
    return [
        Row(
            ref=f"inscription-{wish.pk}",
            lat=wish.lat,
            lon=wish.lon,
            approximate=True,
            name=wish.user.display_name,
            email=wish.user.email,
            languages=join_values(split_values(wish.languages)),
            themes=join_values({theme.slug for theme in wish.themes.all()}),
            user_id=wish.user_id,
        )
        for wish in wishes
    ]


@dataclass(frozen=True)
class Settings:
    """What the coordinator chose for a new proposal."""

    name: str
    source: str
    theme: Theme | None
    min_size: int
    max_size: int
    max_km: float
    same_language: bool
    same_theme: bool


def start_proposal(
    organisation: Organisation, settings: Settings, people: list[Row], *, by: User
) -> Proposal:
    """Store the proposal and its people, then ask the worker to compute the groups."""
    with transaction.atomic():
        proposal = Proposal.objects.create(
            organisation=organisation,
            created_by=by,
            name=settings.name,
            source=settings.source,
            theme=settings.theme,
            min_size=settings.min_size,
            max_size=settings.max_size,
            max_km=settings.max_km,
            same_language=settings.same_language,
            same_theme=settings.same_theme,
        )
        Volunteer.objects.bulk_create(
            (
                Volunteer(
                    proposal=proposal,
                    ref=row.ref,
                    name=row.name,
                    email=row.email,
                    user_id=row.user_id,
                    lat=row.lat,
                    lon=row.lon,
                    approximate=row.approximate,
                    languages=row.languages,
                    themes=row.themes,
                )
                for row in people
            ),
            batch_size=BATCH,
        )
        record(
            AuditEvent.Action.PROPOSAL_COMPUTED,
            by=by,
            organisation=organisation,
            detail=f"{len(people)} p.",
        )
        transaction.on_commit(lambda: compute_proposal.enqueue(proposal.pk))
    return proposal


def retry_proposal(proposal: Proposal, *, by: User) -> Proposal:
    """Compute a failed proposal again, with the same people and the same settings."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
        if locked is None or locked.status != Proposal.Status.FAILED:
            raise Refused(_("Ce calcul n'a pas échoué : il n'y a rien à relancer."))
        locked.status = Proposal.Status.WAITING
        locked.progress = 0
        locked.error = ""
        locked.finished_at = None
        locked.save(update_fields=["status", "progress", "error", "finished_at"])
        people = Volunteer.objects.filter(proposal=locked).count()
        record(
            AuditEvent.Action.PROPOSAL_COMPUTED,
            by=by,
            organisation=proposal.organisation,
            detail=f"{people} p.",
        )
        transaction.on_commit(lambda: compute_proposal.enqueue(locked.pk))
    return locked


def _locked(proposal: Proposal) -> Proposal:
    """The proposal, locked for this transaction, if its groups may still be changed."""
    locked = Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    if locked is None or locked.status != Proposal.Status.DONE:
        raise Refused(_("Cette proposition ne peut plus être modifiée."))
    locked.organisation = proposal.organisation
    return locked


def _km(a: Volunteer, b: Volunteer) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        raise Refused(_("Les positions de cette proposition ont été effacées."))
    return 0.0 if a.pk == b.pk else haversine_km(a.lat, a.lon, b.lat, b.lon)


def _values(text: str) -> frozenset[str]:
    return frozenset(value for value in text.split(";") if value)


def _check_shared(proposal: Proposal, group: ProposedGroup, members: list[Volunteer]) -> None:
    """Refuse when the group's members would no longer share a language or a theme."""
    if not members:
        return
    if proposal.same_language and not frozenset.intersection(
        *(_values(m.languages) for m in members)
    ):
        raise Refused(
            _(
                "Refusé : dans le groupe %(number)d, tout le monde doit parler une même "
                "langue, et cette personne n'en partage aucune avec les autres."
            )
            % {"number": group.number}
        )
    if proposal.same_theme and not frozenset.intersection(*(_values(m.themes) for m in members)):
        raise Refused(
            _(
                "Refusé : dans le groupe %(number)d, tout le monde doit avoir un même thème, "
                "et cette personne n'en partage aucun avec les autres."
            )
            % {"number": group.number}
        )


def _refresh_total(proposal: Proposal) -> None:
    total = Volunteer.objects.filter(proposal=proposal, group__isnull=False).aggregate(
        total=Sum("distance_km")
    )["total"]
    proposal.total_km = total or 0.0
    proposal.save(update_fields=["total_km"])


def move(
    proposal: Proposal, volunteer_id: int, group_id: int | None, *, by: User
) -> tuple[Volunteer, ProposedGroup | None]:
    """Move a person to another group (None: out of every group), the rules re-checked."""
    with transaction.atomic():
        proposal = _locked(proposal)
        person = Volunteer.objects.select_related("group").get(pk=volunteer_id, proposal=proposal)
        target = (
            None
            if group_id is None
            else ProposedGroup.objects.select_related("host").get(pk=group_id, proposal=proposal)
        )
        source = person.group
        if source is not None and target is not None and source.pk == target.pk:
            raise Refused(
                _("Cette personne est déjà dans le groupe %(number)d.") % {"number": target.number}
            )
        if source is None and target is None:
            raise Refused(_("Cette personne n'est déjà dans aucun groupe."))
        if source is not None and source.host_id == person.pk and source.volunteers.count() > 1:
            raise Refused(
                _(
                    "Cette personne accueille le groupe %(number)d : choisissez d'abord une "
                    "autre personne pour l'accueillir."
                )
                % {"number": source.number}
            )
        if target is not None:
            _check_arrival(proposal, person, target)
            person.distance_km = _km(person, target.host) if target.host else 0.0
            if person.unplaced_reason == SET_ASIDE:
                person.unplaced_reason = ""
        else:
            person.distance_km = None
            person.unplaced_reason = SET_ASIDE
        person.group = target
        person.save(update_fields=["group", "distance_km", "unplaced_reason"])
        # A host who was alone leaves an empty group behind: it is no group any more.
        if source is not None and not source.volunteers.exists():
            source.delete()
        _refresh_total(proposal)
        record(
            AuditEvent.Action.PROPOSAL_CHANGED,
            by=by,
            organisation=proposal.organisation,
            detail=f"{source.number if source else '-'}>{target.number if target else '-'}",
        )
    return person, target


def _check_arrival(proposal: Proposal, person: Volunteer, target: ProposedGroup) -> None:
    """Refuse a move into `target` that breaks a rule: the distance first (the one rule a
    coordinator cannot change by moving someone else), then the size, then what is shared."""
    if target.host is not None:
        km = _km(person, target.host)
        if km > proposal.max_km + TOLERANCE_KM:
            raise Refused(
                _(
                    "Refusé : cette personne habite à %(km)s km de la personne qui accueille "
                    "le groupe %(number)d, plus que la distance maximale de %(max)s km."
                )
                % {
                    # Enough decimals to show that 2.04 km is beyond 2 km.
                    "km": _format_km(km, 1 if round(km, 1) > proposal.max_km else 2),
                    "number": target.number,
                    "max": _format_km(proposal.max_km),
                }
            )
    members = list(target.volunteers.all())
    if len(members) + 1 > proposal.max_size:
        raise Refused(
            _(
                "Refusé : le groupe %(number)d est complet, il a déjà %(size)d personnes "
                "(%(max)d au plus)."
            )
            % {"number": target.number, "size": len(members), "max": proposal.max_size}
        )
    _check_shared(proposal, target, [*members, person])


def _format_km(km: float, decimals: int = 1) -> str:
    # Rounded first: number_format cuts the digits it does not show.
    return number_format(round(km, decimals), decimal_pos=decimals)


def make_host(proposal: Proposal, volunteer_id: int, *, by: User) -> Volunteer:
    """Let this person welcome their group: everyone must then live within reach of them."""
    with transaction.atomic():
        proposal = _locked(proposal)
        person = Volunteer.objects.select_related("group").get(pk=volunteer_id, proposal=proposal)
        group = person.group
        if group is None:
            raise Refused(_("Cette personne n'est dans aucun groupe : placez-la d'abord."))
        if group.host_id == person.pk:
            raise Refused(
                _("Cette personne accueille déjà le groupe %(number)d.") % {"number": group.number}
            )
        members = list(group.volunteers.all())
        far = [m for m in members if _km(m, person) > proposal.max_km + TOLERANCE_KM]
        if far:
            raise Refused(
                ngettext(
                    "Refusé : %(count)d personne du groupe %(number)d habiterait à plus de "
                    "%(max)s km de chez elle.",
                    "Refusé : %(count)d personnes du groupe %(number)d habiteraient à plus de "
                    "%(max)s km de chez elle.",
                    len(far),
                )
                % {"count": len(far), "number": group.number, "max": _format_km(proposal.max_km)}
            )
        _check_shared(proposal, group, members)
        for member in members:
            member.distance_km = _km(member, person)
        Volunteer.objects.bulk_update(members, ["distance_km"])
        group.host = person
        group.save(update_fields=["host"])
        _refresh_total(proposal)
        record(
            AuditEvent.Action.PROPOSAL_CHANGED,
            by=by,
            organisation=proposal.organisation,
            detail=f"host {group.number}",
        )
    return person


def delete_proposal(proposal: Proposal, *, by: User) -> None:
    """Delete the proposal with every person and point in it."""
    with transaction.atomic():
        count = proposal.volunteers.count()
        organisation = proposal.organisation
        proposal.delete()
        record(
            AuditEvent.Action.PROPOSAL_DELETED,
            by=by,
            organisation=organisation,
            detail=f"{count} p.",
        )
