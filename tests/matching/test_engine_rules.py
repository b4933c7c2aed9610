import json

import numpy as np
import pytest

from matching.engine import Participants, Scoring, match, pair_scores

NO_BONUS = Scoring(unmatched_bonus=0)


def side(
    grade, person, organisation=None, profession=None, identity=None, capacity=None
):
    """Participants from short lists; unset codes differ from person to person."""
    n = len(grade)
    organisation = (
        [1000 + code for code in person] if organisation is None else organisation
    )
    profession = [2000 + code for code in person] if profession is None else profession
    identities = np.zeros((n, 3), dtype=bool)
    for row, column in enumerate(identity or [None] * n):
        if column is not None:
            identities[row, column] = True
    return Participants(person, grade, organisation, profession, identities, capacity)


def one_pair_score(mentor, mentee, scoring=NO_BONUS):
    return int(pair_scores(side(**mentor), side(**mentee), scoring)[0, 0])


def test_a_person_is_never_matched_with_themself():
    mentors = side(grade=[3], person=[7], organisation=[1])
    mentees = side(grade=[2], person=[7], organisation=[2])

    result = match(mentors, mentees)

    assert pair_scores(mentors, mentees)[0, 0] == -1
    assert sum(len(chosen) for chosen in result.rounds) == 0


@pytest.mark.parametrize("gap", [0, 3, -1, -2])
def test_grade_gaps_other_than_one_or_two_are_not_allowed(gap):
    score = one_pair_score(
        {"grade": [4 + gap], "person": [1]}, {"grade": [4], "person": [2]}
    )

    assert score == -1


@pytest.mark.parametrize(("gap", "points"), [(1, 9), (2, 12)])
def test_grade_gaps_of_one_and_two_score_nine_and_twelve(gap, points):
    score = one_pair_score(
        {"grade": [4 + gap], "person": [1]}, {"grade": [4], "person": [2]}
    )

    assert score == points


def test_a_mentor_from_the_mentees_organisation_is_not_allowed():
    mentor = {"grade": [3], "person": [1], "organisation": [5]}
    mentee = {"grade": [2], "person": [2], "organisation": [5]}

    assert one_pair_score(mentor, mentee) == -1
    allow = Scoring(unmatched_bonus=0, exclude_same_organisation=False)
    assert one_pair_score(mentor, mentee, allow) == 9


def test_blank_organisations_do_not_count_as_the_same():
    mentor = {"grade": [3], "person": [1], "organisation": [-1]}
    mentee = {"grade": [2], "person": [2], "organisation": [-1]}

    assert one_pair_score(mentor, mentee) == 9


def test_the_same_profession_adds_ten():
    mentor = {"grade": [3], "person": [1], "profession": [4]}
    mentee = {"grade": [2], "person": [2], "profession": [4]}

    assert one_pair_score(mentor, mentee) == 9 + 10


def test_blank_professions_are_never_the_same():
    mentor = {"grade": [3], "person": [1], "profession": [-1]}
    mentee = {"grade": [2], "person": [2], "profession": [-1]}

    assert one_pair_score(mentor, mentee) == 9


def test_a_shared_identity_adds_six():
    mentor = {"grade": [3], "person": [1], "identity": [2]}
    mentee = {"grade": [2], "person": [2], "identity": [2]}
    other = {"grade": [2], "person": [2], "identity": [0]}

    assert one_pair_score(mentor, mentee) == 9 + 6
    assert one_pair_score(mentor, other) == 9


def test_a_mentee_without_an_identity_gets_no_identity_points():
    mentor = {"grade": [3], "person": [1], "identity": [2]}
    mentee = {"grade": [2], "person": [2], "identity": [None]}

    assert one_pair_score(mentor, mentee) == 9


def test_the_unmatched_bonus_applies_while_the_mentor_or_mentee_has_no_match():
    # Round 1 pairs the mentor with the gap-2 mentee; in round 2 only the
    # other mentee is new, which is enough for the bonus.
    mentors = side(grade=[3], person=[1])
    mentees = side(grade=[2, 1], person=[2, 3])

    result = match(mentors, mentees)

    assert result.rounds[0].score.tolist() == [12 + 6]
    assert result.rounds[1].score.tolist() == [9 + 6]


def test_the_unmatched_bonus_stops_once_both_have_a_match():
    mentors = side(grade=[3, 3], person=[1, 2])
    mentees = side(grade=[2, 2], person=[3, 4])

    result = match(mentors, mentees)

    assert [chosen.total for chosen in result.rounds] == [2 * 15, 2 * 9, 0]


def test_a_pair_is_not_repeated_in_a_later_round():
    result = match(side(grade=[3], person=[1]), side(grade=[2], person=[2]))

    assert [len(chosen) for chosen in result.rounds] == [1, 0, 0]


def test_capacity_limits_how_many_matches_a_person_gets():
    mentors = side(grade=[3, 3, 3], person=[1, 2, 3])
    mentees = side(grade=[2], person=[4], capacity=[1])

    result = match(mentors, mentees)

    assert result.mentee_matches.tolist() == [1]
    assert result.summary()["pairs_per_round"] == [1, 0, 0]


def test_nobody_gets_more_matches_than_there_are_rounds():
    mentors = side(grade=[3] * 5, person=[1, 2, 3, 4, 5])
    mentees = side(grade=[2], person=[6])

    result = match(mentors, mentees, Scoring(rounds=2))

    assert result.mentee_matches.tolist() == [2]


