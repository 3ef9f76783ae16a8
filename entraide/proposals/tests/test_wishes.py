"""A person asks an organisation to be grouped with people who live near them, or takes it back."""

import html as html_text
from collections.abc import Callable

import pytest
from django.test import Client

from conftest import Cast
from entraide.audit.models import AuditEvent
from entraide.directory.models import Theme
from entraide.organisations.models import Organisation
from entraide.proposals.models import Wish

pytestmark = pytest.mark.django_db

WISH = "/organisations/centre-nantes/me-regrouper/"
WITHDRAW = WISH + "retirer/"


def page_of(client: Client, url: str = WISH) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html_text.unescape(response.content.decode())


def test_a_visitor_is_asked_to_log_in_and_comes_back(
    client: Client, organisation: Organisation
) -> None:
    response = client.get(WISH)

    assert response.status_code == 302
    assert response["Location"] == f"/compte/login/?next={WISH}"
    assert client.post(WITHDRAW)["Location"].startswith("/compte/login/")


def test_an_unknown_organisation_is_a_404(client: Client, cast: Cast) -> None:
    client.force_login(cast.dan)

    assert client.get("/organisations/nulle-part/me-regrouper/").status_code == 404
    assert client.post("/organisations/nulle-part/me-regrouper/retirer/").status_code == 404


def test_the_page_says_what_happens_and_what_the_postal_code_is_for(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    client.force_login(cast.dan)

    html = page_of(client)

    assert "Je cherche un groupe près de chez moi" in html
    assert "Vous recevez une invitation par e-mail" in html
    assert "Vous êtes libre de dire oui ou non." in html
    assert "seulement pour me proposer un groupe près de chez moi" in html
    assert "Personne d'autre ne le voit" in html
    assert "Je peux retirer ma demande à tout moment" in html
    # Dan's language is ticked for him.
    assert 'name="languages" value="fr" id="id_languages_0" checked' in html


def test_dan_asks_to_be_grouped(
    client: Client, cast: Cast, organisation: Organisation, theme: Callable[..., Theme]
) -> None:
    deuil = theme()
    client.force_login(cast.dan)

    response = client.post(
        WISH,
        {"place": "44300", "themes": [deuil.pk], "languages": ["fr", "en"], "consent": "on"},
    )

    assert response.status_code == 302
    wish = Wish.objects.get(user=cast.dan, organisation=organisation)
    assert (wish.postal_code, wish.country) == ("Nantes (44300)", "FR")
    assert (wish.lat, wish.lon) == pytest.approx((47.2173, -1.5534))
    assert wish.languages == "fr;en"
    assert list(wish.themes.all()) == [deuil]
    event = AuditEvent.objects.get(action=AuditEvent.Action.WISH_REGISTERED)
    assert (event.actor, event.subject, event.organisation_id) == (
        cast.dan,
        cast.dan,
        organisation.pk,
    )
    assert "Votre demande est enregistrée depuis le" in page_of(client)


def test_an_unknown_postal_code_is_explained_and_nothing_is_lost(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    client.force_login(cast.dan)

    response = client.post(WISH, {"place": "99999", "languages": ["en"], "consent": "on"})

    html = html_text.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Nous ne connaissons pas « 99999 »" in html
    assert 'value="99999"' in html
    assert 'value="en" id="id_languages_1" checked' in html
    assert not Wish.objects.exists()


def test_consent_is_required(client: Client, cast: Cast, organisation: Organisation) -> None:
    client.force_login(cast.dan)

    response = client.post(WISH, {"place": "Nantes", "languages": ["fr"]})

    html = html_text.unescape(response.content.decode())
    assert "Cochez cette case pour que l'organisation puisse utiliser votre code postal." in html
    assert 'value="Nantes (44000)"' in html or 'value="Nantes"' in html
    assert not Wish.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_language_is_required(client: Client, cast: Cast, organisation: Organisation) -> None:
    client.force_login(cast.dan)

    response = client.post(WISH, {"place": "Nantes", "consent": "on"})

    assert "Cochez au moins une langue." in html_text.unescape(response.content.decode())
    assert not Wish.objects.exists()


def test_asking_again_updates_the_one_wish(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    client.force_login(cast.dan)
    client.post(WISH, {"place": "44000", "languages": ["fr"], "consent": "on"})

    assert 'value="Nantes (44000)"' in page_of(client)
    client.post(WISH, {"place": "Rezé", "languages": ["fr", "ar"], "consent": "on"})

    wish = Wish.objects.get(user=cast.dan)
    assert wish.postal_code.startswith("Rezé")
    assert wish.languages == "fr;ar"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.WISH_REGISTERED).count() == 1


def test_a_wish_belongs_to_one_organisation(
    client: Client, cast: Cast, organisation: Organisation, elsewhere: Organisation
) -> None:
    client.force_login(cast.dan)
    client.post(WISH, {"place": "44000", "languages": ["fr"], "consent": "on"})
    client.post(
        "/organisations/centre-lyon/me-regrouper/",
        {"place": "69001", "languages": ["fr"], "consent": "on"},
    )

    assert Wish.objects.filter(user=cast.dan).count() == 2
    # Withdrawing from Lyon leaves the wish made to Nantes.
    client.post("/organisations/centre-lyon/me-regrouper/retirer/")
    assert [w.organisation for w in Wish.objects.filter(user=cast.dan)] == [organisation]


def test_dan_withdraws_his_wish(client: Client, cast: Cast, organisation: Organisation) -> None:
    client.force_login(cast.dan)
    client.post(WISH, {"place": "44000", "languages": ["fr"], "consent": "on"})

    assert client.get(WITHDRAW).status_code == 405
    response = client.post(WITHDRAW)

    assert response.status_code == 302
    assert not Wish.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.WISH_WITHDRAWN)
    assert (event.actor, event.subject) == (cast.dan, cast.dan)
    # Withdrawing again is harmless and writes nothing.
    client.post(WITHDRAW)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.WISH_WITHDRAWN).count() == 1


def test_nobody_withdraws_someone_else_s_wish(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    client.force_login(cast.dan)
    client.post(WISH, {"place": "44000", "languages": ["fr"], "consent": "on"})
    client.force_login(cast.bob)

    client.post(WITHDRAW)

    assert Wish.objects.filter(user=cast.dan).exists()
    assert "Votre demande est enregistrée depuis" not in page_of(client)


def test_the_organisation_page_and_my_account_lead_to_the_wish(
    client: Client, cast: Cast, organisation: Organisation
) -> None:
    assert f'href="{WISH}"' in page_of(client, "/organisations/centre-nantes/")
    client.force_login(cast.dan)
    assert WISH not in page_of(client, "/compte/")

    client.post(WISH, {"place": "44000", "languages": ["fr"], "consent": "on"})

    account = page_of(client, "/compte/")
    assert f'href="{WISH}"' in account
    assert "Nantes (44000)" in account
