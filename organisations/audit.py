"""The audit trail: who did what to which object, and when."""

import logging

from organisations.models import AuditEvent

logger = logging.getLogger(__name__)

# How the owners' audit page words each action; others show as recorded.
LABELS = {
    "organisation.create": "Created the organisation",
    "organisation.rename": "Renamed the organisation",
    "organisation.privacy": "Changed the privacy settings",
    "invitation.create": "Invited someone",
    "invitation.accept": "Accepted an invitation",
    "invitation.revoke": "Withdrew an invitation",
    "membership.change_role": "Changed a member's role",
    "membership.remove": "Removed a member",
    "cohort.create": "Created a cohort",
    "cohort.import_participants": "Imported participants",
    "cohort.update": "Changed a cohort",
    "cohort.delete": "Deleted a cohort",
    "cohort.erase": "Erased a cohort's personal data",
    "cohort.new_registration_link": "Gave a sign-up form a new link",
    "cohort.upsert_participants": "Uploaded participants through the API",
    "participant.create": "Added a participant",
    "participant.update": "Changed a participant",
    "participant.delete": "Deleted a participant",
    "participant.export": "Exported a participant's data",
    "matchrun.start": "Started a matching run",
    "matchrun.publish": "Published a run's results",
    "api_key.create": "Created an API key",
    "api_key.revoke": "Revoked an API key",
}


def record(organisation, action, target=None, *, user=None, api_key=None, **details):
    """Write one audit event.

    `action` is a short verb phrase such as "cohort.create"; `target` the
    model instance acted on, if any. `details` must be ids and counts only,
    never names, emails or answers: they are shown to owners as they are.
    """
    description = ", ".join(f"{key}={value}" for key, value in sorted(details.items()))
    event = AuditEvent.objects.create(
        organisation=organisation,
        actor=user if user is not None and user.is_authenticated else None,
        api_key=api_key,
        action=action,
        object_type=target._meta.model_name if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        description=description[:300],
    )
    logger.info("Audit: organisation=%s action=%s", organisation.pk, action)
    return event
