"""Computing a proposal in the background, end to end with the real solver: the groups stored,
each person's distance, the reasons of the unplaced, the progress, a deleted proposal, a
failure."""

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django_tasks_db.models import DBTaskResult

from entraide import formation
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.lib.places import haversine_km
from entraide.organisations.models import Organisation
from entraide.proposals import tasks
from entraide.proposals.models import Proposal, ProposedGroup, Volunteer

pytestmark = pytest.mark.django_db

LIST = "/organisations/centre-nantes/former-des-groupes/"
SAMPLE = Path(__file__).parents[2] / "static" / "proposals" / "exemple.csv"
TASK = "entraide.proposals.tasks.compute_proposal"


def upload(client: Client, text: str | bytes, **fields: Any) -> Any:
    """Post a new proposal from a CSV text, the other fields at their defaults."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = text.encode() if isinstance(text, str) else text
    form = {
        "name": "Forum de septembre",
        "source": "csv",
        "min_size": "6",
        "max_size": "10",
        "max_km": "2",
        "file": SimpleUploadedFile("liste.csv", data, content_type="text/csv"),
    }
    form.update(fields)
    return client.post(LIST + "nouvelle/", form)


def computed(
    client: Client, coralie: User, capture: Callable[..., Any], text: str, **fields: Any
) -> Proposal:
    """Coralie uploads the list; the task the upload enqueued then runs, as the worker would."""
    client.force_login(coralie)
    with capture(execute=True):
        response = upload(client, text, **fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    proposal = Proposal.objects.latest("pk")
    job = DBTaskResult.objects.get(task_path=TASK)
    assert job.args_kwargs["args"] == [proposal.pk]
    assert tasks.compute_proposal.call(proposal.pk) == "done"
    proposal.refresh_from_db()
    return proposal


def test_the_sample_list_becomes_groups_with_distances_and_reasons(
    client: Client, coralie: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    proposal = computed(
        client, coralie, django_capture_on_commit_callbacks, SAMPLE.read_text("utf-8")
    )

    assert proposal.status == Proposal.Status.DONE
    assert proposal.progress == 100 and proposal.finished_at is not None
    groups = list(ProposedGroup.objects.filter(proposal=proposal).select_related("host"))
    assert [g.number for g in groups] == list(range(1, len(groups) + 1))
    # Fourteen neighbours in the centre of Nantes (and Denise, known by her postal code) and ten
    # in Carquefou form groups; three neighbours in Vertou are too few; two live alone.
    by_ref = {v.ref: v for v in Volunteer.objects.filter(proposal=proposal)}
    assert by_ref["1"].group is not None and by_ref["15"].group is not None
    assert by_ref["1"].group != by_ref["15"].group
    assert {by_ref[ref].unplaced_reason for ref in ("25", "26", "27")} == {formation.TOO_FEW_NEARBY}
    assert by_ref["28"].unplaced_reason == formation.NOBODY_WITHIN_REACH
    assert by_ref["29"].group is None and by_ref["29"].distance_km is None
    assert by_ref["30"].approximate
    total = 0.0
    for group in groups:
        members = list(group.volunteers.all())
        assert 6 <= len(members) <= 10
        assert group.host in members
        for member in members:
            assert group.host is not None and group.host.lat is not None
            assert member.lat is not None and member.lon is not None
            expected = haversine_km(member.lat, member.lon, group.host.lat, group.host.lon or 0)
            assert member.distance_km == pytest.approx(expected)
            assert member.distance_km is not None and member.distance_km <= 2
            assert member.unplaced_reason == ""
            total += member.distance_km
        assert group.host.distance_km == 0
    assert proposal.total_km == pytest.approx(total)
    assert proposal.lower_bound_km is not None and proposal.total_km is not None
    assert proposal.lower_bound_km <= proposal.total_km + 1e-9
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PROPOSAL_COMPUTED).count() == 1


def test_a_shared_language_leaves_the_only_english_speaker_of_her_street_aside(
    client: Client, coralie: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    proposal = computed(
        client,
        coralie,
        django_capture_on_commit_callbacks,
        SAMPLE.read_text("utf-8"),
        same_language="on",
    )

    elodie = Volunteer.objects.get(proposal=proposal, ref="5")
    assert elodie.group is None
    assert elodie.unplaced_reason == formation.NO_SHARED_LANGUAGE
    for group in ProposedGroup.objects.filter(proposal=proposal):
        languages = [set(v.languages.split(";")) for v in group.volunteers.all()]
        assert set.intersection(*languages)


def test_the_progress_is_written_while_the_solver_runs(
    organisation: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    proposal = Proposal.objects.create(organisation=organisation, name="Liste", source="csv")
    for index in range(8):
        Volunteer.objects.create(
            proposal=proposal, ref=str(index), lat=47.2 + index * 0.001, lon=-1.55
        )
    seen: list[tuple[str, int]] = []
    real_solve = formation.solve

    def watching_solve(*args: Any, progress: Callable[[float], None], **kwargs: Any) -> Any:
        progress(0.42)
        proposal.refresh_from_db()
        seen.append((proposal.status, proposal.progress))
        return real_solve(*args, progress=progress, **kwargs)

    monkeypatch.setattr(tasks, "solve", watching_solve)
    monkeypatch.setattr(tasks, "PROGRESS_EVERY_SECONDS", 0)

    assert tasks.compute(proposal.pk) == "done"

    assert seen == [(Proposal.Status.RUNNING, 42)]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.progress) == (Proposal.Status.DONE, 100)
    assert ProposedGroup.objects.filter(proposal=proposal).count() == 1


def test_a_proposal_deleted_during_the_computation_stops_it_quietly(
    organisation: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    proposal = Proposal.objects.create(organisation=organisation, name="Liste", source="csv")
    for index in range(8):
        Volunteer.objects.create(proposal=proposal, ref=str(index), lat=47.2, lon=-1.55)
    real_solve = formation.solve

    def deleting_solve(*args: Any, progress: Callable[[float], None], **kwargs: Any) -> Any:
        Proposal.objects.filter(pk=proposal.pk).delete()
        return real_solve(*args, progress=progress, **kwargs)

    monkeypatch.setattr(tasks, "solve", deleting_solve)
    monkeypatch.setattr(tasks, "PROGRESS_EVERY_SECONDS", 0)

    assert tasks.compute(proposal.pk) == "gone"
    assert not ProposedGroup.objects.exists()
    assert tasks.compute(proposal.pk) == "gone"


def test_a_failure_says_so_in_plain_words_and_logs_no_personal_data(
    client: Client,
    coralie: User,
    organisation: Organisation,
    caplog: pytest.LogCaptureFixture,
) -> None:
    proposal = Proposal.objects.create(organisation=organisation, name="Liste", source="csv")
    Volunteer.objects.create(proposal=proposal, ref="marie-dupont", name="Marie", lat=47, lon=-1)

    with mock.patch.object(
        tasks, "solve", side_effect=formation.InputError("id 'marie-dupont' is wrong")
    ):
        assert tasks.compute(proposal.pk) == "failed"

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FAILED
    assert "marie" not in caplog.text.lower()
    client.force_login(coralie)
    page = client.get(f"{LIST}{proposal.pk}/").content.decode()
    assert "Le calcul n&#x27;a pas abouti." in page


def test_the_people_who_asked_to_be_grouped_become_the_list(
    client: Client,
    coralie: User,
    organisation: Organisation,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    from entraide.proposals.models import Wish

    for index in range(7):
        someone = User.objects.create_user(
            f"voisin{index}@example.org", "x" * 20, display_name=f"Voisin {index}"
        )
        Wish.objects.create(
            organisation=organisation,
            user=someone,
            postal_code="44000",
            lat=47.2184 + 0.0005 * math.sin(index),
            lon=-1.5536,
            languages="fr;en",
        )
    client.force_login(coralie)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LIST + "nouvelle/",
            {"name": "Inscrits", "source": "wishes", "min_size": 6, "max_size": 10, "max_km": 2},
        )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert tasks.compute_proposal.call(proposal.pk) == "done"

    people = Volunteer.objects.filter(proposal=proposal).order_by("pk")
    assert [p.name for p in people] == [f"Voisin {i}" for i in range(7)]
    assert all(p.approximate and p.user_id and p.email.endswith("@example.org") for p in people)
    assert all(p.languages == "en;fr" for p in people)
    assert ProposedGroup.objects.filter(proposal=proposal).count() == 1


def neighbours(proposal: Proposal, count: int = 7) -> None:
    for index in range(count):
        Volunteer.objects.create(
            proposal=proposal, ref=str(index), lat=47.2184 + index * 0.001, lon=-1.5536
        )


def test_a_computation_whose_task_failed_says_so_and_may_be_started_again(
    client: Client,
    coralie: User,
    organisation: Organisation,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    """The worker wrote the task down as failed (the database stayed locked), but the proposal
    still said "running": the page waited for ever."""
    proposal = Proposal.objects.create(
        organisation=organisation, name="Liste", source="csv", status="running", progress=40
    )
    neighbours(proposal)
    job = tasks.compute_proposal.enqueue(proposal.pk)
    DBTaskResult.objects.get(pk=job.id).set_failed(OperationalError("database is locked"))
    client.force_login(coralie)

    listing = client.get(LIST).content.decode()
    page = client.get(f"{LIST}{proposal.pk}/").content.decode()

    assert "Échec du calcul" in listing
    assert "Le calcul s&#x27;est interrompu avant la fin." in page
    assert f'action="{LIST}{proposal.pk}/relancer/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LIST}{proposal.pk}/relancer/")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WAITING and proposal.error == ""
    waiting = DBTaskResult.objects.filter(task_path=TASK, status="READY")
    assert [row.args_kwargs["args"] for row in waiting] == [[proposal.pk]]
    assert tasks.compute_proposal.call(proposal.pk) == "done"


def test_a_computation_still_running_is_left_running(
    client: Client, coralie: User, organisation: Organisation
) -> None:
    proposal = Proposal.objects.create(
        organisation=organisation, name="Liste", source="csv", status="running", progress=40
    )
    job = tasks.compute_proposal.enqueue(proposal.pk)
    DBTaskResult.objects.get(pk=job.id).claim("worker-1")
    client.force_login(coralie)

    page = client.get(f"{LIST}{proposal.pk}/").content.decode()

    assert "Calcul des groupes en cours : 40 %" in page
    assert "relancer" not in page


def test_a_failed_computation_may_be_started_again_and_only_a_failed_one(
    client: Client, coralie: User, organisation: Organisation
) -> None:
    failed = Proposal.objects.create(
        organisation=organisation, name="Liste", source="csv", status="failed", error=tasks.FAILED
    )
    done = Proposal.objects.create(
        organisation=organisation, name="Autre", source="csv", status="done"
    )
    client.force_login(coralie)

    page = client.get(f"{LIST}{failed.pk}/").content.decode()
    refused = client.post(f"{LIST}{done.pk}/relancer/", follow=True).content.decode()

    assert "Relancer le calcul" in page
    assert "Ce calcul n&#x27;a pas échoué : il n&#x27;y a rien à relancer." in refused
    done.refresh_from_db()
    assert done.status == Proposal.Status.DONE
