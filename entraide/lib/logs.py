"""What the logs may say: never a request path, since a path names a group
(`/mes-groupes/peres-separes-reze/quitter/`) or carries a person's secret link.

`NoPaths` is the filter of the settings' one log handler, through which Django's loggers and
uvicorn's write (see LOGGING in settings.py). In the records of the loggers that print paths, it
puts the name of the page instead (`<membership:leave>`, or `<unknown page>`), and the visitor's
address is left out of uvicorn's access lines. A refusal (4xx) is logged without its traceback,
whose exception may hold the path; a server error keeps it, since it is needed to mend the
fault. The template engine's notes on missing variables (DEBUG level) keep their variable and
template names, without the traceback, which shows the whole context.

Each line carries the id of the request it was written for (`WithRequestId`), and with
`LOG_FORMAT=json` the lines are JSON objects (`JsonFormatter`) for a log collector.
"""

import contextvars
import datetime as dt
import json
import logging
import re
import uuid
from typing import Any

from django.urls import Resolver404, resolve

# The loggers whose messages carry a request's path among their arguments.
WITH_PATHS = ("django.request", "django.security", "django.server", "uvicorn")


def page_name(path: str) -> str:
    """The name of the page a path leads to, which names nobody."""
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return "<unknown page>"
    return f"<{match.view_name}>"


def without_path(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("/"):
        return page_name(value)
    return value


class NoPaths(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(WITH_PATHS) and isinstance(record.args, tuple):
            args = tuple(without_path(value) for value in record.args)
            if record.name == "uvicorn.access" and args:
                args = ("-", *args[1:])  # the visitor's address
            record.args = args
        status = getattr(record, "status_code", None)
        refused = isinstance(status, int) and 400 <= status < 500
        if refused or record.name == "django.template":
            record.exc_info = None
            record.exc_text = None
        return True


# The id of the request being answered, for the log lines written while answering it: the
# proxy's X-Request-ID when it is a plain token, else a new one (lib.middleware.RequestId).
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def new_request_id(given: str | None) -> str:
    """The proxy's id when it is a plain token (no room for anything else in the logs)."""
    if given and REQUEST_ID.match(given):
        return given
    return uuid.uuid4().hex


class WithRequestId(logging.Filter):
    """Every record carries the id of the request it was written for, or "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors: time, level, logger, request id, message
    (after `NoPaths`), and the traceback of a server error."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)
