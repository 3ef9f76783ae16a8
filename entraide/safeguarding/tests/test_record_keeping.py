"""A concern's record is kept and kept quiet: nobody to receive it still gets it seen, a
group cannot be deleted from under it, and neither the admin nor an error report shows it."""

from typing import Any

import pytest
from django.contrib import admin
from django.core import mail
from django.db.models import ProtectedError
from django.test import Client, RequestFactory
from django.views.debug import SafeExceptionReporterFilter

from conftest import Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.carnet.models import Entry
from entraide.safeguarding.models import Concern
from entraide.safeguarding.tests.conftest import raise_as

pytestmark = pytest.mark.django_db

WORDS = "Il a menacé Jeanne à la sortie."


def test_with_nobody_to_receive_it_the_site_team_is_asked_to_name_someone(
    client: Client, accompanied: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        raise_as(client, accompanied.bob, kind="physical_threat", description=WORDS)

    concern = Concern.objects.get()
    assert [message.to for message in mail.outbox] == [["contact@entraide.localhost"]]
    message = mail.outbox[0]
    text = f"{message.subject}\n{message.body}"
    assert f"Inquiétude n° {concern.pk}" in text
    assert "centre-nantes" in text
    for secret in (WORDS, "Bob", accompanied.group.name):
        assert secret not in text


def test_a_group_with_a_concern_cannot_be_deleted(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    raise_as(client, accompanied.bob, kind="crisis", description=WORDS)

    with pytest.raises(ProtectedError):
        accompanied.group.delete()
    assert Concern.objects.count() == 1


def test_a_concern_reads_as_its_number_only(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    raise_as(client, accompanied.bob, kind="child_protection", description=WORDS)
    concern = Concern.objects.get()

    assert str(concern) == f"#{concern.pk}"


def test_an_error_report_would_hide_what_was_written(
    client: Client, accompanied: Cast, sabine: User
) -> None:
    response = raise_as(client, accompanied.bob, kind="crisis", description=WORDS, contact="06")

    shown = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert shown["description"] != WORDS
    assert shown["contact"] != "06"


def test_the_admin_lists_no_concern_nor_carnet_line(
    client: Client, accompanied: Cast, sabine: User, stan: User
) -> None:
    raise_as(client, accompanied.bob, kind="crisis", description=WORDS)
    Entry.objects.create(author=accompanied.bob, day="2026-03-03", feeling="Fatigué.")
    client.force_login(accompanied.bob)
    client.post("/mon-carnet/telecharger/", {"format": "json"})
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CARNET_EXPORTED).exists()
    AuditEvent.objects.create(action=AuditEvent.Action.GROUP_LEFT, group=accompanied.group)
    request = RequestFactory().get("/admin/audit/auditevent/")
    request.user = stan

    listed = admin.site._registry[AuditEvent].get_queryset(request)

    assert AuditEvent.objects.filter(action__startswith="concern.").exists()
    assert [event.action for event in listed] == [AuditEvent.Action.GROUP_LEFT]
