"""My data (GDPR): download everything the site holds about me; delete it with my account."""

import datetime as dt
import importlib
import inspect
import json
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models
from django.tasks import Task
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import entraide
from entraide.accounts.models import User
from entraide.accounts.personal_data import (
    ANONYMISE,
    REGISTRY,
    TASKS_NAMING_A_PERSON,
    erase_person,
    export_person,
    unregistered_user_references,
)
from entraide.directory.models import SupportGroup
from entraide.meetings.reminders.tasks import send_reminder

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe tranquille"
MEMBERSHIP_INSTALLED = apps.is_installed("entraide.membership")


@dataclass
class Cast:
    awa: User
    bob: User
    totp_secret: str
    recovery_seed: str
    awa_group: SupportGroup
    bob_group: SupportGroup


def join(person: User, group: SupportGroup, message: str) -> None:
    """Ask to join a group, when the membership app is there."""
    if MEMBERSHIP_INSTALLED:
        membership = apps.get_model("membership", "Membership")
        membership._default_manager.create(user=person, group=group, message=message)


@pytest.fixture
def cast(make_group: Callable[..., SupportGroup]) -> Cast:
    """Awa, with an address, an authenticator app, recovery codes, a group and a staff role;
    Bob, with his own address and group."""
    awa = User.objects.create_user("awa@example.org", PASSWORD, display_name="Awa")
    bob = User.objects.create_user("bob@example.org", PASSWORD, display_name="Bob")
    EmailAddress.objects.create(user=awa, email=awa.email, verified=True, primary=True)
    EmailAddress.objects.create(user=bob, email=bob.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(awa, secret)
    recovery = RecoveryCodes.activate(awa)
    awa.groups.add(Group.objects.create(name="Coordination"))
    awa_group = make_group("Deuil à Nantes")
    bob_group = make_group("Parents solos")
    join(awa, awa_group, "Bonjour, j'ai perdu ma mère cet hiver.")
    join(bob, bob_group, "Je suis seul avec deux enfants.")
    return Cast(awa, bob, secret, recovery.instance.data["seed"], awa_group, bob_group)


def exported_text(person: User) -> str:
    return json.dumps(export_person(person), ensure_ascii=False)


def test_every_field_that_points_at_a_person_says_what_becomes_of_it() -> None:
    assert unregistered_user_references() == []


def test_every_registry_entry_names_fields_that_exist() -> None:
    sections = [entry.section for entry in REGISTRY]
    assert len(sections) == len(set(sections))
    for entry in REGISTRY:
        model = entry.model_class()
        if model is None:
            continue
        field = model._meta.get_field(entry.user_field)
        assert isinstance(field, models.ForeignKey), entry.reference
        # values() checks each lookup at once: a misspelt or renamed field fails here.
        model._base_manager.values(*entry.export)
        if entry.on_erase == ANONYMISE:
            assert field.null, f"{entry.reference} must accept NULL to be detached"
            for name in entry.blank:
                model._meta.get_field(name)


def test_awa_downloads_everything_the_site_holds_about_her(cast: Cast) -> None:
    data = export_person(cast.awa)

    assert data["person"]["email"] == "awa@example.org"
    assert data["person"]["display_name"] == "Awa"
    assert data["person"]["preferred_language"] == "fr"
    assert data["person"]["date_joined"] == cast.awa.date_joined.isoformat()
    assert data["person"]["has_password"] is True
    assert data["email_addresses"] == [
        {"email": "awa@example.org", "verified": True, "primary": True}
    ]
    assert sorted(a["type"] for a in data["authenticators"]) == ["recovery_codes", "totp"]
    assert all(a["created_at"] for a in data["authenticators"])
    assert data["permission_groups"] == [{"group_name": "Coordination"}]
    if MEMBERSHIP_INSTALLED:
        [membership] = data["memberships"]
        assert membership["group_name"] == "Deuil à Nantes"
        assert membership["message"] == "Bonjour, j'ai perdu ma mère cet hiver."
        assert membership["role"] and membership["status"] and membership["requested_at"]
    json.dumps(data)  # nothing a JSON file cannot hold


def test_awa_s_file_holds_no_password_hash_and_no_authenticator_secret(cast: Cast) -> None:
    text = exported_text(cast.awa)

    assert cast.awa.password not in text
    assert "argon2" not in text
    assert cast.totp_secret not in text
    assert cast.recovery_seed not in text


def test_awa_s_file_never_shows_bob_s_rows(cast: Cast) -> None:
    text = exported_text(cast.awa)

    assert "bob@example.org" not in text
    assert "Bob" not in text
    assert "Parents solos" not in text
    assert "deux enfants" not in text


def test_erasing_awa_deletes_her_rows_and_keeps_bob_s_and_the_groups(cast: Cast) -> None:
    awa_id = cast.awa.pk
    bob_file_before = export_person(cast.bob)

    erase_person(cast.awa)

    assert not User.objects.filter(pk=awa_id).exists()
    assert not EmailAddress.objects.filter(email="awa@example.org").exists()
    assert not Authenticator.objects.filter(user_id=awa_id).exists()
    for entry in REGISTRY:
        model = entry.model_class()
        if model is not None:
            left = model._base_manager.filter(**{entry.user_field: awa_id})
            assert not left.exists(), entry.reference
    bob_file_after = export_person(User.objects.get(pk=cast.bob.pk))
    del bob_file_before["exported_at"], bob_file_after["exported_at"]
    assert bob_file_after == bob_file_before
    assert SupportGroup.objects.filter(pk=cast.awa_group.pk).exists()
    assert SupportGroup.objects.filter(pk=cast.bob_group.pk).exists()
    assert Group.objects.filter(name="Coordination").exists()


def test_the_admin_history_about_awa_forgets_her_name(cast: Cast) -> None:
    coralie = User.objects.create_superuser("coralie@example.org", PASSWORD, display_name="C")
    LogEntry.objects.create(
        user=coralie,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(cast.awa.pk),
        object_repr=str(cast.awa),
        action_flag=CHANGE,
        change_message="Awa a demandé à changer de nom",
    )

    erase_person(cast.awa)

    entry = LogEntry.objects.get(user=coralie)
    assert (entry.object_repr, entry.change_message) == ("", "")


def test_deleting_her_account_from_the_page_erases_awa_s_rows(cast: Cast, client: Client) -> None:
    client.force_login(cast.awa)

    client.post("/compte/supprimer/", {"password": PASSWORD})

    assert not EmailAddress.objects.filter(email="awa@example.org").exists()
    if MEMBERSHIP_INSTALLED:
        membership = apps.get_model("membership", "Membership")
        assert not membership._default_manager.filter(group=cast.awa_group).exists()
    assert SupportGroup.objects.filter(pk=cast.awa_group.pk).exists()


def test_downloading_my_data_needs_to_be_logged_in(client: Client) -> None:
    for response in (client.get("/compte/donnees/"), client.post("/compte/donnees/")):
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/login/")


def test_awa_gets_her_file_as_a_download_that_is_never_cached(cast: Cast, client: Client) -> None:
    client.force_login(cast.awa)

    response = client.post("/compte/donnees/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="entraide-mes-donnees.json"'
    assert "no-store" in cache_directives(response)
    data = json.loads(response.content)
    assert data["person"]["email"] == "awa@example.org"


def test_the_page_before_the_download_says_what_the_file_holds(cast: Cast, client: Client) -> None:
    client.force_login(cast.awa)

    account = client.get("/compte/").content.decode()
    response = client.get("/compte/donnees/")

    assert 'href="/compte/donnees/"' in account
    assert response.status_code == 200
    assert "no-store" in cache_directives(response)
    html = response.content.decode()
    assert "Le fichier contient" in html
    assert '<form method="post">' in html


def cache_directives(response: Any) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def sessions_of(person: User) -> list[str]:
    return [
        session.session_key
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(person.pk)
    ]


def reminders_of(person_id: int) -> list[DBTaskResult[Any, Any]]:
    return [row for row in DBTaskResult.objects.all() if row.args_kwargs["args"][1] == person_id]


def test_deleting_the_account_ends_its_sessions_everywhere_and_its_waiting_tasks(
    cast: Cast,
) -> None:
    """Her phone's session and her reminders' task rows held her id after she left."""
    phone, computer, bobs = Client(), Client(), Client()
    phone.force_login(cast.awa)
    computer.force_login(cast.awa)
    bobs.force_login(cast.bob)
    later = timezone.now() + dt.timedelta(days=3)
    send_reminder.using(run_after=later).enqueue(999, cast.awa.pk, "days")
    send_reminder.using(run_after=later).enqueue(999, cast.bob.pk, "days")
    awa_id = cast.awa.pk
    assert len(sessions_of(cast.awa)) == 2

    computer.post("/compte/supprimer/", {"password": PASSWORD})

    assert not User.objects.filter(pk=awa_id).exists()
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(awa_id)
    ]
    assert reminders_of(awa_id) == []
    assert len(reminders_of(cast.bob.pk)) == 1
    assert len(sessions_of(cast.bob)) == 1


def test_every_task_that_takes_a_person_says_so_in_the_registry() -> None:
    """A new background task with a person among its arguments must be purged with them."""
    naming = {
        f"{module.__name__}.{name}"
        for module in task_modules()
        for name, value in vars(module).items()
        if isinstance(value, Task)
        and any(p.endswith("user_id") for p in inspect.signature(value.func).parameters)
    }

    assert naming == set(TASKS_NAMING_A_PERSON)


def task_modules() -> Iterator[ModuleType]:
    """Every `tasks` module of the project's apps."""
    for found in pkgutil.walk_packages(entraide.__path__, "entraide."):
        if found.name.endswith(".tasks"):
            yield importlib.import_module(found.name)
