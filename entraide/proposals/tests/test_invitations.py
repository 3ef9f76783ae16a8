"""Creating the proposed groups as projects, inviting their members, and their answers.

The proposals here are built by hand, as the solver would have left them: the solver has its
own tests; these are about what the organisation and the invited people see and do.
"""

import email.header
import html as html_text
import re
import secrets
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, Cast, NotificationWorker, SMTPInbox, text_of
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.directory.models import SupportGroup, Theme
from entraide.founding.models import Initiative, Interest
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation
from entraide.proposals import invitations
from entraide.proposals.models import Invitation, Proposal, ProposedGroup, Volunteer, Wish

pytestmark = pytest.mark.django_db

NANTES = (47.2173, -1.5534)


def build_proposal(
    organisation: Organisation,
    sizes: tuple[int, ...] = (7, 3),
    *,
    theme: Theme | None = None,
    status: str = Proposal.Status.DONE,
) -> Proposal:
    """A computed proposal: groups of the given sizes, the first person of each hosting it.

    People are "Personne <group>-<index>", vol-<group>-<index>@example.net, living a few
    hundred metres apart in Nantes.
    """
    proposal = Proposal.objects.create(
        organisation=organisation,
        name="Liste du forum",
        source=Proposal.Source.CSV,
        theme=theme,
        status=status,
    )
    for number, size in enumerate(sizes, start=1):
        group = ProposedGroup.objects.create(proposal=proposal, number=number)
        for index in range(size):
            volunteer = Volunteer.objects.create(
                proposal=proposal,
                ref=f"{number}-{index}",
                name=f"Personne {number}-{index}",
                email=f"vol-{number}-{index}@example.net",
                lat=NANTES[0] + 0.001 * index,
                lon=NANTES[1] + 0.001 * number,
                languages="fr",
                group=group,
                distance_km=0 if index == 0 else round(0.3 + 0.1 * index, 2),
            )
            if index == 0:
                group.host = volunteer
                group.save(update_fields=["host"])
    # Someone who could not be placed.
    Volunteer.objects.create(
        proposal=proposal,
        ref="seul",
        name="Personne seule",
        email="seule@example.net",
        lat=46.0,
        lon=2.0,
        unplaced_reason="nobody within reach",
    )
    return proposal


def create_url(proposal: Proposal) -> str:
    return f"/organisations/{proposal.organisation.slug}/former-des-groupes/{proposal.pk}/creer/"


def group_ids(proposal: Proposal, *numbers: int) -> list[int]:
    return list(
        ProposedGroup.objects.filter(proposal=proposal, number__in=numbers).values_list(
            "pk", flat=True
        )
    )


def person(email_address: str, name: str, language: str = "fr") -> User:
    someone = User.objects.create_user(
        email_address, PASSWORD, display_name=name, preferred_language=language
    )
    EmailAddress.objects.create(user=someone, email=email_address, verified=True, primary=True)
    return someone


@pytest.fixture
def proposal(organisation: Organisation, theme: Callable[..., Theme]) -> Proposal:
    return build_proposal(organisation, theme=theme())


@pytest.fixture
def created(
    client: Client, coralie: User, proposal: Proposal, django_capture_on_commit_callbacks: Any
) -> Proposal:
    """The proposal once Coralie created its first group (the second one stays uncreated)."""
    client.force_login(coralie)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})
    client.logout()
    mail.outbox.clear()
    proposal.refresh_from_db()
    return proposal


