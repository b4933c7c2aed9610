"""The matching engine: mentors and mentees in as arrays, pairs out.

This module imports nothing from Django. A service maps a cohort to two
`Participants` (one per side), calls `match`, and turns the `Result` into
`Match` rows. The scoring reproduces the original mentor-match tool:

- A pair is allowed when the two are different people, the mentor is an
  allowed number of grades above the mentee, they work for different
  organisations (a blank organisation never equals another), they were not
  paired in an earlier round and both still have room for a match.
- An allowed pair scores points for its grade gap, for the same profession,
  for a shared identity, and an unmatched bonus when the mentor or the
  mentee has no match yet at the start of the round.
- Each round is one best one-to-one choice of pairs (see `solver.assign`).
"""

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np

from matching.solver import Solver, assign

Mode = Literal["quality", "quantity"]
Progress = Callable[[int, int, str], None]

# "Most mentees matched" tries every unmatched bonus in this range.
QUANTITY_BONUSES = range(0, 37)

# Pairs are found a block of mentor rows at a time, so the (block, mentees)
# temporaries stay near this many cells: a few MB even at 10,000 a side.
BLOCK_CELLS = 4_000_000


def _default_gap_points() -> Mapping[int, int]:
    return {1: 9, 2: 12}


@dataclass(frozen=True)
class Scoring:
    """The rules and points of a run; the defaults are the original tool's.

    `grade_gap_points` maps each allowed gap (mentor grade minus mentee
    grade, in ladder steps) to its points; other gaps are not allowed. Points
    are whole numbers from 0 to 1,000. `rounds` is how many matches each
    person can get at most.
    """

    grade_gap_points: Mapping[int, int] = field(default_factory=_default_gap_points)
    same_profession: int = 10
    shared_identity: int = 6
    unmatched_bonus: int = 6
    exclude_same_organisation: bool = True
    rounds: int = 3

    def __post_init__(self) -> None:
        gaps = MappingProxyType(
            {int(k): int(v) for k, v in self.grade_gap_points.items()}
        )
        object.__setattr__(self, "grade_gap_points", gaps)
        points = [
            *gaps.values(),
            self.same_profession,
            self.shared_identity,
            self.unmatched_bonus,
        ]
        # Scores are kept as int16, and the solvers need them >= 0.
        if not all(0 <= value <= 1000 for value in points):
            raise ValueError("Points must be whole numbers from 0 to 1,000.")
        if self.rounds < 1:
            raise ValueError("There must be at least one round.")


@dataclass(frozen=True)
class Participants:
    """One side of a cohort (all its mentors, or all its mentees) as arrays.

    All arrays have one row per participant, n in all:

    - `person` (n,) int: who this is, unique within a side. The same code
      on both sides means the same person, who is then never paired with
      themself. Give codes that do not depend on the query order, such as
      the rank of the sorted email: the engine orders people by them, so
      ties between equal scores always break the same way.
    - `grade` (n,) int: position on the grade ladder, lowest first.
    - `organisation` (n,) int: employer code, -1 when blank.
    - `profession` (n,) int: profession code, -1 when blank.
    - `identities` (n, k) bool: for a mentor, the characteristics they
      have; for a mentee, the identity they want to share. Both sides use
      the same k columns.
    - `capacity` (n,) int or None: most matches this person can get; None
      means one per round.
    """

    person: np.ndarray
    grade: np.ndarray
    organisation: np.ndarray
    profession: np.ndarray
    identities: np.ndarray
    capacity: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.person)
        for name in ("person", "grade", "organisation", "profession"):
            value = np.asarray(getattr(self, name), dtype=np.int64)
            if value.shape != (n,):
                raise ValueError(f"{name} must have one entry per person.")
            object.__setattr__(self, name, value)
        identities = np.asarray(self.identities, dtype=bool)
        if identities.ndim != 2 or len(identities) != n:
            raise ValueError("identities must be an (n, k) array, k >= 0.")
        object.__setattr__(self, "identities", identities)
        if self.capacity is not None:
            capacity = np.asarray(self.capacity, dtype=np.int64)
            if capacity.shape != (n,) or (capacity < 0).any():
                raise ValueError("capacity must be one number >= 0 per person.")
            object.__setattr__(self, "capacity", capacity)

    def __len__(self) -> int:
        return len(self.person)

    def take(self, order: np.ndarray) -> "Participants":
        """The same people in the given order (an index array)."""
        capacity = None if self.capacity is None else self.capacity[order]
        return Participants(
            person=self.person[order],
            grade=self.grade[order],
            organisation=self.organisation[order],
            profession=self.profession[order],
            identities=self.identities[order],
            capacity=capacity,
        )


