"""Step 1 of the founding journey: start a project, the interview, the group's public side,
the accompaniment by an organisation."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from conftest import Cast
from entraide.accounts.models import User
from entraide.directory.models import SupportGroup, Theme
from entraide.founding.models import Initiative
from entraide.founding.tests.test_initiator_support import make_person, make_project
from entraide.membership.models import Membership
from entraide.organisations.models import Organisation, OrganisationRole

pytestmark = pytest.mark.django_db

START = "/creer-un-groupe/"


def start_form(theme: Theme, **changes: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Parents endeuillés Rennes",
        "summary": "Des parents qui ont perdu un enfant se retrouvent pour en parler.",
        "themes": [theme.pk],
        "kind": "talk",
        "audience": "concerned",
        "format": "in_person",
        "place": "35000",
        "languages": ["fr", "en"],
        "cost": "free",
        "need": "Parler avec d'autres parents.",
        "members_profile": "",
        "motivation": "",
    }
    data.update(changes)
    return data


def test_a_visitor_is_asked_to_log_in_before_creating_a_group(client: Client) -> None:
    response = client.get(START)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_the_start_page_explains_the_four_steps_and_asks_the_interview(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.dan)

    page = client.get(START).content.decode()

    assert "Comment ça se passe, en quatre étapes" in page
    assert "Vivre les trois premières rencontres." in page
    assert 'name="members_profile"' in page and 'name="place"' in page


def test_dan_starts_a_project_with_a_partial_interview_and_it_stays_private(
    client: Client, cast: Cast, theme: Callable[..., Theme]
) -> None:
    client.force_login(cast.dan)

    response = client.post(START, start_form(theme()))

    initiative = Initiative.objects.get(initiator=cast.dan)
    group = initiative.group
    assert response["Location"] == f"/creer-un-groupe/{group.slug}/"
    assert (group.status, group.is_published) == ("founding", False)
    assert (group.town, group.country, group.language_codes) == ("Rennes", "FR", ["fr", "en"])
    assert initiative.need == "Parler avec d'autres parents."
    assert not initiative.interview_is_complete
    assert Membership.objects.get(user=cast.dan, group=group).is_facilitator
    assert client.get(group.get_absolute_url()).status_code == 404


def test_an_unknown_place_is_refused_and_nothing_typed_is_lost(
    client: Client, cast: Cast, theme: Callable[..., Theme]
) -> None:
    client.force_login(cast.dan)

    page = client.post(START, start_form(theme(), place="Atlantide")).content.decode()

    assert "Nous ne connaissons pas « Atlantide »" in page
    assert "Parler avec d&#x27;autres parents." in page
    assert not Initiative.objects.exists()


def test_the_cost_is_asked_never_assumed_free(
    client: Client, cast: Cast, theme: Callable[..., Theme]
) -> None:
    client.force_login(cast.dan)

    form = client.get(START).content.decode()
    unsaid = client.post(START, start_form(theme(), cost="")).content.decode()
    no_amount = client.post(START, start_form(theme(), cost="fixed")).content.decode()
    client.post(START, start_form(theme(), cost="fixed", cost_amount="2,50"))

    assert '<input type="radio" name="cost" value="free" id="id_cost_0" required>' in form
    assert "checked" not in form.split('name="cost"')[1][:40]  # nothing ticked for them
    assert "Dites ce que coûte une rencontre, même si c&#x27;est gratuit." in unsaid
    assert "Indiquez le montant par rencontre." in no_amount
    group = Initiative.objects.get().group
    assert (group.cost, str(group.cost_amount)) == ("fixed", "2.50")
    assert "Choisissez-en au moins une, ou écrivez la vôtre juste en dessous." in form


def test_a_group_with_a_contribution_is_never_called_free_in_its_texts(
    client: Client, cast: Cast, theme: Callable[..., Theme]
) -> None:
    client.force_login(cast.dan)
    client.post(START, start_form(theme(), cost="contribution"))
    initiative = Initiative.objects.get()

    page = client.get(f"/creer-un-groupe/{initiative.group.slug}/recrutement/").content.decode()

    assert "Gratuit" not in page and "gratuite" not in page


def test_an_online_group_needs_no_town(
    client: Client, cast: Cast, theme: Callable[..., Theme]
) -> None:
    client.force_login(cast.dan)

    client.post(START, start_form(theme(), place="", format="online"))

    group = Initiative.objects.get().group
    assert (group.format, group.town, group.latitude) == ("online", "", None)


def test_the_overview_shows_where_the_project_stands(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, motivation="")
    client.force_login(cast.alice)

    page = client.get(f"/creer-un-groupe/{initiative.group.slug}/").content.decode()

    assert "Étape 1 sur 5 : Entretien de motivation" in page
    assert '<li aria-current="step"><strong>Entretien de motivation</strong>' in page
    assert "Répondez d&#x27;abord aux trois premières questions" in page
    assert "Passer à l'étape suivante" not in page  # offered once nothing is missing
    assert 'name="reason"' not in page  # nothing before the first stage


@pytest.mark.parametrize(
    ("who", "status"), [("bob", 200), ("chloe", 200), ("dan", 404), ("nobody", 302)]
)
def test_who_may_see_the_overview(client: Client, cast: Cast, who: str, status: int) -> None:
    initiative = make_project(cast)
    client.cookies["entraide_language"] = "fr"  # Chloé's account is in English
    if who != "nobody":
        client.force_login(getattr(cast, who))

    response = client.get(f"/creer-un-groupe/{initiative.group.slug}/")

    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Étape 1 sur 5" in page
        assert "Passer à l'étape suivante" not in page
        assert "/entretien/" not in page


@pytest.mark.parametrize("page", ["entretien", "presentation", "accompagnement"])
def test_only_facilitators_reach_the_step_pages(client: Client, cast: Cast, page: str) -> None:
    initiative = make_project(cast)
    url = f"/creer-un-groupe/{initiative.group.slug}/{page}/"
    statuses = {}
    for name in ("alice", "bob", "chloe", "dan"):
        client.force_login(getattr(cast, name))
        statuses[name] = client.get(url).status_code
    client.logout()

    assert statuses == {"alice": 200, "bob": 404, "chloe": 404, "dan": 404}
    assert client.get(url).status_code == 302


def test_alice_completes_the_interview_over_two_evenings(client: Client, cast: Cast) -> None:
    initiative = make_project(cast, members_profile="", motivation="")
    client.force_login(cast.alice)
    url = f"/creer-un-groupe/{initiative.group.slug}/entretien/"

    client.post(url, {"need": initiative.need, "members_profile": "D'autres parents."})
    initiative.refresh_from_db()
    first_evening = (initiative.members_profile, initiative.interview_is_complete)
    response = client.post(
        url,
        {
            "need": initiative.need,
            "members_profile": "D'autres parents.",
            "motivation": "Ne plus être seule.",
            "own_role": "Lancer, puis passer la main.",
            "next": "overview",
        },
    )

    initiative.refresh_from_db()
    assert first_evening == ("D'autres parents.", False)
    assert response["Location"] == f"/creer-un-groupe/{initiative.group.slug}/"
    assert initiative.interview_is_complete and initiative.interview_completed_at is not None
    assert initiative.own_role == "Lancer, puis passer la main."


def test_alice_edits_the_public_side_of_the_group(
    client: Client, cast: Cast, theme: Callable[..., Theme]
) -> None:
    initiative = make_project(cast)
    client.force_login(cast.alice)
    other = theme("aidants", "Proches aidants", "Carers")

    response = client.post(
        f"/creer-un-groupe/{initiative.group.slug}/presentation/",
        start_form(other, name="Deuil Nantes Est", place="Lyon", kind="information"),
    )

    group = SupportGroup.objects.get(pk=initiative.group_id)
    assert response.status_code == 302
    assert (group.name, group.town, group.kind) == ("Deuil Nantes Est", "Lyon", "information")
    assert list(group.themes.all()) == [other]
    assert "proches aidants" in group.search_text


def test_a_refused_change_does_not_rename_the_group_on_the_page(
    client: Client, cast: Cast, theme: Callable[..., Theme]
) -> None:
    initiative = make_project(cast)
    client.force_login(cast.alice)

    page = client.post(
        f"/creer-un-groupe/{initiative.group.slug}/presentation/",
        start_form(theme(), name="Nouveau nom", summary=""),
    ).content.decode()

    assert "Dites en une phrase ce que le groupe propose." in page
    assert SupportGroup.objects.get(pk=initiative.group_id).name == "Deuil Nantes"


def test_asking_an_organisation_tells_its_coordinators_and_waits_for_them(
    client: Client, cast: Cast, organisation: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast)
    coralie = make_person("Coralie", "en")
    OrganisationRole.objects.create(
        user=coralie, organisation=organisation, role=OrganisationRole.Role.COORDINATOR
    )
    client.force_login(cast.alice)
    url = f"/creer-un-groupe/{initiative.group.slug}/accompagnement/"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"organisation": organisation.pk, "message": "Merci de votre aide."})

    initiative.refresh_from_db()
    assert (initiative.organisation, initiative.accompaniment) == (organisation, "requested")
    assert [message.to for message in mail.outbox] == [["coralie@example.org"]]
    assert "Deuil Nantes" in mail.outbox[0].subject
    assert "Merci de votre aide." in mail.outbox[0].body
    assert "alice@example.org" not in mail.outbox[0].body
    assert "centre-nantes" in mail.outbox[0].body
    page = client.get(f"/creer-un-groupe/{initiative.group.slug}/").content.decode()
    assert "L&#x27;organisation n&#x27;a pas encore répondu" in page


def test_an_organisation_without_a_team_on_the_site_gets_the_request_at_its_contact_address(
    client: Client, cast: Cast, organisation: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    initiative = make_project(cast)
    client.force_login(cast.alice)
    url = f"/creer-un-groupe/{initiative.group.slug}/accompagnement/"

    form = client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"organisation": organisation.pk, "message": "Merci de votre aide."}, follow=True
        )

    initiative.refresh_from_db()
    assert "Centre d&#x27;entraide de Nantes (votre demande ira à son adresse de contact)" in form
    assert initiative.accompaniment == "requested"
    assert [message.to for message in mail.outbox] == [["accueil@centre-nantes.example"]]
    assert mail.outbox[0].reply_to == ["alice@example.org"]
    assert "Merci de votre aide." in mail.outbox[0].body
    assert "pas encore de coordinateur·rice sur Entraide" in mail.outbox[0].body
    assert "Quel est votre besoin" not in mail.outbox[0].body  # never the interview
    assert "l&#x27;adresse de contact de Centre d&#x27;entraide de Nantes" in (
        response.content.decode()
    )


def test_an_organisation_nobody_can_be_reached_at_cannot_be_chosen(
    client: Client, cast: Cast, elsewhere: Organisation
) -> None:
    initiative = make_project(cast)
    client.force_login(cast.alice)
    url = f"/creer-un-groupe/{initiative.group.slug}/accompagnement/"

    form = client.get(url).content.decode()
    page = client.post(url, {"organisation": elsewhere.pk, "message": ""}).content.decode()

    initiative.refresh_from_db()
    assert "Centre de Lyon" not in form
    assert "Cette organisation n&#x27;existe pas." in page
    assert initiative.accompaniment == "none"
    assert len(mail.outbox) == 0


def test_alice_withdraws_her_request_and_goes_on_without_an_organisation(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    initiative = make_project(
        cast, organisation=organisation, accompaniment=Initiative.Accompaniment.REQUESTED
    )
    client.force_login(cast.alice)
    url = f"/creer-un-groupe/{initiative.group.slug}/accompagnement/"

    page = client.get(url).content.decode()
    client.post(url, {"withdraw": "1"})

    initiative.refresh_from_db()
    assert "un groupe peut tout à fait se créer sans organisation" in page
    assert (initiative.organisation, initiative.accompaniment) == (None, "none")


def test_the_proposed_interview_slot_shows_in_the_group_time_zone(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    import datetime as dt

    initiative = make_project(
        cast,
        organisation=organisation,
        accompaniment=Initiative.Accompaniment.ACCEPTED,
        interview_slot=dt.datetime(2031, 7, 1, 15, 0, tzinfo=dt.UTC),
        interview_slot_note="Au centre, salle 2",
    )
    client.force_login(cast.alice)

    page = client.get(f"/creer-un-groupe/{initiative.group.slug}/accompagnement/").content.decode()

    assert "mardi 1er juillet 2031 à 17:00" in page
    assert "Au centre, salle 2" in page


def test_alice_answers_the_proposed_slot_in_the_app_and_the_coordinators_are_told(
    client: Client,
    cast: Cast,
    organisation: Organisation,
    coralie: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    import datetime as dt

    initiative = make_project(
        cast,
        organisation=organisation,
        accompaniment=Initiative.Accompaniment.REQUESTED,
        interview_slot=dt.datetime(2031, 7, 1, 15, 0, tzinfo=dt.UTC),
    )
    client.force_login(cast.alice)
    url = f"/creer-un-groupe/{initiative.group.slug}/accompagnement/"

    unsaid = client.post(url, {"slot": "1", "answer": "another", "note": ""}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            url, {"slot": "1", "answer": "another", "note": "Plutôt le jeudi matin."}, follow=True
        ).content.decode()
    client.force_login(coralie)
    seen = client.get(
        f"/organisations/centre-nantes/accompagnement/{initiative.group.slug}/"
    ).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/organisations/centre-nantes/accompagnement/{initiative.group.slug}/rendez-vous/",
            {"date": "2031-07-03", "time": "10:00", "note": ""},
        )

    assert "Dites quand vous seriez disponible." in unsaid
    assert "Votre réponse est envoyée aux coordinateur·rices." in answered
    to_coralie = [m for m in mail.outbox if m.to == ["coralie@example.org"]]
    assert len(to_coralie) == 1
    assert "Je préfère un autre moment." in to_coralie[0].body
    assert "Plutôt le jeudi matin." in to_coralie[0].body
    assert "mardi 1er juillet 2031 à 17:00" in to_coralie[0].body
    assert "je préfère un autre moment" in seen and "Plutôt le jeudi matin." in seen
    initiative.refresh_from_db()
    assert (initiative.interview_slot_answer, initiative.interview_slot_answer_note) == ("", "")


def test_there_is_no_slot_to_answer_before_one_is_proposed(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    initiative = make_project(
        cast, organisation=organisation, accompaniment=Initiative.Accompaniment.REQUESTED
    )
    client.force_login(cast.alice)

    page = client.post(
        f"/creer-un-groupe/{initiative.group.slug}/accompagnement/",
        {"slot": "1", "answer": "suits", "note": ""},
        follow=True,
    ).content.decode()

    assert "Il n&#x27;y a pas de rendez-vous proposé en ce moment." in page
    initiative.refresh_from_db()
    assert initiative.interview_slot_answer == ""
