"""How well a person asking for a peer and a volunteer fit, plain Python, without Django.

`compatibility(seeker, peer)` returns `None` when the pair is not possible (no shared
language, the seeker's way of meeting not offered, too far to meet in person, a stated
preference that the peer does not meet), else a score between 0 and 1 and the reasons, in
order, as structured facts (`Reason`): the app puts them into words, in the reader's language.

The score adds up, out of 1:
- 0.35 for the same experience (the seeker's theme among the peer's);
- 0.25 for overlapping weekly slots (a third of it for each common slot, up to three);
- 0.2 for distance when meeting in person (all at 0 km, nothing at `MAX_KM`), or for a way
  of meeting that needs no travel;
- 0.1 for a shared language (a condition, so always there);
- 0.1 when every stated preference is known to be met; a preference the peer has not told
  (their gender or age band unknown) keeps the pair but loses this part, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from entraide.lib.places import haversine_km

IN_PERSON = "in_person"
# Beyond this, two people do not meet in person: the pair is not suggested.
MAX_KM = 50.0

THEME, LANGUAGE, SLOTS, DISTANCE, REMOTE, PREFERENCE = (
    "theme",
    "language",
    "slots",
    "distance",
    "remote",
    "preference",
)


@dataclass(frozen=True, slots=True)
class SeekerProfile:
    theme: int | None
    languages: frozenset[str]
    slots: frozenset[str]
    mode: str
    point: tuple[float, float] | None = None
    peer_gender: str = ""
    peer_age_band: str = ""


@dataclass(frozen=True, slots=True)
class PeerProfile:
    themes: frozenset[int]
    languages: frozenset[str]
    slots: frozenset[str]
    modes: frozenset[str]
    point: tuple[float, float] | None = None
    gender: str = ""
    age_band: str = ""


@dataclass(frozen=True, slots=True)
class Reason:
    """One fact about the pair. `kind` says which; `met` whether it counts for the pair;
    `values` what it is about (a theme id, language codes, slots, kilometres, a preference's
    name and value)."""

    kind: str
    met: bool
    values: tuple[object, ...] = ()


@dataclass(frozen=True, slots=True)
class Compatibility:
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Why a pair is not possible: the first condition that fails."""

    reason: Reason


def assess(seeker: SeekerProfile, peer: PeerProfile) -> Compatibility | Exclusion:
    """The pair's score and reasons, or why it is not possible."""
    reasons: list[Reason] = []
    score = 0.0
    shared = seeker.languages & peer.languages
    if not shared:
        return Exclusion(Reason(LANGUAGE, False, tuple(sorted(seeker.languages))))
    if seeker.mode not in peer.modes:
        return Exclusion(Reason(REMOTE, False, (seeker.mode,)))
    preference_known = True
    for name, wanted, actual in (
        ("gender", seeker.peer_gender, peer.gender),
        ("age_band", seeker.peer_age_band, peer.age_band),
    ):
        if not wanted:
            continue
        if actual and actual != wanted:
            return Exclusion(Reason(PREFERENCE, False, (name, wanted)))
        if not actual:
            preference_known = False
            reasons.append(Reason(PREFERENCE, False, (name, wanted)))
    distance: float | None = None
    if seeker.mode == IN_PERSON and seeker.point is not None and peer.point is not None:
        distance = haversine_km(*seeker.point, *peer.point)
        if distance > MAX_KM:
            return Exclusion(Reason(DISTANCE, False, (round(distance),)))
    if seeker.theme is not None and seeker.theme in peer.themes:
        score += 0.35
        reasons.insert(0, Reason(THEME, True, (seeker.theme,)))
    common = sorted(seeker.slots & peer.slots)
    if common:
        score += 0.25 * min(len(common), 3) / 3
    reasons.append(Reason(SLOTS, bool(common), tuple(common)))
    if seeker.mode != IN_PERSON:
        score += 0.2
        reasons.append(Reason(REMOTE, True, (seeker.mode,)))
    elif distance is not None:
        score += 0.2 * (1 - distance / MAX_KM)
        reasons.append(Reason(DISTANCE, True, (round(distance),)))
    else:
        reasons.append(Reason(DISTANCE, False, ()))
    score += 0.1
    reasons.append(Reason(LANGUAGE, True, tuple(sorted(shared))))
    if preference_known:
        score += 0.1
    return Compatibility(round(score, 4), tuple(reasons))
