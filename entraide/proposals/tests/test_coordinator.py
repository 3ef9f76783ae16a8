"""The coordinator's side of forming groups: who may see the pages, the list and its CSV checks,
the proposal's page, moving people and choosing hosts with the rules re-checked, deleting."""

import html as html_text
import math
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import PASSWORD, Cast
from entraide.accounts.models import User
from entraide.audit.models import AuditEvent
from entraide.organisations.models import Organisation
from entraide.proposals import actions
from entraide.proposals.models import Proposal, ProposedGroup, Volunteer, Wish

pytestmark = pytest.mark.django_db

LIST = "/organisations/centre-nantes/former-des-groupes/"
NANTES = (47.2184, -1.5536)


def at(
    east_km: float, north_km: float = 0.0, origin: tuple[float, float] = NANTES
) -> dict[str, float]:
    lat = origin[0] + north_km / 111.195
    lon = origin[1] + east_km / (111.195 * math.cos(math.radians(origin[0])))
    return {"lat": lat, "lon": lon}


def group_of(
    proposal: Proposal,
    number: int,
    places: list[dict[str, float]],
    languages: str = "fr",
    themes: str = "",
) -> ProposedGroup:
    """A group whose first person hosts it, with the distances the solver would have stored."""
    from entraide.lib.places import haversine_km

    group = ProposedGroup.objects.create(proposal=proposal, number=number)
    host = places[0]
    for index, place in enumerate(places):
        volunteer = Volunteer.objects.create(
            proposal=proposal,
            ref=f"{number}-{index}",
            name=f"Personne {number}-{index}",
            languages=languages,
            themes=themes,
            group=group,
            distance_km=haversine_km(place["lat"], place["lon"], host["lat"], host["lon"]),
            **place,
        )
        if index == 0:
            group.host = volunteer
            group.save(update_fields=["host"])
    return group


@pytest.fixture
def proposal(organisation: Organisation) -> Proposal:
    """Computed, with a shared language asked:
    - group 1 (full, 10, French): its host in the centre, members up to 1.8 km east and west;
    - group 2 (6, French), 600 m north; group 3 (6), 10 km east; group 4 (7, French or
      English), 600 m south;
    - Élodie, English only, near group 2, not placed (no shared language)."""
    found = Proposal.objects.create(
        organisation=organisation,
        name="Forum de septembre",
        source=Proposal.Source.CSV,
        status=Proposal.Status.DONE,
        same_language=True,
        lower_bound_km=1.0,
    )
    group_of(found, 1, [at(0), at(1.8), at(-1.8)] + [at(0.1 * i, 0.1) for i in range(7)])
    group_of(found, 2, [at(0, 0.6)] + [at(0.1 * i, 0.7) for i in range(5)])
    group_of(found, 3, [at(10)] + [at(10 + 0.1 * i, 0.1) for i in range(5)])
    group_of(found, 4, [at(0, -0.6)] + [at(0.1 * i, -0.7) for i in range(6)], languages="en;fr")
    Volunteer.objects.create(
        proposal=found,
        ref="elodie",
        name="Élodie",
        languages="en",
        unplaced_reason="no shared language",
        **at(0.05, 0.65),
    )
    actions._refresh_total(found)
    return found


def url(proposal: Proposal, action: str = "") -> str:
    return f"/organisations/{proposal.organisation.slug}/former-des-groupes/{proposal.pk}/{action}"


def person(proposal: Proposal, ref: str) -> Volunteer:
    return Volunteer.objects.get(proposal=proposal, ref=ref)


def group(proposal: Proposal, number: int) -> ProposedGroup:
    return ProposedGroup.objects.get(proposal=proposal, number=number)


def text(response: Any) -> str:
    return html_text.unescape(response.content.decode())


