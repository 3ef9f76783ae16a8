"""The production topology on one machine, for the tests and for trying it: nginx in front
(TLS with a local certificate authority, compression, WebSockets), several app processes
(uvicorn on Unix sockets), two task workers, the periodic jobs, PostgreSQL and Redis.

    .venv/bin/python deploy/topology.py --database postgres://postgres@127.0.0.1:5432/entraide_topology

migrates the database, collects the static files, starts everything, prints the addresses and
the certificate authority to trust, and stops everything on Ctrl-C. The tests use `running()`.
The same files serve several machines: deploy/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import ipaddress
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from redis import Redis

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.in"
PYTHON = sys.executable
NGINX = "/usr/sbin/nginx"


@dataclass
class Topology:
    base: str  # https://127.0.0.1:port, through nginx
    http_base: str  # the plain HTTP port, which only redirects
    certificate_authority: Path  # what a client trusts
    run: Path  # sockets, logs, the rendered nginx.conf
    env: dict[str, str] = field(default_factory=dict)  # the processes' settings
    apps: list[subprocess.Popen[bytes]] = field(default_factory=list)
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    others: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start_app(self, number: int) -> None:
        """Start app process `number` (from 1), or start it again after it stopped."""
        process = start(
            self.run,
            f"app{number}",
            [
                PYTHON,
                "-m",
                "uvicorn",
                "entraide.asgi:application",
                "--uds",
                str(self.run / f"app{number}.sock"),
                "--proxy-headers",
                "--forwarded-allow-ips",
                "*",
                "--no-access-log",
                "--timeout-graceful-shutdown",
                "10",
            ],
            self.env,
        )
        if number <= len(self.apps):
            self.apps[number - 1] = process
        else:
            self.apps.append(process)

    def log(self, name: str) -> str:
        path = self.run / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A certificate authority made for this run, and the certificate of localhost (127.0.0.1)
    signed by it: (the authority's certificate, localhost's certificate, its key)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Entraide topology test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        # Python's strict verification (3.13) asks for both key identifiers.
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = (folder / "ca.pem", folder / "localhost.pem", folder / "localhost.key")
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    paths[2].chmod(0o600)
    return paths


def nginx_conf(
    run: Path, sockets: list[Path], http_port: int, https_port: int, cert: Path, key: Path
) -> str:
    upstreams = "\n".join(
        f"        server unix:{path} max_fails=1 fail_timeout=5s;" for path in sockets
    )
    values = {
        "USER": getpass.getuser(),
        "RUN": str(run),
        "UPSTREAMS": upstreams,
        "HTTP_PORT": f"127.0.0.1:{http_port}",
        "HTTPS_PORT": f"127.0.0.1:{https_port}",
        "HTTPS_SUFFIX": f":{https_port}",
        "SERVER_NAME": "127.0.0.1 localhost",
        "CERTIFICATE": str(cert),
        "CERTIFICATE_KEY": str(key),
        "STATIC_ROOT": str(ROOT / "staticfiles"),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    missing = re.findall(r"@@[A-Z_]+@@", text)
    assert not missing, f"no value for {missing} in nginx.conf.in"
    return text


def environment(database: str, redis: str, https_port: int) -> dict[str, str]:
    """Production settings, with secrets made for this run only."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "entraide.settings",
        "SECRET_KEY": Fernet.generate_key().decode() * 2,
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https_port},https://localhost:{https_port}",
        "LOG_FORMAT": "json",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start(run: Path, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = (run / f"{name}.log").open("ab")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(base: str, authority: Path, timeout: float = 180) -> None:
    context = ssl.create_default_context(cafile=str(authority))
    deadline = time.monotonic() + timeout
    last = ""
    while True:
        try:
            with urllib.request.urlopen(base + "/readyz/", timeout=5, context=context) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except urllib.error.HTTPError as error:
            last = f"{error.code} {error.read()[:300]!r}"
        except (urllib.error.URLError, OSError) as error:
            last = repr(error)
        if time.monotonic() > deadline:
            raise RuntimeError(f"the topology did not become ready: {last}")
        time.sleep(0.3)


def wait_for_socket(path: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{path.name} never appeared")
        time.sleep(0.1)


def stop(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """As a supervisor stops a process: SIGTERM (uvicorn and the worker finish what they hold),
    then SIGKILL if it does not end."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running(
    database: str, redis: str = "redis://127.0.0.1:6379/3", apps: int = 2, workers: int = 2
) -> Iterator[Topology]:
    """The whole topology on an existing, empty or migrated, database and a Redis database of
    its own (emptied first); stopped on exit."""
    run = Path(tempfile.mkdtemp(prefix="entraide-topology-"))
    http_port, https_port = free_port(), free_port()
    authority, certificate, key = certificates(run)
    env = environment(database, redis, https_port)
    # Its own Redis database, emptied: nothing cached by an earlier run on another database.
    Redis.from_url(redis).flushdb()
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    topology = Topology(
        f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", authority, run, env
    )
    sockets = [run / f"app{number}.sock" for number in range(1, apps + 1)]
    (run / "nginx.conf").write_text(
        nginx_conf(run, sockets, http_port, https_port, certificate, key), encoding="utf-8"
    )
    try:
        for number in range(1, apps + 1):
            topology.start_app(number)
        for number in range(1, workers + 1):
            topology.workers.append(
                start(run, f"worker{number}", [PYTHON, "manage.py", "db_worker"], env)
            )
        topology.others.append(start(run, "jobs", [PYTHON, "manage.py", "periodic_jobs"], env))
        # nginx last, once every app process listens, as systemd orders it: a socket missing at
        # nginx's first requests would have it set that process aside for a while.
        for number in range(1, apps + 1):
            wait_for_socket(run / f"app{number}.sock")
        topology.others.append(
            start(
                run,
                "nginx",
                [NGINX, "-c", str(run / "nginx.conf"), "-p", str(run), "-g", "daemon off;"],
                env,
            )
        )
        wait_ready(topology.base, authority)
        yield topology
    finally:
        for process in [*topology.others, *topology.apps, *topology.workers]:
            stop(process)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL URL")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--apps", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    with running(arguments.database, arguments.redis, arguments.apps, arguments.workers) as up:
        print(f"Entraide answers on {up.base} (trust {up.certificate_authority}); Ctrl-C stops.")
        print(f"Logs and sockets: {up.run}", flush=True)
        with suppress(KeyboardInterrupt):
            signal.pause()
    return 0


if __name__ == "__main__":
    sys.exit(main())
