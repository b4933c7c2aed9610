"""Tenant data is read through `for_organisation()`, or says why not.

A query on a tenant model's manager that is not scoped to an organisation
must carry a `# unscoped: <why>` comment on its line or the line above (a
task reading its own row by id, a lookup by the signed-in user). So an
unscoped query cannot slip in by accident: this test names it.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

from organisations.models import Organisation

APPS = ["organisations", "participants", "matching", "api", "config"]
# Creating rows sets their organisation; it cannot leak another's data.
SAFE = {"for_organisation", "create", "bulk_create", "get_or_create"}


def tenant_models():
    return {
        model.__name__
        for model in apps.get_models()
        for field in model._meta.fields
        if field.name == "organisation" and field.related_model is Organisation
    }


def unscoped_queries():
    names = tenant_models()
    for folder in APPS:
        for path in (Path(settings.BASE_DIR) / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = path.read_text().splitlines()
            for node in ast.walk(ast.parse("\n".join(lines))):
                manager = getattr(node, "value", None)
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(manager, ast.Attribute)
                    and manager.attr == "objects"
                    and getattr(manager.value, "id", None) in names
                    and node.attr not in SAFE
                    and "# unscoped:"
                    not in " ".join(lines[node.lineno - 2 : node.lineno])
                ):
                    yield f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}"


def test_tenant_models_are_found():
    assert {"Cohort", "Participant", "MatchRun", "ApiKey"} <= tenant_models()


def test_every_unscoped_tenant_query_says_why():
    assert list(unscoped_queries()) == []