def said(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Who may see and do what ---------------------------------------------------------------------


def pages(proposal: Proposal) -> list[tuple[str, str, dict[str, Any]]]:
    someone = person(proposal, "2-1")
    return [
        ("get", LIST, {}),
        ("post", LIST + "nouvelle/", {"name": "x", "source": "wishes"}),
        ("get", url(proposal), {}),
        ("get", url(proposal, "avancement/"), {}),
        ("post", url(proposal, "deplacer/"), {"volunteer": someone.pk, "group": "none"}),
        ("post", url(proposal, "accueil/"), {"volunteer": someone.pk}),
        ("post", url(proposal, "supprimer/"), {}),
    ]


@pytest.mark.parametrize("who", ["dan", "alice", "chloe", "olivia", "oscar"])
def test_nobody_but_the_organisations_coordinators_reaches_the_proposals(
    client: Client,
    cast: Cast,
    olivia: User,
    oscar: User,
    proposal: Proposal,
    who: str,
) -> None:
    people = {"olivia": olivia, "oscar": oscar}
    client.force_login(people.get(who) or getattr(cast, who))

    for method, address, data in pages(proposal):
        response = getattr(client, method)(address, data)
        assert response.status_code == 404, (who, method, address)
    assert Proposal.objects.filter(pk=proposal.pk).exists()
    assert person(proposal, "2-1").group is not None


def test_a_visitor_is_asked_to_log_in_everywhere(client: Client, proposal: Proposal) -> None:
    for method, address, data in pages(proposal):
        response = getattr(client, method)(address, data)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/compte/login/")


def test_coralie_reaches_every_page_of_her_organisations_proposal(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)

    assert client.get(LIST).status_code == 200
    assert client.get(url(proposal)).status_code == 200
    assert client.get(url(proposal, "avancement/")).status_code == 200
    assert client.get(LIST + "nouvelle/").status_code == 405
    assert client.get(url(proposal, "deplacer/")).status_code == 405
    assert client.get(url(proposal, "supprimer/")).status_code == 405


def test_another_organisations_proposal_and_people_are_not_found(
    client: Client, coralie: User, olivia: User, elsewhere: Organisation, proposal: Proposal
) -> None:
    theirs = Proposal.objects.create(organisation=elsewhere, name="Lyon", source="csv")
    stranger = Volunteer.objects.create(proposal=theirs, ref="x", lat=45.7, lon=4.8)
    client.force_login(coralie)

    assert (
        client.get(f"/organisations/centre-lyon/former-des-groupes/{theirs.pk}/").status_code == 404
    )
    assert client.get(url(proposal).replace(str(proposal.pk), str(theirs.pk))).status_code == 404
    moved = client.post(url(proposal, "deplacer/"), {"volunteer": stranger.pk, "group": "none"})
    assert moved.status_code == 404
    hosted = client.post(url(proposal, "accueil/"), {"volunteer": "abc"})
    assert hosted.status_code == 404


# The list page and the CSV --------------------------------------------------------------------


def test_the_list_page_shows_the_proposals_the_form_and_the_sample(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)

    page = text(client.get(LIST))

    assert "Forum de septembre" in page and "Proposition prête" in page
    assert "/static/proposals/exemple.csv" in page
    assert "Il n'est pas opportun que quelqu'un doive faire un long trajet à pied" in page
    assert 'name="min_size" value="6"' in page and 'name="max_size" value="10"' in page
    # Nobody asked to be grouped yet: that choice is off, and says why.
    assert 'value="wishes" id="id_source_1" disabled' in page
    assert "Personne ne l'a encore demandé." in page


def test_the_people_who_asked_are_counted_on_the_form(
    client: Client, coralie: User, cast: Cast, organisation: Organisation
) -> None:
    for someone in (cast.alice, cast.bob):
        Wish.objects.create(
            organisation=organisation, user=someone, postal_code="44000", lat=47.2, lon=-1.5
        )
    client.force_login(coralie)

    page = text(client.get(LIST))

    assert "les 2 personnes qui ont demandé à votre organisation" in page
    assert "disabled" not in page.split('value="wishes"')[1].split(">")[0]


def post_csv(client: Client, content: str | bytes, **fields: Any) -> Any:
    data = content.encode() if isinstance(content, str) else content
    form: dict[str, Any] = {
        "name": "Forum",
        "source": "csv",
        "min_size": "6",
        "max_size": "10",
        "max_km": "2",
        "file": SimpleUploadedFile("liste.csv", data, content_type="text/csv"),
    }
    form.update(fields)
    return client.post(LIST + "nouvelle/", form)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("", "Le fichier est vide."),
        ("id,lat,lon\n", "Le fichier a un en-tête mais aucune personne."),
        ("id,name\n1,Marie\n", "ligne 1 : il manque la colonne lat, lon."),
        ("lat,lon\n47,-1\n", "ligne 1 : il manque la colonne id."),
        (
            "id,lat,lon\n1,47.2,-1.5\n2,123,-1.5\n",
            "ligne 3 : la latitude 123 n'est pas possible (entre -90 et 90).",
        ),
        (
            "id,lat,lon\n1,47.2,-1.5\n1,47.2,-1.5\n",
            "ligne 3 : l'identifiant « 1 » est déjà utilisé à la ligne 2.",
        ),
        ("id,lat,lon\n1,47.2,181\n", "ligne 2 : la longitude 181 n'est pas possible"),
        (
            "id,lat,lon\n1,quarante,-1.5\n",
            "ligne 2 : la latitude « quarante » n'est pas un nombre.",
        ),
        ("id,lat,lon\n1,47.2,\n", "ligne 2 : donnez la latitude et la longitude, ou aucune"),
        ("id,lat,lon\n,47.2,-1.5\n", "ligne 2 : l'identifiant (colonne id) est vide."),
        ("id,postal_code\n1,99999\n", "ligne 2 : le code postal « 99999 » est inconnu"),
        ("id,postal_code\n1,\n", "ligne 2 : il manque la position"),
        ("id,lat,lon,email\n1,47.2,-1.5,marie@\n", "ligne 2 : l'adresse e-mail « marie@ »"),
        ("id,lat,lon\n1,nan,-1.5\n", "ligne 2 : la latitude « nan » n'est pas un nombre."),
        (b"id,name,lat,lon\n1,Ren\xe9,47.2,-1.5\n", "ligne 2 : le fichier n'est pas en UTF-8."),
        (
            b"id,lat,lon\n1,47.2,-1.5\n2\x00,47.2,-1.5\n",
            "ligne 3 : le fichier contient un caractère nul",
        ),
        ("id,lat,lon\n1,47.2,-1.5\n".encode("utf-16-le"), "ligne 1 : le fichier contient"),
    ],
)
def test_a_wrong_file_is_explained_line_by_line_and_nothing_is_saved(
    client: Client, coralie: User, content: str | bytes, error: str
) -> None:
    client.force_login(coralie)

    response = post_csv(client, content)

    assert response.status_code == 200
    assert error in text(response)
    assert "Rien n'a été enregistré" in text(response)
    assert 'value="Forum"' in text(response)
    assert not Proposal.objects.exists() and not Volunteer.objects.exists()


