"""The charter's pages: who reads what, writing section by section, comments, signatures,
amendments and history."""

from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from conftest import Cast
from entraide.audit.models import AuditEvent
from entraide.charters.models import Charter, Comment, Signature
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation, OrganisationRole

pytestmark = pytest.mark.django_db

Url = Callable[..., str]


def adopt(charter: Charter) -> Charter:
    charter.status = Charter.Status.ADOPTED
    charter.adopted_at = timezone.now()
    charter.save()
    return charter


def html(client: Client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


# Who sees what ---------------------------------------------------------------------------------


def test_a_visitor_is_asked_to_log_in(client: Client, cast: Cast, url: Url) -> None:
    response = client.get(url())

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_a_stranger_gets_404_everywhere(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    client.force_login(cast.dan)

    for address in (url(), url("v1/"), url("v1/frequency/"), url("historique/")):
        assert client.get(address).status_code == 404, address
    for address in (url("v1/frequency/commenter/"), url("nouvelle-version/")):
        assert client.post(address, {"text": "Bonjour"}).status_code == 404, address
    assert not Comment.objects.exists()


def test_a_coordinator_of_the_group_s_organisation_does_not_see_the_charter(
    client: Client, cast: Cast, written: Charter, url: Url, organisation: Organisation
) -> None:
    cast.group.organisation = organisation
    cast.group.save()
    adopt(written)
    OrganisationRole.objects.create(user=cast.dan, organisation=organisation, role="coordinator")
    TOTP.activate(cast.dan, generate_totp_secret())  # coordinators must use a second factor
    client.force_login(cast.dan)

    assert client.get(url()).status_code == 404
    assert client.get(url("v1/")).status_code == 404
    assert client.get(url("v1.pdf")).status_code == 404


def test_before_adoption_the_observer_is_told_the_charter_will_come(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    client.force_login(cast.chloe)
    client.cookies["entraide_language"] = "fr"  # Chloé's account is in English

    page = html(client, url())

    assert "Elle sera affichée ici dès que les membres l'auront adoptée." in page
    assert written.answer("frequency") not in page
    assert client.get(url("v1/")).status_code == 404
    assert client.get(url("v1/frequency/")).status_code == 404


def test_an_observer_sees_only_the_adopted_version(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    adopt(written)
    draft = Charter.objects.create(
        group=cast.group,
        version=2,
        answers={**written.answers, "frequency": "Toutes les deux semaines."},
    )
    Signature.objects.create(charter=written, user=cast.bob)
    client.force_login(cast.chloe)

    page = html(client, url())

    assert "Le premier mardi du mois, sans faute." in page
    assert "Toutes les deux semaines." not in page
    assert "en préparation" not in page
    assert "Bob" not in page  # who signed is for members
    assert "Je m'engage" not in page
    assert client.get(url("v1/")).status_code == 200
    for address in (url(f"v{draft.version}/"), url("v2/frequency/"), url("historique/")):
        assert client.get(address).status_code == 404, address
    assert client.post(url("v1/signer/")).status_code == 404
    assert client.post(url("v2/frequency/commenter/"), {"text": "Oui"}).status_code == 404
    assert not Signature.objects.filter(user=cast.chloe).exists()


def test_members_see_the_draft_and_the_pages_are_not_cached(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    client.force_login(cast.bob)

    overview = html(client, url())
    response = client.get(url("v1/"))

    assert "La charte est en préparation (version 1)" in overview
    page = response.content.decode()
    assert "Logistique" in page and "Travailler ensemble" in page
    assert "Le premier mardi du mois, sans faute." in page
    assert "Suggestion : Une fois par mois." in page
    assert "no-store" in response["Cache-Control"]


# Writing section by section --------------------------------------------------------------------


def test_alice_starts_the_charter_of_a_group_that_has_none(
    client: Client, cast: Cast, url: Url
) -> None:
    client.force_login(cast.alice)
    assert "Commencer la charte" in html(client, url())

    response = client.post(url("nouvelle-version/"))

    charter = Charter.objects.get(group=cast.group)
    assert (charter.version, charter.status, charter.created_by) == (1, "draft", cast.alice)
    assert response["Location"] == url("v1/")


def test_only_a_facilitator_starts_a_version(client: Client, cast: Cast, url: Url) -> None:
    client.force_login(cast.bob)

    assert client.post(url("nouvelle-version/")).status_code == 404
    assert not Charter.objects.exists()


def test_alice_starts_from_the_suggestion_then_adapts_it(
    client: Client, cast: Cast, url: Url
) -> None:
    Charter.objects.create(group=cast.group, version=1)
    client.force_login(cast.alice)
    page = html(client, url("v1/duration/"))
    assert "Suggestion : 1 heure." in page
    assert "Partir de la suggestion" in page

    prefilled = client.post(url("v1/duration/"), {"answer": "", "use_suggestion": "1"})

    assert prefilled.status_code == 200
    assert "\n1 heure.</textarea>" in prefilled.content.decode()
    charter = Charter.objects.get()
    assert charter.answer("duration") == ""  # nothing saved until she says so

    response = client.post(url("v1/duration/"), {"answer": "  1 heure 30, pause comprise.  "})

    charter.refresh_from_db()
    assert charter.answer("duration") == "1 heure 30, pause comprise."
    assert response["Location"] == url("v1/place/")  # on to the next question


def test_a_too_long_answer_is_refused_and_kept(client: Client, cast: Cast, url: Url) -> None:
    Charter.objects.create(group=cast.group, version=1)
    client.force_login(cast.alice)

    response = client.post(url("v1/purpose/"), {"answer": "s" * 3001})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ce texte est trop long : 3000 caractères au plus." in page
    assert "s" * 3001 in page
    assert Charter.objects.get().answer("purpose") == ""


def test_an_unknown_question_is_404(client: Client, cast: Cast, written: Charter, url: Url) -> None:
    client.force_login(cast.alice)

    assert client.get(url("v1/nimporte-quoi/")).status_code == 404
    assert client.post(url("v1/nimporte-quoi/"), {"answer": "x"}).status_code == 404


def test_bob_cannot_write_the_text_but_comments_and_proposes(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    client.force_login(cast.bob)
    page = html(client, url("v1/frequency/"))
    assert "Enregistrer" not in page

    refused = client.post(url("v1/frequency/"), {"answer": "Chaque semaine."})
    response = client.post(
        url("v1/frequency/commenter/"),
        {"text": "Une fois par mois, c'est peu.", "proposal": "Deux fois par mois."},
    )

    assert refused.status_code == 404
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.author, comment.question, comment.status) == (cast.bob, "frequency", "open")
    client.force_login(cast.alice)
    page = html(client, url("v1/frequency/"))
    assert "Deux fois par mois." in page and "Reprendre dans le texte" in page


def test_an_empty_comment_is_refused_with_a_clear_message(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    client.force_login(cast.bob)

    response = client.post(url("v1/frequency/commenter/"), {"text": " ", "proposal": ""})

    assert response.status_code == 200
    assert "Écrivez un commentaire, une autre formulation, ou les deux." in (
        response.content.decode()
    )
    assert not Comment.objects.exists()


def test_alice_takes_a_proposal_into_the_text(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    proposal = Comment.objects.create(
        charter=written, question="frequency", author=cast.bob, proposal="Deux fois par mois."
    )
    other = Comment.objects.create(
        charter=written, question="frequency", author=cast.bob, text="Et le dimanche ?"
    )
    client.force_login(cast.bob)
    assert client.post(url(f"commentaires/{proposal.pk}/"), {"decision": "take"}).status_code == (
        404
    )
    client.force_login(cast.alice)

    client.post(url(f"commentaires/{proposal.pk}/"), {"decision": "take"})
    client.post(url(f"commentaires/{other.pk}/"), {"decision": "set_aside"})

    written.refresh_from_db()
    assert written.answer("frequency") == "Deux fois par mois."
    proposal.refresh_from_db()
    other.refresh_from_db()
    assert (proposal.status, other.status) == ("taken", "set_aside")
    page = html(client, url("v1/frequency/"))
    assert "reprise dans la charte" in page and "mise de côté" in page


def test_a_comment_without_another_wording_cannot_be_taken_into_the_text(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    remark = Comment.objects.create(
        charter=written, question="frequency", author=cast.bob, text="Et le dimanche ?"
    )
    client.force_login(cast.alice)

    response = client.post(url(f"commentaires/{remark.pk}/"), {"decision": "take"}, follow=True)

    assert response.redirect_chain[-1][0] == url("v1/frequency/") + "#commentaires"
    assert "Ce commentaire ne propose pas de formulation." in response.content.decode()
    remark.refresh_from_db()
    written.refresh_from_db()
    assert remark.status == "open"
    assert written.answer("frequency") == "Le premier mardi du mois, sans faute."


# Signatures ------------------------------------------------------------------------------------


def test_after_adoption_each_member_signs_once_and_members_see_who_signed(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    adopt(written)
    client.force_login(cast.bob)
    assert "Je m'engage à respecter la charte de notre groupe" in html(client, url())

    client.post(url("v1/signer/"))
    client.post(url("v1/signer/"))

    assert Signature.objects.filter(charter=written, user=cast.bob).count() == 1
    assert AuditEvent.objects.filter(action="charter.signed").count() == 1
    page = html(client, url())
    assert "Vous avez signé votre engagement" in page
    client.force_login(cast.alice)
    page = html(client, url())
    assert "1 membre sur 2 a signé." in page
    assert "Bob" in page
    assert "bob@example.org" not in page


def test_a_draft_cannot_be_signed(client: Client, cast: Cast, written: Charter, url: Url) -> None:
    client.force_login(cast.bob)

    assert client.post(url("v1/signer/")).status_code == 404
    assert not Signature.objects.exists()


def test_a_member_who_joined_after_adoption_reads_the_charter_and_is_asked_to_sign(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    adopt(written)
    Membership.objects.create(user=cast.dan, group=cast.group, role="member", status="active")
    client.force_login(cast.dan)

    page = html(client, url())

    assert "Le premier mardi du mois, sans faute." in page
    assert "Je m'engage à respecter la charte de notre groupe" in page
    client.post(url("v1/signer/"))
    assert Signature.objects.filter(user=cast.dan, charter=written).exists()


# Amendments and history ------------------------------------------------------------------------


def test_an_amendment_goes_through_the_same_consent_while_v1_stays_in_force(
    client: Client, cast: Cast, written: Charter, url: Url, django_capture_on_commit_callbacks: Any
) -> None:
    adopt(written)
    Signature.objects.create(charter=written, user=cast.bob)
    client.force_login(cast.alice)

    client.post(url("nouvelle-version/"))
    v2 = Charter.objects.get(group=cast.group, version=2)
    assert (v2.status, v2.answers) == ("draft", written.answers)
    assert (
        client.post(url("nouvelle-version/"), follow=True)
        .content.decode()
        .count("Une version de la charte est déjà en préparation.")
        == 1
    )
    client.post(url("v2/frequency/"), {"answer": "Deux fois par mois."})

    # Version 1 stays shown, to members and observers, while version 2 is written.
    overview = html(client, url())
    assert "Le premier mardi du mois, sans faute." in overview
    assert "Une nouvelle version (2) est en préparation" in overview
    client.force_login(cast.chloe)
    assert "Deux fois par mois." not in html(client, url())

    client.force_login(cast.alice)
    client.post(url("v2/demander-le-consentement/"))
    client.post(url("v2/consentement/"), {"decision": "consent"})
    client.force_login(cast.bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("v2/consentement/"), {"decision": "consent"})

    written.refresh_from_db()
    v2.refresh_from_db()
    assert (written.status, v2.status) == ("superseded", "adopted")
    page = html(client, url())
    assert "Deux fois par mois." in page
    assert "Je m'engage" in page  # signing version 1 does not sign version 2
    history = html(client, url("historique/"))
    assert "Version 1" in history and "Version 2" in history
    assert url("v1.pdf") in history
    assert client.get(url("v1.pdf")).status_code == 200
    client.force_login(cast.chloe)
    assert client.get(url("v1/")).status_code == 404  # no longer in force


def test_the_history_lists_versions_for_members(
    client: Client, cast: Cast, written: Charter, url: Url
) -> None:
    client.force_login(cast.bob)

    page = html(client, url("historique/"))

    assert "Version 1" in page and "En préparation" in page
    assert url("v1.pdf") not in page
