"""HTTP Signatures as the fediverse speaks them (draft-cavage-http-signatures, `rsa-sha256`).

What we send is signed over `(request-target) host date digest` (a GET over `(request-target)
host date`), with RSASSA-PKCS1-v1_5 and SHA-256, the key named `<actor id>#main-key`: what
Mastodon and Mobilizon both verify. What we receive is checked the same way, and refused when
the body does not match its Digest, when the Date is more than `max_age` away from now, or when
a header we require is not signed. Plain Python over `cryptography`: no Django, no network.
"""

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SIGNED_ON_POST = ("(request-target)", "host", "date", "digest")
SIGNED_ON_GET = ("(request-target)", "host", "date")
# Mastodon allows an hour of clock skew; so do we, both ways.
MAX_AGE = dt.timedelta(hours=1)

_PARAMETER = re.compile(r'\s*([a-zA-Z]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))\s*,?')


class SignatureError(Exception):
    """A request whose signature we cannot accept; the message says why (for the logs)."""


@dataclass(frozen=True)
class Keys:
    private_pem: str
    public_pem: str


def new_keys() -> Keys:
    """An RSA-2048 key pair: the private key as PKCS#8 PEM, the public one as SPKI PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return Keys(private.decode("ascii"), public.decode("ascii"))


def digest(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")


def http_date(moment: dt.datetime) -> str:
    """RFC 7231's date, "Tue, 15 Nov 1994 08:12:31 GMT"."""
    return format_datetime(moment.astimezone(dt.UTC), usegmt=True)


def signing_string(
    names: tuple[str, ...], method: str, path: str, headers: Mapping[str, str]
) -> str:
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        else:
            lines.append(f"{name}: {headers[name]}")
    return "\n".join(lines)


def sign(
    method: str,
    url: str,
    *,
    key_id: str,
    private_pem: str,
    body: bytes | None = None,
    now: dt.datetime | None = None,
) -> dict[str, str]:
    """The headers that sign this request: Host, Date, Digest (with a body) and Signature.

    Host is the URL's netloc, port included when there is one: the exact header the client
    sends. Signed at call time: a retry signs again.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    headers = {"host": parts.netloc, "date": http_date(now or dt.datetime.now(dt.UTC))}
    names: tuple[str, ...] = SIGNED_ON_GET
    if body is not None:
        headers["digest"] = digest(body)
        names = SIGNED_ON_POST
    key = serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    signature = key.sign(
        signing_string(names, method, path, headers).encode("utf-8"),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    headers["signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(names)}",'
        f'signature="{base64.b64encode(signature).decode("ascii")}"'
    )
    return {name.title(): value for name, value in headers.items()}


def parse(header: str) -> dict[str, str]:
    """The parameters of a Signature header, in any order, quoted or not; an old Mastodon bug
    puts "Signature " before them."""
    header = header.strip()
    if header.lower().startswith("signature "):
        header = header[len("signature ") :]
    found = {}
    for match in _PARAMETER.finditer(header):
        found[match.group(1)] = match.group(2) if match.group(2) is not None else match.group(3)
    if not {"keyId", "signature"} <= set(found):
        raise SignatureError("a Signature header needs keyId and signature")
    return found


def key_owner(key_id: str) -> str:
    """The actor a keyId names: without its #fragment, or a trailing /publickey (Mobilizon)."""
    owner = key_id.split("#", 1)[0]
    return owner.removesuffix("/publickey")


@dataclass(frozen=True)
class Verified:
    key_id: str
    actor: str


def verify(
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    public_key_of: Callable[[str, bool], str],
    *,
    now: dt.datetime | None = None,
    max_age: dt.timedelta = MAX_AGE,
) -> Verified:
    """Check a received request's signature; raise SignatureError if it is not right.

    `headers` is read case-insensitively (lower-case names); `public_key_of(key_id, refresh)`
    gives the signer's public PEM — asked again with refresh=True once when the signature does
    not match (the signer may have a new key).
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    if "signature" not in lowered:
        raise SignatureError("unsigned request")
    parameters = parse(lowered["signature"])
    algorithm = parameters.get("algorithm", "hs2019").lower()
    if algorithm not in ("rsa-sha256", "hs2019"):
        raise SignatureError(f"algorithm {algorithm} is not supported")
    names = tuple(parameters.get("headers", "date").lower().split())
    required = SIGNED_ON_POST if method.upper() == "POST" else SIGNED_ON_GET
    missing = [name for name in required if name not in names]
    if missing:
        raise SignatureError(f"these headers must be signed: {', '.join(missing)}")
    for name in names:
        if name != "(request-target)" and name not in lowered:
            raise SignatureError(f"the signed header {name} is absent")
    if "digest" in names:
        algorithms = dict(
            part.split("=", 1) for part in lowered["digest"].split(",") if "=" in part
        )
        given = {name.strip().upper(): value.strip() for name, value in algorithms.items()}
        if given.get("SHA-256") != digest(body).split("=", 1)[1]:
            raise SignatureError("the body does not match its Digest")
    try:
        date = parsedate_to_datetime(lowered["date"])
    except (TypeError, ValueError) as error:
        raise SignatureError("unreadable Date") from error
    if date.tzinfo is None:
        raise SignatureError("a Date must be in GMT")
    if abs((now or dt.datetime.now(dt.UTC)) - date) > max_age:
        raise SignatureError("the Date is too far from now")
    try:
        signature = base64.b64decode(parameters["signature"], validate=True)
    except ValueError as error:
        raise SignatureError("the signature is not base64") from error
    message = signing_string(names, method, path, lowered).encode("utf-8")
    key_id = parameters["keyId"]
    for refresh in (False, True):
        public = serialization.load_pem_public_key(public_key_of(key_id, refresh).encode("ascii"))
        if not isinstance(public, rsa.RSAPublicKey):
            raise SignatureError("only RSA keys are supported")
        try:
            public.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            continue
        return Verified(key_id=key_id, actor=key_owner(key_id))
    raise SignatureError("the signature does not match")