@dataclass(frozen=True)
class RoundPairs:
    """The pairs made in one round, in the caller's indices.

    `mentor_index`, `mentee_index` and `score` are parallel (p,) arrays
    sorted by mentor then mentee; the indices are positions in the arrays
    given to `match`, and `score` is the pair's points, unmatched bonus
    included.
    """

    mentor_index: np.ndarray
    mentee_index: np.ndarray
    score: np.ndarray

    def __len__(self) -> int:
        return len(self.mentor_index)

    @property
    def total(self) -> int:
        return int(self.score.sum())


@dataclass(frozen=True)
class Result:
    """The outcome of `match`.

    `rounds` holds one `RoundPairs` per round (empty rounds included).
    `mentor_matches` and `mentee_matches` are (n,) counts of matches per
    person in the caller's order. `reason` says in plain words why no pairs
    were made, and is empty otherwise. `seconds` is the engine's run time.
    """

    mode: Mode
    unmatched_bonus: int
    rounds: tuple[RoundPairs, ...]
    mentor_matches: np.ndarray
    mentee_matches: np.ndarray
    seconds: float
    reason: str = ""

    def pairs(self) -> Iterator[tuple[int, int, int, int]]:
        """Yield (round number from 1, mentor index, mentee index, score)."""
        for number, chosen in enumerate(self.rounds, start=1):
            for mentor, mentee, score in zip(
                chosen.mentor_index.tolist(),
                chosen.mentee_index.tolist(),
                chosen.score.tolist(),
                strict=True,
            ):
                yield number, mentor, mentee, score

    def summary(self) -> dict:
        """A JSON-ready overview; `*_by_matches[k]` counts people with k matches."""
        size = len(self.rounds) + 1
        return {
            "mode": self.mode,
            "unmatched_bonus": self.unmatched_bonus,
            "pairs_per_round": [len(chosen) for chosen in self.rounds],
            "score_per_round": [chosen.total for chosen in self.rounds],
            "mentors_by_matches": np.bincount(
                self.mentor_matches, minlength=size
            ).tolist(),
            "mentees_by_matches": np.bincount(
                self.mentee_matches, minlength=size
            ).tolist(),
            "seconds": round(self.seconds, 3),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class _Pairs:
    """Every allowed pair of a cohort before any round, as parallel (e,) arrays.

    Indices refer to the people sorted by person code; `base` is the score
    without the unmatched bonus. Pairs are sorted by mentor, then mentee.
    """

    mentor: np.ndarray
    mentee: np.ndarray
    base: np.ndarray


@dataclass(frozen=True)
class _Run:
    """One multi-round run: chosen pair positions and scores per round."""

    bonus: int
    chosen: list[np.ndarray]
    scores: list[np.ndarray]
    mentor_matches: np.ndarray
    mentee_matches: np.ndarray


def match(
    mentors: Participants,
    mentees: Participants,
    scoring: Scoring = Scoring(),
    mode: Mode = "quality",
    progress: Progress | None = None,
    solver: Solver = "auto",
) -> Result:
    """Pair mentors with mentees over `scoring.rounds` rounds.

    "quality" makes one run with `scoring.unmatched_bonus`. "quantity" makes
    one run for each bonus from 0 to 36 and keeps the run with the most
    mentees matched, then the most mentors matched, then the smallest bonus
    (it stops early when no larger bonus can change the outcome).

    `progress(done, total, label)` is called after every round solved, and
    once with done == total if "quantity" stops early (total is rounds, or
    37 x rounds for "quantity"). `solver` forces the
    dense or sparse solver; "auto" picks by size. Nothing passed in is
    changed. Empty cohorts or no allowed pair give a `Result` with no pairs
    and a `reason`, not an exception.
    """
    started = time.perf_counter()
    if mode not in ("quality", "quantity"):
        raise ValueError(f"Unknown mode {mode!r}: use quality or quantity.")
    if solver not in ("auto", "dense", "sparse"):
        raise ValueError(f"Unknown solver {solver!r}: use auto, dense or sparse.")
    reason = _reason_for_nothing(mentors, mentees, scoring)
    if reason:
        return _empty_result(mentors, mentees, scoring, mode, reason, started)

    # Sorting by person code makes the outcome independent of input order.
    mentor_order = np.argsort(mentors.person, kind="stable")
    mentee_order = np.argsort(mentees.person, kind="stable")
    pairs = _allowed_pairs(
        mentors.take(mentor_order), mentees.take(mentee_order), scoring
    )
    if pairs.mentor.size == 0:
        reason = _no_allowed_pair_reason(scoring)
        return _empty_result(mentors, mentees, scoring, mode, reason, started)

    capacity = (
        _capacity(mentors, scoring)[mentor_order],
        _capacity(mentees, scoring)[mentee_order],
    )
    bonuses = [scoring.unmatched_bonus] if mode == "quality" else QUANTITY_BONUSES
    best = _best_run(pairs, capacity, bonuses, scoring, solver, progress)
    return _result(best, pairs, mentor_order, mentee_order, mode, started)


def pair_scores(
    mentors: Participants,
    mentees: Participants,
    scoring: Scoring = Scoring(),
) -> np.ndarray:
    """Round-one score of every pair, for explaining and checking scores.

    Returns an (n_mentors, n_mentees) int16 matrix in the caller's order:
    points with the unmatched bonus (nobody is matched before round one),
    or -1 where the pair is not allowed. Capacity is not considered. It
    takes 2 bytes a cell, so keep it to cohorts of a few thousand.
    """
    scores = np.full((len(mentors), len(mentees)), -1, dtype=np.int16)
    if len(mentors) and len(mentees):
        pairs = _allowed_pairs(mentors, mentees, scoring)
        scores[pairs.mentor, pairs.mentee] = pairs.base + scoring.unmatched_bonus
    return scores


def _capacity(side: Participants, scoring: Scoring) -> np.ndarray:
    """Matches each person may still get: their capacity, at most the rounds."""
    if side.capacity is None:
        return np.full(len(side), scoring.rounds, dtype=np.int64)
    return np.minimum(side.capacity, scoring.rounds)


def _allowed_pairs(
    mentors: Participants,
    mentees: Participants,
    scoring: Scoring,
) -> _Pairs:
    """Find every allowed pair and its score without the unmatched bonus.

    Works a block of mentors at a time, so no (mentors, mentees) matrix is
    ever held whole and memory stays near the size of the pair list.
    """
    if mentors.identities.shape[1] != mentees.identities.shape[1]:
        raise ValueError("Mentors and mentees must use the same identity columns.")
    low = min(mentors.grade.min(), mentees.grade.min())
    spread = int(max(mentors.grade.max(), mentees.grade.max()) - low)
    # Gaps beyond the spread of grades cannot occur, so they are left out.
    points = np.zeros(2 * spread + 1, dtype=np.int16)
    gaps = [gap for gap in scoring.grade_gap_points if abs(gap) <= spread]
    for gap in gaps:
        points[gap + spread] = scoring.grade_gap_points[gap]

    mentor_codes = _Codes.of(mentors, low, spread, blank=-1)
    mentee_codes = _Codes.of(mentees, low, spread, blank=-2)
    block = max(1, BLOCK_CELLS // len(mentees))
    found = []
    for start in range(0, len(mentors), block):
        rows = slice(start, start + block)
        found.append(_block_pairs(mentor_codes, mentee_codes, rows, gaps, scoring))

    mentor, mentee, gap, shared, same_profession = (
        np.concatenate(parts) for parts in zip(*found, strict=True)
    )
    base = points[gap.astype(np.intp) + spread]
    base += np.int16(scoring.same_profession) * same_profession
    base += np.int16(scoring.shared_identity) * shared
    return _Pairs(mentor=mentor, mentee=mentee, base=base)


@dataclass(frozen=True)
class _Codes:
    """One side's codes in the small dtypes the pair search works in."""

    person: np.ndarray
    grade: np.ndarray
    organisation: np.ndarray
    profession: np.ndarray
    identity: np.ndarray

    @classmethod
    def of(cls, side: Participants, low: int, spread: int, blank: int) -> "_Codes":
        # Mentor blanks are -1 and mentee blanks -2, so a blank organisation
        # or profession never equals anything, not even another blank.
        grade_type = np.int8 if spread < 128 else np.int32
        return cls(
            person=side.person,
            grade=(side.grade - low).astype(grade_type),
            organisation=np.where(side.organisation < 0, blank, side.organisation),
            profession=np.where(side.profession < 0, blank, side.profession),
            identity=np.packbits(side.identities, axis=1),
        )


def _block_pairs(
    mentors: _Codes,
    mentees: _Codes,
    rows: slice,
    gaps: list[int],
    scoring: Scoring,
) -> tuple[np.ndarray, ...]:
    """The allowed pairs of one block of mentors, sorted by mentor then mentee.

    Returns (p,) arrays: mentor (int32), mentee (int32), grade gap, whether
    an identity is shared, and whether the profession is the same.
    """
    gap = mentors.grade[rows, None] - mentees.grade[None, :]
    allowed = np.zeros(gap.shape, dtype=bool)
    for value in gaps:
        allowed |= gap == value
    allowed &= mentors.person[rows, None] != mentees.person[None, :]
    if scoring.exclude_same_organisation:
        allowed &= mentors.organisation[rows, None] != mentees.organisation[None, :]

    flat = np.flatnonzero(allowed)
    mentor, mentee = np.divmod(flat, gap.shape[1])
    mentor += rows.start
    shared = np.zeros(flat.size, dtype=bool)
    for byte in range(mentors.identity.shape[1]):
        shared |= (mentors.identity[mentor, byte] & mentees.identity[mentee, byte]) != 0
    same_profession = mentors.profession[mentor] == mentees.profession[mentee]
    return (
        mentor.astype(np.int32),
        mentee.astype(np.int32),
        gap.ravel()[flat],
        shared,
        same_profession,
    )


def _run(
    pairs: _Pairs,
    capacity: tuple[np.ndarray, np.ndarray],
    bonus: int,
    scoring: Scoring,
    solver: Solver,
    step: Callable[[int], None],
) -> _Run:
    """All rounds with one unmatched bonus; each round sees the earlier ones.

    `capacity` holds the (n,) most matches of each mentor and each mentee.
    """
    mentor_capacity, mentee_capacity = capacity
    mentor_matches = np.zeros(mentor_capacity.size, dtype=np.int64)
    mentee_matches = np.zeros(mentee_capacity.size, dtype=np.int64)
    used = np.zeros(pairs.mentor.size, dtype=bool)
    chosen_by_round, scores_by_round = [], []
    for number in range(1, scoring.rounds + 1):
        live = ~used
        live &= (mentor_matches < mentor_capacity)[pairs.mentor]
        live &= (mentee_matches < mentee_capacity)[pairs.mentee]
        mentor, mentee, score = pairs.mentor[live], pairs.mentee[live], pairs.base[live]
        unmatched = (mentor_matches[mentor] == 0) | (mentee_matches[mentee] == 0)
        score[unmatched] += bonus

        picked = assign(mentor, mentee, score, solver)
        chosen = np.flatnonzero(live)[picked]
        used[chosen] = True
        mentor_matches[mentor[picked]] += 1
        mentee_matches[mentee[picked]] += 1
        chosen_by_round.append(chosen)
        scores_by_round.append(score[picked])
        step(number)
    return _Run(bonus, chosen_by_round, scores_by_round, mentor_matches, mentee_matches)


def _best_run(
    pairs: _Pairs,
    capacity: tuple[np.ndarray, np.ndarray],
    bonuses: Sequence[int],
    scoring: Scoring,
    solver: Solver,
    progress: Progress | None,
) -> _Run:
    """One run per bonus, in order; the best by `_quantity_key` wins.

    The runs stop early once one matches every mentee and every mentor who
    has an allowed pair: a larger bonus cannot match more, and a tie goes
    to the smaller bonus, so the outcome is the same as running them all.
    """
    most = _most_matchable(pairs, capacity) if len(bonuses) > 1 else None
    runs = []
    for bonus in bonuses:
        step = _progress_step(progress, len(runs), len(bonuses), scoring, bonus)
        runs.append(_run(pairs, capacity, bonus, scoring, solver, step))
        if _quantity_key(runs[-1])[:2] == most:
            break

    total = len(bonuses) * scoring.rounds
    if progress is not None and len(runs) < len(bonuses):
        progress(total, total, f"Every match possible at unmatched bonus {bonus}")
    return max(runs, key=_quantity_key)


def _most_matchable(
    pairs: _Pairs, capacity: tuple[np.ndarray, np.ndarray]
) -> tuple[int, int]:
    """How many mentees and mentors have an allowed pair and room for it."""
    mentor_capacity, mentee_capacity = capacity
    open_pairs = (mentor_capacity > 0)[pairs.mentor]
    open_pairs &= (mentee_capacity > 0)[pairs.mentee]
    mentees = np.zeros(mentee_capacity.size, dtype=bool)
    mentees[pairs.mentee[open_pairs]] = True
    mentors = np.zeros(mentor_capacity.size, dtype=bool)
    mentors[pairs.mentor[open_pairs]] = True
    return int(mentees.sum()), int(mentors.sum())


def _quantity_key(run: _Run) -> tuple[int, int, int]:
    """Most mentees matched, then most mentors matched, then smallest bonus."""
    mentees = int(np.count_nonzero(run.mentee_matches))
    mentors = int(np.count_nonzero(run.mentor_matches))
    return mentees, mentors, -run.bonus


def _progress_step(
    progress: Progress | None,
    runs_before: int,
    runs: int,
    scoring: Scoring,
    bonus: int,
) -> Callable[[int], None]:
    """A callback for one run that reports each finished round to `progress`."""

    def step(number: int) -> None:
        if progress is None:
            return
        label = f"Round {number} of {scoring.rounds}"
        if runs > 1:
            label = f"Unmatched bonus {bonus}: round {number} of {scoring.rounds}"
        done = runs_before * scoring.rounds + number
        progress(done, runs * scoring.rounds, label)

    return step


def _result(
    run: _Run,
    pairs: _Pairs,
    mentor_order: np.ndarray,
    mentee_order: np.ndarray,
    mode: Mode,
    started: float,
) -> Result:
    """Map a run's pairs back to the caller's indices."""
    rounds = []
    for chosen, score in zip(run.chosen, run.scores, strict=True):
        mentor = mentor_order[pairs.mentor[chosen]]
        mentee = mentee_order[pairs.mentee[chosen]]
        order = np.lexsort((mentee, mentor))
        rounds.append(RoundPairs(mentor[order], mentee[order], score[order]))
    mentor_matches = np.empty_like(run.mentor_matches)
    mentor_matches[mentor_order] = run.mentor_matches
    mentee_matches = np.empty_like(run.mentee_matches)
    mentee_matches[mentee_order] = run.mentee_matches

    reason = ""
    if not any(len(chosen) for chosen in rounds):
        reason = "Nobody had room for another match, so no pairs were made."
    return Result(
        mode=mode,
        unmatched_bonus=run.bonus,
        rounds=tuple(rounds),
        mentor_matches=mentor_matches,
        mentee_matches=mentee_matches,
        seconds=time.perf_counter() - started,
        reason=reason,
    )


def _reason_for_nothing(
    mentors: Participants, mentees: Participants, scoring: Scoring
) -> str:
    """Why no pairs can be made before any work, or "" when some might be."""
    if len(mentors) == 0:
        return "There are no mentors, so no pairs were made."
    if len(mentees) == 0:
        return "There are no mentees, so no pairs were made."
    if not scoring.grade_gap_points:
        return "No grade gap is allowed, so no pairs were made."
    return ""


def _no_allowed_pair_reason(scoring: Scoring) -> str:
    """Explain the rules that left no mentor and mentee who may be paired."""
    gaps = " or ".join(str(gap) for gap in sorted(scoring.grade_gap_points))
    rules = f"a mentor must be {gaps} grades above the mentee"
    if scoring.exclude_same_organisation:
        rules += " and in a different organisation"
    return f"There is no allowed pair: {rules}."


def _empty_result(
    mentors: Participants,
    mentees: Participants,
    scoring: Scoring,
    mode: Mode,
    reason: str,
    started: float,
) -> Result:
    """A result with no pairs, explained by `reason`."""
    empty = np.empty(0, dtype=np.int64)
    bonus = scoring.unmatched_bonus if mode == "quality" else QUANTITY_BONUSES[0]
    return Result(
        mode=mode,
        unmatched_bonus=bonus,
        rounds=tuple(RoundPairs(empty, empty, empty) for _ in range(scoring.rounds)),
        mentor_matches=np.zeros(len(mentors), dtype=np.int64),
        mentee_matches=np.zeros(len(mentees), dtype=np.int64),
        seconds=time.perf_counter() - started,
        reason=reason,
    )
