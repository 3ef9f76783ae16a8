"""Fixtures shared by every app's tests: a small cast of groups, and a real browser."""

import datetime as dt
import email
import os
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from email.message import Message
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.core.mail.backends import locmem, smtp
from django.core.signals import request_finished, request_started
from django.db import connection
from django.tasks import TaskResult, TaskResultStatus
from django.tasks.signals import task_enqueued
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from entraide.accounts.adapter import AccountAdapter
from entraide.accounts.models import User
from entraide.directory.actions import publish_group
from entraide.directory.models import SupportGroup, Theme
from entraide.lib import places
from entraide.notifications.sending import HEADERS
from entraide.notifications.tasks import send_notifications
from entraide.organisations.models import Organisation, OrganisationRole

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2, as on the site, at its smallest cost.

    The site's Argon2 is slow on purpose (100 MB and about a second of work per password on a
    busy machine), and nearly every test creates people with a password: at full cost, hashing
    took most of the suite's time. Passwords are still stored and checked by Argon2 itself; that
    the site keeps the full cost is checked in tests/test_project.py.
    """

    time_cost = 1
    memory_cost = 8
    parallelism = 1


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing() -> Iterator[None]:
    argon2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
    hashers = [
        "conftest.QuickArgon2PasswordHasher" if path == argon2 else path
        for path in settings.PASSWORD_HASHERS
    ]
    assert hashers != settings.PASSWORD_HASHERS, "the site no longer hashes with Argon2"
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache, so rate limits never leak from one to the next."""
    cache.clear()
    yield
    cache.clear()


class NotificationWorker:
    """Runs the queued notification tasks as `manage.py db_worker` does, once the request (or
    the transaction) that queued them is over, so that tests read `mail.outbox` as people
    would read their mail. `hold()` keeps them queued, for the tests about the queue itself.

    It also keeps the rule that no e-mail leaves inside a request: the test mail backends
    refuse a message sent while a request is being served, and any message that does not come
    from the notifications worker, except allauth's account e-mails (see accounts/adapter.py).
    """

    def __init__(self) -> None:
        self.waiting: list[str] = []
        self.holding = False
        self.running = False
        self.local = threading.local()
        self.worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="tests",
            excluded_queue_names=[],
        )

    def in_request(self) -> bool:
        return getattr(self.local, "requests", 0) > 0

    def request_started(self, **kwargs: Any) -> None:
        self.local.requests = getattr(self.local, "requests", 0) + 1
        self.local.callbacks = len(connection.run_on_commit)

    def request_finished(self, **kwargs: Any) -> None:
        self.local.requests = max(0, getattr(self.local, "requests", 0) - 1)
        if not self.in_request():
            self.commit_the_request()
            self.run_if_free()

    def commit_the_request(self) -> None:
        """In production a request's changes are committed when it ends, and their on-commit
        callbacks run then; inside a test's transaction they would never run. Run those the
        request registered, as its commit would (a capture block around it then finds none)."""
        if not all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks):
            return
        start = getattr(self.local, "callbacks", len(connection.run_on_commit))
        while len(connection.run_on_commit) > start:
            registered = connection.run_on_commit[start:]
            del connection.run_on_commit[start:]
            for entry in registered:
                entry[1]()  # (savepoints, callback, robust)

    def enqueued(self, sender: Any, task_result: TaskResult[Any, Any], **kwargs: Any) -> None:
        if task_result.task.module_path == send_notifications.module_path:
            self.waiting.append(task_result.id)
            if not self.in_request():
                self.run_if_free()

    def run_if_free(self) -> None:
        if not self.holding and not self.running:
            self.run()

    def hold(self) -> None:
        self.holding = True

    def run(self) -> int:
        """Run every notification task waiting, as the worker would; how many ran."""
        self.running = True
        ran = 0
        try:
            while self.waiting:
                job = DBTaskResult.objects.filter(id=self.waiting.pop(0)).first()
                if job is None or job.status != TaskResultStatus.READY:
                    continue
                job.claim(self.worker.worker_id)
                self.worker.run_task(job)
                ran += 1
        finally:
            self.running = False
        return ran

    def check(self, messages: Sequence[EmailMessage]) -> None:
        if getattr(self.local, "account_mail", False):
            return  # allauth's own account e-mails, which stay in the request (adapter.py)
        assert not self.in_request(), "an e-mail was sent inside a request"
        for message in messages:
            assert message.extra_headers.get("Auto-Submitted") == HEADERS["Auto-Submitted"], (
                f"{message.subject!r} did not go through entraide.notifications"
            )


@pytest.fixture(autouse=True)
def notification_worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[NotificationWorker]:
    worker = NotificationWorker()
    request_started.connect(worker.request_started)
    request_finished.connect(worker.request_finished)
    task_enqueued.connect(worker.enqueued)
    for backend in (locmem.EmailBackend, smtp.EmailBackend):
        monkeypatch.setattr(backend, "send_messages", guarded(worker, backend.send_messages))
    account_send_mail = AccountAdapter.send_mail

    def account_mail(self: AccountAdapter, *args: Any, **kwargs: Any) -> None:
        worker.local.account_mail = True
        try:
            account_send_mail(self, *args, **kwargs)
        finally:
            worker.local.account_mail = False

    monkeypatch.setattr(AccountAdapter, "send_mail", account_mail)
    yield worker
    request_started.disconnect(worker.request_started)
    request_finished.disconnect(worker.request_finished)
    task_enqueued.disconnect(worker.enqueued)


