"""Everything Pairwise keeps about one person in one cohort, for a subject
access request."""

from matching.models import Match
from participants.models import Participant

# The API's list, so that both agree on which answers are special-category.
from participants.serializers import IDENTITY_FIELDS

FIELDS = [
    "role",
    "first_name",
    "last_name",
    "email",
    "employer",
    "job_title",
    "grade",
    "profession",
    "biography",
    "both_roles",
    "mentee_limit",
    "consent_version",
]


def participant_data(participant: Participant, with_identity: bool) -> dict:
    """The person's rows in either role (found by email) and their matches.

    Identity answers are left out unless `with_identity`; the caller checks
    that the person asking may see them.
    """
    rows = participant.cohort.participants.filter(email=participant.email)
    fields = FIELDS + IDENTITY_FIELDS if with_identity else FIELDS
    return {
        "cohort": participant.cohort.name,
        "identity_answers_included": with_identity,
        "roles": [role_data(row, fields) for row in rows],
    }


def role_data(row, fields):
    data = {name: getattr(row, name) for name in fields}
    data["consented_at"] = row.consented_at and row.consented_at.isoformat()
    data["source"] = row.get_source_display()
    data["created"] = row.created.isoformat()

    # The partner is the other side of each pair.
    partner = "mentee" if row.role == Participant.Role.MENTOR else "mentor"
    matches = Match.objects.for_organisation(row.organisation_id).filter(
        **{row.role: row}
    )
    data["matches"] = [
        {
            "run": match.run_id,
            "round": match.round,
            "score": match.score,
            "partner": getattr(match, partner).full_name,
        }
        for match in matches.select_related(partner).order_by("run_id", "round")
    ]
    return data
