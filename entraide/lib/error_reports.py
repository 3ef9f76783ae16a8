"""Errors reported to a Sentry-protocol service (Sentry, GlitchTip…), when `SENTRY_DSN` is set.

A report must say what broke and where in the code, never whom or which group it was about:
no request path, address, cookie, header or body (a path names a group, a link carries a
person's secret), no local variables (they hold the words being saved), no log breadcrumbs
(written before the log filter takes the paths out), no performance traces. A log message's
arguments go through the same filter as the logs (`lib.logs.without_path`), and the transaction
is the page's route pattern ("/mes-groupes/{slug}/") or its name, never the address asked for.
"""

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from entraide.lib.logs import without_path

# What may stay of an event's request: how it was asked, not what for.
KEPT_FROM_REQUEST = ("method",)


def scrub(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        event["request"] = {key: request[key] for key in KEPT_FROM_REQUEST if key in request}
    for key in ("user", "breadcrumbs", "server_name"):
        event.pop(key, None)
    transaction = event.get("transaction")
    # The route pattern when the address matched one ("/groupes/{slug}/"), else the address
    # itself, which becomes the page's name like in the logs.
    if isinstance(transaction, str) and "{" not in transaction:
        event["transaction"] = without_path(transaction)
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        params = [without_path(value) for value in logentry.get("params") or []]
        logentry["params"] = params
        template = logentry.get("message")
        if isinstance(template, str) and params:
            try:
                logentry["formatted"] = template % tuple(params)
            except (TypeError, ValueError):
                logentry["formatted"] = template
        elif isinstance(template, str):
            logentry["formatted"] = template
    return event


def start(dsn: str, *, environment: str, release: str | None = None) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        send_default_pii=False,
        include_local_variables=False,
        include_source_context=True,
        max_breadcrumbs=0,
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=scrub,  # type: ignore[arg-type]
        integrations=[DjangoIntegration(transaction_style="url")],
    )
