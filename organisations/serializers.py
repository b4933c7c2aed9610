from rest_framework import serializers

from organisations.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text="The member who acted."
    )
    api_key = serializers.SlugRelatedField(
        slug_field="prefix", read_only=True, help_text="The key that acted."
    )

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created",
            "action",
            "object_type",
            "object_id",
            "description",
            "actor",
            "api_key",
        ]
