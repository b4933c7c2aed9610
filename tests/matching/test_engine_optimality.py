"""Each round's pairs against an exhaustive search, on small random cohorts.

The search scores pairs with its own plain-Python reading of the rules and
tries every set of pairs (memoised over mentors and the mentees already
taken), given the pairs that the engine made in the earlier rounds.
"""

from functools import cache

import numpy as np
import pytest

from matching.engine import Participants, Scoring, match

SEEDS = range(60)
SCORINGS = {
    "default": Scoring(),
    # Zero-point pairs, same-grade peers and no organisation rule.
    "custom": Scoring(
        grade_gap_points={0: 0, 1: 3, 2: 5},
        same_profession=2,
        shared_identity=0,
        unmatched_bonus=1,
        exclude_same_organisation=False,
    ),
}


def small_cohort(seed):
    random = np.random.default_rng(seed)
    people = random.integers(2, 8, 2)
    capacity = random.integers(0, 4, people[1]) if seed % 3 == 0 else None
    return [
        Participants(
            person=random.choice(10, size, replace=False),
            grade=random.integers(0, 4, size),
            organisation=random.integers(-1, 3, size),
            profession=random.integers(-1, 3, size),
            identities=random.random((size, 3)) < 0.4,
            capacity=capacity if role == "mentee" else None,
        )
        for role, size in zip(("mentor", "mentee"), people, strict=True)
    ]


def rule_score(mentors, mentees, i, j, scoring, matches):
    """Points for mentor i with mentee j this round, or None if not allowed."""
    gap = int(mentors.grade[i] - mentees.grade[j])
    organisation = mentors.organisation[i]
    if mentors.person[i] == mentees.person[j] or gap not in scoring.grade_gap_points:
        return None
    if scoring.exclude_same_organisation and organisation >= 0:
        if organisation == mentees.organisation[j]:
            return None
    score = scoring.grade_gap_points[gap]
    if mentors.profession[i] >= 0 and mentors.profession[i] == mentees.profession[j]:
        score += scoring.same_profession
    if (mentors.identities[i] & mentees.identities[j]).any():
        score += scoring.shared_identity
    if matches["mentor"][i] == 0 or matches["mentee"][j] == 0:
        score += scoring.unmatched_bonus
    return score


def allowed_this_round(mentors, mentees, scoring, earlier):
    """{(i, j): score} of the pairs open in a round after `earlier` pairs."""
    matches = {"mentor": [0] * len(mentors), "mentee": [0] * len(mentees)}
    for i, j in earlier:
        matches["mentor"][i] += 1
        matches["mentee"][j] += 1
    room = [scoring.rounds] * len(mentees)
    if mentees.capacity is not None:
        room = [min(capacity, scoring.rounds) for capacity in mentees.capacity]
    open_pairs = {}
    for i in range(len(mentors)):
        for j in range(len(mentees)):
            full = (
                matches["mentor"][i] >= scoring.rounds
                or matches["mentee"][j] >= room[j]
            )
            if (i, j) in earlier or full:
                continue
            score = rule_score(mentors, mentees, i, j, scoring, matches)
            if score is not None:
                open_pairs[(i, j)] = score
    return open_pairs


def best_round(open_pairs, n_mentors):
    """The highest (total score, number of pairs) over all sets of pairs."""

    @cache
    def best(i, taken):
        if i == n_mentors:
            return (0, 0)
        options = [best(i + 1, taken)]
        for (mentor, mentee), score in open_pairs.items():
            if mentor == i and not taken & (1 << mentee):
                total, count = best(i + 1, taken | (1 << mentee))
                options.append((total + score, count + 1))
        return max(options)

    return best(0, 0)


@pytest.mark.parametrize("solver", ["dense", "sparse"])
@pytest.mark.parametrize("scoring_name", SCORINGS)
def test_every_round_is_as_good_as_an_exhaustive_search(solver, scoring_name):
    scoring = SCORINGS[scoring_name]
    for seed in SEEDS:
        mentors, mentees = small_cohort(seed)
        result = match(mentors, mentees, scoring, solver=solver)
        earlier = set()
        for chosen in result.rounds:
            open_pairs = allowed_this_round(mentors, mentees, scoring, earlier)
            made = list(
                zip(
                    chosen.mentor_index.tolist(),
                    chosen.mentee_index.tolist(),
                    strict=True,
                )
            )
            assert chosen.score.tolist() == [open_pairs[pair] for pair in made], seed
            assert (chosen.total, len(made)) == best_round(open_pairs, len(mentors)), (
                seed
            )
            earlier.update(made)


BIG_POINTS = Scoring(
    grade_gap_points={1: 1000, 2: 900},
    same_profession=1000,
    shared_identity=1000,
    unmatched_bonus=1000,
)


@pytest.mark.parametrize("scoring", [Scoring(), BIG_POINTS])
def test_both_solvers_reach_the_same_first_round_on_a_larger_cohort(scoring):
    random = np.random.default_rng(5)
    mentors, mentees = (
        Participants(
            person=random.permutation(600)[:300],
            grade=random.integers(low, low + 6, 300),
            organisation=random.integers(-1, 5, 300),
            profession=random.integers(-1, 5, 300),
            identities=random.random((300, 4)) < 0.3,
        )
        for low in (2, 0)
    )

    dense = match(mentors, mentees, scoring, solver="dense").rounds[0]
    sparse = match(mentors, mentees, scoring, solver="sparse").rounds[0]

    assert (dense.total, len(dense)) == (sparse.total, len(sparse))