def test_every_error_of_a_file_is_told_up_to_ten_then_counted(
    client: Client, coralie: User
) -> None:
    rows = "".join(f"{i},95,-1.5\n" for i in range(13))
    client.force_login(coralie)

    page = text(post_csv(client, "id,lat,lon\n" + rows))

    assert page.count("n'est pas possible (entre -90 et 90)") == 10
    assert "… et 3 autres erreurs." in page


def test_the_form_checks_the_sizes_the_distance_and_the_source(
    client: Client, coralie: User
) -> None:
    client.force_login(coralie)

    page = text(post_csv(client, "id,lat,lon\n1,47,-1\n", min_size="8", max_size="6"))
    assert "La taille maximale (6) est plus petite que la minimale (8)." in page
    page = text(post_csv(client, "id,lat,lon\n1,47,-1\n", max_km="0"))
    assert "Indiquez une distance, de 0,1 à 50 km." in page
    page = text(
        client.post(
            LIST + "nouvelle/",
            {"name": "x", "source": "csv", "min_size": 6, "max_size": 10, "max_km": 2},
        )
    )
    assert "Choisissez le fichier CSV de la liste." in page
    page = text(
        client.post(
            LIST + "nouvelle/",
            {"name": "x", "source": "wishes", "min_size": 6, "max_size": 10, "max_km": 2},
        )
    )
    assert "Personne ne s'est encore inscrit auprès de votre organisation." in page
    assert not Proposal.objects.exists()