def guarded(worker: NotificationWorker, send: Callable[..., int]) -> Callable[..., int]:
    def send_messages(self: Any, messages: Sequence[EmailMessage]) -> int:
        worker.check(messages)
        return send(self, messages)

    return send_messages


def text_of(message: Message) -> str:
    """The plain-text part of a message received by SMTP."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text/plain part")


@pytest.fixture
def theme() -> Callable[..., Theme]:
    def make(slug: str = "deuil", name_fr: str = "Deuil", name_en: str = "Bereavement") -> Theme:
        found, _created = Theme.objects.get_or_create(
            slug=slug,
            defaults={"name_fr": name_fr, "name_en": name_en, "domain": Theme.Domain.PSYCHOLOGICAL},
        )
        return found

    return make


@pytest.fixture
def organisation() -> Organisation:
    return Organisation.objects.create(
        name="Centre d'entraide de Nantes",
        slug="centre-nantes",
        town="Nantes",
        contact_email="accueil@centre-nantes.example",
    )


@pytest.fixture
def make_group(theme: Callable[..., Theme]) -> Callable[..., SupportGroup]:
    """Create a published group; `place` is a postal code or town resolved like the admin does."""

    def make(
        name: str = "Groupe de parole", place: str | None = "44000 Nantes", **fields: Any
    ) -> SupportGroup:
        themes = fields.pop("themes", None) or [theme()]
        defaults: dict[str, Any] = {
            "summary": "On se retrouve pour parler et s'écouter.",
            "kind": SupportGroup.Kind.TALK,
            "audience": SupportGroup.Audience.CONCERNED,
            "format": SupportGroup.Format.IN_PERSON,
            "frequency": SupportGroup.Frequency.MONTHLY_WEEKDAY,
            "weekday": 1,
            "week_of_month": 1,
            "start_time": dt.time(18, 30),
            "end_time": dt.time(20, 0),
        }
        defaults.update(fields)
        group = SupportGroup(name=name, **defaults)
        if place is not None:
            found = places.resolve(place)
            assert found is not None, place
            group.country, group.postal_code, group.town = (
                found.country,
                found.postal_code,
                found.name,
            )
            group.latitude, group.longitude = found.lat, found.lon
        return publish_group(group, [t.pk for t in themes])

    return make


@dataclass
class Cast:
    """The shared cast of STYLE.md around one group: Alice facilitates it, Bob is a member,
    Chloé came to listen first (observer), Dan is a stranger to it."""

    group: SupportGroup
    alice: User
    bob: User
    chloe: User
    dan: User


PASSWORD = "une phrase de passe tranquille"  # noqa: S105


@pytest.fixture
def cast(make_group: Callable[..., SupportGroup]) -> Cast:
    from entraide.membership.models import Membership

    group = make_group("Deuil Nantes", meeting_place="Maison des associations, salle 3")
    people = {}
    for name, language in [("Alice", "fr"), ("Bob", "fr"), ("Chloé", "en"), ("Dan", "fr")]:
        email = f"{name.lower().replace('é', 'e')}@example.org"
        person = User.objects.create_user(
            email, PASSWORD, display_name=name, preferred_language=language
        )
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        people[name] = person
    roles = [
        ("Alice", Membership.Role.FACILITATOR),
        ("Bob", Membership.Role.MEMBER),
        ("Chloé", Membership.Role.OBSERVER),
    ]
    for name, role in roles:
        Membership.objects.create(
            user=people[name], group=group, role=role, status=Membership.Status.ACTIVE
        )
    return Cast(group, people["Alice"], people["Bob"], people["Chloé"], people["Dan"])


class SMTPInbox:
    """What a local SMTP server received: (sender, recipients, parsed message) triples."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []
        # Addresses the server refuses, as a mailbox that does not exist.
        self.refused: set[str] = set()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[tuple[SMTPInbox, dict[str, Any]]]:
    """A real SMTP server on loopback, and the MAILERS setting that sends to it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = SMTPInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    yield inbox, mailers
    controller.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Playwright's synchronous API runs an event loop in the test thread; the database calls
    # the tests make around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser tab that may only talk to the test server: any other request fails."""
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 360, "height": 780}, bypass_csp=True
    )
    outside: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
    assert outside == [], f"pages asked for something outside the site: {outside}"


# The organisation's people around the cast: Coralie coordinates, Olivia coordinates elsewhere,
# Oscar administers the organisation without coordinating. Each has the second factor that
# organisation staff must have.


def staff_person(email: str, name: str) -> User:
    """Someone with a role in an organisation, with the second factor they must have."""
    person = User.objects.create_user(email, PASSWORD, display_name=name)
    TOTP.activate(person, generate_totp_secret())
    return person


@pytest.fixture
def coralie(organisation: Organisation) -> User:
    person = staff_person("coralie@example.org", "Coralie")
    OrganisationRole.objects.create(user=person, organisation=organisation, role="coordinator")
    return person


@pytest.fixture
def elsewhere() -> Organisation:
    return Organisation.objects.create(name="Centre de Lyon", slug="centre-lyon")


@pytest.fixture
def olivia(elsewhere: Organisation) -> User:
    """A coordinator of another organisation."""
    person = staff_person("olivia@example.org", "Olivia")
    OrganisationRole.objects.create(user=person, organisation=elsewhere, role="coordinator")
    return person


@pytest.fixture
def oscar(organisation: Organisation) -> User:
    """An organisation admin who does not coordinate."""
    person = staff_person("oscar@example.org", "Oscar")
    OrganisationRole.objects.create(user=person, organisation=organisation, role="admin")
    return person
