"""Two Entraide instances federating, each in its own network namespace on this machine
(reference §5.4): B's instance actor follows a public group of A, A accepts, then a meeting
planned on A reaches B's inbox as a signed Create of an Event, through A's task worker.

Each instance is a real uvicorn and a real `manage.py db_worker`, started with
`ip netns exec`, on its own SQLite database; the namespaces are joined by a veth pair
(10.77.0.1 ↔ 10.77.0.2), plain HTTP. Both allow private addresses and plain HTTP
(FEDERATION_ALLOW_PRIVATE_ADDRESSES, FEDERATION_ALLOW_HTTP), as only such a test may.
Needs root and iproute2; skipped otherwise.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[3]
PORT = 8000
PLACE = "12 rue des Lilas, chez Alice"
LINK = "https://visio.example/secret-room"

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("ip") is None, reason="needs root and iproute2"
)


def run(*command: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


@dataclass
class Instance:
    namespace: str
    address: str
    database: Path

    @property
    def site(self) -> str:
        return f"http://{self.address}:{PORT}"

    def env(self) -> dict[str, str]:
        return {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "entraide.settings",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2" * 10,
            "ENCRYPTION_KEYS": ENCRYPTION_KEY,
            "ALLOWED_HOSTS": self.address,
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "SITE_URL": self.site,
            "FEDERATION_ALLOW_HTTP": "1",
            "FEDERATION_ALLOW_PRIVATE_ADDRESSES": "1",
        }

    def manage(self, *arguments: str) -> str:
        return run(
            "ip",
            "netns",
            "exec",
            self.namespace,
            sys.executable,
            "manage.py",
            *arguments,
            cwd=ROOT,
            env=self.env(),
        ).stdout

    def start(self, *command: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            ["ip", "netns", "exec", self.namespace, sys.executable, *command],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.database, timeout=30) as connection:
            return connection.execute(query).fetchall()


ENCRYPTION_KEY = Fernet.generate_key().decode()

SEED = """
import datetime as dt
from entraide.directory.actions import publish_group
from entraide.directory.models import SupportGroup, Theme
theme = Theme.objects.create(name_fr="Deuil", name_en="Bereavement", slug="deuil")
group = SupportGroup(name="Deuil Nantes", slug="deuil-nantes", summary="On parle du deuil.",
    kind=SupportGroup.Kind.TALK, audience=SupportGroup.Audience.CONCERNED,
    format=SupportGroup.Format.IN_PERSON, country="FR", postal_code="44000", town="Nantes")
publish_group(group, [theme.pk])
"""

PLAN = f"""
import datetime as dt
from django.utils import timezone
from entraide.directory.models import SupportGroup
from entraide.meetings.series.actions import save_series
group = SupportGroup.objects.get(slug="deuil-nantes")
save_series(group, {{"rhythm": "weekly", "weekday": 1, "nth": None, "day": None,
    "starts_on": timezone.localdate() + dt.timedelta(days=1), "start_time": dt.time(18, 30),
    "end_time": dt.time(20, 0), "venue": "hybrid", "place": {PLACE!r},
    "online_link": {LINK!r}, "capacity": 12}}, by=None)
"""


CANCEL = """
from entraide.meetings.models import Meeting
meeting = Meeting.objects.order_by("starts_at").first()
Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
from entraide.meetings.series.actions import when_meetings_changed
when_meetings_changed(meeting.group)
print(meeting.pk)
"""

UNSIGNED = """
import urllib.error, urllib.request
request = urllib.request.Request("{inbox}", data=b'{{"type": "Follow"}}', method="POST",
    headers={{"Content-Type": "application/activity+json"}})
try:
    urllib.request.urlopen(request, timeout=5)
except urllib.error.HTTPError as error:
    print(error.code)
