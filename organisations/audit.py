"""The audit trail: who did what to which object, and when."""

import logging

from organisations.models import AuditEvent

logger = logging.getLogger(__name__)


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
