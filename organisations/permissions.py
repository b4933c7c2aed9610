"""Who may do what in an organisation: the one table, read everywhere.

Pages and the API both ask `allowed(role, action)`. An API key acts with
the role its scope stands for (read: viewer, read and write: admin).
"""

from organisations.models import Membership

OWNER = Membership.Role.OWNER
ADMIN = Membership.Role.ADMIN
VIEWER = Membership.Role.VIEWER

PERMISSIONS = {
    # Cohorts, participants, runs and matches, without identity answers.
    "view": {OWNER, ADMIN, VIEWER},
    # Special-category answers: characteristics and identity to match.
    "view_identity": {OWNER, ADMIN},
    # Create, change and delete cohorts and participants; start runs.
    "edit": {OWNER, ADMIN},
    # Send a run's emails to every participant.
    "publish": {OWNER, ADMIN},
    "manage_members": {OWNER},
    "manage_api_keys": {OWNER},
    "manage_organisation": {OWNER},
    "view_audit": {OWNER},
}


def allowed(role: str, action: str) -> bool:
    """Whether `role` may do `action`; an unknown action is an error."""
    return role in PERMISSIONS[action]
