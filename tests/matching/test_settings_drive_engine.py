"""A cohort's matching settings reach the engine, and a run keeps its copy."""

from django.conf import settings

from matching import engine, services, tasks
from matching.models import MatchRun
from participants.importing import import_participants
from participants.models import Cohort
from tests.conftest import make_participant
from tests.matching.helpers import add_pair

EXAMPLES = settings.BASE_DIR / "examples"


def run_pairs(cohort, mode="quality"):
    """Start and finish a run; its pairs as (mentor, mentee, round, score)."""
    run = services.start_run(cohort, mode, None)
    tasks.run_matching(run.pk)
    return [
        (m.mentor.email, m.mentee.email, m.round, m.score)
        for m in run.matches.select_related("mentor", "mentee").order_by("pk")
    ]


def change(cohort, **values):
    Cohort.objects.filter(pk=cohort.pk).update(**values)
    cohort.refresh_from_db()


def test_default_settings_give_the_original_scores(cohort):
    import_participants(
        cohort,
        mentors=(EXAMPLES / "mentors.csv").read_bytes(),
        mentees=(EXAMPLES / "mentees.csv").read_bytes(),
    )
    mentors = list(cohort.participants.mentors().order_by("pk"))
    mentees = list(cohort.participants.mentees().order_by("pk"))
    arrays = services.engine_inputs(mentors, mentees, cohort.grade_ladder)

    result = engine.match(*arrays, scoring=engine.Scoring(), mode="quality")

    expected = sorted(
        (mentors[i].email, mentees[j].email, number, score)
        for number, i, j, score in result.pairs()
    )
    assert sorted(run_pairs(cohort)) == expected
    assert cohort.scoring() == engine.Scoring()


def test_grade_gap_points_set_the_score_and_which_gaps_are_allowed(cohort):
    add_pair(cohort, 1)  # Grade 7 and HEO: two grades apart.
    change(cohort, grade_gap_points={"2": 20})
    assert [pair[3] for pair in run_pairs(cohort)] == [20 + 6]

    change(cohort, grade_gap_points={"1": 9})
    assert run_pairs(cohort) == []


def test_same_profession_points_are_added(cohort):
    add_pair(cohort, 1)
    cohort.participants.update(profession="Digital")
    assert [pair[3] for pair in run_pairs(cohort)] == [12 + 10 + 6]

    change(cohort, same_profession_points=3)
    assert [pair[3] for pair in run_pairs(cohort)] == [12 + 3 + 6]


def test_shared_identity_points_are_added(cohort):
    mentor, mentee = add_pair(cohort, 1)
    mentor.characteristics, mentee.identity_to_match = "Carer", "Carer"
    mentor.save()
    mentee.save()
    change(cohort, shared_identity_points=40)

    assert [pair[3] for pair in run_pairs(cohort)] == [12 + 40 + 6]


def test_the_unmatched_bonus_is_the_cohorts(cohort):
    add_pair(cohort, 1)
    change(cohort, unmatched_bonus=0)

    assert [pair[3] for pair in run_pairs(cohort)] == [12]


def test_the_same_employer_may_be_allowed(cohort):
    add_pair(cohort, 1)
    cohort.participants.update(employer="HM Treasury")
    assert run_pairs(cohort) == []

    change(cohort, exclude_same_employer=False)
    assert len(run_pairs(cohort)) == 1


def test_a_mentee_capacity_of_one_gives_nobody_two_mentors(cohort):
    add_pair(cohort, 1)
    make_participant(cohort, "mentor", "mentor2@example.org", grade="SEO")
    assert len(run_pairs(cohort)) == 2

    change(cohort, mentee_capacity=1)
    assert len(run_pairs(cohort)) == 1


def test_a_mentors_own_limit_lowers_their_capacity(cohort):
    mentor, _ = add_pair(cohort, 1)
    make_participant(cohort, "mentee", "mentee2@example.org", employer="B")
    assert len(run_pairs(cohort)) == 2

    mentor.mentee_limit = 1
    mentor.save()
    assert len(run_pairs(cohort)) == 1


def test_more_capacity_gives_more_rounds(cohort):
    add_pair(cohort, 1)
    change(cohort, mentor_capacity=5)

    assert cohort.scoring().rounds == 5


def test_a_run_keeps_the_settings_it_was_made_with(cohort):
    add_pair(cohort, 1)
    run = services.start_run(cohort, "quality", None)
    change(cohort, unmatched_bonus=0, grade_gap_points={"1": 9})

    tasks.run_matching(run.pk)

    run = MatchRun.objects.get(pk=run.pk)
    assert run.settings["unmatched_bonus"] == 6
    assert [m.score for m in run.matches.all()] == [12 + 6]
