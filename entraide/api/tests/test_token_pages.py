"""The tokens' pages under « Mon compte »: making a token shows its secret once, the list,
revoking; nobody reaches another person's token; the database never holds a secret."""

import html
import re
from typing import Any

import pytest
from django.apps import apps
from django.core import serializers
from django.db import connection
from django.test import Client

from conftest import Cast
from entraide.accounts.actions import delete_person
from entraide.api.actions import MAX_TOKENS, create_token
from entraide.api.models import ApiToken, digest_of
from entraide.api.tests.tokens import get, secret_for

pytestmark = pytest.mark.django_db

PAGE = "/compte/jetons/"
SECRET = re.compile(r"ent_[A-Za-z0-9_-]{43}")


def signed_in(client: Client, person: Any) -> Client:
    client.force_login(person)
    return client


def make(client: Client, **fields: str) -> Any:
    return client.post(PAGE, {"name": "Agenda", "scope": "read", "lifetime": "90", **fields})


def test_mon_compte_leads_to_the_tokens(client: Client, cast: Cast) -> None:
    page = html.unescape(signed_in(client, cast.bob).get("/compte/").content.decode())

    assert f"href=\"{PAGE}\">Mes jetons d'accès à l'API</a>" in page


def test_a_new_token_s_secret_is_shown_once_and_works(client: Client, cast: Cast) -> None:
    signed_in(client, cast.bob)

    made = make(client, name="Agenda du téléphone", scope="read_write", lifetime="30")
    secret = SECRET.findall(made.content.decode())
    listed = client.get(PAGE).content.decode()

    assert made.status_code == 200
    assert len(secret) == 1 and "Copiez-le maintenant" in made.content.decode()
    token = ApiToken.objects.get(user=cast.bob)
    assert (token.name, token.scope, token.prefix) == (
        "Agenda du téléphone",
        "read_write",
        secret[0][:10],
    )
    assert token.expires_at is not None
    # The list names it by its beginning only; the secret is never shown again.
    assert "Agenda du téléphone" in listed and f"{token.prefix}…" in listed
    assert secret[0] not in listed and SECRET.search(listed) is None
    assert get(Client(), "/api/v1/me/groups", secret[0]).status_code == 200


def test_a_token_without_a_name_is_refused_in_words(client: Client, cast: Cast) -> None:
    refused = make(signed_in(client, cast.bob), name="   ")

    assert refused.status_code == 400
    assert "Donnez un nom au jeton" in refused.content.decode()
    assert not ApiToken.objects.exists()


def test_one_person_keeps_a_bounded_number_of_tokens(client: Client, cast: Cast) -> None:
    for number in range(MAX_TOKENS):
        create_token(cast.bob, name=f"Outil {number}", scope="read", expires_at=None)

    refused = make(signed_in(client, cast.bob))

    assert refused.status_code == 400
    assert "supprimez-en un" in refused.content.decode()
    assert ApiToken.objects.filter(user=cast.bob).count() == MAX_TOKENS


def test_revoking_a_token_stops_it_at_once(client: Client, cast: Cast) -> None:
    secret = secret_for(cast.bob)
    token = ApiToken.objects.get(user=cast.bob)
    signed_in(client, cast.bob)

    revoked = client.post(f"{PAGE}{token.pk}/supprimer/")

    assert revoked.status_code == 302 and revoked["Location"] == PAGE
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert "ne marche plus" in client.get(PAGE).content.decode()
    assert get(Client(), "/api/v1/me/groups", secret).status_code == 401


def test_a_stranger_cannot_revoke_someone_else_s_token(client: Client, cast: Cast) -> None:
    secret_for(cast.bob)
    token = ApiToken.objects.get(user=cast.bob)
    signed_in(client, cast.dan)

    refused = client.post(f"{PAGE}{token.pk}/supprimer/")
    listed = client.get(PAGE).content.decode()

    assert refused.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert "Mon script" not in listed


def test_revoking_is_a_form_not_a_link(client: Client, cast: Cast) -> None:
    secret_for(cast.bob)
    token = ApiToken.objects.get(user=cast.bob)

    assert signed_in(client, cast.bob).get(f"{PAGE}{token.pk}/supprimer/").status_code == 405


def test_a_visitor_is_asked_to_log_in(client: Client) -> None:
    answer = client.get(PAGE)

    assert answer.status_code == 302 and "/compte/login/" in answer["Location"]


def test_the_database_never_holds_a_secret(client: Client, cast: Cast) -> None:
    made = make(signed_in(client, cast.bob), scope="read_write")
    secret = SECRET.findall(made.content.decode())[0]
    get(Client(), "/api/v1/me/groups", secret)

    everything = "".join(
        serializers.serialize("json", model._base_manager.all())
        for model in apps.get_models()
        if model._meta.db_table in connection.introspection.table_names()
    )

    assert secret not in everything
    assert secret[4:] not in everything
    assert ApiToken.objects.get().digest == digest_of(secret)


def test_deleting_an_account_deletes_its_tokens(cast: Cast) -> None:
    secret_for(cast.bob)
    secret_for(cast.alice)

    delete_person(cast.bob)

    assert list(ApiToken.objects.values_list("user__display_name", flat=True)) == ["Alice"]
