"""Helpers of the token tests: a person's token, and a client that presents it."""

import datetime as dt
from typing import Any

from django.test import Client

from entraide.accounts.models import User
from entraide.api.actions import create_token
from entraide.api.models import ApiToken


def secret_for(
    person: User,
    scope: str = ApiToken.Scope.READ_WRITE,
    expires_at: dt.datetime | None = None,
    name: str = "Mon script",
) -> str:
    _token, secret = create_token(person, name=name, scope=scope, expires_at=expires_at)
    return secret


def bearer(secret: str, language: str = "fr") -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}", "HTTP_ACCEPT_LANGUAGE": language}


def get(client: Client, url: str, secret: str, language: str = "fr", **params: Any) -> Any:
    return client.get(url, params, **bearer(secret, language))


def put(client: Client, url: str, secret: str, data: Any, language: str = "fr") -> Any:
    return client.put(url, data, content_type="application/json", **bearer(secret, language))
