"""What every API serializer that takes input has in common."""

from collections.abc import Mapping

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail


class RejectUnknownFields:
    """Answer 400 for a field the serializer does not have.

    DRF ignores unknown fields by default, so a misspelt or misnamed field
    (say "organisation" for "employer") would be dropped without a word.
    Read-only fields are known, so sending back what was read is fine.
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        name: [
                            ErrorDetail(f"There is no field “{name}”.", "unknown_field")
                        ]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)
