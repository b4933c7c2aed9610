"""Small builders for cohorts that the engine can pair."""

from tests.conftest import make_participant


def add_pair(cohort, n, mentor_grade="Grade 7", mentee_grade="HEO"):
    """A mentor and a mentee from different employers, two grades apart."""
    mentor = make_participant(
        cohort, "mentor", f"mentor{n}@example.org", grade=mentor_grade, employer="A"
    )
    mentee = make_participant(
        cohort, "mentee", f"mentee{n}@example.org", grade=mentee_grade, employer="B"
    )
    return mentor, mentee
