"""Schemathesis reads the OpenAPI description and sends the API what it allows (positive
examples) and what it does not (negative ones): every answer must be one the description
promises (status, shape, headers), and none a server error. It runs in the test process,
through the WSGI application, with a bounded number of examples per operation."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conftest import Cast
from entraide.accounts.models import User
from entraide.api.models import ApiToken
from entraide.api.tests.tokens import secret_for
from entraide.meetings.models import Meeting
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


def has_query_or_body(operation: Any) -> bool:
    parameters = operation.definition.raw.get("parameters", [])
    has_body = "requestBody" in operation.definition.raw
    return has_body or any(parameter["in"] == "query" for parameter in parameters)


def tags_of(operation: Any) -> list[str]:
    return list(operation.definition.raw.get("tags", []))


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_as_its_description_says(
    cast: Cast,
    organisation: Organisation,
    coralie: User,
    settings: Any,
    mode: GenerationMode,
    one_connection: None,
) -> None:
    # No limit per address or per token here, so that every example is answered; a group, an
    # organisation and a meeting to be found; a member's token that may write for the personal
    # operations, a coordinator's for the organisation's.
    settings.API_RATE_LIMIT_PER_MINUTE = 10**9
    settings.API_TOKEN_RATE_LIMIT_PER_MINUTE = 10**9
    cast.group.organisation = organisation
    cast.group.save()
    starts = timezone.now() + dt.timedelta(days=7)
    Meeting.objects.create(
        group=cast.group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    member = secret_for(cast.bob, ApiToken.Scope.READ_WRITE)
    coordinator = secret_for(coralie, ApiToken.Scope.READ)
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) == 11
    if mode == GenerationMode.NEGATIVE:
        # Only the searches and the answer have something that can be wrong: a short address
        # (a slug) is any text, so anything sent there is a valid one, found or not.
        operations = [operation for operation in operations if has_query_or_body(operation)]

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
            headers = {"Accept-Encoding": "identity"}
            # The generated token is replaced by a valid one, unless a negative example left
            # it out on purpose: then the answer must be the 401 the description promises.
            generated = case.headers or {}
            if mode == GenerationMode.POSITIVE or "Authorization" in generated:
                secret = coordinator if "coordination" in tags_of(case.operation) else member
                headers["Authorization"] = f"Bearer {secret}"
            case.call_and_validate(
                headers=headers,
                excluded_checks=[positive_data_acceptance],
            )

        answers_as_described()
