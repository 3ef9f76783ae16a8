"""The rota: each rule, the objective's levels, gaps, swaps and bad input."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from entraide.pairing.core.rota import (
    Rota,
    RotaError,
    Shift,
    Volunteer,
    check,
    propose,
    swap,
)

MONDAY = datetime(2027, 3, 1, tzinfo=UTC)


def shift(name: str, hour: float, hours: float = 4, wanted: int = 2) -> Shift:
    start = MONDAY + timedelta(hours=hour)
    return Shift(name, start, start + timedelta(hours=hours), wanted)


def volunteer(
    name: str, available: str | list[str], max_shifts: int = 10, trained: bool = True
) -> Volunteer:
    shifts = available.split() if isinstance(available, str) else available
    return Volunteer(name, trained, max_shifts, frozenset(shifts))


def on(rota: Rota, shift_id: str) -> set[str]:
    return {v for s, v in rota.assignments if s == shift_id}


def loads(rota: Rota) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, v in rota.assignments:
        counts[v] = counts.get(v, 0) + 1
    return counts


def test_a_shift_gets_the_two_trained_volunteers_it_wants() -> None:
    shifts = [shift("lundi-soir", 18)]
    volunteers = [volunteer("amina", "lundi-soir"), volunteer("bruno", "lundi-soir")]
    rota = propose(shifts, volunteers)
    assert rota.assignments == (("lundi-soir", "amina"), ("lundi-soir", "bruno"))
    assert rota.gaps == ()
    assert check(shifts, volunteers, rota) == []


def test_an_untrained_volunteer_is_never_on_a_shift() -> None:
    shifts = [shift("lundi-soir", 18)]
    volunteers = [
        volunteer("amina", "lundi-soir"),
        volunteer("bruno", "lundi-soir", trained=False),
    ]
    rota = propose(shifts, volunteers)
    assert on(rota, "lundi-soir") == {"amina"}
    assert rota.gaps == (("lundi-soir", 1),)


def test_a_volunteer_is_only_on_shifts_they_are_available_for() -> None:
    shifts = [shift("matin", 8), shift("soir", 18)]
    volunteers = [volunteer("amina", "matin"), volunteer("bruno", "matin")]
    rota = propose(shifts, volunteers)
    assert on(rota, "soir") == set()
    assert rota.gaps == (("soir", 2),)


def test_nobody_gets_more_shifts_than_they_offered() -> None:
    shifts = [shift(f"j{day}", 24 * day, wanted=1) for day in range(5)]
    volunteers = [volunteer("amina", [s.id for s in shifts], max_shifts=3)]
    rota = propose(shifts, volunteers)
    assert loads(rota) == {"amina": 3}
    assert sum(missing for _, missing in rota.gaps) == 2


def test_a_volunteer_who_offers_nothing_is_left_out() -> None:
    shifts = [shift("matin", 8, wanted=1)]
    rota = propose(shifts, [volunteer("amina", "matin", max_shifts=0)])
    assert rota.assignments == ()


def test_nobody_is_on_two_shifts_that_overlap() -> None:
    # A handover: the evening starts half an hour before the afternoon ends.
    shifts = [shift("après-midi", 12, 6, wanted=1), shift("soir", 17.5, 5, wanted=1)]
    volunteers = [volunteer("amina", "après-midi soir")]
    rota = propose(shifts, volunteers)
    assert len(rota.assignments) == 1
    assert len(rota.gaps) == 1


def test_shifts_that_only_touch_do_not_overlap() -> None:
    shifts = [shift("matin", 8, 6, wanted=1), shift("après-midi", 14, 6, wanted=1)]
    volunteers = [volunteer("amina", "matin après-midi")]
    rota = propose(shifts, volunteers)
    assert loads(rota) == {"amina": 2}


def test_three_overlapping_shifts_hold_one_volunteer_once() -> None:
    shifts = [shift("a", 8, 4, 1), shift("b", 10, 4, 1), shift("c", 11, 4, 1), shift("d", 15, 2, 1)]
    volunteers = [volunteer("amina", "a b c d")]
    rota = propose(shifts, volunteers)
    assert loads(rota) == {"amina": 2}
    assert "d" in {s for s, _ in rota.assignments}


def test_every_shift_gets_a_first_person_before_any_gets_a_second() -> None:
    # Bruno and Chloé can each take one shift; filling "soir" with both would leave
    # "nuit" empty.
    shifts = [shift("soir", 18), shift("nuit", 24)]
    volunteers = [
        volunteer("amina", "soir", max_shifts=1),
        volunteer("bruno", "soir nuit", max_shifts=1),
    ]
    rota = propose(shifts, volunteers)
    assert on(rota, "soir") == {"amina"}
    assert on(rota, "nuit") == {"bruno"}
    assert rota.gaps == (("nuit", 1), ("soir", 1))


def test_with_three_wanted_every_shift_reaches_two_before_any_reaches_three() -> None:
    shifts = [shift("a", 8, wanted=3), shift("b", 20, wanted=3)]
    both = "a b"
    volunteers = [volunteer(name, both, max_shifts=1) for name in ("v1", "v2", "v3", "v4")]
    rota = propose(shifts, volunteers)
    assert len(on(rota, "a")) == len(on(rota, "b")) == 2
    assert rota.gaps == (("a", 1), ("b", 1))


def test_the_heaviest_share_of_an_offer_is_as_small_as_possible() -> None:
    # Four shifts, one person each: Amina offers 4, Bruno 2. Sharing 2 and 2 asks all of
    # Bruno's offer; 3 and 1 asks 3/4 of Amina's and 1/2 of Bruno's: the heaviest share is
    # smaller.
    shifts = [shift(f"j{day}", 24 * day, wanted=1) for day in range(4)]
    ids = [s.id for s in shifts]
    volunteers = [volunteer("amina", ids, max_shifts=4), volunteer("bruno", ids, max_shifts=2)]
    rota = propose(shifts, volunteers)
    assert loads(rota) == {"amina": 3, "bruno": 1}


def test_shifts_are_shared_in_proportion_to_what_each_offered() -> None:
    shifts = [shift(f"j{day}", 24 * day, wanted=1) for day in range(12)]
    ids = [s.id for s in shifts]
    volunteers = [
        volunteer("amina", ids, max_shifts=8),
        volunteer("bruno", ids, max_shifts=8),
        volunteer("chloé", ids, max_shifts=4),
        volunteer("dan", ids, max_shifts=4),
    ]
    rota = propose(shifts, volunteers)
    assert loads(rota) == {"amina": 4, "bruno": 4, "chloé": 2, "dan": 2}


def test_kept_assignments_stay_when_nothing_is_lost() -> None:
    shifts = [shift("soir", 18, wanted=1)]
    volunteers = [volunteer(name, "soir") for name in ("amina", "bruno", "chloé")]
    for name in ("amina", "bruno", "chloé"):
        rota = propose(shifts, volunteers, keep=[("soir", name)])
        assert rota.assignments == (("soir", name),)


def test_keeping_never_costs_coverage() -> None:
    shifts = [shift("soir", 18, wanted=1), shift("nuit", 24, wanted=1)]
    volunteers = [
        volunteer("amina", "soir nuit", max_shifts=1),
        volunteer("bruno", "soir", max_shifts=1),
    ]
    rota = propose(shifts, volunteers, keep=[("soir", "amina")])
    assert rota.assignments == (("nuit", "amina"), ("soir", "bruno"))


def test_keeping_never_costs_fairness() -> None:
    shifts = [shift(f"j{day}", 24 * day, wanted=1) for day in range(2)]
    ids = [s.id for s in shifts]
    volunteers = [volunteer("amina", ids, max_shifts=2), volunteer("bruno", ids, max_shifts=2)]
    rota = propose(shifts, volunteers, keep=[("j0", "amina"), ("j1", "amina")])
    assert loads(rota) == {"amina": 1, "bruno": 1}
    assert ("j0", "amina") in rota.assignments or ("j1", "amina") in rota.assignments


def test_keep_pairs_the_rules_forbid_are_left_aside() -> None:
    shifts = [shift("soir", 18, wanted=1)]
    volunteers = [volunteer("amina", "soir"), volunteer("bruno", "matin")]
    rota = propose(shifts, volunteers, keep=[("soir", "bruno"), ("ailleurs", "amina")])
    assert rota.assignments == (("soir", "amina"),)


def test_the_rota_does_not_depend_on_the_order_of_the_input() -> None:
    shifts = [shift(f"j{day}", 24 * day) for day in range(6)]
    ids = [s.id for s in shifts]
    volunteers = [volunteer(f"v{k}", ids[k % 3 :], max_shifts=2 + k % 2) for k in range(6)]
    first = propose(shifts, volunteers)
    assert propose(shifts[::-1], volunteers[::-1]) == first
    assert check(shifts, volunteers, first) == []


def test_nothing_to_do_gives_an_empty_rota() -> None:
    assert propose([], [volunteer("amina", "soir")]) == Rota((), ())
    assert propose([shift("soir", 18)], []) == Rota((), (("soir", 2),))


def test_a_month_shows_its_gaps_where_nobody_is_available() -> None:
    # 31 days of three shifts; nobody takes the nights of the weekend, and the 24th and 25th
    # have only one person for the evening.
    shifts = [
        Shift(
            f"{day:02d}-{slot}",
            MONDAY + timedelta(days=day - 1, hours=hour),
            MONDAY + timedelta(days=day - 1, hours=hour + 6),
        )
        for day in range(1, 32)
        for slot, hour in (("matin", 8), ("soir", 14), ("nuit", 20))
    ]
    weekend_nights = {s.id for s in shifts if s.id.endswith("nuit") and s.start.weekday() >= 5}
    christmas_evenings = {"24-soir", "25-soir"}
    volunteers = []
    for k in range(24):
        available = frozenset(
            s.id
            for n, s in enumerate(shifts)
            if s.id not in weekend_nights
            and (s.id not in christmas_evenings or k == 0)
            and n % 4 != k % 4
        )
        volunteers.append(Volunteer(f"v{k:02d}", k % 7 != 6, 6 + k % 5, available))
    started = time.perf_counter()
    rota = propose(shifts, volunteers)
    assert time.perf_counter() - started < 10  # 2 s is the benchmark's target on a quiet machine
    assert check(shifts, volunteers, rota) == []
    gaps = dict(rota.gaps)
    assert {s for s in gaps if gaps[s] == 2} == weekend_nights
    assert gaps["24-soir"] == gaps["25-soir"] == 1
    assert set(gaps) == weekend_nights | christmas_evenings
    offered = {v.id: v.max_shifts for v in volunteers if v.trained}
    shares = [n / offered[v] for v, n in loads(rota).items()]
    assert max(shares) - min(shares) < 0.25


def test_check_names_every_rule_broken() -> None:
    shifts = [shift("matin", 8, 6, wanted=1), shift("midi", 12, 4, wanted=1)]
    volunteers = [
        volunteer("amina", "matin midi", max_shifts=1),
        volunteer("bruno", "matin", trained=False),
    ]
    rota = Rota(
        (("matin", "amina"), ("matin", "bruno"), ("midi", "amina"), ("midi", "zoé")),
        (),
    )
    problems = check(shifts, volunteers, rota)
    assert problems == [
        "bruno is on matin but is not trained",
        "(midi, zoé) names a volunteer who does not exist",
        "amina has 2 shifts but offered 1",
        "amina is on matin and midi, which overlap",
        "matin has 2 people, 1 wanted",
        "midi has 2 people, 1 wanted",
    ]


def test_check_finds_false_gaps_and_disorder() -> None:
    shifts = [shift("matin", 8), shift("soir", 18)]
    volunteers = [volunteer("amina", "matin soir")]
    rota = Rota((("soir", "amina"), ("matin", "amina")), (("matin", 1),))
    assert check(shifts, volunteers, rota) == [
        "the assignments are not sorted",
        "the gaps should be [('matin', 1), ('soir', 1)], not [('matin', 1)]",
    ]


@pytest.mark.parametrize(
    ("shifts", "volunteers", "words"),
    [
        ([shift("a", 8), shift("a", 9)], [], "shift id 'a' is used 2 times"),
        ([], [volunteer("v", ""), volunteer("v", "")], "volunteer id 'v' is used 2 times"),
        ([shift("a", 8, hours=0)], [], "shift 'a' does not end after it starts"),
        ([shift("a", 8, wanted=0)], [], "shift 'a' wants 0 people, at least 1 is needed"),
        ([], [volunteer("v", "", max_shifts=-1)], "volunteer 'v' offers -1 shifts"),
        (
            [shift("a", 8), Shift("b", datetime(2027, 3, 1, 8), datetime(2027, 3, 1, 9))],
            [],
            "some shifts have a time zone and some do not",
        ),
    ],
)
def test_bad_input_is_refused_in_clear_words(
    shifts: list[Shift], volunteers: list[Volunteer], words: str
) -> None:
    with pytest.raises(RotaError, match=words) as refused:
        propose(shifts, volunteers)
    assert refused.value.code == "invalid"


# Swaps: Amina is on Monday, Bruno on Tuesday, both would take the other's day.
SWAP_SHIFTS = [shift("lundi", 18, wanted=1), shift("mardi", 42, wanted=1)]
SWAP_ROTA = Rota((("lundi", "amina"), ("mardi", "bruno")), ())


def test_two_volunteers_exchange_their_shifts() -> None:
    volunteers = [volunteer("amina", "lundi mardi"), volunteer("bruno", "lundi mardi")]
    swapped = swap(
        SWAP_ROTA, SWAP_SHIFTS, volunteers, give=("lundi", "amina"), take=("mardi", "bruno")
    )
    assert swapped == Rota((("lundi", "bruno"), ("mardi", "amina")), ())


def test_a_volunteer_hands_a_shift_to_another() -> None:
    volunteers = [
        volunteer("amina", "lundi"),
        volunteer("bruno", "mardi"),
        volunteer("chloé", "lundi"),
    ]
    handed = swap(
        SWAP_ROTA, SWAP_SHIFTS, volunteers, give=("lundi", "amina"), take=None, to="chloé"
    )
    assert handed == Rota((("lundi", "chloé"), ("mardi", "bruno")), ())


@pytest.mark.parametrize(
    ("volunteers", "code"),
    [
        ([volunteer("amina", "lundi mardi"), volunteer("bruno", "mardi")], "not_available"),
        (
            [volunteer("amina", "lundi mardi"), volunteer("bruno", "lundi mardi", trained=False)],
            "not_trained",
        ),
    ],
)
def test_an_exchange_that_breaks_a_rule_is_refused(volunteers: list[Volunteer], code: str) -> None:
    with pytest.raises(RotaError) as refused:
        swap(SWAP_ROTA, SWAP_SHIFTS, volunteers, give=("lundi", "amina"), take=("mardi", "bruno"))
    assert refused.value.code == code
    assert refused.value.problems


def test_a_handover_beyond_the_offer_is_refused() -> None:
    volunteers = [volunteer("amina", "lundi"), volunteer("bruno", "lundi mardi", max_shifts=1)]
    with pytest.raises(RotaError) as refused:
        swap(SWAP_ROTA, SWAP_SHIFTS, volunteers, give=("lundi", "amina"), take=None, to="bruno")
    assert refused.value.code == "over_offer"
    assert refused.value.problems == ("bruno has 2 shifts but offered 1",)


def test_a_handover_onto_an_overlapping_shift_is_refused() -> None:
    shifts = [shift("après-midi", 12, 6, wanted=1), shift("soir", 17.5, 5, wanted=1)]
    rota = Rota((("après-midi", "amina"), ("soir", "bruno")), ())
    volunteers = [volunteer("amina", "après-midi"), volunteer("bruno", "après-midi soir")]
    with pytest.raises(RotaError) as refused:
        swap(rota, shifts, volunteers, give=("après-midi", "amina"), take=None, to="bruno")
    assert refused.value.code == "overlap"


@pytest.mark.parametrize(
    ("give", "take", "to", "code"),
    [
        (("lundi", "bruno"), None, "amina", "not_in_rota"),
        (("lundi", "amina"), ("lundi", "bruno"), None, "not_in_rota"),
        (("lundi", "amina"), None, None, "no_recipient"),
        (("lundi", "amina"), None, "amina", "same_volunteer"),
    ],
)
def test_a_swap_that_makes_no_sense_is_refused(
    give: tuple[str, str], take: tuple[str, str] | None, to: str | None, code: str
) -> None:
    volunteers = [volunteer("amina", "lundi mardi"), volunteer("bruno", "lundi mardi")]
    with pytest.raises(RotaError) as refused:
        swap(SWAP_ROTA, SWAP_SHIFTS, volunteers, give=give, take=take, to=to)
    assert refused.value.code == code


def test_a_handover_to_someone_already_on_the_shift_is_refused() -> None:
    shifts = [shift("lundi", 18)]
    rota = Rota((("lundi", "amina"), ("lundi", "bruno")), ())
    volunteers = [volunteer("amina", "lundi"), volunteer("bruno", "lundi")]
    with pytest.raises(RotaError) as refused:
        swap(rota, shifts, volunteers, give=("lundi", "amina"), take=None, to="bruno")
    assert refused.value.code == "twice"


def test_two_people_on_one_shift_cannot_exchange_it() -> None:
    shifts = [shift("lundi", 18)]
    rota = Rota((("lundi", "amina"), ("lundi", "bruno")), ())
    volunteers = [volunteer("amina", "lundi"), volunteer("bruno", "lundi")]
    with pytest.raises(RotaError) as refused:
        swap(rota, shifts, volunteers, give=("lundi", "amina"), take=("lundi", "bruno"))
    assert refused.value.code == "same_shift"


def test_an_old_problem_elsewhere_does_not_block_a_swap() -> None:
    # Chloé said since that she is no longer available on Monday; Amina and Bruno may still
    # exchange.
    shifts = [*SWAP_SHIFTS, shift("lundi-nuit", 24, wanted=1)]
    rota = Rota((("lundi", "amina"), ("lundi-nuit", "chloé"), ("mardi", "bruno")), ())
    volunteers = [
        volunteer("amina", "lundi mardi"),
        volunteer("bruno", "lundi mardi"),
        volunteer("chloé", "mardi"),
    ]
    swapped = swap(rota, shifts, volunteers, give=("lundi", "amina"), take=("mardi", "bruno"))
    assert ("mardi", "amina") in swapped.assignments
    assert check(shifts, volunteers, swapped) == [
        "chloé is on lundi-nuit but is not available for it"
    ]
