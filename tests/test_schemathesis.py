"""Property-based run of the app's own OpenAPI document: no 500, no response outside the
schema, for a bounded number of generated requests per operation.

Each operation runs as its own hypothesis search inside one test, so the generated requests
share the test's rolled-back transaction and leave the database as it was.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

MAX_EXAMPLES = 12
# The token endpoint is exercised by tests/api/auth; random passwords would only lock accounts.
SKIPPED_OPERATIONS = {"POST /api/v1/auth/token"}
# Not "schema-valid data is accepted": a well-formed request naming a unit that does not
# exist is rightly a 422, which no schema can express.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def test_the_api_keeps_its_contract(app, auth):
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    headers = auth("admin")
    failures: list[str] = []
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if f"{operation.method.upper()} {operation.path}" in SKIPPED_OPERATIONS:
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # collect every failing operation, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
        checked += 1
    assert checked >= 20
    assert not failures, "\n\n".join(failures)
