"""The production recipe of deploy/, run whole on this machine (deploy/topology.py): nginx with
TLS from a local certificate authority, two app processes, two task workers, the periodic jobs,
PostgreSQL and Redis; what a visitor's browser meets through it, and one app process stopping
without a visitor noticing."""

import re
import ssl
import uuid
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Origin

from deploy.topology import Topology, running, stop

ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def topology() -> Iterator[Topology]:
    """Started once for the one test below: the checks run in order on the same topology, and
    the last stops one of its processes."""
    database = f"entraide_topology_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {database}")
    try:
        with running(f"postgres://postgres@127.0.0.1:5432/{database}") as up:
            yield up
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def test_the_production_topology_serves_a_visitor_and_survives_a_process_stopping(
    topology: Topology,
) -> None:
    pages_arrive_over_tls_compressed_with_a_request_id(topology)
    static_files_come_from_nginx_compressed_and_cached_for_good(topology)
    readiness_checks_the_database_the_cache_and_the_task_queue(topology)
    a_form_posted_through_the_proxy_passes_its_security_checks(topology)
    the_talking_circle_s_sockets_pass_through_the_proxy(topology)
    stopping_one_app_process_loses_no_visitor(topology)


def browser(topology: Topology) -> httpx.Client:
    context = ssl.create_default_context(cafile=str(topology.certificate_authority))
    return httpx.Client(verify=context, headers={"Accept-Encoding": "gzip"}, timeout=20)


def pages_arrive_over_tls_compressed_with_a_request_id(topology: Topology) -> None:
    with browser(topology) as client:
        home = client.get(topology.base + "/")
        plain = httpx.get(topology.http_base + "/groupes/", follow_redirects=False)

    assert home.status_code == 200
    assert home.headers["content-encoding"] == "gzip"
    assert re.fullmatch(r"[0-9a-f]{32}", home.headers["x-request-id"])
    assert "max-age=31536000" in home.headers["strict-transport-security"]
    assert plain.status_code == 301
    assert plain.headers["location"] == topology.base + "/groupes/"


def static_files_come_from_nginx_compressed_and_cached_for_good(topology: Topology) -> None:
    with browser(topology) as client:
        home = client.get(topology.base + "/").text
        stylesheet = re.search(r'href="(/static/entraide/entraide\.[0-9a-f]+\.css)"', home)
        assert stylesheet is not None
        answer = client.get(topology.base + stylesheet.group(1))

    assert answer.status_code == 200
    assert answer.headers["content-encoding"] == "gzip"
    assert "immutable" in answer.headers["cache-control"]
    assert "expires" in answer.headers
    assert "body{" in answer.text.replace(" ", "") or "body {" in answer.text


def readiness_checks_the_database_the_cache_and_the_task_queue(topology: Topology) -> None:
    with browser(topology) as client:
        ready = client.get(topology.base + "/readyz/")

    assert ready.status_code == 200
    assert ready.json()["checks"]["database"] == "ok"
    assert ready.json()["checks"]["cache"] == "ok"
    assert ready.json()["checks"]["tasks"]["state"] == "ok"


def a_form_posted_through_the_proxy_passes_its_security_checks(topology: Topology) -> None:
    """The proxy tells the app it is served over HTTPS and from which origin: a login form
    with its token is answered (a wrong password), not refused as forged."""
    with browser(topology) as client:
        page = client.get(topology.base + "/compte/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token is not None
        answer = client.post(
            topology.base + "/compte/login/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "login": "personne@example.org",
                "password": "pas le bon",
            },
            headers={"Referer": topology.base + "/compte/login/", "Origin": topology.base},
        )

    assert answer.status_code == 200
    assert "incorrect" in answer.text.lower()


def the_talking_circle_s_sockets_pass_through_the_proxy(topology: Topology) -> None:
    """Upgraded to the app, whose consumer refuses a stranger before accepting: the refusal
    (403) comes from the app, where a proxy that does not pass upgrades would answer otherwise."""
    context = ssl.create_default_context(cafile=str(topology.certificate_authority))
    url = topology.base.replace("https://", "wss://") + "/ws/mes-groupes/x/rencontres/1/cercle/"

    with pytest.raises(InvalidStatus) as refused:
        connect(url, ssl=context, origin=Origin(topology.base), open_timeout=20)

    assert refused.value.response.status_code == 403


def stopping_one_app_process_loses_no_visitor(topology: Topology) -> None:
    """A supervisor stops one process (SIGTERM: it finishes what it holds); the proxy sends
    everyone to the other, and a request the stopped one could not answer is tried there."""
    stop(topology.apps[0])
    with browser(topology) as client:
        answers = [client.get(topology.base + "/groupes/").status_code for _ in range(20)]

    assert answers == [200] * 20