def said(response: Any) -> list[str]:
    """The messages the response leaves for the next page."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def invitation_of(proposal: Proposal, ref: str) -> Invitation:
    return Invitation.objects.select_related("group__initiative__group").get(
        volunteer__proposal=proposal, volunteer__ref=ref
    )


# Who may create the groups ---------------------------------------------------------------------


def test_a_visitor_is_asked_to_log_in(client: Client, proposal: Proposal) -> None:
    response = client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("who", ["dan", "alice", "olivia", "oscar"])
def test_nobody_but_the_organisation_s_coordinators_creates_groups(
    client: Client, cast: Cast, olivia: User, oscar: User, proposal: Proposal, who: str
) -> None:
    people = {"dan": cast.dan, "alice": cast.alice, "olivia": olivia, "oscar": oscar}
    client.force_login(people[who])

    response = client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})

    assert response.status_code == 404
    assert not Initiative.objects.exists()
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.DONE


def test_a_get_is_refused(client: Client, coralie: User, proposal: Proposal) -> None:
    client.force_login(coralie)

    assert client.get(create_url(proposal)).status_code == 405


@pytest.mark.parametrize(
    "status", [Proposal.Status.WAITING, Proposal.Status.RUNNING, Proposal.Status.FAILED]
)
def test_a_proposal_that_is_not_ready_creates_nothing(
    client: Client, coralie: User, organisation: Organisation, status: str
) -> None:
    unready = build_proposal(organisation, status=status)
    client.force_login(coralie)

    response = client.post(create_url(unready), {"groups": group_ids(unready, 1)})

    assert said(response) == ["La proposition n'est pas encore prête."]
    assert not Initiative.objects.exists()
    assert not Invitation.objects.exists()
    assert Volunteer.objects.filter(proposal=unready, lat__isnull=False).count() == 11


def test_ticking_no_group_is_explained(client: Client, coralie: User, proposal: Proposal) -> None:
    client.force_login(coralie)

    response = client.post(create_url(proposal), {"groups": ["pas-un-nombre"]})

    assert said(response) == ["Cochez au moins un groupe à créer."]
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.DONE


def test_a_group_of_another_proposal_is_ignored(
    client: Client, coralie: User, organisation: Organisation, proposal: Proposal
) -> None:
    other = build_proposal(organisation)
    client.force_login(coralie)

    client.post(create_url(proposal), {"groups": group_ids(other, 1)})

    assert not Initiative.objects.exists()
    assert Proposal.objects.get(pk=other.pk).status == Proposal.Status.DONE


# What creating does ------------------------------------------------------------------------------


def test_coralie_creates_the_chosen_group_as_an_accompanied_project(
    client: Client,
    coralie: User,
    organisation: Organisation,
    proposal: Proposal,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(coralie)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})

    assert response.status_code == 302
    assert response["Location"].endswith(f"/former-des-groupes/{proposal.pk}/")
    assert said(response) == ["1 groupe est créé. 7 invitations sont envoyées par e-mail."]
    first, second = ProposedGroup.objects.filter(proposal=proposal).order_by("number")
    assert second.initiative is None
    initiative = first.initiative
    assert initiative is not None
    assert initiative.stage == Initiative.Stage.FOUNDING  # its members are found already
    assert initiative.sessions.count() == 3
    assert initiative.accompaniment == Initiative.Accompaniment.ACCEPTED
    assert initiative.organisation == organisation
    assert initiative.initiator is None
    group = initiative.group
    assert not group.is_published
    assert group.status == SupportGroup.Status.FOUNDING
    assert group.organisation == organisation
    assert group.name == "Groupe d'entraide de proximité n° 1 — Deuil"
    assert [theme.slug for theme in group.themes.all()] == ["deuil"]
    assert not group.memberships.exists()
    # Seven invitations, the host's asking to welcome the group; none for the second group.
    sent = Invitation.objects.filter(group=first)
    assert sent.count() == 7
    assert [i.volunteer.ref for i in sent.filter(as_host=True)] == ["1-0"]
    assert not Invitation.objects.filter(group=second).exists()
    assert all(len(i.token) >= 43 for i in sent)
    invited = [m for m in mail.outbox if m.to[0].startswith("vol-1-")]
    assert len(invited) == 7
    # The others are told why they are not invited (see the test of that letter).
    assert sorted(m.to[0] for m in mail.outbox if m not in invited) == [
        "seule@example.net",
        "vol-2-0@example.net",
        "vol-2-1@example.net",
        "vol-2-2@example.net",
    ]
    # Homes are erased, for everyone of the list; the distances stay.
    assert not Volunteer.objects.filter(proposal=proposal, lat__isnull=False).exists()
    assert not Volunteer.objects.filter(proposal=proposal, lon__isnull=False).exists()
    assert Volunteer.objects.get(proposal=proposal, ref="1-3").distance_km == 0.6
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CREATED
    assert proposal.groups_created_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.PROPOSAL_GROUPS_CREATED)
    assert event.actor == coralie
    assert event.organisation_id == organisation.pk
    assert event.detail == "1/7"


def test_each_e_mail_tells_its_reader_only_their_own_distance_and_link(
    client: Client, coralie: User, proposal: Proposal, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(coralie)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})

    by_recipient = {message.to[0]: message for message in mail.outbox}
    message = by_recipient["vol-1-3@example.net"]
    body = str(message.body)
    token = invitation_of(proposal, "1-3").token
    assert f"http://testserver/invitations/{token}/" in body or f"/invitations/{token}/" in body
    assert "à environ 0,6 km de chez vous, à pied" in body
    # Without an account, their language is unknown: French, then English below.
    french, english = body.split("-- English --")
    assert "0,6 km" in french
    assert "0.6 km" in english
    assert "7 personnes sont invitées" in body
    assert "Centre d'entraide de Nantes" in body
    assert "Bonjour Personne 1-3," in body
    others = [f"Personne 1-{i}" for i in range(7) if i != 3] + ["Personne seule"]
    for other in others:
        assert other not in body
    assert re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", body) == []
    assert message.reply_to == ["accueil@centre-nantes.example"]
    # The host is asked whether they would welcome the group.
    host_body = str(by_recipient["vol-1-0@example.net"].body)
    assert "accepteriez-vous de l'accueillir ?" in host_body
    assert "0,0 km" not in host_body


def test_a_person_who_asked_to_be_grouped_is_invited_in_their_language(
    client: Client,
    coralie: User,
    organisation: Organisation,
    proposal: Proposal,
    django_capture_on_commit_callbacks: Any,
) -> None:
    chloe = person("chloe@example.org", "Chloé", "en")
    wish = Wish.objects.create(
        organisation=organisation, user=chloe, postal_code="44000", lat=47.2, lon=-1.55
    )
    first = ProposedGroup.objects.get(proposal=proposal, number=1)
    Volunteer.objects.create(
        proposal=proposal,
        ref=f"inscription-{wish.pk}",
        name="Chloé",
        email="chloe@example.org",
        user=chloe,
        approximate=True,
        group=first,
        distance_km=1.24,
    )
    client.force_login(coralie)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})

    (message,) = [m for m in mail.outbox if m.to == ["chloe@example.org"]]
    body = str(message.body)
    # In English only (the catalogue may not translate the sentences yet: the numbers tell).
    assert "-- English --" not in body
    assert " / " not in message.subject
    assert "1.2 km" in body
    assert "Chloé," in body


def test_people_without_an_address_or_who_withdrew_their_wish_are_not_invited(
    client: Client,
    coralie: User,
    organisation: Organisation,
    proposal: Proposal,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first = ProposedGroup.objects.get(proposal=proposal, number=1)
    Volunteer.objects.filter(proposal=proposal, ref="1-6").update(email="")
    gone = person("gone@example.org", "Gaspard")
    Volunteer.objects.create(
        proposal=proposal, ref="inscription-999", user=gone, email="gone@example.org", group=first
    )
    client.force_login(coralie)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})

    refs = set(Invitation.objects.values_list("volunteer__ref", flat=True))
    assert "1-6" not in refs
    assert "inscription-999" not in refs
    assert len(refs) == 6
    assert "gone@example.org" not in [m.to[0] for m in mail.outbox]


def test_creating_twice_does_nothing_twice(
    client: Client, coralie: User, proposal: Proposal, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(coralie)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(create_url(proposal), {"groups": group_ids(proposal, 1, 2)})

    assert response.status_code == 302
    assert said(response)[-1] == "Les groupes de cette proposition sont déjà créés."
    assert Initiative.objects.count() == 1
    assert Invitation.objects.count() == 7
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PROPOSAL_GROUPS_CREATED).count() == 1


def test_a_failure_half_way_leaves_nothing_behind(
    coralie: User, proposal: Proposal, django_capture_on_commit_callbacks: Any
) -> None:
    real = secrets.token_urlsafe
    calls = {"count": 0}

    def fails_on_the_ninth(size: int) -> str:
        calls["count"] += 1
        if calls["count"] == 9:  # the second group's second person
            raise RuntimeError("the disk is full")
        return real(size)

    with (
        mock.patch.object(secrets, "token_urlsafe", fails_on_the_ninth),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
    ):
        invitations.create_groups(proposal, group_ids(proposal, 1, 2), by=coralie)

    assert not Initiative.objects.exists()
    assert not SupportGroup.objects.exists()
    assert not Invitation.objects.exists()
    assert not ProposedGroup.objects.filter(initiative__isnull=False).exists()
    assert Volunteer.objects.filter(proposal=proposal, lat__isnull=False).count() == 11
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.DONE
    assert not AuditEvent.objects.exists()
    assert mail.outbox == []


def test_the_people_left_out_are_told_kindly_why_and_what_they_can_do(
    client: Client,
    coralie: User,
    organisation: Organisation,
    proposal: Proposal,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(coralie)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"groups": group_ids(proposal, 2)})  # refused: once

    alone = [m for m in mail.outbox if m.to == ["seule@example.net"]]
    not_created = [m for m in mail.outbox if m.to == ["vol-2-1@example.net"]]
    assert len(alone) == 1 and len(not_created) == 1
    assert "Votre demande de groupe auprès de Centre d'entraide de Nantes" in alone[0].subject
    assert "Bonjour Personne seule," in alone[0].body
    assert "personne d'autre sur la liste n'habite à distance de marche de chez vous" in (
        alone[0].body
    )
    assert "n'est pas créé pour le moment" in not_created[0].body
    for message in (alone[0], not_created[0]):
        assert "/groupes/" in message.body and "/creer-un-groupe/" in message.body
        assert "/invitations/" not in message.body
        assert "Personne 1-" not in message.body and "vol-1-" not in message.body
        assert message.reply_to == [organisation.contact_email]


def test_the_invitations_leave_through_a_real_smtp_client(
    client: Client,
    coralie: User,
    proposal: Proposal,
    smtp_server: tuple[SMTPInbox, dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    inbox, mailers = smtp_server
    client.force_login(coralie)

    with override_settings(MAILERS=mailers), django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"groups": group_ids(proposal, 2)})

    invitations = [
        (sender, recipients, message)
        for sender, recipients, message in inbox.messages
        if recipients[0].startswith("vol-2-")
    ]
    assert sorted(recipients[0] for _sender, recipients, _message in invitations) == [
        "vol-2-0@example.net",
        "vol-2-1@example.net",
        "vol-2-2@example.net",
    ]
    for _sender, recipients, message in invitations:
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        assert subject.startswith("Un groupe d'entraide se forme près de chez vous")
        body = text_of(message)
        token = Invitation.objects.get(volunteer__email=recipients[0]).token
        assert f"/invitations/{token}/" in body
        assert "3 personnes sont invitées" in body
        own = recipients[0][len("vol-") : len("vol-2-0")]
        assert f"Personne {own}," in body
        others = {"2-0", "2-1", "2-2"} - {own}
        assert all(f"Personne {other}" not in body for other in others)
        assert "@" not in body


# The coordinators' partials ---------------------------------------------------------------------


def test_the_creation_form_ticks_the_groups_big_enough(proposal: Proposal) -> None:
    Volunteer.objects.filter(proposal=proposal, ref="1-6").update(email="")
    html = render_to_string("proposals/_create_form.html", {"proposal": proposal})
    first, second = ProposedGroup.objects.filter(proposal=proposal).order_by("number")

    assert re.search(rf'value="{first.pk}" id="create-group-{first.pk}" checked', html)
    assert re.search(rf'value="{second.pk}" id="create-group-{second.pk}">', html)
    assert "Groupe n° 1 : 7 personnes, 6 invitées par e-mail" in html
    assert "Groupe n° 2 : 3 personnes <span" in html
    assert "sous la taille minimale" in html
    assert "Créer ces groupes et inviter leurs membres" in html
    assert "Personne 1-1" not in html


def test_a_created_group_shows_answers_as_counts_never_names(created: Proposal) -> None:
    first = ProposedGroup.objects.select_related("initiative__group").get(
        proposal=created, number=1
    )
    assert first.initiative is not None
    someone = person("joiner@example.org", "Josiane")
    invitations.accept(invitation_of(created, "1-1"), someone, host=True)
    invitations.decline(invitation_of(created, "1-2"), person("no@example.org", "Noé"))

    html = html_text.unescape(render_to_string("proposals/_created_group.html", {"group": first}))

    counts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))
    assert counts == {
        "Ont rejoint le groupe": "1",
        "Ont dit non merci": "1",
        "N'ont pas encore répondu": "5",
        "Accueil ou lancement du groupe": "quelqu'un s'est proposé",
    }
    assert f"/accompagnement/{first.initiative.group.slug}/" in html
    for name in ("Josiane", "Noé", "Personne"):
        assert name not in html
    second = ProposedGroup.objects.get(proposal=created, number=2)
    assert "n'a pas été créé" in render_to_string(
        "proposals/_created_group.html", {"group": second}
    )


# Answering an invitation -----------------------------------------------------------------------


def url_of(invitation: Invitation) -> str:
    return f"/invitations/{invitation.token}/"


def test_a_wrong_link_is_a_404(client: Client, created: Proposal) -> None:
    assert client.get("/invitations/pas-le-bon-lien/").status_code == 404


def test_anyone_with_the_link_sees_the_invitation_but_must_sign_in_to_answer(
    client: Client, created: Proposal
) -> None:
    invitation = invitation_of(created, "1-4")

    response = client.get(url_of(invitation))
    html = html_text.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Centre d'entraide de Nantes" in html
    assert "Deuil" in html
    assert "7 personnes, vous compris·e" in html
    assert "À environ 0,7 km de chez vous, à pied." in html
    assert "se décide ensuite, ensemble" in html
    assert f"/compte/login/?next=/invitations/{invitation.token}/" in html
    assert "Je rejoins ce groupe" not in html
    assert "Personne 1-" not in html

    answer = client.post(url_of(invitation), {"answer": "join"})
    assert answer.status_code == 302
    assert answer["Location"].startswith("/compte/login/")
    assert Invitation.objects.get(pk=invitation.pk).answer == Invitation.Answer.WAITING
    assert not Membership.objects.exists()


def test_a_signed_in_person_joins_as_a_member(client: Client, created: Proposal) -> None:
    invitation = invitation_of(created, "1-4")
    assert invitation.group.initiative is not None
    group = invitation.group.initiative.group
    josiane = person("josiane@example.org", "Josiane")
    client.force_login(josiane)
    page = html_text.unescape(client.get(url_of(invitation)).content.decode())
    assert "Je rejoins ce groupe" in page
    assert "Je veux bien accueillir le groupe chez moi, ou lancer le groupe" in page

    response = client.post(url_of(invitation), {"answer": "join"})

    assert response.status_code == 302
    assert response["Location"] == f"/creer-un-groupe/{group.slug}/"
    membership = Membership.objects.get(user=josiane, group=group)
    assert membership.role == Membership.Role.MEMBER
    assert membership.status == Membership.Status.ACTIVE
    assert Interest.objects.filter(initiative__group=group, user=josiane).exists()
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.JOINED
    assert invitation.user == josiane
    assert invitation.answered_at is not None
    assert Volunteer.objects.get(pk=invitation.volunteer_id).user == josiane
    assert Initiative.objects.get(group=group).initiator is None
    event = AuditEvent.objects.get(action=AuditEvent.Action.INVITATION_ACCEPTED)
    assert (event.actor, event.subject, event.group) == (josiane, josiane, group)
    # Her new group's page opens for her.
    assert client.get(response["Location"]).status_code == 200
    # Answering again changes nothing.
    again = client.post(url_of(invitation), {"answer": "join"})
    assert again["Location"] == f"/creer-un-groupe/{group.slug}/"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.INVITATION_ACCEPTED).count() == 1


def test_whoever_offers_first_to_host_facilitates_and_initiates_the_group(
    client: Client, created: Proposal
) -> None:
    first = invitation_of(created, "1-2")
    second = invitation_of(created, "1-0")  # the proposed host, offering second
    assert first.group.initiative is not None
    group = first.group.initiative.group
    yann, zoe = person("yann@example.org", "Yann"), person("zoe@example.org", "Zoé")

    client.force_login(yann)
    client.post(url_of(first), {"answer": "join", "host": "on"})
    client.force_login(zoe)
    client.post(url_of(second), {"answer": "join", "host": "on"})

    assert Membership.objects.get(user=yann, group=group).role == Membership.Role.FACILITATOR
    assert Membership.objects.get(user=zoe, group=group).role == Membership.Role.MEMBER
    assert Initiative.objects.get(group=group).initiator == yann


def test_saying_no_thanks_is_kindly_received_and_can_be_changed(
    client: Client, created: Proposal
) -> None:
    invitation = invitation_of(created, "1-5")
    noe = person("noe@example.org", "Noé")
    client.force_login(noe)

    response = client.post(url_of(invitation), {"answer": "decline"}, follow=True)

    html = html_text.unescape(response.content.decode())
    assert "c'est tout à fait d'accord" in html
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.user) == (Invitation.Answer.DECLINED, noe)
    assert not Membership.objects.filter(user=noe).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.INVITATION_DECLINED)
    assert event.subject == noe
    # Declining again is the same answer; joining after all is still possible.
    client.post(url_of(invitation), {"answer": "decline"})
    assert AuditEvent.objects.filter(action=AuditEvent.Action.INVITATION_DECLINED).count() == 1
    client.post(url_of(invitation), {"answer": "join"})
    assert Membership.objects.get(user=noe).role == Membership.Role.MEMBER


def test_once_answered_the_link_belongs_to_its_answerer(client: Client, created: Proposal) -> None:
    invitation = invitation_of(created, "1-1")
    josiane, other = person("josiane@example.org", "Josiane"), person("x@example.org", "Xavier")
    client.force_login(josiane)
    client.post(url_of(invitation), {"answer": "join"})

    assert client.get(url_of(invitation)).status_code == 200
    client.force_login(other)
    assert client.get(url_of(invitation)).status_code == 404
    assert client.post(url_of(invitation), {"answer": "decline"}).status_code == 404
    client.logout()
    anonymous = client.get(url_of(invitation))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/compte/login/")
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.user) == (Invitation.Answer.JOINED, josiane)
    assert not Membership.objects.filter(user=other).exists()


def test_nobody_joins_a_group_that_finished_its_founding(client: Client, created: Proposal) -> None:
    invitation = invitation_of(created, "1-1")
    assert invitation.group.initiative is not None
    Initiative.objects.filter(pk=invitation.group.initiative.pk).update(
        stage=Initiative.Stage.AUTONOMOUS
    )
    client.force_login(person("late@example.org", "Léa"))

    page = html_text.unescape(client.get(url_of(invitation)).content.decode())
    assert "n'accueille plus de nouveaux membres" in page
    response = client.post(url_of(invitation), {"answer": "join"}, follow=True)

    assert "terminé sa création" in html_text.unescape(response.content.decode())
    assert not Membership.objects.exists()


@pytest.mark.parametrize(("scope", "created_numbers"), [("complete", [1, 2]), ("all", [1, 2, 3])])
def test_a_long_proposal_creates_its_groups_by_scope(
    client: Client,
    coralie: User,
    organisation: Organisation,
    scope: str,
    created_numbers: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Past 60 groups the form offers a scope rather than a box per group."""
    proposal = build_proposal(organisation, sizes=(7, 6, 4))
    client.force_login(coralie)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(create_url(proposal), {"scope": scope})

    created = ProposedGroup.objects.filter(proposal=proposal, initiative__isnull=False)
    assert sorted(created.values_list("number", flat=True)) == created_numbers


