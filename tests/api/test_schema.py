"""The OpenAPI schema is valid, and the API keeps to it for generated requests."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

# Two checks judge the API's strictness rather than its keeping to the schema:
# a filter value that names no photographer, agency or slideshow is a valid
# string yet refused with 400 by design; an empty parameter or field (`page=`,
# `"cover": ""`) means "not set", as HTML forms send it, where the schema
# would refuse it. Every other check applies to valid and invalid requests
# alike: no 5xx, documented status codes, bodies and headers as the schema says.
EXCLUDED = [positive_data_acceptance, negative_data_rejection]

# The WSGI client here does not decompress, so ask for plain bodies (anonymous
# answers are gzipped when the client accepts it: tests/api/test_caching.py).
PLAIN = {"Accept-Encoding": "identity"}

EXAMPLES = settings(
    max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests here go through the WSGI handler, which would close the database
    connection (and with it the test's transaction) as each request finishes;
    Django's own test client detaches the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schema_validates_without_warnings(db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@EXAMPLES
def test_reads_keep_to_the_schema(case, imported_seed):
    case.call_and_validate(headers=PLAIN, excluded_checks=EXCLUDED)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_staff_writes_keep_to_the_schema(case, imported_seed, staff):
    case.call_and_validate(
        headers={**PLAIN, "Authorization": f"Token {staff.api_token}"}, excluded_checks=EXCLUDED
    )
