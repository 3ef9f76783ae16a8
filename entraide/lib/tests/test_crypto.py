"""Encryption at rest: tokens, several keys, and the column that refuses to be searched."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.expressions import Value
from pytest_django import Settings as SettingsWrapper

from entraide.lib import crypto

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def test_a_token_hides_the_text_and_opens_with_the_key(settings: SettingsWrapper) -> None:
    settings.ENCRYPTION_KEYS = [KEY_A]

    token = crypto.encrypt("Je me suis sentie écoutée ce soir.")

    assert "écoutée" not in token
    assert token != crypto.encrypt("Je me suis sentie écoutée ce soir.")  # a fresh IV each time
    assert crypto.decrypt(token) == "Je me suis sentie écoutée ce soir."


def test_the_first_key_encrypts_and_every_key_decrypts(settings: SettingsWrapper) -> None:
    settings.ENCRYPTION_KEYS = [KEY_A]
    old = crypto.encrypt("ancien")

    settings.ENCRYPTION_KEYS = [KEY_B, KEY_A]
    new = crypto.encrypt("nouveau")

    assert crypto.decrypt(old) == "ancien"
    assert crypto.is_under_first_key(new)
    assert not crypto.is_under_first_key(old)
    settings.ENCRYPTION_KEYS = [KEY_B]
    assert crypto.decrypt(new) == "nouveau"
    with pytest.raises(crypto.UnreadableValueError):
        crypto.decrypt(old)


def test_a_malformed_key_is_a_configuration_error(settings: SettingsWrapper) -> None:
    settings.ENCRYPTION_KEYS = ["not-a-fernet-key"]

    with pytest.raises(ImproperlyConfigured, match="32 url-safe base64"):
        crypto.encrypt("x")


def test_no_key_at_all_is_a_configuration_error(settings: SettingsWrapper) -> None:
    settings.ENCRYPTION_KEYS = []

    with pytest.raises(ImproperlyConfigured, match="Set ENCRYPTION_KEYS"):
        crypto.encrypt("x")


def test_the_fields_store_tokens_and_give_back_values(settings: SettingsWrapper) -> None:
    settings.ENCRYPTION_KEYS = [KEY_A]
    text_field = crypto.EncryptedTextField()
    json_field = crypto.EncryptedJSONField()

    text_token = text_field.get_prep_value("mes mots")
    json_token = json_field.get_prep_value({"humeur": 4, "mots": "apaisée"})

    assert "mes mots" not in text_token
    assert "apaisée" not in json_token
    assert text_field.from_db_value(text_token, Value(""), connection) == "mes mots"
    assert json_field.from_db_value(json_token, Value(""), connection) == {
        "humeur": 4,
        "mots": "apaisée",
    }
    assert text_field.get_prep_value(None) is None
    assert text_field.from_db_value(None, Value(""), connection) is None


def test_an_encrypted_column_cannot_be_searched() -> None:
    field = crypto.EncryptedTextField()

    assert field.get_lookup("icontains") is None
    assert field.get_lookup("exact") is None
    assert field.get_lookup("isnull") is not None
