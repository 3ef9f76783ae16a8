"""The coordinator's suggestion list: each waiting request with each ready volunteer who has a
place left, scored by `core.compatibility`, matched by `core.matching` (stable or best), and
each pair explained in words, in the reader's language."""

from dataclasses import dataclass

from django.db.models import Count, Q, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.directory.models import Theme
from entraide.pairing.core import compatibility as core
from entraide.pairing.core.matching import Choice, Peer, Problem, Seeker, best, stable
from entraide.pairing.models import (
    AgeBand,
    Gender,
    Mode,
    Pair,
    PeerApplication,
    PeerRequest,
    Programme,
    language_labels,
    slot_label,
)
from entraide.pairing.pair_actions import free_places

STABLE, BEST = "stable", "best"


@dataclass
class Suggestion:
    request: PeerRequest
    volunteer: PeerApplication
    score: float
    words: str


def seeker_profile(request: PeerRequest) -> core.SeekerProfile:
    point = (
        (request.latitude, request.longitude)
        if request.latitude is not None and request.longitude is not None
        else None
    )
    return core.SeekerProfile(
        theme=request.theme_id,
        languages=frozenset(request.languages),
        slots=frozenset(request.availability),
        mode=request.mode,
        point=point,
        peer_gender=request.peer_gender,
        peer_age_band=request.peer_age_band,
    )


def peer_profile(volunteer: PeerApplication) -> core.PeerProfile:
    point = (
        (volunteer.latitude, volunteer.longitude)
        if volunteer.latitude is not None and volunteer.longitude is not None
        else None
    )
    # A volunteer who did not tell their gender or age band: a preference about it is unknown.
    return core.PeerProfile(
        themes=frozenset(theme.pk for theme in volunteer.themes.all()),
        languages=frozenset(volunteer.languages),
        slots=frozenset(volunteer.availability),
        modes=frozenset(volunteer.modes),
        point=point,
        gender=volunteer.gender,
        age_band=volunteer.age_band,
    )


def _preference(values: tuple[object, ...]) -> str:
    name, wanted = str(values[0]), str(values[1])
    if name == "gender":
        return str(Gender(wanted).label) if wanted in Gender.values else wanted
    return str(AgeBand(wanted).label) if wanted in AgeBand.values else wanted


def reason_words(reason: core.Reason, themes: dict[int, str]) -> str:
    """One reason in words, e.g. "même expérience : deuil d'un parent"."""
    values = reason.values
    if reason.kind == core.THEME:
        return _("même expérience : %(theme)s") % {"theme": themes.get(int(str(values[0])), "")}
    if reason.kind == core.SLOTS:
        if not values:
            return _("aucun moment commun")
        return ", ".join(slot_label(str(slot)) for slot in values[:3])
    if reason.kind == core.DISTANCE:
        if not reason.met and not values:
            return _("distance inconnue")
        km = int(str(values[0]))
        if not reason.met:
            return _("trop loin pour se voir : %(km)s km") % {"km": km}
        return ngettext("%(km)s km", "%(km)s km", km) % {"km": km}
    if reason.kind == core.REMOTE:
        mode = str(values[0])
        label = str(Mode(mode).label) if mode in Mode.values else mode
        if not reason.met:
            return _("ne propose pas de se rencontrer %(mode)s") % {"mode": label}
        return label
    if reason.kind == core.LANGUAGE:
        if not reason.met:
            return _("aucune langue commune")
        return ", ".join(language_labels([str(code) for code in values]))
    if reason.kind == core.PREFERENCE:
        if not reason.met and len(values) == 2:
            return _("préférence pas vérifiable : %(wanted)s") % {"wanted": _preference(values)}
        return _("préférence non respectée : %(wanted)s") % {"wanted": _preference(values)}
    return ""


def explain(found: core.Compatibility | core.Exclusion, themes: dict[int, str]) -> str:
    if isinstance(found, core.Exclusion):
        return _("pas possible : %(why)s") % {"why": reason_words(found.reason, themes)}
    return " · ".join(reason_words(reason, themes) for reason in found.reasons)