def test_a_french_excel_file_is_read_with_its_semicolons_and_decimal_commas(
    client: Client, coralie: User
) -> None:
    content = (
        "\ufeffid;nom;latitude;longitude;code_postal;langues;thèmes\n"
        "1;Marie;47,2184;-1,5536;;fr,en;Deuil|Aidants\n"
        '2;Jo;;;44000;"fr;ar";aidants\n'
    )
    client.force_login(coralie)

    response = post_csv(client, content.encode("utf-8"), max_km="1,5")

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.max_km == 1.5
    marie, jo = Volunteer.objects.filter(proposal=proposal).order_by("ref")
    assert (marie.name, marie.lat, marie.lon, marie.approximate) == (
        "Marie",
        47.2184,
        -1.5536,
        False,
    )
    assert (marie.languages, marie.themes) == ("en;fr", "aidants;deuil")
    assert jo.approximate and jo.lat is not None and jo.languages == "ar;fr"


def test_a_file_over_five_megabytes_is_refused(client: Client, coralie: User) -> None:
    client.force_login(coralie)

    page = text(post_csv(client, b"id,lat,lon\n" + b"1,47,-1\n" * 700_000))

    assert "Le fichier dépasse 5 Mo." in page
    assert not Proposal.objects.exists()


def test_more_than_a_hundred_thousand_people_are_refused(
    client: Client, coralie: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from entraide.proposals import forms

    monkeypatch.setattr(forms, "MAX_ROWS", 3)
    client.force_login(coralie)

    page = text(post_csv(client, "id,lat,lon\n1,47,-1\n2,47,-1\n3,47,-1\n4,47,-1\n"))

    assert "Le fichier compte plus de 3 personnes." in page
    assert not Proposal.objects.exists()


# The proposal's page ------------------------------------------------------------------------


def test_while_it_is_computed_the_page_shows_a_progress_bar_that_refreshes(
    client: Client, coralie: User, organisation: Organisation
) -> None:
    running = Proposal.objects.create(
        organisation=organisation, name="En cours", source="csv", status="running", progress=37
    )
    client.force_login(coralie)

    page = text(client.get(url(running)))
    fragment = client.get(url(running, "avancement/"), HTTP_HX_REQUEST="true")

    assert '<progress id="progress-bar" max="100" value="37">37 %</progress>' in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert f'hx-get="{url(running, "avancement/")}"' in page
    assert "htmx" in page
    assert "Calcul des groupes en cours : 37 %" in text(fragment)
    assert "HX-Refresh" not in fragment


def test_once_computed_the_fragment_asks_htmx_to_reload_the_page(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)

    fragment = client.get(url(proposal, "avancement/"), HTTP_HX_REQUEST="true")
    page = text(client.get(url(proposal)))

    assert fragment["HX-Refresh"] == "true"
    assert "http-equiv" not in page and "<progress" not in page


def test_the_proposal_shows_the_summary_the_plot_the_groups_and_the_unplaced(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)

    page = text(client.get(url(proposal)))

    assert "Groupe n° 1" in page and "Groupe n° 4" in page
    assert "accueilli chez Personne 1-0" in page
    assert "Élodie</span> : aucune personne proche ne parle une même langue qu'elle" in page
    assert "Personnes placées</dt><dd>29" in page
    assert "Au pire" in page and "au-dessus du meilleur regroupement possible" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "Créer les groupes et inviter leurs membres" in page
    # The move forms are only on the group being changed, to keep big proposals light.
    assert "Déplacer vers" not in page and "Changer le groupe n° 2" in page
    editing = text(client.get(url(proposal) + "?groupe=2"))
    assert editing.count("Déplacer vers") == 6
    assert "Groupe n° 1 : 0,7 km, 10 personnes (complet)" in editing
    assert "Groupe n° 3 : 10,0 km, 6 personnes (trop loin)" in editing
    # Élodie may be placed: the groups nearest her home are offered.
    assert "Placer dans un groupe" in page
    elodie = person(proposal, "elodie")
    placing = text(client.get(url(proposal) + f"?placer={elodie.pk}"))
    assert "Groupe n° 2 : 0,1 km, 6 personnes" in placing


def test_groups_are_shown_fifty_a_page(
    client: Client, coralie: User, organisation: Organisation
) -> None:
    many = Proposal.objects.create(
        organisation=organisation, name="Grande liste", source="csv", status="done"
    )
    for number in range(1, 53):
        group_of(many, number, [at(number * 3), at(number * 3 + 0.1)])
    client.force_login(coralie)

    first = text(client.get(url(many)))
    second = text(client.get(url(many) + "?page=2"))

    assert "Groupe n° 50<" in first and "Groupe n° 51<" not in first
    assert "Groupe n° 51<" in second and "Page 2 sur 2" in second


def test_odd_numbers_in_the_address_show_the_first_page(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    """A "²" passes str.isdigit() but not int(): the page must not break on it."""
    client.force_login(coralie)

    for query in ("?groupe=²", "?page=²&hors=²", "?groupe=" + "9" * 30, "?placer=²"):
        response = client.get(url(proposal) + query)

        assert response.status_code == 200, query
        assert "Groupe n° 1<" in text(response)


def test_once_the_groups_are_created_the_page_says_the_homes_were_erased(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    Volunteer.objects.filter(proposal=proposal).update(lat=None, lon=None)
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.CREATED)
    client.force_login(coralie)

    page = text(client.get(url(proposal)))

    assert "Les positions des domiciles ont été effacées" in page
    assert "<svg" not in page
    assert "Déplacer vers" not in page
    assert "Ce groupe n'a pas été créé" in page  # P2's partial, for a group left uncreated


# Moving people and choosing hosts --------------------------------------------------------------


def move(client: Client, proposal: Proposal, ref: str, target: int | str) -> Any:
    group_id = target if isinstance(target, str) else group(proposal, target).pk
    return client.post(
        url(proposal, "deplacer/"), {"volunteer": person(proposal, ref).pk, "group": group_id}
    )


def test_coralie_moves_someone_to_a_nearby_group_with_room(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)
    total_before = proposal.total_km or 0

    response = move(client, proposal, "2-3", 4)

    moved = person(proposal, "2-3")
    assert moved.group == group(proposal, 4)
    host = group(proposal, 4).host
    assert host is not None and host.lat is not None and moved.lat is not None
    from entraide.lib.places import haversine_km

    assert moved.distance_km == pytest.approx(
        haversine_km(moved.lat, moved.lon or 0, host.lat, host.lon or 0)
    )
    proposal.refresh_from_db()
    assert proposal.total_km != pytest.approx(total_before)
    assert proposal.total_km == pytest.approx(
        sum(v.distance_km or 0 for v in Volunteer.objects.filter(proposal=proposal))
    )
    assert said(response) == ["C'est fait : la personne est maintenant dans le groupe 4."]
    assert AuditEvent.objects.get(action=AuditEvent.Action.PROPOSAL_CHANGED).detail == "2>4"
    # Group 2 is now below the minimum: allowed, and flagged.
    page = text(client.get(url(proposal)))
    assert "sous la taille minimale" in page and "dont 1 sous la taille minimale" in page


@pytest.mark.parametrize(
    ("ref", "target", "refusal"),
    [
        ("2-1", 1, "Refusé : le groupe 1 est complet, il a déjà 10 personnes (10 au plus)."),
        (
            "2-1",
            3,
            "Refusé : cette personne habite à 10,0 km de la personne qui accueille le groupe 3, "
            "plus que la distance maximale de 2,0 km.",
        ),
        (
            "elodie",
            2,
            "Refusé : dans le groupe 2, tout le monde doit parler une même langue, et cette "
            "personne n'en partage aucune avec les autres.",
        ),
        (
            "2-0",
            4,
            "Cette personne accueille le groupe 2 : choisissez d'abord une autre personne pour "
            "l'accueillir.",
        ),
        ("2-1", 2, "Cette personne est déjà dans le groupe 2."),
    ],
)
def test_a_move_that_breaks_a_rule_is_refused_with_the_rule_named(
    client: Client, coralie: User, proposal: Proposal, ref: str, target: int, refusal: str
) -> None:
    client.force_login(coralie)
    before = list(Volunteer.objects.filter(proposal=proposal).values_list("group", "distance_km"))

    response = move(client, proposal, ref, target)

    assert response.status_code == 302
    assert said(response) == [refusal]
    after = list(Volunteer.objects.filter(proposal=proposal).values_list("group", "distance_km"))
    assert after == before
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PROPOSAL_CHANGED).exists()


def test_the_person_who_speaks_only_english_joins_the_group_that_speaks_it_too(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)

    move(client, proposal, "elodie", 4)

    elodie = person(proposal, "elodie")
    assert elodie.group == group(proposal, 4)
    assert elodie.unplaced_reason == "no shared language"  # kept: the solver's answer
    assert elodie.distance_km is not None and elodie.distance_km < 2.2


def test_a_shared_theme_is_checked_too(
    client: Client, coralie: User, organisation: Organisation
) -> None:
    themed = Proposal.objects.create(
        organisation=organisation, name="Thèmes", source="csv", status="done", same_theme=True
    )
    group_of(themed, 1, [at(0), at(0.2)], themes="deuil")
    group_of(themed, 2, [at(0, 0.5), at(0.2, 0.5), at(0.3, 0.5)], themes="aidants")
    client.force_login(coralie)

    refused = move(client, themed, "2-1", 1)
    client.get(url(themed))
    Volunteer.objects.filter(proposal=themed, ref="2-2").update(themes="aidants;deuil")
    accepted = move(client, themed, "2-2", 1)

    assert said(refused) == [
        "Refusé : dans le groupe 1, tout le monde doit avoir un même thème, et cette personne "
        "n'en partage aucun avec les autres."
    ]
    assert person(themed, "2-2").group == group(themed, 1)
    assert said(accepted) == ["C'est fait : la personne est maintenant dans le groupe 1."]


def test_someone_set_aside_is_listed_with_the_reason_and_the_bound_no_longer_claimed(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)

    response = move(client, proposal, "4-2", "none")

    aside = person(proposal, "4-2")
    assert (aside.group, aside.distance_km, aside.unplaced_reason) == (
        None,
        None,
        actions.SET_ASIDE,
    )
    assert said(response) == ["C'est fait : la personne n'est plus dans aucun groupe."]
    page = text(client.get(url(proposal)))
    assert "Personne 4-2</span> : retirée de son groupe par une personne qui coordonne" in page
    assert "la comparaison avec le meilleur regroupement possible ne tient plus" in page
    # Back in a group, the reason goes.
    move(client, proposal, "4-2", 4)
    assert person(proposal, "4-2").unplaced_reason == ""


def test_a_host_alone_in_their_group_may_leave_it_and_the_empty_group_goes(
    client: Client, coralie: User, organisation: Organisation
) -> None:
    small = Proposal.objects.create(
        organisation=organisation, name="P", source="csv", status="done"
    )
    group_of(small, 1, [at(0)])
    group_of(small, 2, [at(0.5), at(0.6)])
    client.force_login(coralie)

    move(client, small, "1-0", 2)

    assert list(ProposedGroup.objects.filter(proposal=small).values_list("number", flat=True)) == [
        2
    ]


def test_coralie_asks_another_member_to_host_the_group(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)
    newcomer = person(proposal, "2-4")

    response = client.post(url(proposal, "accueil/"), {"volunteer": newcomer.pk})

    assert said(response) == ["C'est fait : la personne accueille maintenant le groupe 2."]
    assert group(proposal, 2).host == newcomer
    members = {v.ref: v.distance_km for v in group(proposal, 2).volunteers.all()}
    assert members["2-4"] == 0
    assert members["2-0"] == pytest.approx(0.316, abs=0.01)
    proposal.refresh_from_db()
    assert proposal.total_km == pytest.approx(
        sum(v.distance_km or 0 for v in Volunteer.objects.filter(proposal=proposal))
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PROPOSAL_CHANGED).count() == 1


def test_a_host_too_far_from_some_members_is_refused(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)
    east = person(proposal, "1-1")  # 1.8 km east; 1-2 lives 1.8 km west

    response = client.post(url(proposal, "accueil/"), {"volunteer": east.pk})

    assert said(response) == [
        "Refusé : 1 personne du groupe 1 habiterait à plus de 2,0 km de chez elle."
    ]
    assert group(proposal, 1).host == person(proposal, "1-0")


def test_nothing_may_be_changed_once_the_groups_are_created(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.CREATED)
    client.force_login(coralie)

    moved = move(client, proposal, "2-3", 4)
    assert said(moved) == ["Cette proposition ne peut plus être modifiée."]
    client.get(url(proposal))
    hosted = client.post(url(proposal, "accueil/"), {"volunteer": person(proposal, "2-3").pk})

    assert said(hosted) == ["Cette proposition ne peut plus être modifiée."]
    assert person(proposal, "2-3").group == group(proposal, 2)


# Deleting ----------------------------------------------------------------------------------


def test_coralie_deletes_a_proposal_with_every_point_in_it(
    client: Client, coralie: User, proposal: Proposal
) -> None:
    client.force_login(coralie)

    response = client.post(url(proposal, "supprimer/"))

    assert response.status_code == 302 and response["Location"] == LIST
    assert not Proposal.objects.exists()
    assert not Volunteer.objects.exists() and not ProposedGroup.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.PROPOSAL_DELETED)
    assert event.actor == coralie and event.detail == "30 p."
    assert "Forum de septembre" not in event.detail


def test_the_admin_shows_proposals_without_the_people(client: Client, proposal: Proposal) -> None:
    admin = User.objects.create_superuser("admin@example.org", PASSWORD, display_name="Admin")
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)

    listing = text(client.get("/admin/proposals/proposal/"))
    page = text(client.get(f"/admin/proposals/proposal/{proposal.pk}/change/"))

    assert "Forum de septembre" in listing and ">30<" in listing
    assert "Forum de septembre" in page
    assert "Personne 1-0" not in page and "Élodie" not in page
    assert client.get("/admin/proposals/volunteer/").status_code == 404


def test_a_move_that_names_nobody_changes_nothing_and_says_so(
    client: Client, coralie: User, organisation: Organisation
) -> None:
    proposal = Proposal.objects.create(
        organisation=organisation, name="Liste", source="csv", status="done"
    )
    client.force_login(coralie)
    base = f"/organisations/{organisation.slug}/former-des-groupes/{proposal.pk}/"

    for tail in ("deplacer/", "accueil/"):
        response = client.post(base + tail, {}, follow=True)

        assert response.redirect_chain[-1][0] == base
        page = html_text.unescape(response.content.decode())
        assert "Choisissez d'abord une personne de la liste." in page
