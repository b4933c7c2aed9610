from django.core.management import call_command


def test_the_schema_is_valid_and_describes_every_route(tmp_path):
    path = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))

    schema = path.read_text()
    assert "/api/v1/cohorts/{cohort_id}/participants/bulk/" in schema
    assert "/api/v1/runs/{id}/mentees-list.csv" in schema


def test_the_schema_is_served_to_anyone(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Pairwise API"


def test_every_operation_documents_the_error_shape(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()

    for path, operations in schema["paths"].items():
        for operation in operations.values():
            errors = operation["responses"]["404"]["content"]["application/json"]
            assert errors["schema"]["$ref"] == "#/components/schemas/Errors", path


def test_the_docs_page_loads_nothing_from_other_hosts(client, db):
    page = client.get("/api/v1/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "https://" not in page and "http://" not in page
