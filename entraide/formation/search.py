"""The primal side: build groupings from the Lagrangian's hints, then improve them locally.

Placements come first: a move that places one more person is taken whatever it costs in
distance, and no move ever unplaces anyone. Then each move must shorten the total walk:

- relocate: a member joins a nearer host's group that has room;
- swap: two members of different groups trade places;
- re-host: the member that minimises the group's total walk becomes its host;
- open: a member becomes a host and pulls nearby people who would walk less, from groups that
  can spare them;
- close: a group's members all join other groups that have room.

The work is Python over short lists (groups of at most `max` members, K nearest neighbours),
so each pass costs a few microseconds per person.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import numpy as np

from entraide.formation.bound import Evaluation
from entraide.formation.geometry import EARTH_RADIUS_KM, FloatArray, chord_to_km
from entraide.formation.problem import Problem

# Improvements smaller than this (km) are noise, not progress: it keeps the search finite.
EPSILON = 1e-9


class Grouping:
    """A partial grouping of the people of a problem, with the bookkeeping moves need."""

    def __init__(self, problem: Problem, people: Iterable[int]) -> None:
        constraints = problem.constraints
        self.min_size, self.max_size = constraints.min_size, constraints.max_size
        self.max_km = constraints.max_km
        self.labels = problem.labels
        self.single_label = problem.has_label.shape[1] == 1
        self.points = problem.points
        self.x, self.y, self.z = (problem.points[:, axis].tolist() for axis in range(3))
        self.people = sorted(people)
        self.pool = frozenset(self.people)
        self.near: list[list[int]] = [[] for _ in range(problem.size)]
        nbr = problem.nbr
        for i in self.people:
            row = nbr[i]
            self.near[i] = row[row >= 0].tolist()
        self.group_of = [-1] * problem.size
        self.cost = [0.0] * problem.size
        self.hosting = [-1] * problem.size  # person -> group they host
        self.host: list[int] = []
        self.members: list[list[int]] = []
        self.common: list[frozenset[int]] = []
        self.alive: list[bool] = []
        # Bumped on every change of a group, so that pairs already re-split are not redone.
        self.version: list[int] = []
        self.reshaped: dict[tuple[int, int], tuple[int, int]] = {}

    # --- basic operations ---------------------------------------------------------------

    def distance(self, a: int, b: int) -> float:
        dx, dy, dz = self.x[a] - self.x[b], self.y[a] - self.y[b], self.z[a] - self.z[b]
        chord = math.sqrt(dx * dx + dy * dy + dz * dz)
        return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, chord / 2))

    def total(self) -> float:
        return sum(self.cost[i] for i in self.people if self.group_of[i] >= 0)

    def placed(self) -> int:
        return sum(1 for i in self.people if self.group_of[i] >= 0)

    def open_group(self, host: int, members: list[int]) -> int:
        group = len(self.host)
        self.host.append(host)
        self.members.append([])
        self.common.append(frozenset())
        self.alive.append(True)
        self.version.append(0)
        self.hosting[host] = group
        for person in members:
            self.group_of[person] = group
            self.cost[person] = self.distance(person, host)
            self.members[group].append(person)
        self._refresh_common(group)
        return group

    def close_group(self, group: int) -> None:
        for person in self.members[group]:
            self.group_of[person] = -1
            self.cost[person] = 0.0
        self.hosting[self.host[group]] = -1
        self.members[group] = []
        self.alive[group] = False

    def _refresh_common(self, group: int) -> None:
        if not self.single_label:
            members = self.members[group]
            self.common[group] = frozenset.intersection(*(self.labels[m] for m in members))

    def join(self, person: int, group: int) -> None:
        self.group_of[person] = group
        self.cost[person] = self.distance(person, self.host[group])
        self.members[group].append(person)
        self.version[group] += 1
        if not self.single_label:
            self.common[group] = self.common[group] & self.labels[person]

    def leave(self, person: int) -> None:
        group = self.group_of[person]
        self.members[group].remove(person)
        self.version[group] += 1
        self.group_of[person] = -1
        self.cost[person] = 0.0
        self._refresh_common(group)

    def fits(self, person: int, group: int, without: int = -1) -> bool:
        """Tell whether `person` shares a label with the group (ignoring `without`)."""
        if self.single_label:
            return True
        if without < 0:
            return bool(self.common[group] & self.labels[person])
        shared = self.labels[person]
        for member in self.members[group]:
            if member != without:
                shared = shared & self.labels[member]
        return bool(shared)

    def set_host(self, group: int, host: int) -> None:
        self.hosting[self.host[group]] = -1
        self.host[group] = host
        self.hosting[host] = group
        self.version[group] += 1
        for member in self.members[group]:
            self.cost[member] = self.distance(member, host)

    def groups(self) -> list[tuple[int, list[int]]]:
        return [
            (self.host[g], list(self.members[g])) for g in range(len(self.host)) if self.alive[g]
        ]

    # --- construction -------------------------------------------------------------------

    def build_from(self, problem: Problem, lam: FloatArray, evaluation: Evaluation) -> None:
        """Open the options the relaxation opens, best first, with the people still free."""
        opened = evaluation.open_options[evaluation.open_options >= 0]
        opened = opened[np.argsort(evaluation.option_values[opened], kind="stable")]
        forced, slots = self.min_size - 1, self.max_size - 1
        for f in opened.tolist():
            host = int(problem.opt_host[f])
            if self.group_of[host] >= 0:
                continue
            row = problem.cand[f]
            valid = row >= 0
            people, km = row[valid], problem.cand_km[f][valid]
            reduced = km - lam[people]
            order = np.argsort(reduced, kind="stable")
            chosen: list[int] = []
            for position in order.tolist():
                person = int(people[position])
                if self.group_of[person] >= 0:
                    continue
                if len(chosen) >= forced and reduced[position] >= 0:
                    break
                chosen.append(person)
                if len(chosen) == slots:
                    break
            if len(chosen) >= forced:
                self.open_group(host, [host, *chosen])
        self.place_free()

    def place_free(self) -> None:
        """Give every free person a place if any repair finds one."""
        for person in self.people:
            if self.group_of[person] < 0:
                self.insert(person) or self.insert_by_ejection(person)
        for person in self.people:
            if self.group_of[person] < 0:
                self.found_group(person)

    def insert(self, person: int) -> bool:
        """Join the nearest group within reach that has room."""
        for other in self.near[person]:
            group = self.hosting[other]
            if group >= 0 and len(self.members[group]) < self.max_size and self.fits(person, group):
                self.join(person, group)
                return True
        return False

    def insert_by_ejection(self, person: int) -> bool:
        """Join a full group within reach whose member moves on to a group with room."""
        best: tuple[float, int, int, int] | None = None
        for other in self.near[person]:
            group = self.hosting[other]
            if group < 0 or not self.fits(person, group):
                continue
            for member in self.members[group]:
                if member == other or not self.fits(person, group, without=member):
                    continue
                for next_host in self.near[member]:
                    target = self.hosting[next_host]
                    if (
                        target < 0
                        or target == group
                        or len(self.members[target]) >= self.max_size
                        or not self.fits(member, target)
                    ):
                        continue
                    delta = (
                        self.distance(person, other)
                        - self.cost[member]
                        + self.distance(member, next_host)
                    )
                    if best is None or delta < best[0]:
                        best = (delta, group, member, target)
                    break
        if best is None:
            return False
        _, group, member, target = best
        self.leave(member)
        self.join(member, target)
        self.join(person, group)
        return True

    def found_group(self, person: int) -> bool:
        """Open a new group around `person` or a neighbour, with free and spare people."""
        for host in [person, *self.near[person]]:
            if self.hosting[host] >= 0:
                continue
            home = self.group_of[host]
            if home >= 0 and len(self.members[home]) <= self.min_size:
                continue
            for label in sorted(self.labels[host] & self.labels[person]):
                chosen = self._recruit(host, label, person)
                if chosen is not None:
                    for member in [host, *chosen]:
                        if self.group_of[member] >= 0:
                            self.leave(member)
                    self.open_group(host, [host, *chosen])
                    return True
        return False

    def _recruit(self, host: int, label: int, person: int) -> list[int] | None:
        """Pick members for a new group at `host`: free people first, then spare ones."""
        spare: dict[int, int] = {}
        home = self.group_of[host]
        if home >= 0:
            spare[home] = len(self.members[home]) - self.min_size - 1
        if person != host and self.distance(person, host) > self.max_km:
            return None
        chosen = [person] if person != host else []
        free_first = sorted(
            (i for i in self.near[host] if i != person and label in self.labels[i]),
            key=lambda i: (self.group_of[i] >= 0, self.distance(i, host)),
        )
        for i in free_first:
            if len(chosen) >= self.max_size - 1:
                break
            group = self.group_of[i]
            if group >= 0:
                if self.hosting[i] >= 0:
                    continue
                left = spare.setdefault(group, len(self.members[group]) - self.min_size)
                if left <= 0:
                    continue
                if len(chosen) >= self.min_size - 1:
                    break
                spare[group] = left - 1
            chosen.append(i)
        return chosen if len(chosen) >= self.min_size - 1 else None

    # --- local search -------------------------------------------------------------------

    def improve(self, rng: random.Random, passes: int) -> None:
        """Apply improving moves until none is left or `passes` rounds are done."""
        order = list(self.people)
        for _ in range(passes):
            rng.shuffle(order)
            changed = False
            for person in order:
                if self.group_of[person] >= 0 and self.hosting[person] < 0:
                    changed |= self.relocate(person) or self.swap(person)
            for group in range(len(self.host)):
                if self.alive[group]:
                    changed |= self.rehost(group)
            for group in range(len(self.host)):
                if self.alive[group]:
                    for other in self.neighbour_groups(group):
                        changed |= self.reshape(group, other)
            for person in order:
                if self.group_of[person] >= 0 and self.hosting[person] < 0:
                    changed |= self.split_off(person)
            for group in range(len(self.host)):
                if self.alive[group]:
                    changed |= self.dissolve(group)
            if not changed:
                break

    def relocate(self, person: int) -> bool:
        home = self.group_of[person]
        if len(self.members[home]) <= self.min_size:
            return False
        current = self.cost[person]
        for other in self.near[person]:
            km = self.distance(person, other)
            if km >= current - EPSILON:
                return False
            group = self.hosting[other]
            if (
                group >= 0
                and group != home
                and len(self.members[group]) < self.max_size
                and self.fits(person, group)
            ):
                self.leave(person)
                self.join(person, group)
                return True
        return False

    def swap(self, person: int) -> bool:
        home = self.group_of[person]
        home_host = self.host[home]
        current = self.cost[person]
        for other in self.near[person]:
            km = self.distance(person, other)
            if km >= current - EPSILON:
                return False
            group = self.hosting[other]
            if group < 0 or group == home:
                continue
            for member in self.members[group]:
                if member == other:
                    continue
                back = self.distance(member, home_host)
                if back > self.max_km:
                    continue
                if km + back < current + self.cost[member] - EPSILON and (
                    self.single_label
                    or (
                        self.fits(member, home, without=person)
                        and self.fits(person, group, without=member)
                    )
                ):
                    self.leave(person)
                    self.leave(member)
                    self.join(person, group)
                    self.join(member, home)
                    return True
        return False

    def rehost(self, group: int) -> bool:
        members = self.members[group]
        current = sum(self.cost[m] for m in members)
        best, best_host = current - EPSILON, -1
        for candidate in members:
            total = 0.0
            for member in members:
                km = self.distance(member, candidate)
                if km > self.max_km:
                    total = math.inf
                    break
                total += km
            if total < best:
                best, best_host = total, candidate
        if best_host < 0:
            return False
        self.set_host(group, best_host)
        return True

    def neighbour_groups(self, group: int) -> list[int]:
        """Return the groups, numbered above `group`, that some member has within reach."""
        found: set[int] = set()
        for member in self.members[group]:
            for other in self.near[member]:
                target = self.group_of[other]
                if target > group:
                    found.add(target)
        return sorted(found)

    def reshape(self, first: int, second: int) -> bool:
        """Re-split the members of two groups optimally between two new hosts.

        For each pair of hosts, whoever can reach only one goes there; the others are sorted
        by how much nearer the first host is, and the best cut within the size limits wins.
        """
        if not (self.alive[first] and self.alive[second]):
            return False
        versions = (self.version[first], self.version[second])
        if self.reshaped.get((first, second)) == versions:
            return False
        self.reshaped[(first, second)] = versions
        people = self.members[first] + self.members[second]
        size = len(people)
        points = self.points[people]
        km = chord_to_km(np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2))
        ones, twos = np.triu_indices(size, 1)
        d1, d2 = km[ones], km[twos]
        column = np.arange(size)
        hosts = (column == ones[:, None]) | (column == twos[:, None])
        out1, out2 = (d1 > self.max_km) & ~hosts, (d2 > self.max_km) & ~hosts
        free = ~(out1 | out2 | hosts)
        only1 = 1 + (out2 & ~out1).sum(axis=1)
        only2 = 1 + (out1 & ~out2).sum(axis=1)
        spread = free.sum(axis=1)
        base = np.where(out1 & ~out2 | free, d2, 0.0).sum(axis=1)
        base += np.where(out2 & ~out1, d1, 0.0).sum(axis=1)
        # The free people sorted by how much nearer h1 is; prefix sums give every cut.
        order = np.argsort(np.where(free, d1 - d2, np.inf), axis=1, kind="stable")
        prefix = np.hstack(
            (
                np.zeros((len(ones), 1)),
                np.cumsum(np.take_along_axis(np.where(free, d1 - d2, 0.0), order, axis=1), axis=1),
            )
        )
        low = np.maximum.reduce(
            [np.zeros_like(only1), self.min_size - only1, only2 + spread - self.max_size]
        )
        high = np.minimum.reduce([spread, self.max_size - only1, only2 + spread - self.min_size])
        cuts = np.arange(size + 1)
        allowed = (cuts >= low[:, None]) & (cuts <= high[:, None])
        allowed &= ~(out1 & out2).any(axis=1)[:, None]
        totals = np.where(allowed, base[:, None] + prefix, np.inf)
        best_cut = totals.argmin(axis=1)
        best_total = totals[np.arange(len(ones)), best_cut]
        current = sum(self.cost[p] for p in people)
        for row in np.argsort(best_total, kind="stable").tolist():
            if not best_total[row] < current - EPSILON:
                return False
            h1, h2 = int(ones[row]), int(twos[row])
            to_first = set(order[row, : best_cut[row]].tolist())
            to_first.update(np.flatnonzero(out2[row] & ~out1[row]).tolist())
            if self._labels_hold(people, h1, h2, to_first):
                break
        else:
            return False
        group_one = [people[h1], *(people[i] for i in sorted(to_first))]
        group_two = [people[i] for i in range(size) if i != h1 and i not in to_first]
        group_two.remove(people[h2])
        self.close_group(first)
        self.close_group(second)
        self.open_group(people[h1], group_one)
        self.open_group(people[h2], [people[h2], *group_two])
        return True

    def _labels_hold(self, people: list[int], h1: int, h2: int, to_first: set[int]) -> bool:
        if self.single_label:
            return True
        one = [people[i] for i in to_first] + [people[h1]]
        two = [people[i] for i in range(len(people)) if i != h1 and i not in to_first]
        return all(
            frozenset.intersection(*(self.labels[m] for m in members)) for members in (one, two)
        )

    def split_off(self, host: int) -> bool:
        """Make `host` the host of a new group of people who would walk less to it."""
        home = self.group_of[host]
        if len(self.members[home]) <= self.min_size:
            return False
        for label in sorted(self.labels[host]):
            spare = {home: len(self.members[home]) - self.min_size - 1}
            gains: list[tuple[float, int]] = []
            for person in self.near[host]:
                group = self.group_of[person]
                if group < 0 or self.hosting[person] >= 0 or label not in self.labels[person]:
                    continue
                gain = self.cost[person] - self.distance(person, host)
                if gain > 0:
                    gains.append((gain, person))
            gains.sort(reverse=True)
            chosen: list[int] = []
            total_gain = self.cost[host]
            for gain, person in gains:
                group = self.group_of[person]
                left = spare.setdefault(group, len(self.members[group]) - self.min_size)
                if left <= 0:
                    continue
                spare[group] = left - 1
                chosen.append(person)
                total_gain += gain
                if len(chosen) == self.max_size - 1:
                    break
            if len(chosen) >= self.min_size - 1 and total_gain > EPSILON:
                for member in [host, *chosen]:
                    self.leave(member)
                self.open_group(host, [host, *chosen])
                return True
        return False

    def dissolve(self, group: int) -> bool:
        """Close the group if all its members walk less in other groups that have room."""
        members = self.members[group]
        room: dict[int, int] = {}
        moves: list[tuple[int, int]] = []
        delta = 0.0
        for member in members:
            best: tuple[float, int] | None = None
            for other in self.near[member]:
                target = self.hosting[other]
                if target < 0 or target == group or not self.fits(member, target):
                    continue
                # With labels, one newcomer per group keeps the shared-label check exact.
                room_left = self.max_size - len(self.members[target])
                free = room.setdefault(
                    target, room_left if self.single_label else min(1, room_left)
                )
                if free > 0:
                    best = (self.distance(member, other), target)
                    break
            if best is None:
                return False
            room[best[1]] -= 1
            moves.append((member, best[1]))
            delta += best[0] - self.cost[member]
        if delta >= -EPSILON:
            return False
        self.close_group(group)
        for member, target in moves:
            self.join(member, target)
        return True