def theme_names() -> dict[int, str]:
    return {theme.pk: theme.name for theme in Theme.objects.all()}


def waiting_requests(programme: Programme) -> list[PeerRequest]:
    return list(
        programme.requests.filter(status=PeerRequest.Status.WAITING)
        .exclude(pairs__status__in=Pair.LIVE)
        .select_related("user", "theme")
    )


def free_volunteers(programme: Programme) -> dict[PeerApplication, int]:
    """The volunteers ready and with room, each with how many more people they can accompany,
    in a fixed number of queries: the programme's modules read once (each volunteer's
    `programme` is this very object), the live pairs counted with the volunteers."""
    prefetch_related_objects([programme], "modules")
    volunteers = (
        programme.applications.filter(status=PeerApplication.Status.ACCEPTED)
        .select_related("user")
        .prefetch_related("themes", "trainings")
        .annotate(live_pairs=Count("pairs", filter=Q(pairs__status__in=Pair.LIVE)))
    )
    places = {v: free_places(v, v.live_pairs) for v in volunteers if v.is_ready}
    return {v: left for v, left in places.items() if left > 0}


def candidates(request: PeerRequest, themes: dict[int, str]) -> list[Suggestion]:
    """Every ready volunteer with a place left who could accompany this person, best first."""
    rows = []
    seeker = seeker_profile(request)
    for volunteer in free_volunteers(request.programme):
        if volunteer.user_id == request.user_id:
            continue
        found = core.assess(seeker, peer_profile(volunteer))
        if isinstance(found, core.Compatibility):
            rows.append(Suggestion(request, volunteer, found.score, explain(found, themes)))
    return sorted(rows, key=lambda row: (-row.score, row.volunteer.pk))


def suggest(programme: Programme, mode: str) -> tuple[list[Suggestion], list[PeerRequest]]:
    """The suggested pairs of the waiting requests, and the requests left without one."""
    themes = theme_names()
    requests = waiting_requests(programme)
    volunteers = free_volunteers(programme)
    scored: dict[tuple[int, int], core.Compatibility] = {}
    for request in requests:
        seeker = seeker_profile(request)
        for volunteer in volunteers:
            if volunteer.user_id == request.user_id:
                continue
            found = core.assess(seeker, peer_profile(volunteer))
            if isinstance(found, core.Compatibility):
                scored[(request.pk, volunteer.pk)] = found

    def ranked(prefix: str, pairs: list[tuple[int, float]]) -> tuple[Choice, ...]:
        ordered = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
        return tuple(Choice(f"{prefix}{pk}", score) for pk, score in ordered)

    problem = Problem(
        seekers=tuple(
            Seeker(
                f"r{r.pk}",
                ranked(
                    "v",
                    [
                        (v.pk, scored[r.pk, v.pk].score)
                        for v in volunteers
                        if (r.pk, v.pk) in scored
                    ],
                ),
            )
            for r in requests
        ),
        peers=tuple(
            Peer(
                f"v{v.pk}",
                volunteers[v],
                ranked(
                    "r",
                    [(r.pk, scored[r.pk, v.pk].score) for r in requests if (r.pk, v.pk) in scored],
                ),
            )
            for v in volunteers
        ),
    )
    matching = (best if mode == BEST else stable)(problem)
    by_request = {f"r{r.pk}": r for r in requests}
    by_volunteer = {f"v{v.pk}": v for v in volunteers}
    rows = []
    for seeker_id, peer_id in matching.pairs:
        request, volunteer = by_request[seeker_id], by_volunteer[peer_id]
        found = scored[(request.pk, volunteer.pk)]
        rows.append(Suggestion(request, volunteer, found.score, explain(found, themes)))
    rows.sort(key=lambda row: row.request.created_at)
    unmatched = [by_request[seeker_id] for seeker_id in matching.unmatched]
    return rows, unmatched
