"""Schemathesis reads the OpenAPI description and sends the API what it allows (positive
examples) and what it does not (negative ones): every answer must be one the description
promises (status, shape, headers), and none a server error. It runs in the test process,
through the WSGI application, with a bounded number of examples per operation."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conftest import Cast
from entraide.organisations.models import Organisation
from entraide.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = 25


@pytest.fixture
def one_connection() -> Iterator[None]:
    """The WSGI application closes the database connection after each request, as it should;
    but the test's data lives in the transaction of that connection. Django's own test client
    keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def has_query(operation: Any) -> bool:
    parameters = operation.definition.raw.get("parameters", [])
    return any(parameter["in"] == "query" for parameter in parameters)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_as_its_description_says(
    cast: Cast,
    organisation: Organisation,
    settings: Any,
    mode: GenerationMode,
    one_connection: None,
) -> None:
    # No limit per address here, so that every example is answered; a group and an
    # organisation to be found.
    settings.API_RATE_LIMIT_PER_MINUTE = 10**9
    cast.group.organisation = organisation
    cast.group.save()
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) == 5
    if mode == GenerationMode.NEGATIVE:
        # Only the searches have a parameter that can be wrong: a short address (a slug) is
        # any text, so anything sent there is a valid one, found or not.
        operations = [operation for operation in operations if has_query(operation)]

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @examples(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_described(case: Any) -> None:
            # The test client does not unpack compressed answers, as a real one would. A place
            # or a theme the schema allows may still be unknown, and then refused with a 400
            # that says so: the schema cannot list 63,000 towns, so a valid-looking request
            # is not required to be accepted.
            case.call_and_validate(
                headers={"Accept-Encoding": "identity"},
                excluded_checks=[positive_data_acceptance],
            )

        answers_as_described()
