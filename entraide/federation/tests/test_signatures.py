"""HTTP Signatures (draft-cavage, rsa-sha256) as Mastodon and Mobilizon send and check them:
a frozen vector, a cross-check with OpenSSL (an independent implementation), the round trip,
and every way a request must be refused."""

import base64
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from entraide.federation import signatures
from entraide.federation.signatures import SignatureError

DATA = Path(__file__).parent / "data"
PRIVATE = (DATA / "test_key.pem").read_text()
PUBLIC = (DATA / "test_key.pub.pem").read_text()
NOW = dt.datetime(2026, 12, 7, 23, 0, 0, tzinfo=dt.UTC)
URL = "https://b.entraide.test:8443/ap/inbox"
BODY = b'{"type":"Follow","actor":"https://a.entraide.test/ap/instance"}'
KEY_ID = "https://a.entraide.test/ap/instance#main-key"


def signed(body: bytes | None = BODY, url: str = URL, now: dt.datetime = NOW) -> dict[str, str]:
    return signatures.sign(
        "POST" if body is not None else "GET",
        url,
        key_id=KEY_ID,
        private_pem=PRIVATE,
        body=body,
        now=now,
    )


def our_key(key_id: str, refresh: bool) -> str:
    return PUBLIC


def verify(headers: dict[str, str], body: bytes = BODY, method: str = "POST") -> str:
    return signatures.verify(
        method, "/ap/inbox", headers, body, our_key, now=NOW + dt.timedelta(seconds=3)
    ).actor


def test_the_signed_headers_are_those_mastodon_and_mobilizon_check() -> None:
    headers = signed()

    assert headers["Host"] == "b.entraide.test:8443"  # the port is signed, as sent
    assert headers["Date"] == "Mon, 07 Dec 2026 23:00:00 GMT"
    assert headers["Digest"] == signatures.digest(BODY)
    assert headers["Digest"].startswith("SHA-256=")
    parameters = signatures.parse(headers["Signature"])
    assert parameters["keyId"] == KEY_ID
    assert parameters["algorithm"] == "rsa-sha256"
    assert parameters["headers"] == "(request-target) host date digest"


def test_the_signing_string_is_the_drafts() -> None:
    headers = {name.lower(): value for name, value in signed().items()}
    text = signatures.signing_string(
        ("(request-target)", "host", "date", "digest"), "POST", "/ap/inbox", headers
    )

    assert text == (
        "(request-target): post /ap/inbox\n"
        "host: b.entraide.test:8443\n"
        "date: Mon, 07 Dec 2026 23:00:00 GMT\n"
        f"digest: {signatures.digest(BODY)}"
    )


