"""The compatibility of a person who asks and a volunteer, on its own: conditions that exclude,
what adds up, what lowers, and the reasons given in order."""

from entraide.pairing.core.compatibility import (
    DISTANCE,
    LANGUAGE,
    PREFERENCE,
    REMOTE,
    SLOTS,
    THEME,
    Compatibility,
    Exclusion,
    PeerProfile,
    Reason,
    SeekerProfile,
    assess,
)

NANTES = (47.2184, -1.5536)
REZE = (47.1833, -1.5500)
PARIS = (48.8566, 2.3522)


def seeker(**changes: object) -> SeekerProfile:
    values: dict[str, object] = {
        "theme": 1,
        "languages": frozenset({"fr"}),
        "slots": frozenset({"tue-evening"}),
        "mode": "phone",
    } | changes
    return SeekerProfile(**values)  # type: ignore[arg-type]


def peer(**changes: object) -> PeerProfile:
    values: dict[str, object] = {
        "themes": frozenset({1}),
        "languages": frozenset({"fr", "en"}),
        "slots": frozenset({"tue-evening", "sat-morning"}),
        "modes": frozenset({"phone", "in_person"}),
    } | changes
    return PeerProfile(**values)  # type: ignore[arg-type]


def test_same_theme_a_slot_and_a_language_explain_the_pair() -> None:
    found = assess(seeker(), peer())

    assert isinstance(found, Compatibility)
    assert [r.kind for r in found.reasons] == [THEME, SLOTS, REMOTE, LANGUAGE]
    assert found.reasons[1] == Reason(SLOTS, True, ("tue-evening",))
    assert found.reasons[3] == Reason(LANGUAGE, True, ("fr",))


def test_no_shared_language_excludes() -> None:
    assert assess(seeker(languages=frozenset({"ar"})), peer()) == Exclusion(
        Reason(LANGUAGE, False, ("ar",))
    )


def test_a_way_of_meeting_the_peer_does_not_offer_excludes() -> None:
    found = assess(seeker(mode="video"), peer())

    assert isinstance(found, Exclusion) and found.reason.kind == REMOTE


def test_closer_is_better_and_too_far_excludes() -> None:
    near = assess(seeker(mode="in_person", point=NANTES), peer(point=REZE))
    same = assess(seeker(mode="in_person", point=NANTES), peer(point=NANTES))
    far = assess(seeker(mode="in_person", point=NANTES), peer(point=PARIS))

    assert isinstance(near, Compatibility) and isinstance(same, Compatibility)
    assert near.score < same.score
    assert Reason(DISTANCE, True, (4,)) in near.reasons
    assert isinstance(far, Exclusion) and far.reason.kind == DISTANCE


def test_a_preference_known_unmet_excludes_and_unknown_lowers() -> None:
    unmet = assess(seeker(peer_gender="woman"), peer(gender="man"))
    unknown = assess(seeker(peer_gender="woman"), peer())
    met = assess(seeker(peer_gender="woman"), peer(gender="woman"))

    assert unmet == Exclusion(Reason(PREFERENCE, False, ("gender", "woman")))
    assert isinstance(unknown, Compatibility) and isinstance(met, Compatibility)
    assert unknown.score < met.score
    assert Reason(PREFERENCE, False, ("gender", "woman")) in unknown.reasons


def test_no_common_slot_lowers_and_is_said() -> None:
    found = assess(seeker(slots=frozenset({"sun-morning"})), peer())
    best = assess(seeker(), peer())

    assert isinstance(found, Compatibility) and isinstance(best, Compatibility)
    assert Reason(SLOTS, False, ()) in found.reasons
    assert found.score < best.score


def test_the_score_stays_between_zero_and_one() -> None:
    full = assess(
        seeker(slots=frozenset({"tue-evening", "sat-morning", "mon-evening"})),
        peer(slots=frozenset({"tue-evening", "sat-morning", "mon-evening"})),
    )

    assert isinstance(full, Compatibility) and full.score == 1.0