def test_past_sixty_groups_the_form_offers_a_scope(
    client: Client, coralie: User, organisation: Organisation
) -> None:
    proposal = build_proposal(organisation, sizes=(6,) * 61)
    client.force_login(coralie)

    page = client.get(f"/organisations/{organisation.slug}/former-des-groupes/{proposal.pk}/")

    html = page.content.decode()
    assert 'name="scope" value="complete"' in html and 'name="groups"' not in html


def test_the_created_groups_page_counts_answers_without_a_query_per_group(
    client: Client,
    coralie: User,
    organisation: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def created_page_queries(groups: int) -> int:
        proposal = build_proposal(organisation, sizes=(6,) * groups)
        client.force_login(coralie)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(create_url(proposal), {"scope": "all"})
        url = f"/organisations/{organisation.slug}/former-des-groupes/{proposal.pk}/"
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200 and page.content.decode().count("Ont rejoint") == groups
        return len(queries)

    assert created_page_queries(8) == created_page_queries(2)


# Sending again ----------------------------------------------------------------------------------


def resend_url(proposal: Proposal) -> str:
    return f"/organisations/{proposal.organisation.slug}/former-des-groupes/{proposal.pk}/renvoyer/"


def test_the_coordinator_may_send_again_the_invitations_nobody_answered(
    client: Client, coralie: User, created: Proposal
) -> None:
    client.force_login(coralie)
    joined = invitation_of(created, "1-1")
    invitations.accept(joined, person("joiner@example.org", "Josiane"), host=True)
    waiting = Invitation.objects.filter(
        group__proposal=created, answer=Invitation.Answer.WAITING
    ).select_related("volunteer")
    mail.outbox.clear()

    page = client.post(resend_url(created), follow=True).content.decode()

    assert f"{len(waiting)} invitations sans réponse sont renvoyées par e-mail." in page
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.volunteer.email for i in waiting)
    assert joined.volunteer.email not in {m.to[0] for m in mail.outbox}
    assert all(
        f"/invitations/{i.token}/" in m.body
        for m, i in zip(
            sorted(mail.outbox, key=lambda m: m.to[0]),
            sorted(waiting, key=lambda i: i.volunteer.email),
            strict=True,
        )
    )


def test_an_invitation_still_waiting_to_leave_is_not_sent_twice(
    client: Client, coralie: User, proposal: Proposal, notification_worker: NotificationWorker
) -> None:
    notification_worker.hold()
    client.force_login(coralie)
    client.post(create_url(proposal), {"groups": group_ids(proposal, 1)})

    page = client.post(resend_url(proposal), follow=True).content.decode()
    notification_worker.run()

    assert "0 invitation sans réponse est renvoyée par e-mail." in page
    invitation_mails = [m for m in mail.outbox if "/invitations/" in m.body]
    assert len(invitation_mails) == Invitation.objects.filter(group__proposal=proposal).count()


def test_the_resend_button_shows_once_the_groups_are_created(
    client: Client, coralie: User, created: Proposal
) -> None:
    client.force_login(coralie)
    page = client.get(
        f"/organisations/{created.organisation.slug}/former-des-groupes/{created.pk}/"
    ).content.decode()

    assert f'action="{resend_url(created)}"' in page
    assert "Renvoyer les invitations" in page