def test_openssl_verifies_what_we_sign_and_we_verify_what_openssl_signs(tmp_path: Path) -> None:
    """PKCS#1 v1.5 with SHA-256 checked by another implementation, both ways."""
    headers = {name.lower(): value for name, value in signed().items()}
    names = ("(request-target)", "host", "date", "digest")
    message = tmp_path / "message"
    message.write_bytes(signatures.signing_string(names, "POST", "/ap/inbox", headers).encode())
    ours = tmp_path / "ours.sig"
    ours.write_bytes(base64.b64decode(signatures.parse(headers["signature"])["signature"]))
    checked = subprocess.run(
        [
            "openssl",
            "dgst",
            "-sha256",
            "-verify",
            DATA / "test_key.pub.pem",
            "-signature",
            ours,
            message,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.stdout.strip() == "Verified OK"

    theirs = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", DATA / "test_key.pem", message],
        capture_output=True,
        check=True,
    ).stdout
    signature = base64.b64encode(theirs).decode()
    headers["signature"] = (
        f'keyId="{KEY_ID}",algorithm="rsa-sha256",'
        f'headers="(request-target) host date digest",signature="{signature}"'
    )
    assert verify(headers) == "https://a.entraide.test/ap/instance"


def test_a_signature_is_the_same_for_the_same_request() -> None:
    """PKCS#1 v1.5 is deterministic: a frozen vector stays frozen."""
    assert signed()["Signature"] == signed()["Signature"]
    assert signed()["Signature"] != signed(body=BODY + b" ")["Signature"]


def test_round_trip_names_the_key_s_actor() -> None:
    assert verify(signed()) == "https://a.entraide.test/ap/instance"


def test_a_get_signs_host_and_date_without_digest() -> None:
    headers = signed(body=None)

    assert "Digest" not in headers
    assert signatures.parse(headers["Signature"])["headers"] == "(request-target) host date"
    assert verify(headers, body=b"", method="GET") == "https://a.entraide.test/ap/instance"


def test_a_tampered_body_is_refused() -> None:
    with pytest.raises(SignatureError, match="Digest"):
        verify(signed(), body=BODY.replace(b"Follow", b"Delete"))


def test_a_tampered_digest_is_refused() -> None:
    headers = signed()
    other = BODY.replace(b"Follow", b"Delete")
    headers["Digest"] = signatures.digest(other)
    with pytest.raises(SignatureError, match="does not match"):
        verify(headers, body=other)


def test_a_tampered_signature_is_refused() -> None:
    headers = signed()
    parameters = signatures.parse(headers["Signature"])
    raw = bytearray(base64.b64decode(parameters["signature"]))
    raw[10] ^= 1
    headers["Signature"] = headers["Signature"].replace(
        parameters["signature"], base64.b64encode(bytes(raw)).decode()
    )
    with pytest.raises(SignatureError, match="does not match"):
        verify(headers)


def test_another_host_is_refused() -> None:
    headers = signed()
    headers["Host"] = "c.entraide.test"
    with pytest.raises(SignatureError, match="does not match"):
        verify(headers)


@pytest.mark.parametrize("hours", [-2, 2])
def test_a_date_two_hours_away_is_refused(hours: int) -> None:
    with pytest.raises(SignatureError, match="too far"):
        verify(signed(now=NOW + dt.timedelta(hours=hours)))


def test_a_post_must_sign_its_digest() -> None:
    headers = signed()
    headers["Signature"] = headers["Signature"].replace(
        'headers="(request-target) host date digest"', 'headers="(request-target) host date"'
    )
    with pytest.raises(SignatureError, match="digest"):
        verify(headers)


def test_a_get_must_sign_its_host() -> None:
    headers = signed(body=None)
    headers["Signature"] = headers["Signature"].replace(
        'headers="(request-target) host date"', 'headers="(request-target) date"'
    )
    with pytest.raises(SignatureError, match="host"):
        verify(headers, body=b"", method="GET")


def test_an_unsigned_request_is_refused() -> None:
    headers = signed()
    del headers["Signature"]
    with pytest.raises(SignatureError, match="unsigned"):
        verify(headers)


def test_a_changed_key_is_fetched_again_once() -> None:
    asked: list[bool] = []
    old = signatures.new_keys().public_pem

    def rotating(key_id: str, refresh: bool) -> str:
        asked.append(refresh)
        return PUBLIC if refresh else old

    signatures.verify("POST", "/ap/inbox", signed(), BODY, rotating, now=NOW)
    assert asked == [False, True]


def test_signature_headers_parse_in_mobilizon_s_and_mastodon_s_order() -> None:
    mobilizon = (
        'keyId="https://m.example/@club#main-key",algorithm="rsa-sha256",'
        'headers="(request-target) content-length date digest host",signature="c2ln"'
    )
    mastodon = (
        'Signature keyId="https://t.example/users/a#main-key",'
        'headers="(request-target) host date digest content-type",signature="c2ln"'
    )

    assert signatures.parse(mobilizon)["headers"].endswith("digest host")
    assert signatures.parse(mastodon)["keyId"] == "https://t.example/users/a#main-key"
    assert "algorithm" not in signatures.parse(mastodon)


def test_a_key_names_its_actor_as_mobilizon_reads_it() -> None:
    assert signatures.key_owner("https://m.example/@club#main-key") == "https://m.example/@club"
    assert (
        signatures.key_owner("https://p.example/users/a/publickey") == "https://p.example/users/a"
    )


def test_mobilizon_s_header_order_verifies() -> None:
    """Mobilizon signs `(request-target) content-length date digest host`, sorted."""
    headers = {name.lower(): value for name, value in signed().items()}
    headers["content-length"] = str(len(BODY))
    names = ("(request-target)", "content-length", "date", "digest", "host")
    message = signatures.signing_string(names, "POST", "/ap/inbox", headers)
    signature = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", DATA / "test_key.pem"],
        input=message.encode(),
        capture_output=True,
        check=True,
    ).stdout
    headers["signature"] = (
        f'keyId="{KEY_ID}",algorithm="rsa-sha256",headers="{" ".join(names)}",'
        f'signature="{base64.b64encode(signature).decode()}"'
    )
    assert verify(headers) == "https://a.entraide.test/ap/instance"
