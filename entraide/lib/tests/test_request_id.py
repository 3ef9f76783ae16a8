"""Each request has an id, given back in the answer and written on each log line about it;
with LOG_FORMAT=json the lines are JSON objects, still without any path."""

import contextvars
import io
import json
import logging
import re
from collections.abc import Iterator

import pytest
from django.test import Client

from entraide.lib.logs import JsonFormatter, NoPaths, WithRequestId

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """A handler set up as the settings' one with LOG_FORMAT=json, on the root logger."""
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.addFilter(NoPaths())
    handler.addFilter(WithRequestId())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield written
    root.removeHandler(handler)


def test_each_answer_carries_a_new_request_id(client: Client) -> None:
    first, second = client.get("/ping/"), client.get("/ping/")

    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_proxys_id_is_kept_when_it_is_a_plain_token(client: Client) -> None:
    response = client.get("/ping/", headers={"x-request-id": "lb-7f3a.91"})

    assert response["X-Request-ID"] == "lb-7f3a.91"


@pytest.mark.parametrize("given", ["a b", "x" * 65, "<script>", "id\u00e9"])
def test_anything_else_from_outside_is_replaced(client: Client, given: str) -> None:
    response = client.get("/ping/", headers={"x-request-id": given})

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_a_json_log_line_names_the_request_and_not_the_path(
    client: Client, json_lines: io.StringIO
) -> None:
    response = client.get("/groupes/peres-separes-reze/")

    assert response.status_code == 404
    lines = [json.loads(line) for line in json_lines.getvalue().splitlines()]
    assert [line["logger"] for line in lines] == ["django.request"]
    assert lines[0]["request_id"] == response["X-Request-ID"]
    assert lines[0]["level"] == "WARNING"
    assert lines[0]["message"] == "Not Found: <pages:group>"
    assert set(lines[0]) == {"time", "level", "logger", "request_id", "message"}


def test_a_line_outside_any_request_says_so(json_lines: io.StringIO) -> None:
    """As in a task worker, which never answers a request."""
    contextvars.Context().run(logging.getLogger("entraide.test").warning, "hors requête")

    line = json.loads(json_lines.getvalue().splitlines()[-1])
    assert line["request_id"] == "-"
    assert line["message"] == "hors requête"
