"""Every request federation makes to another server: signed, short, and never to a private
address (unless FEDERATION_ALLOW_PRIVATE_ADDRESSES, for the tests between two instances).

Plain `urllib` from the standard library: no redirect is followed (one could lead to a private
address), answers are read up to 1 MB, and the timeout is 10 seconds.
"""

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from entraide.federation import signatures

TIMEOUT = 10
MAX_BODY = 1_000_000
ACTIVITY_JSON = "application/activity+json"
ACCEPT = f'{ACTIVITY_JSON}, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


class Refused(Exception):
    """A request we will not make (a private address, plain HTTP) or that failed."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def check_address(url: str) -> None:
    """Refuse a URL that is not https (unless allowed) or whose host is a private address."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and settings.FEDERATION_ALLOW_HTTP):
        raise Refused("only https addresses are fetched")
    if not parts.hostname:
        raise Refused("no host")
    if settings.FEDERATION_ALLOW_PRIVATE_ADDRESSES:
        return
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise Refused("unknown host") from error
    for *_, address in found:
        ip = ipaddress.ip_address(address[0])
        if not ip.is_global or ip.is_multicast:
            raise Refused("a private, loopback or reserved address")


def request(
    method: str, url: str, *, key_id: str, private_pem: str, body: bytes | None = None
) -> Answer:
    """A signed request; the answer's status and body (a 4xx or 5xx is an answer too)."""
    check_address(url)
    headers = signatures.sign(method, url, key_id=key_id, private_pem=private_pem, body=body)
    headers["Accept"] = ACCEPT
    headers["User-Agent"] = f"Entraide ({settings.SITE_URL})"
    if body is not None:
        headers["Content-Type"] = ACTIVITY_JSON
    prepared = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with _opener.open(prepared, timeout=TIMEOUT) as response:
            return Answer(response.status, response.read(MAX_BODY))
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read(MAX_BODY) if error.fp else b"")
    except (urllib.error.URLError, OSError) as error:
        raise Refused(str(error)) from error


def get_json(url: str, *, key_id: str, private_pem: str) -> dict[str, Any]:
    """A remote ActivityPub document (a signed GET, as Mastodon's secure mode asks)."""
    answer = request("GET", url, key_id=key_id, private_pem=private_pem)
    if answer.status != 200:
        raise Refused(f"answer {answer.status}")
    try:
        document = json.loads(answer.body)
    except ValueError as error:
        raise Refused("not JSON") from error
    if not isinstance(document, dict):
        raise Refused("not a JSON object")
    return document