def test_pairs_worth_no_points_are_still_made():
    scoring = Scoring(
        grade_gap_points={1: 0}, same_profession=0, shared_identity=0, unmatched_bonus=0
    )

    result = match(side([3, 3], [1, 2]), side([2, 2], [3, 4]), scoring)

    assert result.summary()["pairs_per_round"] == [2, 2, 0]
    assert result.reason == ""


@pytest.mark.parametrize(
    ("mentors", "mentees", "reason"),
    [
        (side([], []), side([2], [1]), "There are no mentors"),
        (side([3], [1]), side([], []), "There are no mentees"),
        (side([3], [1]), side([3], [2]), "There is no allowed pair"),
    ],
)
def test_no_possible_pair_gives_a_reason_and_no_pairs(mentors, mentees, reason):
    result = match(mentors, mentees, mode="quantity")

    assert result.reason.startswith(reason)
    assert result.summary()["pairs_per_round"] == [0, 0, 0]


def favourite_and_outsider(rounds, mentee_capacity=None):
    # Mentor 1 and mentee 3 score 28 together; mentee 4 can only have
    # mentor 1 (9 points) and mentor 2 only mentee 3 (9 points). Sharing
    # them out pays once the bonus reaches 10: 9 + 9 + 2 x 10 = 28 + 10.
    mentors = side([4, 3], [1, 2], profession=[0, 2], identity=[1, None])
    mentees = side(
        [2, 3], [3, 4], profession=[0, 1], identity=[1, None], capacity=mentee_capacity
    )
    return mentors, mentees, Scoring(rounds=rounds)


def test_quantity_mode_keeps_the_smallest_bonus_that_matches_most_mentees():
    mentors, mentees, scoring = favourite_and_outsider(rounds=1)

    quality = match(mentors, mentees, scoring)
    quantity = match(mentors, mentees, scoring, mode="quantity")

    assert quality.mentee_matches.tolist() == [1, 0]
    assert quantity.mentee_matches.tolist() == [1, 1]
    assert quantity.unmatched_bonus == 10


def test_quantity_mode_then_prefers_more_mentors_matched():
    # Over two rounds every mentee gets a mentor whatever the bonus, but
    # below 10 mentor 1 takes both of them.
    mentors, mentees, scoring = favourite_and_outsider(rounds=2, mentee_capacity=[1, 1])

    quality = match(mentors, mentees, scoring)
    quantity = match(mentors, mentees, scoring, mode="quantity")

    assert quality.mentor_matches.tolist() == [2, 0]
    assert quantity.mentor_matches.tolist() == [1, 1]
    assert quantity.unmatched_bonus == 10


def random_cohort(size, seed):
    random = np.random.default_rng(seed)
    return [
        Participants(
            person=random.permutation(3 * size)[:size],
            grade=random.integers(low, low + 6, size),
            organisation=random.integers(-1, 4, size),
            profession=random.integers(-1, 4, size),
            identities=random.random((size, 4)) < 0.3,
        )
        for low in (2, 0)
    ]


@pytest.mark.parametrize(("size", "solver"), [(40, "dense"), (300, "sparse")])
def test_the_same_people_get_the_same_pairs_in_any_input_order(size, solver):
    mentors, mentees = random_cohort(size, seed=size)
    shuffle = np.random.default_rng(1)
    mentor_order, mentee_order = shuffle.permutation(size), shuffle.permutation(size)

    plain = match(mentors, mentees, solver=solver)
    shuffled = match(
        mentors.take(mentor_order), mentees.take(mentee_order), solver=solver
    )

    assert people_pairs(
        shuffled, mentors.take(mentor_order), mentees.take(mentee_order)
    ) == (people_pairs(plain, mentors, mentees))


def people_pairs(result, mentors, mentees):
    return {
        (number, int(mentors.person[mentor]), int(mentees.person[mentee]), score)
        for number, mentor, mentee, score in result.pairs()
    }


def test_progress_is_reported_after_every_round():
    calls = []
    mentors, mentees = random_cohort(10, seed=3)

    match(mentors, mentees, progress=lambda *call: calls.append(call))

    assert calls == [
        (1, 3, "Round 1 of 3"),
        (2, 3, "Round 2 of 3"),
        (3, 3, "Round 3 of 3"),
    ]


def best_of_every_bonus(mentors, mentees):
    runs = [match(mentors, mentees, Scoring(unmatched_bonus=b)) for b in range(37)]
    return max(
        runs,
        key=lambda run: (
            np.count_nonzero(run.mentee_matches),
            np.count_nonzero(run.mentor_matches),
            -run.unmatched_bonus,
        ),
    )


# Seeds 6 and 12 try all 37 bonuses; 5 and 16 stop early at bonus 7 and 11.
@pytest.mark.parametrize("seed", [5, 6, 12, 16])
def test_quantity_mode_equals_trying_every_bonus(seed):
    mentors, mentees = random_cohort(20, seed)
    calls = []

    quantity = match(
        mentors, mentees, mode="quantity", progress=lambda *call: calls.append(call)
    )

    best = best_of_every_bonus(mentors, mentees)
    assert quantity.unmatched_bonus == best.unmatched_bonus
    assert list(quantity.pairs()) == list(best.pairs())
    assert calls[-1][:2] == (37 * 3, 37 * 3)


def test_the_summary_is_ready_for_json():
    mentors, mentees = random_cohort(10, seed=4)

    summary = match(mentors, mentees).summary()

    assert json.loads(json.dumps(summary)) == summary
    assert sum(summary["mentees_by_matches"]) == 10