"""


def wait_for(what: str, found: Callable[[], Any], seconds: float = 60) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        value = found()
        if value:
            return value
        assert time.monotonic() < deadline, f"waited in vain for {what}"
        time.sleep(0.3)


def reaches(instance: Instance, other: Instance) -> Callable[[], bool]:
    probe = f"import urllib.request; urllib.request.urlopen('{other.site}/ping/', timeout=2)"
    command = ["ip", "netns", "exec", instance.namespace, sys.executable, "-c", probe]
    return lambda: subprocess.run(command, capture_output=True, check=False).returncode == 0


@pytest.fixture
def instances(tmp_path: Path) -> Iterator[tuple[Instance, Instance]]:
    suffix = str(os.getpid() % 100000)
    a = Instance(f"entA{suffix}", "10.77.0.1", tmp_path / "a.sqlite3")
    b = Instance(f"entB{suffix}", "10.77.0.2", tmp_path / "b.sqlite3")
    template = tmp_path / "template.sqlite3"
    env = {**a.env(), "DATABASE_URL": f"sqlite:///{template}"}
    run(sys.executable, "manage.py", "migrate", "--no-input", cwd=ROOT, env=env)
    shutil.copy(template, a.database)
    shutil.copy(template, b.database)
    veth = f"vA{suffix}", f"vB{suffix}"
    processes: list[subprocess.Popen[str]] = []
    try:
        for instance in (a, b):
            run("ip", "netns", "add", instance.namespace)
            run("ip", "-n", instance.namespace, "link", "set", "lo", "up")
        run("ip", "link", "add", veth[0], "type", "veth", "peer", "name", veth[1])
        for instance, end in ((a, veth[0]), (b, veth[1])):
            run("ip", "link", "set", end, "netns", instance.namespace)
            run("ip", "-n", instance.namespace, "addr", "add", f"{instance.address}/24", "dev", end)
            run("ip", "-n", instance.namespace, "link", "set", end, "up")
        a.manage("shell", "-c", SEED)
        for instance in (a, b):
            processes.append(
                instance.start(
                    "-m",
                    "uvicorn",
                    "entraide.asgi:application",
                    "--host",
                    instance.address,
                    "--port",
                    str(PORT),
                )
            )
            processes.append(
                instance.start(
                    "manage.py",
                    "db_worker",
                    "--queue-name",
                    "*",
                    "--interval",
                    "0.2",
                    "--no-startup-delay",
                )
            )
        for instance, other in ((a, b), (b, a)):  # each reaches the other, in its namespace
            wait_for(f"{other.site} from {instance.namespace}", reaches(instance, other))
        yield a, b
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                output, _ = process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                output, _ = process.communicate()
            if output and "Traceback" in output:
                print(output[-4000:])  # shown by pytest if the test failed
        for instance in (a, b):
            subprocess.run(["ip", "netns", "del", instance.namespace], check=False)


def test_a_follow_from_one_instance_and_a_new_meeting_reaching_the_other(
    instances: tuple[Instance, Instance],
) -> None:
    a, b = instances
    group_actor = f"{a.site}/ap/g/deuil-nantes"

    # B's instance actor follows A's group by its handle, through WebFinger.
    said = b.manage("federation_follow", f"deuil_nantes@{a.address}:{PORT}")
    assert group_actor in said

    # A keeps the follower and its Accept, signed by the group, reaches B.
    wait_for(
        "the Accept on B",
        lambda: b.rows(
            "SELECT accepted_at FROM federation_following WHERE accepted_at IS NOT NULL"
        ),
    )
    assert a.rows("SELECT actor FROM federation_follower") == [(f"{b.site}/ap/instance",)]

    # A plans its meetings: A's worker sends each one as a Create to B's inbox.
    a.manage("shell", "-c", PLAN)
    received = wait_for(
        "a Create on B",
        lambda: b.rows("SELECT kind, actor, payload FROM federation_received"),
    )
    kind, actor, payload = received[0]
    activity = json.loads(payload)
    assert (kind, actor) == ("Create", group_actor)
    event = activity["object"]
    assert event["type"] == "Event"
    assert event["attributedTo"] == group_actor
    assert event["id"].startswith(f"{a.site}/ap/m/")
    assert event["location"]["address"]["addressLocality"] == "Nantes"
    everything = json.dumps(
        [
            json.loads(row[2])
            for row in b.rows("SELECT kind, actor, payload FROM federation_received")
        ]
    )
    for private in (PLACE, "rue des Lilas", LINK, "visio.example"):
        assert private not in everything

    # A cancels its first meeting (as a facilitator's cancel does, without the e-mails): B
    # receives an Update of that Event, cancelled.
    cancelled = int(a.manage("shell", "-c", CANCEL).split()[-1])
    update = wait_for(
        "an Update on B",
        lambda: b.rows("SELECT payload FROM federation_received WHERE kind = 'Update'"),
    )
    event = json.loads(update[0][0])["object"]
    assert event["id"] == f"{a.site}/ap/m/{cancelled}"
    assert event["status"] == event["ical:status"] == "CANCELLED"

    # An unsigned post to B's inbox, from A's namespace, is refused.
    refused = subprocess.run(
        [
            "ip",
            "netns",
            "exec",
            a.namespace,
            sys.executable,
            "-c",
            UNSIGNED.format(inbox=f"{b.site}/ap/inbox"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert refused == "401"
